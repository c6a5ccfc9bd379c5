// ONNX contraction ops.
import type { OnnxConverter } from '../context.ts';

export const CONTRACTION_CONVERTERS: Record<string, OnnxConverter> = {
};

// ONNX reduce ops.
import type { OnnxConverter } from '../context.ts';

export const REDUCE_CONVERTERS: Record<string, OnnxConverter> = {
};

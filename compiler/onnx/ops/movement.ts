// ONNX movement ops.
import type { OnnxConverter } from '../context.ts';

export const MOVEMENT_CONVERTERS: Record<string, OnnxConverter> = {
};

// ONNX recurrent ops.
import type { OnnxConverter } from '../context.ts';

export const RECURRENT_CONVERTERS: Record<string, OnnxConverter> = {
};

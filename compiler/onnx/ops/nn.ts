// ONNX nn ops.
import type { OnnxConverter } from '../context.ts';

export const NN_CONVERTERS: Record<string, OnnxConverter> = {
};

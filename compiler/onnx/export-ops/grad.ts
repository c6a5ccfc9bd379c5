// Backward-only ops: gradient rules emit them inside train-step graphs; ONNX has no counterpart, so a
// graph that holds one (a differentiated graph) is refused by name rather than written incompletely.
import type { GradOpName } from '../../../ir/ops/index.ts';
import type { ExportTable } from '../export-context.ts';

const backward = (what: string) => ({ unsupported: `${what} is a backward-only op of kiln's train step; export the forward graph` });

export const GRAD_EXPORT: ExportTable<GradOpName> = {
  ConvWeightGrad: backward('ConvWeightGrad'),
  MaxPoolGrad: backward('MaxPoolGrad'),
  AveragePoolGrad: backward('AveragePoolGrad'),
};

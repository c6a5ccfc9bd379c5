// Contraction ops to ONNX: one to one. Convolution pads, strides and dilations are explicit in the IR
// (auto_pad resolved at import), so they are written as they are; empty lists are ONNX's defaults.
import type { ContractionOpName } from '../../../ir/ops/index.ts';
import type { ExportTable } from '../export-context.ts';
import { direct } from './util.ts';

export const CONTRACTION_EXPORT: ExportTable<ContractionOpName> = {
  MatMul: direct(),
  Gemm: direct(),
  Conv: direct(),
  ConvTranspose: direct(),
  Einsum: direct(),
};

// WGSL lowerings of the contraction ops: MatMul and Gemm share the tiled matmul kernel (matmul.ts), Conv is an
// implicit GEMM on the same kernel and ConvTranspose a direct gather kernel (conv.ts), Einsum a generic
// sum-of-products loop (einsum.ts).
import type { ContractionOpName } from '../../../ir/ops/index.ts';
import type { Lowering } from '../kernel.ts';
import { convLowering } from './conv.ts';
import { convTransposeLowering } from './conv-transpose.ts';
import { einsumLowering } from './einsum.ts';
import { gemmLowering, matmulLowering } from './matmul.ts';

export const CONTRACTION_LOWERINGS: { [K in ContractionOpName]: Lowering } = {
  MatMul: matmulLowering,
  Gemm: gemmLowering,
  Conv: convLowering,
  ConvTranspose: convTransposeLowering,
  Einsum: einsumLowering,
};

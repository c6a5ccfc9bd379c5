// WGSL lowerings of the contraction ops.
import type { ContractionOpName } from '../../../ir/ops/index.ts';
import { CONTRACTION_OPS } from '../../../ir/ops/contraction.ts';
import { type Lowering, notOnGpu } from '../kernel.ts';

export const CONTRACTION_LOWERINGS = Object.fromEntries(
  Object.keys(CONTRACTION_OPS).map((op) => [op, notOnGpu('not written yet')]),
) as { [K in ContractionOpName]: Lowering };

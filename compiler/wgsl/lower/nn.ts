// WGSL lowerings of the nn ops.
import type { NnOpName } from '../../../ir/ops/index.ts';
import { NN_OPS } from '../../../ir/ops/nn.ts';
import { type Lowering, notOnGpu } from '../kernel.ts';

export const NN_LOWERINGS = Object.fromEntries(
  Object.keys(NN_OPS).map((op) => [op, notOnGpu('not written yet')]),
) as { [K in NnOpName]: Lowering };

// WGSL lowerings of the recurrent ops.
import type { RecurrentOpName } from '../../../ir/ops/index.ts';
import { RECURRENT_OPS } from '../../../ir/ops/recurrent.ts';
import { type Lowering, notOnGpu } from '../kernel.ts';

export const RECURRENT_LOWERINGS = Object.fromEntries(
  Object.keys(RECURRENT_OPS).map((op) => [op, notOnGpu('not written yet')]),
) as { [K in RecurrentOpName]: Lowering };

// WGSL lowerings of the reduce ops.
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import { REDUCE_OPS } from '../../../ir/ops/reduce.ts';
import { type Lowering, notOnGpu } from '../kernel.ts';

export const REDUCE_LOWERINGS = Object.fromEntries(
  Object.keys(REDUCE_OPS).map((op) => [op, notOnGpu('not written yet')]),
) as { [K in ReduceOpName]: Lowering };

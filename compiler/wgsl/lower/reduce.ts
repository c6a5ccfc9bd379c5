// WGSL lowerings of the reduce ops. Composite ops are decomposed into primitives before codegen.
import type { OpDef } from '../../../ir/op.ts';
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import { REDUCE_OPS } from '../../../ir/ops/reduce.ts';
import { decomposed, type Lowering, notOnGpu } from '../kernel.ts';

export const REDUCE_LOWERINGS = Object.fromEntries(
  Object.entries(REDUCE_OPS as Record<string, OpDef>).map(([op, def]) => [op, def.composite ? decomposed : notOnGpu('not written yet')]),
) as { [K in ReduceOpName]: Lowering };

// WGSL lowerings of the recurrent ops. Composite ops are decomposed into primitives before codegen.
import type { OpDef } from '../../../ir/op.ts';
import type { RecurrentOpName } from '../../../ir/ops/index.ts';
import { RECURRENT_OPS } from '../../../ir/ops/recurrent.ts';
import { decomposed, type Lowering, notOnGpu } from '../kernel.ts';

export const RECURRENT_LOWERINGS = Object.fromEntries(
  Object.entries(RECURRENT_OPS as Record<string, OpDef>).map(([op, def]) => [op, def.composite ? decomposed : notOnGpu('not written yet')]),
) as { [K in RecurrentOpName]: Lowering };

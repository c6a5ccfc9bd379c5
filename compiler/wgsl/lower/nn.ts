// WGSL lowerings of the nn ops. Composite ops are decomposed into primitives before codegen.
import type { OpDef } from '../../../ir/op.ts';
import type { NnOpName } from '../../../ir/ops/index.ts';
import { NN_OPS } from '../../../ir/ops/nn.ts';
import { decomposed, type Lowering, notOnGpu } from '../kernel.ts';

export const NN_LOWERINGS = Object.fromEntries(
  Object.entries(NN_OPS as Record<string, OpDef>).map(([op, def]) => [op, def.composite ? decomposed : notOnGpu('not written yet')]),
) as { [K in NnOpName]: Lowering };

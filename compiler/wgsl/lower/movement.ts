// WGSL lowerings of the movement ops. Composite ops are decomposed into primitives before codegen.
import type { OpDef } from '../../../ir/op.ts';
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { MOVEMENT_OPS } from '../../../ir/ops/movement.ts';
import { decomposed, type Lowering, notOnGpu } from '../kernel.ts';

export const MOVEMENT_LOWERINGS = Object.fromEntries(
  Object.entries(MOVEMENT_OPS as Record<string, OpDef>).map(([op, def]) => [op, def.composite ? decomposed : notOnGpu('not written yet')]),
) as { [K in MovementOpName]: Lowering };

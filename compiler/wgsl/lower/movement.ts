// WGSL lowerings of the movement ops.
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { MOVEMENT_OPS } from '../../../ir/ops/movement.ts';
import { type Lowering, notOnGpu } from '../kernel.ts';

export const MOVEMENT_LOWERINGS = Object.fromEntries(
  Object.keys(MOVEMENT_OPS).map((op) => [op, notOnGpu('not written yet')]),
) as { [K in MovementOpName]: Lowering };

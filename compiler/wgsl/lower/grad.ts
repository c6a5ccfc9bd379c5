// WGSL lowerings of the backward-only ops.
import type { OpDef } from '../../../ir/op.ts';
import type { GradOpName } from '../../../ir/ops/index.ts';
import { GRAD_OPS } from '../../../ir/ops/grad.ts';
import { type Lowering, notOnGpu } from '../kernel.ts';

export const GRAD_LOWERINGS = Object.fromEntries(
  Object.entries(GRAD_OPS as Record<string, OpDef>).map(([op]) => [op, notOnGpu('not written yet')]),
) as { [K in GradOpName]: Lowering };

// WGSL lowerings of the contraction ops. Composite ops are decomposed into primitives before codegen.
import type { OpDef } from '../../../ir/op.ts';
import type { ContractionOpName } from '../../../ir/ops/index.ts';
import { CONTRACTION_OPS } from '../../../ir/ops/contraction.ts';
import { decomposed, type Lowering, notOnGpu } from '../kernel.ts';

export const CONTRACTION_LOWERINGS = Object.fromEntries(
  Object.entries(CONTRACTION_OPS as Record<string, OpDef>).map(([op, def]) => [op, def.composite ? decomposed : notOnGpu('not written yet')]),
) as { [K in ContractionOpName]: Lowering };

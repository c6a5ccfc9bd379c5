// WGSL lowerings of the nn ops: the pools (pool.ts). Composite ops (the normalizations) are decomposed into
// primitives before codegen.
import type { OpDef } from '../../../ir/op.ts';
import type { NnOpName } from '../../../ir/ops/index.ts';
import { NN_OPS } from '../../../ir/ops/nn.ts';
import { decomposed, type Lowering, notOnGpu } from '../kernel.ts';
import { POOL_LOWERINGS } from './pool.ts';

const LOWERED: Partial<Record<NnOpName, Lowering>> = POOL_LOWERINGS;

export const NN_LOWERINGS = Object.fromEntries(
  Object.entries(NN_OPS as Record<string, OpDef>).map(([op, def]) => [op, def.composite ? decomposed : LOWERED[op as NnOpName] ?? notOnGpu('not written yet')]),
) as { [K in NnOpName]: Lowering };

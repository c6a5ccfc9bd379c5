// contraction ops (see ir/ops/index.ts).
import type { OpDef } from '../op.ts';

export const CONTRACTION_OPS = {
} as const satisfies Record<string, OpDef>;

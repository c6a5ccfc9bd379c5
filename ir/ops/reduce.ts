// reduce ops (see ir/ops/index.ts).
import type { OpDef } from '../op.ts';

export const REDUCE_OPS = {
} as const satisfies Record<string, OpDef>;

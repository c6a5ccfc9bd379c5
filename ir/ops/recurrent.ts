// recurrent ops (see ir/ops/index.ts).
import type { OpDef } from '../op.ts';

export const RECURRENT_OPS = {
} as const satisfies Record<string, OpDef>;

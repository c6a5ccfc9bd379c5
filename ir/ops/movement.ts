// movement ops (see ir/ops/index.ts).
import type { OpDef } from '../op.ts';

export const MOVEMENT_OPS = {
} as const satisfies Record<string, OpDef>;

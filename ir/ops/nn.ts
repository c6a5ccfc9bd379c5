// nn ops (see ir/ops/index.ts).
import type { OpDef } from '../op.ts';

export const NN_OPS = {
} as const satisfies Record<string, OpDef>;

// Backward-only ops that gradient rules emit where primitives would be awkward (e.g. pooling and
// convolution-weight gradients). Each is a full op: shape rule here, CPU kernel, WGSL lowering.
import type { OpDef } from '../op.ts';

export const GRAD_OPS = {
} as const satisfies Record<string, OpDef>;

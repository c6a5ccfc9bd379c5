// Ops whose result is not a function of their inputs and attributes alone: every op with a `seed`
// attribute (e.g. DropoutMask) draws random numbers. CSE never merges them, constant folding never runs them.
import { OPS, type OpName } from '../ir/ops/index.ts';

export const IMPURE_OPS: ReadonlySet<OpName> = new Set((Object.keys(OPS) as OpName[]).filter((op) => 'seed' in OPS[op].attrs));

// Decomposition rules of the recurrent composites.
import type { OpName } from '../../ir/ops/index.ts';
import type { DecomposeRule } from './rule.ts';

export const RECURRENT_DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = {};

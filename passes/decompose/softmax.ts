// Decomposition rules of the softmax composites.
import type { OpName } from '../../ir/ops/index.ts';
import type { DecomposeRule } from './rule.ts';

export const SOFTMAX_DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = {};

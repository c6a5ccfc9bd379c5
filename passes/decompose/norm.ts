// Decomposition rules of the norm composites.
import type { OpName } from '../../ir/ops/index.ts';
import type { DecomposeRule } from './rule.ts';

export const NORM_DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = {};

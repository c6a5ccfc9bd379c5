// Decomposition rules of the loss composites.
import type { OpName } from '../../ir/ops/index.ts';
import type { DecomposeRule } from './rule.ts';

export const LOSS_DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = {};

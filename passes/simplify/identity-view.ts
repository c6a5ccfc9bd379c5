// A view that changes nothing is removed: a Reshape, Squeeze, Unsqueeze or Flatten whose output shape is
// its input's, a Transpose by the identity permutation, an Expand to the input's own shape.
import { sameShape } from '../../ir/shape.ts';
import { transposePerm } from '../../ir/ops/movement.ts';
import type { Node } from '../../ir/graph.ts';
import { RESHAPE_LIKE, type SimplifyRule } from './rule.ts';

const keepsShape = (n: Node): boolean => sameShape(n.inputs[0]!.type.shape, n.outputs[0].type.shape);

const isIdentityPerm = (n: Node): boolean =>
  transposePerm(n.inputs[0]!.type.shape.length, n.attrs.perm as readonly number[]).every((p, i) => p === i);

export const identityView: SimplifyRule = {
  name: 'identity-view',
  ops: [...RESHAPE_LIKE, 'Transpose', 'Expand'],
  apply(n) {
    const identity = n.op === 'Transpose' ? isIdentityPerm(n) : keepsShape(n);
    return identity ? { value: n.inputs[0]! } : undefined;
  },
};

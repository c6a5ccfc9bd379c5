// Transpose(Transpose(x, p1), p2) → Transpose(x, q) with q[k] = p1[p2[k]] (output dim k reads dim
// p2[k] of the inner result, which reads dim p1[p2[k]] of x). An identity q is then removed by identity-view.
import { transposePerm } from '../../ir/ops/movement.ts';
import type { SimplifyRule } from './rule.ts';

export const transposeChain: SimplifyRule = {
  name: 'transpose-chain',
  ops: ['Transpose'],
  apply(n, cx) {
    const inner = cx.producer(n.inputs[0]);
    if (inner?.op !== 'Transpose') return undefined;
    const x = inner.inputs[0]!;
    const p1 = transposePerm(x.type.shape.length, inner.attrs.perm as readonly number[]);
    const p2 = transposePerm(x.type.shape.length, n.attrs.perm as readonly number[]);
    return { node: { ...n, inputs: [x], attrs: { perm: p2.map((k) => p1[k]) } } };
  },
};

// A chain of shape-only views (Reshape, Squeeze, Unsqueeze, Flatten) is one Reshape: when a node of that
// family reads the output of another, it becomes Reshape(x) of the inner node's input x to its own output
// shape (all of them keep row-major element order). Same-shape results are then removed by identity-view.
import { RESHAPE_LIKE, type SimplifyRule } from './rule.ts';

export const reshapeChain: SimplifyRule = {
  name: 'reshape-chain',
  ops: RESHAPE_LIKE,
  apply(n, cx) {
    const inner = cx.producer(n.inputs[0]);
    if (!inner || !RESHAPE_LIKE.includes(inner.op)) return undefined;
    return { node: { ...n, op: 'Reshape', inputs: [inner.inputs[0]!], attrs: { shape: [...n.outputs[0].type.shape] } } };
  },
};

// Reverse-mode autodiff over a graph of primitives (it runs after passes/decompose). Algorithm:
//   1. forward: the values that depend on a `wrt` value through differentiable float paths are active;
//   2. backward: of those, the ones the loss depends on need a gradient;
//   3. walk the nodes in reverse topological order from the seed d loss / d loss = 1: each node whose outputs
//      have gradients applies its op's rule to every input that needs one; several uses add up (Add).
// The backward nodes are appended to the graph; the caller decides which gradients become outputs.
import { isFloat } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import type { Pass } from '../pass.ts';
import { fmt, numel, sameShape } from '../../ir/shape.ts';
import { tensor } from '../../ir/tensor.ts';
import { GradBuilder, type GradEntry, isNonDiff } from './rule.ts';
import { CONTRACTION_GRADS } from './rules/contraction.ts';
import { ELEMENTWISE_GRADS } from './rules/elementwise.ts';
import { MOVEMENT_GRADS } from './rules/movement.ts';
import { GRAD_OP_GRADS, NN_GRADS, RECURRENT_GRADS } from './rules/nn.ts';
import { REDUCE_GRADS } from './rules/reduce.ts';
import { VISION_GRADS } from './rules/vision.ts';

/** The gradient rule of every op (a missing entry fails tsc). */
export const GRAD_RULES: { readonly [K in OpName]: GradEntry } = {
  ...ELEMENTWISE_GRADS,
  ...REDUCE_GRADS,
  ...MOVEMENT_GRADS,
  ...CONTRACTION_GRADS,
  ...NN_GRADS,
  ...RECURRENT_GRADS,
  ...GRAD_OP_GRADS,
  ...VISION_GRADS,
};

function fail(detail: string, node?: Node): never {
  throw new KilnError('GRADIENT', `autodiff: ${detail}`, node ? { node: node.name, op: node.op, shapes: node.inputs.map((v) => v?.type.shape) } : {});
}

/** Values that depend on `wrt` through ops with a gradient (zero-gradient ops and integer values stop it). */
function activeValues(g: Graph, wrt: readonly Value[]): Set<Value> {
  const active = new Set(wrt);
  for (const n of g.nodes) {
    const entry = GRAD_RULES[n.op];
    if (isNonDiff(entry) && entry.nonDiff === 'zero') continue;
    if (!n.inputs.some((v) => v && active.has(v))) continue;
    for (const o of n.outputs) if (isFloat(o.type.dtype)) active.add(o);
  }
  return active;
}

/**
 * Appends the backward graph of `loss` (a float scalar, shape [] or [1]) to `graph` and returns
 * d loss / d w for every w in `wrt` (a zero constant where the loss does not depend on w).
 */
export function gradients(graph: Graph, loss: Value, wrt: readonly Value[]): Map<Value, Value> {
  if (!isFloat(loss.type.dtype) || numel(loss.type.shape) !== 1 || loss.type.shape.length > 1) {
    fail(`the loss '${loss.name}' must be a float scalar (shape [] or [1]), got ${loss.type.dtype}${fmt(loss.type.shape)}`);
  }
  for (const w of wrt) if (!isFloat(w.type.dtype)) fail(`cannot differentiate with respect to '${w.name}' of dtype ${w.type.dtype}`);
  const active = activeValues(graph, wrt);
  // Values on a path from wrt to the loss, and the nodes that carry their gradients (in reverse order).
  const needed = new Set<Value>(active.has(loss) ? [loss] : []);
  const path: Node[] = [];
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const n = graph.nodes[k];
    if (!n.outputs.some((v) => needed.has(v))) continue;
    path.push(n);
    for (const v of n.inputs) if (v && active.has(v)) needed.add(v);
  }
  const grads = new Map<Value, Value>();
  const accumulate = (v: Value, d: Value, b: GradBuilder) => {
    if (d.type.dtype !== v.type.dtype || !sameShape(d.type.shape, v.type.shape)) {
      fail(`gradient rule gave ${d.type.dtype}${fmt(d.type.shape)} for '${v.name}' of type ${v.type.dtype}${fmt(v.type.shape)}`, b.node);
    }
    const prev = grads.get(v);
    grads.set(v, prev ? b.accumulate(prev, d) : d);
  };
  if (needed.has(loss)) grads.set(loss, graph.addConstant(tensor(loss.type.dtype, loss.type.shape, [1]), 'grad_seed'));

  for (const node of path) {
    const dys = node.outputs.map((v) => grads.get(v));
    if (dys.every((d) => d === undefined)) continue;
    const entry = GRAD_RULES[node.op];
    if (isNonDiff(entry)) {
      if (entry.nonDiff === 'decomposed') fail(`${node.op} is ${entry.why}`, node);
      if (entry.nonDiff === 'error') fail(`the gradient must flow through ${node.op}, which is not differentiable: ${entry.why}`, node);
      continue;
    }
    const b = new GradBuilder(graph, node, dys);
    node.inputs.forEach((v, i) => {
      if (!v || !needed.has(v)) return;
      const rule = typeof entry === 'function' ? entry : entry[i];
      if (!rule) fail(`${node.op} is not differentiable with respect to its input ${i} ('${v.name}')`, node);
      const d = rule(b, i);
      if (d) accumulate(v, d, b);
    });
  }
  return new Map(wrt.map((w) => [w, grads.get(w) ?? graph.addConstant(tensor(w.type.dtype, w.type.shape), `grad_zero_${w.name}`)]));
}

/**
 * Autodiff as a pass: differentiates graph output 0 (the loss) with respect to `wrt(g)` (by default every
 * float parameter, in definition order) and appends those gradients to the graph outputs in that order.
 */
export const autodiffPass = (wrt: (g: Graph) => Value[] = (g) => [...g.params.values()].filter((v) => isFloat(v.type.dtype))): Pass => ({
  name: 'autodiff',
  run(g: Graph) {
    const ws = wrt(g);
    const grads = gradients(g, g.outputs[0], ws);
    g.outputs = [...g.outputs, ...ws.map((w) => grads.get(w)!)];
  },
});

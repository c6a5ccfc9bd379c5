// Decomposition: composite ops (softmax, normalizations, losses, recurrent cells) become primitives so
// that codegen and autodiff see a small op set. Rules live by family; a node whose op has a rule is
// replaced by the rule's nodes, which are decomposed again until only primitives remain.
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { OPS } from '../../ir/ops/index.ts';
import { sameShape } from '../../ir/shape.ts';
import type { Pass } from '../pass.ts';
import { LOSS_DECOMPOSITIONS } from './loss.ts';
import { NORM_DECOMPOSITIONS } from './norm.ts';
import { RECURRENT_DECOMPOSITIONS } from './recurrent.ts';
import { Emitter, type DecomposeRule } from './rule.ts';
import { SOFTMAX_DECOMPOSITIONS } from './softmax.ts';

export const DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = {
  ...SOFTMAX_DECOMPOSITIONS,
  ...NORM_DECOMPOSITIONS,
  ...LOSS_DECOMPOSITIONS,
  ...RECURRENT_DECOMPOSITIONS,
};

/** Rewrites every composite node of `g` (recursively) into primitives. */
export function decompose(g: Graph): void {
  const old = g.nodes;
  g.nodes = [];
  const subst = new Map<Value, Value>();
  const sub = (v: Value | undefined) => (v ? subst.get(v) ?? v : v);
  const withSubst = (n: Node): Node => (n.inputs.some((v) => v && subst.has(v)) ? { ...n, inputs: n.inputs.map(sub) } : n);
  const expand = (node: Node, depth: number): void => {
    const rule = DECOMPOSITIONS[node.op];
    if (!rule) {
      g.nodes.push(node);
      return;
    }
    if (depth > 16) throw new KilnError('VERIFY', 'decomposition does not terminate', { node: node.name, op: node.op });
    const start = g.nodes.length;
    const outs = keepOutputValues(node, rule(new Emitter(g, node), node), g.nodes, start);
    const emitted = g.nodes.splice(start);
    for (const n of emitted) expand(withSubst(n), depth + 1);
    node.outputs.forEach((v, i) => {
      const r = outs[i];
      if (r && r !== v) subst.set(v, sub(r)!);
    });
  };
  for (const n of old) expand(withSubst(n), 0);
  for (const [target, source] of g.updates) g.updates.set(target, sub(source)!);
  g.outputs = g.outputs.map((v) => {
    const r = sub(v)!;
    if (!r) throw new KilnError('VERIFY', `graph output '${v.name}' was dropped by decomposition`);
    return r;
  });
}

/**
 * Where a rule's result for output i is computed by one of its emitted nodes (and has the output's
 * type), that node is made to define the composite's original Value instead: graph outputs keep their
 * names and consumers need no substitution.
 */
function keepOutputValues(node: Node, outs: (Value | undefined)[], nodes: Node[], start: number): (Value | undefined)[] {
  const rename = new Map<Value, Value>();
  outs.forEach((r, i) => {
    const v = node.outputs[i];
    if (!r || !v || rename.has(r) || r.type.dtype !== v.type.dtype || !sameShape(r.type.shape, v.type.shape)) return;
    if (nodes.slice(start).some((n) => n.outputs.includes(r))) rename.set(r, v);
  });
  if (rename.size === 0) return outs;
  const re = <T extends Value | undefined>(x: T): T => ((x && rename.get(x)) ?? x) as T;
  for (let k = start; k < nodes.length; k++) nodes[k] = { ...nodes[k], inputs: nodes[k].inputs.map(re), outputs: nodes[k].outputs.map(re) };
  return outs.map(re);
}

export const decomposition: Pass = { name: 'decompose', run: decompose };

/** Composite ops that still lack a rule (listed so a missing rule is an error, not a silent CPU path). */
export const missingDecompositions = (): OpName[] =>
  (Object.keys(OPS) as OpName[]).filter((op) => (OPS[op] as { composite?: boolean }).composite && !DECOMPOSITIONS[op]);

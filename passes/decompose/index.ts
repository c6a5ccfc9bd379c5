// Decomposition: composite ops (softmax, normalizations, losses, recurrent cells) become primitives so
// that codegen and autodiff see a small op set. Rules live by family; a node whose op has a rule is
// replaced by the rule's nodes, which are decomposed again until only primitives remain.
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { OPS } from '../../ir/ops/index.ts';
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
    const outs = rule(new Emitter(g, node), node);
    const emitted = g.nodes.splice(start);
    for (const n of emitted) expand(withSubst(n), depth + 1);
    node.outputs.forEach((v, i) => {
      const r = outs[i];
      if (r) subst.set(v, r);
    });
  };
  for (const n of old) expand(withSubst(n), 0);
  g.outputs = g.outputs.map((v) => {
    const r = sub(v)!;
    if (!r) throw new KilnError('VERIFY', `graph output '${v.name}' was dropped by decomposition`);
    return r;
  });
}

export const decomposition: Pass = { name: 'decompose', run: decompose };

/** Composite ops that still lack a rule (listed so a missing rule is an error, not a silent CPU path). */
export const missingDecompositions = (): OpName[] =>
  (Object.keys(OPS) as OpName[]).filter((op) => (OPS[op] as { composite?: boolean }).composite && !DECOMPOSITIONS[op]);

// Common-subexpression elimination. One forward walk in topological order:
//   1. small frozen constants (see frozen.ts) with equal dtype, shape and bytes become one constant;
//   2. a node whose op, inputs (by Value identity, after earlier merges) and attributes equal an earlier
//      node's is dropped and its outputs are replaced by the earlier node's (Substitution keeps the
//      identity of graph outputs and update sources).
// Ops that draw random numbers (impure.ts) are never merged.
import type { Graph, Node, Value } from '../ir/graph.ts';
import type { Attrs } from '../ir/op.ts';
import type { Tensor } from '../ir/tensor.ts';
import { frozenReader } from './frozen.ts';
import { IMPURE_OPS } from './impure.ts';
import type { Pass } from './pass.ts';
import { Substitution } from './substitution.ts';

/** Constants up to this many elements are compared by content. */
export const CSE_MAX_CONSTANT_ELEMENTS = 64;

const attrKey = (a: Attrs): string => JSON.stringify(Object.keys(a).sort().map((k) => [k, a[k]]));

const nodeKey = (n: Node): string => `${n.op}(${n.inputs.map((v) => (v ? v.id : '_')).join(',')})${attrKey(n.attrs)}`;

const constantKey = (t: Tensor): string =>
  `${t.dtype}[${t.shape.join(',')}]:${Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('base64')}`;

/** Merges equal small frozen constants; returns how many it removed. */
function mergeConstants(g: Graph, sub: Substitution): number {
  const frozen = frozenReader(g);
  const first = new Map<string, Value>();
  let removed = 0;
  for (const [v, t] of [...g.constants]) {
    if (!frozen(v) || t.data.length > CSE_MAX_CONSTANT_ELEMENTS) continue;
    const key = constantKey(t);
    const keep = first.get(key);
    if (!keep) first.set(key, v);
    else if (sub.replace([v], [keep])) {
      g.constants.delete(v);
      removed++;
    }
  }
  return removed;
}

export function eliminateCommonSubexpressions(g: Graph): void {
  const sub = new Substitution(g);
  mergeConstants(g, sub);
  const seen = new Map<string, Node>();
  const kept: Node[] = [];
  for (const old of g.nodes) {
    const n = sub.inputsOf(old);
    const key = IMPURE_OPS.has(n.op) ? undefined : nodeKey(n);
    const twin = key === undefined ? undefined : seen.get(key);
    if (twin && sub.replace(n.outputs, twin.outputs)) continue;
    if (key !== undefined && !twin) seen.set(key, n);
    sub.define(n);
    kept.push(n);
  }
  sub.finish(g, kept);
}

export const cse: Pass = { name: 'cse', run: eliminateCommonSubexpressions };

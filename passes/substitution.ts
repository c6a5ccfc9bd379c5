// Value substitution with output-keeping, shared by the rewriting passes (CSE, simplification). A pass
// that drops a node says which existing value replaces each of its outputs. Graph outputs and state-update
// sources are *pinned*: their Value (and so their name) must survive. A pinned value v replaced by r is
// kept by renaming instead: r's producer is made to define v, and every reader of r reads v. That is legal
// only when r is a node output of the same type that is not itself pinned (or renamed already); otherwise
// the rewrite is refused and the pass keeps the node.
import type { Graph, Node, Value } from '../ir/graph.ts';
import { sameShape } from '../ir/shape.ts';

const sameType = (a: Value, b: Value): boolean => a.type.dtype === b.type.dtype && sameShape(a.type.shape, b.type.shape);

export class Substitution {
  private readonly subst = new Map<Value, Value>();
  private readonly rename = new Map<Value, Value>();
  private readonly pinned: Set<Value>;
  /** Node outputs of the rewritten graph so far: the values a pinned value may take the place of. */
  private readonly defined = new Set<Value>();

  constructor(g: Graph) {
    this.pinned = new Set([...g.outputs, ...g.updates.values()]);
  }

  /** Records the outputs of a node that stays in the graph. */
  define(n: Node): void {
    for (const v of n.outputs) this.defined.add(v);
  }

  /** The value that now stands for `v`. */
  resolve<T extends Value | undefined>(v: T): T {
    if (!v) return v;
    let r: Value = v;
    while (this.subst.has(r)) r = this.subst.get(r)!;
    return (this.rename.get(r) ?? r) as T;
  }

  /** A node with its inputs resolved. */
  inputsOf(n: Node): Node {
    return n.inputs.some((v) => v && this.resolve(v) !== v) ? { ...n, inputs: n.inputs.map((v) => this.resolve(v)) } : n;
  }

  /** Whether every vs[i] may be replaced by rs[i] (types equal; pinned values only by renaming a free node output). */
  canReplace(vs: readonly Value[], rs: readonly Value[]): boolean {
    const claimed = new Set<Value>();
    return vs.every((v, i) => {
      const r = this.resolve(rs[i]);
      if (!r || !sameType(v, r) || r === v) return false;
      if (!this.pinned.has(v)) return true;
      const free = this.defined.has(r) && !this.pinned.has(r) && !claimed.has(r);
      claimed.add(r);
      return free;
    });
  }

  /** Replaces each vs[i] by rs[i]; returns false, changing nothing, when canReplace refuses. */
  replace(vs: readonly Value[], rs: readonly Value[]): boolean {
    if (!this.canReplace(vs, rs)) return false;
    vs.forEach((v, i) => {
      const r = this.resolve(rs[i]);
      if (this.pinned.has(v)) {
        this.rename.set(r, v);
        this.pinned.add(r);
      } else {
        this.subst.set(v, r);
      }
    });
    return true;
  }

  /** Writes the renames and substitutions into the graph's nodes, outputs and update sources. */
  finish(g: Graph, nodes: readonly Node[]): void {
    const out = (v: Value) => this.rename.get(v) ?? v;
    g.nodes = nodes.map((n) => {
      const inputs = n.inputs.map((v) => this.resolve(v));
      const outputs = n.outputs.map(out);
      const changed = inputs.some((v, i) => v !== n.inputs[i]) || outputs.some((v, i) => v !== n.outputs[i]);
      return changed ? { ...n, inputs, outputs } : n;
    });
    g.outputs = g.outputs.map((v) => this.resolve(v));
    for (const [k, v] of g.updates) g.updates.set(k, this.resolve(v));
  }
}

// What the fusion walk knows about a graph: producers, view chains, uses (through views), which values
// escape (graph outputs, state updates), and the shape facts fusion decisions rest on: reading at one's
// own flat index, row broadcasts, scalar literals.
import type { Graph, Node, Value } from '../ir/graph.ts';
import { OPS } from '../ir/ops/index.ts';
import { reducedAxes } from '../ir/ops/reduce.ts';
import { numel, sameShape, type Shape } from '../ir/shape.ts';
import { broadcastView, contiguous, isContiguous, type View } from '../ir/view.ts';
import { ViewChains } from '../ir/view-rules.ts';

export const kindOf = (n: Node) => OPS[n.op].kind;

/** The axes a reduction folds, for reductions that say so by attribute (the Reduce* ops). */
export function foldedAxes(n: Node): readonly number[] | undefined {
  const x = n.inputs[0];
  if (!x || n.inputs.length !== 1 || n.attrs.axes === undefined) return undefined;
  return reducedAxes(x.type.shape.length, n.attrs);
}

/**
 * Whether `via` (a value of shape kept-by-`axes`) reaches `full` as a row broadcast: each element of a row
 * reads its own row's value. Row kernels rely on it: a workgroup holds one row's reductions.
 */
export function isRowBroadcast(view: View | undefined, full: Shape, axes: readonly number[]): boolean {
  if (!view) return false;
  const keptShape = full.map((d, i) => (axes.includes(i) ? 1 : d));
  const want = broadcastView(contiguous(keptShape), full);
  const got = broadcastView(view, full);
  return got.offset === 0 && view.shape.length <= full.length && want.strides.every((s, i) => full[i] === 1 || s === got.strides[i]);
}

/** What the walk knows about the graph: producers, view chains, uses and escaping values. */
export class GraphFacts {
  readonly producer = new Map<Value, Node>();
  readonly order = new Map<Node, number>();
  /** Consumers (non-view nodes) of each base value, with the value they read (the base or a view of it). */
  readonly uses = new Map<Value, { node: Node; via: Value }[]>();
  private readonly escaping = new Set<Value>();
  private readonly chains: ViewChains;

  constructor(readonly g: Graph) {
    this.params = new Set(g.params.values());
    g.nodes.forEach((n, i) => {
      this.order.set(n, i);
      for (const o of n.outputs) this.producer.set(o, n);
    });
    this.chains = new ViewChains(this.producer);
    for (const n of g.nodes) {
      if (kindOf(n) === 'view') continue;
      for (const u of n.inputs) if (u) this.usesOf(this.base(u)).push({ node: n, via: u });
    }
    for (const v of [...g.outputs, ...g.updates.values()]) this.escaping.add(this.base(v));
  }

  usesOf(b: Value): { node: Node; via: Value }[] {
    let l = this.uses.get(b);
    if (!l) this.uses.set(b, (l = []));
    return l;
  }

  /** The value a chain of view ops starts from. */
  base(v: Value): Value {
    return this.chains.base(v);
  }

  /** The view of `v` over its base's contiguous elements; undefined when a view rule cannot express it. */
  view(v: Value): View | undefined {
    return this.chains.view(v);
  }

  escapes(b: Value): boolean {
    return this.escaping.has(b);
  }

  /** Whether consumer `node` reads `via` at its own flat output index (same shape, contiguous view of the base). */
  readsAtOwnIndex(node: Node, via: Value): boolean {
    const view = this.view(via);
    const out = node.outputs[0].type.shape;
    return !!view && isContiguous(view) && sameShape(via.type.shape, out) && numel(this.base(via).type.shape) === numel(out);
  }

  /** A scalar constant that kernels read as a literal (not a parameter or state: those stay buffers). */
  isLiteral(b: Value): boolean {
    return isLiteralConstant(this.g, b, this.params);
  }
  private readonly params: ReadonlySet<Value>;
}


/** A scalar constant fused kernels inline as a literal: not a parameter or a state (those stay buffers). */
export const isLiteralConstant = (g: Graph, v: Value, params: ReadonlySet<Value> = new Set(g.params.values())): boolean =>
  g.constants.has(v) && numel(v.type.shape) === 1 && !params.has(v) && !g.updates.has(v);

// GraphBuilder: the one way to add nodes to a Graph. The tracer, the autodiff rules, the decomposition
// rules and the train-step builder are all GraphBuilders (subclasses add what each needs). It names the
// nodes it adds after a prefix, and gives out scalar constants: num(v, dtype) returns one constant per
// dtype and stored value in the graph, so a model that says `1` forty times has one constant `1`.
//
// A shared scalar is only ever one that num() itself made (a weight, an optimizer state or any other
// constant that happens to hold the same number is never reused), and on every lookup it is checked to
// still be a frozen constant of this graph: not a parameter, not a state-update target, not removed. The
// key is the value as the tensor stores it (f32 rounding, i32 truncation, the precision of withFloat64),
// so a shared constant holds exactly what a fresh one would. Values are shared by Graph.clone(), and so
// are the scalars: a clone finds the scalars num() made in the graph it was cloned from.
import type { DType } from './dtype.ts';
import type { Graph, Value } from './graph.ts';
import type { AttrValue } from './op.ts';
import type { OpName } from './ops/index.ts';
import { sameShape, type Shape } from './shape.ts';
import { scalar, type Tensor, type TensorType } from './tensor.ts';

export type Operands = readonly (Value | undefined)[];
export type AttrMap = Record<string, AttrValue>;

/** Scalar constants made by num(), in any graph (clones share their Values). */
const MADE = new WeakSet<Value>();
/** Per graph: the shared scalar of each key. */
const SHARED = new WeakMap<Graph, Map<string, Value>>();

/** dtype, storage and the stored number: equal keys hold bit-equal scalars. */
function scalarKey(t: Tensor): string {
  const x = t.data[0];
  return `${t.dtype}/${t.data.constructor.name}/${Object.is(x, -0) ? '-0' : String(x)}`;
}

function sharedScalars(g: Graph): Map<string, Value> {
  let m = SHARED.get(g);
  if (!m) {
    m = new Map();
    for (const [v, t] of g.constants) if (MADE.has(v) && !m.has(scalarKey(t))) m.set(scalarKey(t), v);
    SHARED.set(g, m);
  }
  return m;
}

/** Whether `v` is a constant of `g` whose value can never change (so that any number of readers may share it). */
function frozenConstant(g: Graph, v: Value): boolean {
  if (!g.constants.has(v) || g.updates.has(v)) return false;
  for (const p of g.params.values()) if (p === v) return false;
  return true;
}

export class GraphBuilder {
  /** Numbers the nodes (and, by default, the scalars) this builder names. */
  protected count = 0;

  constructor(readonly graph: Graph, readonly prefix = '') {}

  /** The name of the next node of op `op`: `<prefix><op>_<n>`. */
  protected nodeName(op: OpName): string {
    return `${this.prefix}${op}_${this.count++}`;
  }

  /**
   * The name a new scalar constant would take: `<prefix>k<n>`. Called by every num(), also when the
   * scalar is shared, so that a numbering that counts scalars does not depend on what the graph has.
   */
  protected scalarName(_v: number, _dtype: DType): string {
    return `${this.prefix}k${this.count++}`;
  }

  /** Adds one node (named by nodeName unless `name` is given); returns its outputs. */
  op(op: OpName, inputs: Operands, attrs: AttrMap = {}, name?: string): Value[] {
    return this.graph.addNode(op, inputs, attrs, name ?? this.nodeName(op));
  }

  /** Adds one node and returns its first output. */
  op1(op: OpName, inputs: Operands, attrs: AttrMap = {}, name?: string): Value {
    return this.op(op, inputs, attrs, name)[0];
  }

  /** A new constant (never shared), named `<prefix><hint>`. */
  constant(t: Tensor, hint = 'const'): Value {
    return this.graph.addConstant(t, `${this.prefix}${hint}`);
  }

  /** The graph's scalar constant `v` of dtype `like` (or of `like`'s dtype), made on first use. */
  num(v: number, like: DType | Value = 'f32'): Value {
    const dtype = typeof like === 'string' ? like : like.type.dtype;
    const name = this.scalarName(v, dtype);
    const t = scalar(dtype, v);
    const key = scalarKey(t);
    const shared = sharedScalars(this.graph);
    const hit = shared.get(key);
    if (hit && frozenConstant(this.graph, hit)) return hit;
    const c = this.graph.addConstant(t, name);
    MADE.add(c);
    shared.set(key, c);
    return c;
  }

  add(a: Value, b: Value): Value { return this.op1('Add', [a, b]); }
  sub(a: Value, b: Value): Value { return this.op1('Sub', [a, b]); }
  mul(a: Value, b: Value): Value { return this.op1('Mul', [a, b]); }
  div(a: Value, b: Value): Value { return this.op1('Div', [a, b]); }
  neg(a: Value): Value { return this.op1('Neg', [a]); }
  /** a * k for a number k (a itself when k is 1). */
  scale(a: Value, k: number): Value { return k === 1 ? a : this.mul(a, this.num(k, a)); }
  where(cond: Value, a: Value, b: Value): Value { return this.op1('Where', [cond, a, b]); }

  /** Reshape, or v itself when it has the shape already. */
  reshape(v: Value, shape: Shape): Value {
    return sameShape(v.type.shape, shape) ? v : this.op1('Reshape', [v], { shape: [...shape] });
  }

  /** Expand (broadcast), or v itself when it has the shape already. */
  expand(v: Value, shape: Shape): Value {
    return sameShape(v.type.shape, shape) ? v : this.op1('Expand', [v], { shape: [...shape] });
  }

  /** Transpose, or v itself for the identity permutation. */
  transpose(v: Value, perm: readonly number[]): Value {
    return perm.every((p, k) => p === k) ? v : this.op1('Transpose', [v], { perm: [...perm] });
  }

  /** Zeros of type `t`: the scalar 0 expanded. */
  zeros(t: TensorType): Value {
    return this.expand(this.num(0, t.dtype), t.shape);
  }
}

// What a gradient rule is, and the builder it writes backward nodes with (ir/builder.ts's GraphBuilder:
// scalar constants shared graph-wide). A rule maps the gradient of a node's outputs (dy) to the gradient
// of one input (i); it is short, micrograd style, next to the forward rule it inverts. Ops without a rule are marked: zero gradient, an error, or composite (decompose first).
import { GraphBuilder } from '../../ir/builder.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { AttrValue, Attrs } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { sameShape, type Shape } from '../../ir/shape.ts';

/** d loss / d input i of the builder's node; undefined means a zero gradient. */
export type InputGrad = (g: GradBuilder, i: number) => Value | undefined;

/**
 * One function for every input (variadic ops), or one per input position; an `undefined` position is an
 * input the op is not differentiable in (an error if a gradient must flow there).
 */
export type GradRule = InputGrad | readonly (InputGrad | undefined)[];

/**
 * An op without a rule. 'zero': piecewise constant or integer-valued, the gradient is zero (it stops).
 * 'error': a gradient that must flow through it is an error naming the node. 'decomposed': a composite op,
 * autodiff runs after passes/decompose.
 */
export interface NonDiff {
  readonly nonDiff: 'zero' | 'error' | 'decomposed';
  readonly why: string;
}

export type GradEntry = GradRule | NonDiff;

export const zeroGrad = (why: string): NonDiff => ({ nonDiff: 'zero', why });
export const notDifferentiable = (why: string): NonDiff => ({ nonDiff: 'error', why });
export const decomposeFirst: NonDiff = { nonDiff: 'decomposed', why: 'a composite op: run passes/decompose before autodiff' };

export const isNonDiff = (e: GradEntry): e is NonDiff => typeof e === 'object' && 'nonDiff' in e;

/** Emits the backward nodes of one forward node (named `grad/<node>/<op>_<n>`), with short helpers for the common math. */
export class GradBuilder extends GraphBuilder {
  private readonly memos = new Map<string, Value>();

  constructor(
    graph: Graph,
    readonly node: Node,
    private readonly dys: readonly (Value | undefined)[],
  ) {
    super(graph, `grad/${node.name}/`);
  }

  /** Scalars are named by value (`grad_c_0_5`) and take no node number. */
  protected override scalarName(v: number): string {
    return `grad_c_${String(v).replace(/[^0-9a-zA-Z]/g, '_')}`;
  }

  get attrs(): Attrs {
    return this.node.attrs;
  }

  /** Forward input i (present: rules run only for inputs that need a gradient). */
  x(i: number): Value {
    return this.node.inputs[i] as Value;
  }

  y(i = 0): Value {
    return this.node.outputs[i];
  }

  hasDy(i: number): boolean {
    return this.dys[i] !== undefined;
  }

  /** The gradient of output i, zeros when nothing downstream used it. */
  dy(i = 0): Value {
    return this.dys[i] ?? this.memo(`zeros-dy${i}`, () => this.zeros(this.y(i).type));
  }

  /** A value computed once per node, shared by the rules of several inputs. */
  memo(key: string, make: () => Value): Value {
    let v = this.memos.get(key);
    if (!v) this.memos.set(key, (v = make()));
    return v;
  }

  fail(detail: string): never {
    throw new KilnError('GRADIENT', `autodiff: ${detail}`, { node: this.node.name, op: this.node.op, shapes: this.node.inputs.map((v) => v?.type.shape) });
  }

  /** prev + d: two uses of one value add up their gradients (`grad/<node>/accumulate`). */
  accumulate(prev: Value, d: Value): Value {
    return this.op1('Add', [prev, d], {}, `${this.prefix}accumulate`);
  }

  un(op: OpName, a: Value, attrs: Record<string, AttrValue> = {}): Value { return this.op1(op, [a], attrs); }
  /** 1 where cond holds, else 0, in `like`'s dtype. */
  mask(cond: Value, like: Value): Value { return this.op1('Cast', [cond], { to: like.type.dtype }); }
  /** dy where cond holds, else 0. */
  pass(cond: Value, dy: Value): Value { return this.where(cond, dy, this.num(0, dy)); }
  gt(a: Value, k: number | Value): Value { return this.op1('Greater', [a, typeof k === 'number' ? this.num(k, a) : k]); }
  lt(a: Value, k: number | Value): Value { return this.op1('Less', [a, typeof k === 'number' ? this.num(k, a) : k]); }
  eq(a: Value, b: Value): Value { return this.op1('Equal', [a, b]); }

  /** Sum over `axes`, keeping them as size-1 dims; no axes is the identity. */
  sumKeep(v: Value, axes: readonly number[]): Value {
    return axes.length === 0 ? v : this.op1('ReduceSum', [v], { axes: [...axes], keepdims: 1 });
  }

  /** A gradient of a broadcast result summed back to the operand's shape (ReduceSum over broadcast axes + Reshape). */
  unbroadcast(v: Value, shape: Shape): Value {
    const s = v.type.shape;
    if (sameShape(s, shape)) return v;
    const lead = s.length - shape.length;
    const axes = s.flatMap((d, k) => (k < lead || (shape[k - lead] === 1 && d !== 1) ? [k] : []));
    return this.reshape(this.sumKeep(v, axes), shape);
  }

  /** unbroadcast to input i's shape. */
  toInput(v: Value, i: number): Value {
    return this.unbroadcast(v, this.x(i).type.shape);
  }
}

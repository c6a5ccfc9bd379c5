// SymTensor: the symbolic tensor handle forward() computes with. Each method adds IR nodes (ONNX-named
// ops) to the trace's graph and returns a new handle with the statically inferred shape and dtype.
import type { DType } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Value } from '../../ir/graph.ts';
import { fmt, normAxis, numel, type Shape } from '../../ir/shape.ts';
import { activeTracer, emit1, type Operand, operandDType, sym, type Tracer } from './tracer.ts';

export type Dims = number | readonly number[] | undefined;

export class SymTensor {
  constructor(readonly tracer: Tracer, readonly value: Value) {}

  get shape(): Shape {
    return this.value.type.shape;
  }
  get dtype(): DType {
    return this.value.type.dtype;
  }
  get rank(): number {
    return this.shape.length;
  }
  /** One dim (negative counts from the end) or the whole shape. */
  size(dim: number): number {
    return this.shape[this.axis(dim)];
  }
  numel(): number {
    return numel(this.shape);
  }
  /** A dim index in [0, rank); negative counts from the end. */
  axis(dim: number, rank = this.rank): number {
    if (dim < -rank || dim >= rank) throw new KilnError('USAGE', `dim ${dim} is out of range for a tensor of shape ${fmt(this.shape)}`);
    return dim < 0 ? dim + rank : dim;
  }

  // Elementwise arithmetic (numpy broadcasting); numbers become scalars of this tensor's dtype.
  add(o: Operand): SymTensor { return emit1('Add', [this, o]); }
  sub(o: Operand): SymTensor { return emit1('Sub', [this, o]); }
  mul(o: Operand): SymTensor { return emit1('Mul', [this, o]); }
  div(o: Operand): SymTensor { return emit1('Div', [this, o]); }
  pow(o: Operand): SymTensor { return emit1('Pow', [this, o]); }
  maximum(o: Operand): SymTensor { return emit1('Max', [this, o]); }
  minimum(o: Operand): SymTensor { return emit1('Min', [this, o]); }
  /** Reversed operands: `x.rsub(1)` is 1 - x. */
  rsub(o: Operand): SymTensor { return emit1('Sub', [o, this]); }
  neg(): SymTensor { return emit1('Neg', [this]); }
  abs(): SymTensor { return emit1('Abs', [this]); }
  exp(): SymTensor { return emit1('Exp', [this]); }
  log(): SymTensor { return emit1('Log', [this]); }
  sqrt(): SymTensor { return emit1('Sqrt', [this]); }
  erf(): SymTensor { return emit1('Erf', [this]); }
  relu(): SymTensor { return emit1('Relu', [this]); }
  sigmoid(): SymTensor { return emit1('Sigmoid', [this]); }
  tanh(): SymTensor { return emit1('Tanh', [this]); }
  softplus(): SymTensor { return emit1('Softplus', [this]); }
  leakyRelu(negativeSlope = 0.01): SymTensor { return emit1('LeakyRelu', [this], { alpha: negativeSlope }); }
  gelu(approximate: 'none' | 'tanh' = 'none'): SymTensor { return emit1('Gelu', [this], { approximate }); }
  clamp(min = -Infinity, max = Infinity): SymTensor { return emit1('Clip', [this], { min, max }); }
  cast(dtype: DType): SymTensor { return dtype === this.dtype ? this : emit1('Cast', [this], { to: dtype }); }

  /** numpy matmul (batch dims broadcast). */
  matmul(o: Operand): SymTensor { return emit1('MatMul', [this, o]); }

  /** Reshape; one dim may be -1. */
  reshape(shape: readonly number[]): SymTensor {
    if (shape.length === this.rank && shape.every((d, i) => d === this.shape[i])) return this;
    return emit1('Reshape', [this], { shape: [...shape] });
  }
  view(shape: readonly number[]): SymTensor {
    return this.reshape(shape);
  }
  permute(dims: readonly number[]): SymTensor {
    const perm = dims.map((d) => this.axis(d));
    return perm.every((p, i) => p === i) ? this : emit1('Transpose', [this], { perm });
  }
  /** Swaps two dims. */
  transpose(d0: number, d1: number): SymTensor {
    const perm = [...this.shape.keys()];
    const [a, b] = [this.axis(d0), this.axis(d1)];
    [perm[a], perm[b]] = [perm[b], perm[a]];
    return this.permute(perm);
  }
  /** Transpose of a 2-D tensor. */
  t(): SymTensor {
    if (this.rank !== 2) throw new KilnError('USAGE', `t() needs a 2-D tensor, got ${fmt(this.shape)}`);
    return this.transpose(0, 1);
  }
  /** Merges dims startDim..endDim into one. */
  flatten(startDim = 0, endDim = -1): SymTensor {
    if (this.rank === 0) return this.reshape([1]);
    const s = this.axis(startDim), e = this.axis(endDim);
    if (e < s) throw new KilnError('USAGE', `flatten: startDim ${startDim} comes after endDim ${endDim} for shape ${fmt(this.shape)}`);
    return this.reshape([...this.shape.slice(0, s), numel(this.shape.slice(s, e + 1)), ...this.shape.slice(e + 1)]);
  }
  unsqueeze(dim: number): SymTensor {
    return emit1('Unsqueeze', [this], { axes: [this.axis(dim, this.rank + 1)] });
  }
  /** Drops one dim of size 1, or every dim of size 1. */
  squeeze(dim?: number): SymTensor {
    if (dim === undefined) return emit1('Squeeze', [this]);
    const a = this.axis(dim);
    return this.shape[a] === 1 ? emit1('Squeeze', [this], { axes: [a] }) : this;
  }
  expand(shape: readonly number[]): SymTensor {
    return emit1('Expand', [this], { shape: [...shape] });
  }
  /** Python-style slice start:end:step of one dim (negative indices count from the end). */
  slice(dim: number, start: number, end = Number.MAX_SAFE_INTEGER, step = 1): SymTensor {
    return emit1('Slice', [this], { starts: [start], ends: [Math.min(end, 2147483647)], axes: [this.axis(dim)], steps: [step] });
  }
  narrow(dim: number, start: number, length: number): SymTensor {
    return this.slice(dim, start, start + length);
  }
  /** x.select(dim, i): the index i of dim, which is removed (PyTorch x[:, i]). */
  select(dim: number, index: number): SymTensor {
    const a = this.axis(dim), n = this.shape[a];
    if (!Number.isInteger(index) || index < -n || index >= n) throw new KilnError('USAGE', `index ${index} is out of range for dim ${dim} of ${fmt(this.shape)}`);
    const idx = activeTracer().num(index < 0 ? index + n : index, 'i32');
    return emit1('Gather', [this, activeTracer().wrap(idx)], { axis: a });
  }
  /** Rows of this tensor at integer `indices` along dim (PyTorch index_select / embedding lookup). */
  gather(dim: number, indices: SymTensor): SymTensor {
    return emit1('Gather', [this, indices], { axis: this.axis(dim) });
  }

  sum(dims?: Dims, keepdim = false): SymTensor { return this.reduce('ReduceSum', dims, keepdim); }
  mean(dims?: Dims, keepdim = false): SymTensor { return this.reduce('ReduceMean', dims, keepdim); }
  amax(dims?: Dims, keepdim = false): SymTensor { return this.reduce('ReduceMax', dims, keepdim); }
  amin(dims?: Dims, keepdim = false): SymTensor { return this.reduce('ReduceMin', dims, keepdim); }

  private reduce(op: 'ReduceSum' | 'ReduceMean' | 'ReduceMax' | 'ReduceMin', dims: Dims, keepdim: boolean): SymTensor {
    const axes = dims === undefined ? [] : (typeof dims === 'number' ? [dims] : dims).map((d) => this.axis(d));
    return emit1(op, [this], { axes, keepdims: keepdim ? 1 : 0 });
  }

  softmax(dim: number): SymTensor { return emit1('Softmax', [this], { axis: this.axis(dim) }); }
  logSoftmax(dim: number): SymTensor { return emit1('LogSoftmax', [this], { axis: this.axis(dim) }); }
}

/** Concatenates tensors along `dim` (PyTorch torch.cat). */
export function cat(ts: readonly Operand[], dim = 0): SymTensor {
  if (ts.length === 0) throw new KilnError('USAGE', 'cat needs at least one tensor');
  const rank = ts.map((t) => (t instanceof SymTensor ? t.rank : undefined)).find((r) => r !== undefined);
  const axis = rank !== undefined && dim < 0 ? dim + rank : dim;
  return ts.length === 1 && ts[0] instanceof SymTensor ? ts[0] : emit1('Concat', ts, { axis });
}

/** Stacks same-shaped tensors along a new dim (PyTorch torch.stack). */
export function stack(ts: readonly SymTensor[], dim = 0): SymTensor {
  return cat(ts.map((t) => t.unsqueeze(dim)), dim < 0 ? dim + ts[0].rank + 1 : dim);
}

/** Elementwise select: cond ? a : b (PyTorch torch.where). */
export function where(cond: SymTensor, a: Operand, b: Operand): SymTensor {
  const d = operandDType([a, b]);
  return emit1('Where', [cond, sym(a, d), sym(b, d)]);
}

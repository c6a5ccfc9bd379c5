// The CPU kernel signature and helpers shared by kernel families.
import type { Attrs } from '../../ir/op.ts';
import type { Tensor, TensorType } from '../../ir/tensor.ts';
import { allocArray, type TypedArray } from '../../ir/dtype.ts';
import { broadcastStrides, numel, type Shape } from '../../ir/shape.ts';

/** Computes a node's outputs from its inputs; `out` holds the inferred output types. */
export type CpuKernel = (inputs: readonly (Tensor | undefined)[], attrs: Attrs, out: readonly TensorType[]) => Tensor[];

export const inp = (xs: readonly (Tensor | undefined)[], i: number): Tensor => xs[i] as Tensor;

export function alloc(t: TensorType): Tensor {
  return { dtype: t.dtype, shape: t.shape, data: allocArray(t.dtype, numel(t.shape)) };
}

/** For every output element, the flat offset into `from` broadcast to `to`. */
export function broadcastIndex(from: Shape, to: Shape): Int32Array {
  const n = numel(to);
  const idx = new Int32Array(n);
  if (from.length === to.length && from.every((d, i) => d === to[i])) {
    for (let i = 0; i < n; i++) idx[i] = i;
    return idx;
  }
  const st = broadcastStrides(from, to);
  const rank = to.length;
  const ctr = new Array<number>(rank).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    idx[i] = off;
    for (let d = rank - 1; d >= 0; d--) {
      ctr[d]++;
      off += st[d];
      if (ctr[d] < to[d]) break;
      off -= st[d] * ctr[d];
      ctr[d] = 0;
    }
  }
  return idx;
}

/** Elementwise map over n broadcast inputs. */
export function mapN(xs: readonly Tensor[], out: TensorType, f: (...v: number[]) => number): Tensor {
  const r = alloc(out);
  const n = r.data.length;
  const data: TypedArray = r.data;
  if (xs.length === 1) {
    const a = xs[0].data;
    for (let i = 0; i < n; i++) data[i] = f(a[i]);
    return r;
  }
  if (xs.length === 2) {
    const a = xs[0].data, b = xs[1].data;
    const ia = broadcastIndex(xs[0].shape, out.shape), ib = broadcastIndex(xs[1].shape, out.shape);
    for (let i = 0; i < n; i++) data[i] = f(a[ia[i]], b[ib[i]]);
    return r;
  }
  const idx = xs.map((x) => broadcastIndex(x.shape, out.shape));
  const args = new Array<number>(xs.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < xs.length; k++) args[k] = xs[k].data[idx[k][i]];
    data[i] = f(...args);
  }
  return r;
}

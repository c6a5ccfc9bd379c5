// CPU kernels of the movement ops. Most are one strided gather: each output dim maps its coordinate to an
// input offset through a table (-1 = fill value), so Transpose, Slice, Expand, Tile, Pad and
// DepthToSpace differ only in their tables. Index-driven kernels are in movement-index.ts.
import type { TypedArray } from '../../../ir/dtype.ts';
import type { Attrs } from '../../../ir/op.ts';
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { sliceDims, transposePerm } from '../../../ir/ops/movement.ts';
import { broadcastStrides, normAxis, numel, type Shape, stridesOf } from '../../../ir/shape.ts';
import type { Tensor, TensorType } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';
import { INDEX_KERNELS } from './movement-index.ts';
import { RESIZE_KERNEL } from './resize.ts';

/** out[c] = src[sum_d tables[d][c_d]], or `fill` where any table entry is -1. */
export function gatherTables(src: TypedArray, out: TypedArray, outShape: Shape, tables: readonly Int32Array[], fill = 0): void {
  const n = out.length, rank = outShape.length;
  if (n === 0) return;
  if (rank === 0) {
    out[0] = src[0];
    return;
  }
  const last = tables[rank - 1], len = outShape[rank - 1];
  const ctr = new Array<number>(rank - 1).fill(0);
  for (let o = 0; o < n; o += len) {
    let base = 0, pad = false;
    for (let d = 0; d < rank - 1; d++) {
      const t = tables[d][ctr[d]];
      if (t < 0) pad = true;
      base += t;
    }
    if (pad) out.fill(fill, o, o + len);
    else for (let j = 0; j < len; j++) out[o + j] = last[j] < 0 ? fill : src[base + last[j]];
    for (let d = rank - 2; d >= 0 && ++ctr[d] === outShape[d]; d--) ctr[d] = 0;
  }
}

/** A table per output dim from a coordinate -> input offset function. */
const tablesOf = (shape: Shape, f: (d: number, c: number) => number): Int32Array[] =>
  shape.map((len, d) => Int32Array.from({ length: len }, (_, c) => f(d, c)));

function gathered(x: Tensor, out: TensorType, tables: readonly Int32Array[], fill = 0): Tensor[] {
  const r = alloc(out);
  gatherTables(x.data, r.data, out.shape, tables, fill);
  return [r];
}

/** x read as `view` (same element order), with its axes permuted; the result is laid out as `out`. */
function permuted(x: Tensor, view: Shape, perm: readonly number[], out: TensorType): Tensor[] {
  const st = stridesOf(view), shape = perm.map((p) => view[p]), r = alloc(out);
  gatherTables(x.data, r.data, shape, tablesOf(shape, (d, c) => c * st[perm[d]]));
  return [r];
}

const copyView: CpuKernel = (xs, _a, out) => [{ dtype: out[0].dtype, shape: out[0].shape, data: inp(xs, 0).data.slice() }];

/** Source coordinate of padded coordinate i in a dim of length n, or -1 for the constant fill. */
const PAD_INDEX: Record<string, (i: number, n: number) => number> = {
  constant: (i, n) => (i >= 0 && i < n ? i : -1),
  edge: (i, n) => Math.min(Math.max(i, 0), n - 1),
  wrap: (i, n) => ((i % n) + n) % n,
  reflect: (i, n) => {
    if (n === 1) return 0;
    const p = 2 * n - 2, m = ((i % p) + p) % p;
    return m < n ? m : p - m;
  },
};

function pad(xs: readonly (Tensor | undefined)[], a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), p = a.pads as readonly number[], st = stridesOf(x.shape), at = PAD_INDEX[a.mode as string];
  return gathered(x, out[0], tablesOf(out[0].shape, (d, c) => {
    const i = at(c - p[d], x.shape[d]);
    return i < 0 ? -1 : i * st[d];
  }), a.value as number);
}

function depthToSpace(xs: readonly (Tensor | undefined)[], a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), b = a.blocksize as number, [n, c, h, w] = x.shape, c2 = c / (b * b);
  return a.mode === 'CRD'
    ? permuted(x, [n, c2, b, b, h, w], [0, 1, 4, 2, 5, 3], out[0])
    : permuted(x, [n, b, b, c2, h, w], [0, 3, 4, 1, 5, 2], out[0]);
}

function spaceToDepth(xs: readonly (Tensor | undefined)[], a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), b = a.blocksize as number, [n, c, h, w] = x.shape;
  return permuted(x, [n, c, h / b, b, w / b, b], [0, 3, 5, 1, 2, 4], out[0]);
}

/** Outer count, and inner block size per unit of `axis`. */
function around(shape: Shape, axis: number): [number, number] {
  return [numel(shape.slice(0, axis)), numel(shape.slice(axis + 1))];
}

const concat: CpuKernel = (xs, a, out) => {
  const r = alloc(out[0]), ts = xs as Tensor[];
  const ax = normAxis(a.axis as number, r.shape.length), [outer, inner] = around(r.shape, ax);
  const rowOut = r.shape[ax] * inner;
  let at = 0;
  for (const t of ts) {
    const row = t.shape[ax] * inner;
    for (let o = 0; o < outer; o++) r.data.set(t.data.subarray(o * row, (o + 1) * row), o * rowOut + at);
    at += row;
  }
  return [r];
};

const split: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), ax = normAxis(a.axis as number, x.shape.length), [outer, inner] = around(x.shape, ax);
  const rowIn = x.shape[ax] * inner;
  let at = 0;
  return out.map((t) => {
    const r = alloc(t), row = t.shape[ax] * inner;
    for (let o = 0; o < outer; o++) r.data.set(x.data.subarray(o * rowIn + at, o * rowIn + at + row), o * row);
    at += row;
    return r;
  });
};

const trilu: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), r = alloc(out[0]), rank = x.shape.length;
  const [rows, cols, k, upper] = [x.shape[rank - 2], x.shape[rank - 1], a.k as number, a.upper as number];
  r.data.set(x.data);
  for (let m = 0; m < r.data.length; m += rows * cols) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) if (upper ? j - i < k : j - i > k) r.data[m + i * cols + j] = 0;
    }
  }
  return [r];
};

export const MOVEMENT_KERNELS: { [K in MovementOpName]: CpuKernel } = {
  Reshape: copyView, Squeeze: copyView, Unsqueeze: copyView, Flatten: copyView,
  Transpose: (xs, a, out) => {
    const x = inp(xs, 0);
    return permuted(x, x.shape, transposePerm(x.shape.length, a.perm as readonly number[]), out[0]);
  },
  Expand: (xs, _a, out) => {
    const x = inp(xs, 0), st = broadcastStrides(x.shape, out[0].shape);
    return gathered(x, out[0], tablesOf(out[0].shape, (d, c) => c * st[d]));
  },
  Slice: (xs, a, out) => {
    const x = inp(xs, 0), st = stridesOf(x.shape), dims = sliceDims(x.shape, a);
    return gathered(x, out[0], tablesOf(out[0].shape, (d, c) => (dims[d].start + c * dims[d].step) * st[d]));
  },
  Tile: (xs, _a, out) => {
    const x = inp(xs, 0), st = stridesOf(x.shape);
    return gathered(x, out[0], tablesOf(out[0].shape, (d, c) => (c % x.shape[d]) * st[d]));
  },
  Pad: pad,
  Concat: concat,
  Split: split,
  DepthToSpace: depthToSpace,
  SpaceToDepth: spaceToDepth,
  Trilu: trilu,
  ...INDEX_KERNELS,
  Resize: RESIZE_KERNEL,
};

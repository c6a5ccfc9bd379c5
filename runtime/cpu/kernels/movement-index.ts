// CPU kernels of the index-driven movement ops: Gather, GatherElements, GatherND, ScatterElements,
// ScatterND, OneHot and ReverseSequence. Negative indices count from the end; out-of-range ones throw.
import type { TypedArray } from '../../../ir/dtype.ts';
import { KilnError } from '../../../ir/errors.ts';
import type { Attrs } from '../../../ir/op.ts';
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { normAxis, numel, type Shape, stridesOf } from '../../../ir/shape.ts';
import type { Tensor, TensorType } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';

type Ins = readonly (Tensor | undefined)[];

/** Index i into a dim of length n, negative counting from the end. */
function at(i: number, n: number): number {
  const j = i < 0 ? i + n : i;
  if (!(j >= 0 && j < n)) throw new KilnError('INDEX', `index ${i} is out of range for a dim of size ${n}`);
  return j;
}

const REDUCE: Record<string, (old: number, u: number) => number> = {
  none: (_o, u) => u, add: (o, u) => o + u, mul: (o, u) => o * u, max: Math.max, min: Math.min,
};

/** Calls f(flatIndex, offsetWithoutAxis, coordOnAxis) for every element of `shape`, offsets by `st`. */
function walk(shape: Shape, st: readonly number[], axis: number, f: (p: number, off: number, c: number) => void): void {
  const n = numel(shape), rank = shape.length, ctr = new Array<number>(rank).fill(0);
  let off = 0;
  for (let p = 0; p < n; p++) {
    f(p, off, ctr[axis]);
    for (let d = rank - 1; d >= 0; d--) {
      const s = d === axis ? 0 : st[d];
      ctr[d]++;
      off += s;
      if (ctr[d] < shape[d]) break;
      off -= s * ctr[d];
      ctr[d] = 0;
    }
  }
}

function gather(xs: Ins, a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), idx = inp(xs, 1).data, r = alloc(out[0]);
  const ax = normAxis(a.axis as number, x.shape.length), n = x.shape[ax];
  const outer = numel(x.shape.slice(0, ax)), inner = numel(x.shape.slice(ax + 1));
  let o = 0;
  for (let i = 0; i < outer; i++) {
    for (let j = 0; j < idx.length; j++, o += inner) {
      const s = (i * n + at(idx[j], n)) * inner;
      r.data.set(x.data.subarray(s, s + inner), o);
    }
  }
  return [r];
}

function gatherElements(xs: Ins, a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), idx = inp(xs, 1), r = alloc(out[0]);
  const ax = normAxis(a.axis as number, x.shape.length), st = stridesOf(x.shape), n = x.shape[ax];
  walk(idx.shape, st, ax, (p, off) => { r.data[p] = x.data[off + at(idx.data[p], n) * st[ax]]; });
  return [r];
}

function scatterElements(xs: Ins, a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), idx = inp(xs, 1), u = inp(xs, 2).data, r = alloc(out[0]), f = REDUCE[a.reduction as string];
  const ax = normAxis(a.axis as number, x.shape.length), st = stridesOf(x.shape), n = x.shape[ax];
  r.data.set(x.data);
  walk(idx.shape, st, ax, (p, off) => {
    const t = off + at(idx.data[p], n) * st[ax];
    r.data[t] = f(r.data[t], u[p]);
  });
  return [r];
}

/** Offset into `shape` (from dim `first`) named by the k-tuple of indices at idx[t*k ..]. */
function tupleOffset(idx: TypedArray, t: number, k: number, shape: Shape, st: readonly number[], first: number): number {
  let off = 0;
  for (let j = 0; j < k; j++) off += at(idx[t * k + j], shape[first + j]) * st[first + j];
  return off;
}

function gatherNd(xs: Ins, a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), idx = inp(xs, 1), r = alloc(out[0]), b = a.batch_dims as number;
  const q = idx.shape.length, k = idx.shape[q - 1], st = stridesOf(x.shape);
  const batches = numel(x.shape.slice(0, b)), perBatch = numel(x.shape.slice(b));
  const tuples = numel(idx.shape.slice(b, q - 1)), inner = numel(x.shape.slice(b + k));
  for (let bi = 0, t = 0; bi < batches; bi++) {
    for (let j = 0; j < tuples; j++, t++) {
      const s = bi * perBatch + tupleOffset(idx.data, t, k, x.shape, st, b);
      r.data.set(x.data.subarray(s, s + inner), t * inner);
    }
  }
  return [r];
}

function scatterNd(xs: Ins, a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), idx = inp(xs, 1), u = inp(xs, 2).data, r = alloc(out[0]), f = REDUCE[a.reduction as string];
  const q = idx.shape.length, k = idx.shape[q - 1], st = stridesOf(x.shape);
  const tuples = numel(idx.shape.slice(0, q - 1)), inner = numel(x.shape.slice(k));
  r.data.set(x.data);
  for (let t = 0; t < tuples; t++) {
    const s = tupleOffset(idx.data, t, k, x.shape, st, 0);
    for (let i = 0; i < inner; i++) r.data[s + i] = f(r.data[s + i], u[t * inner + i]);
  }
  return [r];
}

function oneHot(xs: Ins, a: Attrs, out: readonly TensorType[]): Tensor[] {
  const idx = inp(xs, 0), [off, on] = inp(xs, 1).data, r = alloc(out[0]), depth = a.depth as number;
  const ax = normAxis(a.axis as number, out[0].shape.length);
  const outer = numel(idx.shape.slice(0, ax)), inner = numel(idx.shape.slice(ax));
  r.data.fill(off);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let v = Math.trunc(idx.data[o * inner + i]);
      if (v < 0) v += depth;
      if (v >= 0 && v < depth) r.data[(o * depth + v) * inner + i] = on;
    }
  }
  return [r];
}

function reverseSequence(xs: Ins, a: Attrs, out: readonly TensorType[]): Tensor[] {
  const x = inp(xs, 0), lens = inp(xs, 1).data, r = alloc(out[0]);
  const [b, t] = [a.batch_axis as number, a.time_axis as number], st = stridesOf(x.shape), T = x.shape[t];
  const ctr = new Array<number>(x.shape.length).fill(0);
  for (let p = 0; p < r.data.length; p++) {
    const len = lens[ctr[b]];
    if (!(len >= 0 && len <= T)) throw new Error(`sequence length ${len} is outside [0, ${T}]`);
    const c = ctr[t];
    r.data[p] = x.data[p + (c < len ? len - 1 - 2 * c : 0) * st[t]];
    for (let d = ctr.length - 1; d >= 0 && ++ctr[d] === x.shape[d]; d--) ctr[d] = 0;
  }
  return [r];
}

export const INDEX_KERNELS = {
  Gather: gather,
  GatherElements: gatherElements,
  GatherND: gatherNd,
  ScatterElements: scatterElements,
  ScatterND: scatterNd,
  OneHot: oneHot,
  ReverseSequence: reverseSequence,
} satisfies { [K in MovementOpName]?: CpuKernel };

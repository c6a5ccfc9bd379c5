// CPU kernels of the reduce ops: axis reductions (one accumulator table), ArgMax/ArgMin, CumSum, TopK.
// Softmax-like row ops and the losses live in rows.ts.
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import { reducedAxes, reducedShape } from '../../../ir/ops/reduce.ts';
import type { TypedArray } from '../../../ir/dtype.ts';
import type { Attrs } from '../../../ir/op.ts';
import { numel } from '../../../ir/shape.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, broadcastIndex, type CpuKernel, inp } from '../kernel.ts';
import { rowPlan } from './elementwise-fast.ts';
import { axisSplit, ROW_KERNELS } from './rows.ts';

/** A reduction: accumulator start, fold step, and the final map from accumulator and group size. */
interface Reducer {
  readonly init: number;
  readonly step: (acc: number, x: number) => number;
  readonly finish?: (acc: number, n: number) => number;
  /** The same fold over one contiguous input row: acc[ao + j*sa] = step(acc[ao + j*sa], d[off + j]). */
  readonly loop?: FoldLoop;
}

type FoldLoop = (n: number, acc: Float64Array, ao: number, sa: number, d: TypedArray, off: number) => void;

const add = (a: number, x: number) => a + x;
/** Max/min that propagate NaN. */
const max = (a: number, x: number) => (x > a || x !== x ? x : a);
const min = (a: number, x: number) => (x < a || x !== x ? x : a);

type AxisReduceName = Extract<ReduceOpName, `Reduce${string}`>;

const addLoop: FoldLoop = (n, acc, ao, sa, d, off) => { for (let j = 0; j < n; j++) acc[ao + j * sa] += d[off + j]; };
const maxLoop: FoldLoop = (n, acc, ao, sa, d, off) => {
  for (let j = 0; j < n; j++) { const k = ao + j * sa, x = d[off + j], a = acc[k]; acc[k] = x > a || x !== x ? x : a; }
};
const minLoop: FoldLoop = (n, acc, ao, sa, d, off) => {
  for (let j = 0; j < n; j++) { const k = ao + j * sa, x = d[off + j], a = acc[k]; acc[k] = x < a || x !== x ? x : a; }
};

const REDUCERS: { [K in Exclude<AxisReduceName, 'ReduceLogSumExp'>]: Reducer } = {
  ReduceSum: { init: 0, step: add, loop: addLoop },
  ReduceMean: { init: 0, step: add, finish: (a, n) => a / n, loop: addLoop },
  ReduceMax: { init: -Infinity, step: max, loop: maxLoop },
  ReduceMin: { init: Infinity, step: min, loop: minLoop },
  ReduceProd: { init: 1, step: (a, x) => a * x },
  ReduceL1: { init: 0, step: (a, x) => a + Math.abs(x) },
  ReduceL2: { init: 0, step: (a, x) => a + x * x, finish: Math.sqrt },
  ReduceLogSum: { init: 0, step: add, finish: Math.log },
  ReduceSumSquare: { init: 0, step: (a, x) => a + x * x },
};

/** For each input element, the flat index of the output element it folds into (keepdims layout). */
function groupIndex(x: Tensor, a: Attrs): { idx: Int32Array; outN: number } {
  const keep = reducedShape(x.shape, reducedAxes(x.shape.length, a), true);
  return { idx: broadcastIndex(keep, x.shape), outN: numel(keep) };
}

/**
 * Folds every input element into its group, in flat input order. Where the groups form a row plan (see
 * elementwise-fast.ts: whole-tensor, leading- or trailing-axes reductions) the reducer's loop folds row by
 * row in that same order, without a group index or a call per element.
 */
function fold(x: Tensor, a: Attrs, r: Reducer): { acc: Float64Array; outN: number } {
  const keep = reducedShape(x.shape, reducedAxes(x.shape.length, a), true);
  const outN = numel(keep);
  const acc = new Float64Array(outN).fill(r.init);
  const d = x.data, p = r.loop && rowPlan([keep], x.shape);
  if (p) {
    for (let i = 0; i < p.outer; i++) r.loop!(p.inner, acc, i * p.row[0], p.col[0], d, i * p.inner);
    return { acc, outN };
  }
  const idx = broadcastIndex(keep, x.shape), step = r.step;
  for (let i = 0; i < d.length; i++) acc[idx[i]] = step(acc[idx[i]], d[i]);
  return { acc, outN };
}

const axisReduce = (r: Reducer): CpuKernel => (xs, a, out) => {
  const x = inp(xs, 0);
  const { acc, outN } = fold(x, a, r);
  const y = alloc(out[0]);
  const n = outN === 0 ? 0 : x.data.length / outN;
  const fin = r.finish;
  for (let o = 0; o < outN; o++) y.data[o] = fin ? fin(acc[o], n) : acc[o];
  return [y];
};

/** log(sum(exp(x))) computed as max + log(sum(exp(x - max))) so large inputs do not overflow. */
const logSumExp: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0);
  const { idx, outN } = groupIndex(x, a);
  const m = fold(x, a, REDUCERS.ReduceMax).acc;
  for (let o = 0; o < outN; o++) if (!Number.isFinite(m[o])) m[o] = 0;
  const s = new Float64Array(outN);
  const d = x.data;
  for (let i = 0; i < d.length; i++) s[idx[i]] += Math.exp(d[i] - m[idx[i]]);
  const y = alloc(out[0]);
  for (let o = 0; o < outN; o++) y.data[o] = m[o] + Math.log(s[o]);
  return [y];
};

/** Index of the max (or min) along an axis; ties take the first index, or the last with select_last_index. */
const argReduce = (better: (v: number, best: number) => boolean): CpuKernel => (xs, a, out) => {
  const x = inp(xs, 0);
  const [outer, n, inner] = axisSplit(x.shape, a.axis as number);
  const y = alloc(out[0]);
  const d = x.data, last = a.select_last_index !== 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let best = d[base], bi = 0;
      for (let k = 1; k < n; k++) {
        const v = d[base + k * inner];
        if (better(v, best) || (last && v === best)) { best = v; bi = k; }
      }
      y.data[o * inner + i] = bi;
    }
  }
  return [y];
};

const cumSum: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0);
  const [outer, n, inner] = axisSplit(x.shape, a.axis as number);
  const y = alloc(out[0]);
  const d = x.data, excl = a.exclusive !== 0, rev = a.reverse !== 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let s = 0;
      for (let j = 0; j < n; j++) {
        const p = base + (rev ? n - 1 - j : j) * inner;
        if (excl) { y.data[p] = s; s += d[p]; } else { s += d[p]; y.data[p] = s; }
      }
    }
  }
  return [y];
};

/** TopK: per slice, indices sorted by value (descending when largest), ties by lower index; first k kept. */
const topK: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0);
  const [outer, n, inner] = axisSplit(x.shape, a.axis as number);
  const k = a.k as number, sign = a.largest !== 0 ? -1 : 1;
  const vals = alloc(out[0]), inds = alloc(out[1]);
  const d = x.data, v = new Float64Array(n), order = new Int32Array(n);
  const cmp = (p: number, q: number) => sign * (v[p] - v[q]) || p - q;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let j = 0; j < n; j++) { v[j] = d[base + j * inner]; order[j] = j; }
      order.sort(cmp);
      const ob = o * k * inner + i;
      for (let j = 0; j < k; j++) {
        vals.data[ob + j * inner] = v[order[j]];
        inds.data[ob + j * inner] = order[j];
      }
    }
  }
  return [vals, inds];
};

export const REDUCE_KERNELS: { [K in ReduceOpName]: CpuKernel } = {
  ...(Object.fromEntries(Object.entries(REDUCERS).map(([op, r]) => [op, axisReduce(r)])) as { [K in keyof typeof REDUCERS]: CpuKernel }),
  ReduceLogSumExp: logSumExp,
  ArgMax: argReduce((v, best) => v > best),
  ArgMin: argReduce((v, best) => v < best),
  CumSum: cumSum,
  TopK: topK,
  ...ROW_KERNELS,
};

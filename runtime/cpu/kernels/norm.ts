// CPU kernels of the normalizations. Most statistics are per g of an [A, G, B] view of X (reduced over a
// and b), accumulated in f64; MVN's arbitrary axes use a per-element group index instead.
import type { Attrs } from '../../../ir/op.ts';
import { normAxis, numel, type Shape } from '../../../ir/shape.ts';
import type { Tensor, TensorType } from '../../../ir/tensor.ts';
import { alloc, broadcastIndex, inp, type CpuKernel } from '../kernel.ts';

interface Moments {
  readonly mean: Float64Array;
  /** Biased variance. */
  readonly variance: Float64Array;
}

/** Mean and biased variance per g of x viewed as [A, G, B] (two passes). */
function moments3(x: ArrayLike<number>, A: number, G: number, B: number): Moments {
  const mean = new Float64Array(G), variance = new Float64Array(G), n = A * B;
  for (let a = 0; a < A; a++) {
    for (let g = 0; g < G; g++) {
      let s = 0;
      for (let k = (a * G + g) * B, e = k + B; k < e; k++) s += x[k];
      mean[g] += s;
    }
  }
  for (let g = 0; g < G; g++) mean[g] /= n;
  for (let a = 0; a < A; a++) {
    for (let g = 0; g < G; g++) {
      let s = 0;
      const m = mean[g];
      for (let k = (a * G + g) * B, e = k + B; k < e; k++) s += (x[k] - m) * (x[k] - m);
      variance[g] += s;
    }
  }
  for (let g = 0; g < G; g++) variance[g] /= n;
  return { mean, variance };
}

/** y = (x - mean[g]) * inv[g] over x viewed as [A, G, B]. */
function standardize(x: Tensor, A: number, G: number, B: number, mean: ArrayLike<number>, inv: ArrayLike<number>): Tensor {
  const y = alloc(x), xd = x.data, yd = y.data;
  for (let a = 0; a < A; a++) {
    for (let g = 0; g < G; g++) {
      const m = mean[g], r = inv[g];
      for (let k = (a * G + g) * B, e = k + B; k < e; k++) yd[k] = (xd[k] - m) * r;
    }
  }
  return y;
}

/** In place: y = y * scale[c] + bias[c] over y viewed as [N, C, S]. */
function affineChannels(y: Tensor, scale: ArrayLike<number>, bias: ArrayLike<number>): Tensor {
  const [N, C] = y.shape, S = numel(y.shape.slice(2)), yd = y.data;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const w = scale[c], b = bias[c];
      for (let k = (n * C + c) * S, e = k + S; k < e; k++) yd[k] = yd[k] * w + b;
    }
  }
  return y;
}

/** In place: y = y * scale + bias with both broadcast to y (bias optional). */
function affineBroadcast(y: Tensor, scale: Tensor, bias: Tensor | undefined): Tensor {
  const yd = y.data, si = broadcastIndex(scale.shape, y.shape), bi = bias && broadcastIndex(bias.shape, y.shape);
  for (let k = 0; k < yd.length; k++) yd[k] = yd[k] * scale.data[si[k]] + (bias && bi ? bias.data[bi[k]] : 0);
  return y;
}

/** Statistics shape of LayerNormalization: dims before `axis` kept, the rest 1. */
const statShape = (x: Shape, axis: number): number[] => x.map((d, k) => (k < axis ? d : 1));

const invStd = (variance: ArrayLike<number>, eps: number): Float64Array => Float64Array.from(variance, (v) => 1 / Math.sqrt(v + eps));

const batchNorm: CpuKernel = (xs, a, out) => {
  const [x, scale, bias, mean, variance] = [0, 1, 2, 3, 4].map((k) => inp(xs, k));
  const [N, C] = x.shape, S = numel(x.shape.slice(2)), eps = a.epsilon as number;
  if (!a.training_mode) return [affineChannels(standardize(x, N, C, S, mean.data, invStd(variance.data, eps)), scale.data, bias.data)];
  const m = moments3(x.data, N, C, S);
  const mom = a.momentum as number;
  const running = (given: Tensor, batch: Float64Array, t: TensorType) => {
    const r = alloc(t);
    for (let c = 0; c < r.data.length; c++) r.data[c] = given.data[c] * mom + batch[c] * (1 - mom);
    return r;
  };
  const y = affineChannels(standardize(x, N, C, S, m.mean, invStd(m.variance, eps)), scale.data, bias.data);
  return [y, running(mean, m.mean, out[1]), running(variance, m.variance, out[2])];
};

/** Rows of `len` contiguous elements normalized on their own: InstanceNorm, GroupNorm and LayerNorm. */
function rowNorm(x: Tensor, rows: number, eps: number): { y: Tensor; mean: Float64Array; inv: Float64Array } {
  const len = rows === 0 ? 0 : x.data.length / rows;
  const m = moments3(x.data, 1, rows, len);
  const inv = invStd(m.variance, eps);
  return { y: standardize(x, 1, rows, len, m.mean, inv), mean: m.mean, inv };
}

const instanceNorm: CpuKernel = (xs, a) => {
  const [x, scale, bias] = [0, 1, 2].map((k) => inp(xs, k));
  return [affineChannels(rowNorm(x, x.shape[0] * x.shape[1], a.epsilon as number).y, scale.data, bias.data)];
};

const groupNorm: CpuKernel = (xs, a) => {
  const [x, scale, bias] = [0, 1, 2].map((k) => inp(xs, k));
  return [affineChannels(rowNorm(x, x.shape[0] * (a.num_groups as number), a.epsilon as number).y, scale.data, bias.data)];
};

const layerNorm: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0);
  const st = statShape(x.shape, normAxis(a.axis as number, x.shape.length));
  const { y, mean, inv } = rowNorm(x, numel(st), a.epsilon as number);
  const meanT = alloc(out[1]), invT = alloc(out[2]);
  meanT.data.set(mean);
  invT.data.set(inv);
  return [affineBroadcast(y, inp(xs, 1), xs[2]), meanT, invT];
};

/** Mean and biased variance of `x` per group; `gid[i]` is the group of element i (two passes, f64). */
function moments(x: ArrayLike<number>, gid: Int32Array, groups: number): Moments {
  const mean = new Float64Array(groups), variance = new Float64Array(groups), count = new Float64Array(groups);
  for (let i = 0; i < gid.length; i++) { mean[gid[i]] += x[i]; count[gid[i]]++; }
  for (let g = 0; g < groups; g++) mean[g] /= count[g];
  for (let i = 0; i < gid.length; i++) { const d = x[i] - mean[gid[i]]; variance[gid[i]] += d * d; }
  for (let g = 0; g < groups; g++) variance[g] /= count[g];
  return { mean, variance };
}

const mvn: CpuKernel = (xs, a) => {
  const x = inp(xs, 0);
  const axes = (a.axes as readonly number[]).map((ax) => normAxis(ax, x.shape.length));
  const st = x.shape.map((d, k) => (axes.includes(k) ? 1 : d));
  const gid = broadcastIndex(st, x.shape);
  const m = moments(x.data, gid, numel(st));
  const y = alloc(x);
  for (let k = 0; k < gid.length; k++) y.data[k] = (x.data[k] - m.mean[gid[k]]) / (Math.sqrt(m.variance[gid[k]]) + 1e-9);
  return [y];
};

/** Splits `shape` around `axis` into (outer, len, inner) extents. */
function around(shape: Shape, axis: number): [number, number, number] {
  return [numel(shape.slice(0, axis)), shape[axis], numel(shape.slice(axis + 1))];
}

const lpNorm: CpuKernel = (xs, a) => {
  const x = inp(xs, 0), y = alloc(x);
  const [outer, len, inner] = around(x.shape, normAxis(a.axis as number, x.shape.length));
  const p = a.p as number;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let s = 0;
      for (let k = 0; k < len; k++) { const v = x.data[base + k * inner]; s += p === 1 ? Math.abs(v) : v * v; }
      const norm = p === 1 ? s : Math.sqrt(s);
      for (let k = 0; k < len; k++) y.data[base + k * inner] = x.data[base + k * inner] / norm;
    }
  }
  return [y];
};

const lrn: CpuKernel = (xs, a: Attrs) => {
  const x = inp(xs, 0), y = alloc(x);
  const [outer, chans, inner] = around(x.shape, 1);
  const size = a.size as number, alpha = a.alpha as number, beta = a.beta as number, bias = a.bias as number;
  const below = Math.floor((size - 1) / 2), above = Math.ceil((size - 1) / 2);
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < chans; c++) {
      const lo = Math.max(0, c - below), hi = Math.min(chans - 1, c + above);
      for (let i = 0; i < inner; i++) {
        let s = 0;
        for (let k = lo; k <= hi; k++) { const v = x.data[(o * chans + k) * inner + i]; s += v * v; }
        const at = (o * chans + c) * inner + i;
        y.data[at] = x.data[at] / (bias + (alpha / size) * s) ** beta;
      }
    }
  }
  return [y];
};

export const NORM_KERNELS = {
  BatchNormalization: batchNorm,
  InstanceNormalization: instanceNorm,
  LayerNormalization: layerNorm,
  GroupNormalization: groupNorm,
  MeanVarianceNormalization: mvn,
  LpNormalization: lpNorm,
  LRN: lrn,
} satisfies Record<string, CpuKernel>;

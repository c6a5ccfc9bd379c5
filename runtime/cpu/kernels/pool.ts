// CPU kernels of the pools. Window offsets are built once per call (a CSR list of the in-bounds input
// offsets of every output position), then every (n, c) plane runs over that list.
import type { Attrs } from '../../../ir/op.ts';
import { poolGeometry, type PoolGeom } from '../../../ir/ops/nn-pool.ts';
import { numel, stridesOf } from '../../../ir/shape.ts';
import type { Tensor, TensorType } from '../../../ir/tensor.ts';
import { alloc, inp, type CpuKernel } from '../kernel.ts';

export interface Windows {
  /** Output position o reads input spatial offsets offs[start[o] .. start[o+1]). */
  readonly start: Int32Array;
  readonly offs: Int32Array;
  /** Window size clipped to the padded input (count_include_pad divisor). */
  readonly padded: Int32Array;
}

export function buildWindows(g: PoolGeom): Windows {
  const r = g.spatial.length;
  const inStr = stridesOf(g.spatial);
  const nOut = numel(g.out), nK = numel(g.kernel);
  const start = new Int32Array(nOut + 1), offs = new Int32Array(nOut * nK), padded = new Int32Array(nOut);
  const oc = new Array<number>(r).fill(0), kc = new Array<number>(r).fill(0);
  let pos = 0;
  for (let o = 0; o < nOut; o++) {
    kc.fill(0);
    let pc = 0;
    for (let k = 0; k < nK; k++) {
      let off = 0, inside = true, inPad = true;
      for (let d = 0; d < r; d++) {
        const x = oc[d] * g.strides[d] - g.padsBegin[d] + kc[d] * g.dilations[d];
        if (x < 0 || x >= g.spatial[d]) inside = false;
        if (x < -g.padsBegin[d] || x >= g.spatial[d] + g.padsEnd[d]) inPad = false;
        off += x * inStr[d];
      }
      if (inPad) pc++;
      if (inside) offs[pos++] = off;
      increment(kc, g.kernel);
    }
    padded[o] = pc;
    start[o + 1] = pos;
    increment(oc, g.out);
  }
  return { start, offs, padded };
}

/** Row-major counter increment over `dims` (wraps to all zeros). */
export function increment(c: number[], dims: readonly number[]): void {
  for (let d = c.length - 1; d >= 0; d--) {
    if (++c[d] < dims[d]) return;
    c[d] = 0;
  }
}

/** Runs `reduce(plane base, window range)` for every output element; returns the output tensor. */
function windowed(x: Tensor, a: Attrs, outType: TensorType, f: (base: number, lo: number, hi: number, o: number, w: Windows) => number): Tensor {
  const g = poolGeometry(x.shape, a);
  const w = buildWindows(g);
  const y = alloc(outType);
  const planes = x.shape[0] * x.shape[1], inSp = numel(g.spatial), outSp = numel(g.out);
  for (let p = 0; p < planes; p++) {
    for (let o = 0; o < outSp; o++) y.data[p * outSp + o] = f(p * inSp, w.start[o], w.start[o + 1], o, w);
  }
  return y;
}

/** Converts a row-major spatial offset to the column-major one (first spatial dim fastest). */
function colMajor(off: number, spatial: readonly number[]): number {
  let res = 0, mul = 1;
  const rs = stridesOf(spatial);
  for (let d = 0; d < spatial.length; d++) {
    res += Math.floor(off / rs[d]) % spatial[d] * mul;
    mul *= spatial[d];
  }
  return res;
}

/**
 * 2-D max pool whose every window lies inside the input (no padding, no dilation, no clipped ceil-mode window):
 * direct loops, the same first-element-then-greater rule as the window list.
 */
function maxPool2d(xd: ArrayLike<number>, y: { [i: number]: number }, planes: number, g: PoolGeom): void {
  const [H, W] = g.spatial, [oH, oW] = g.out, [kH, kW] = g.kernel, [sH, sW] = g.strides;
  for (let p = 0, o = 0; p < planes; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < oH; oh++) {
      const row = base + oh * sH * W;
      if (kH === 2 && kW === 2) {
        for (let ow = 0; ow < oW; ow++, o++) {
          const i = row + ow * sW;
          let m = xd[i], v = xd[i + 1];
          if (v > m) m = v;
          v = xd[i + W]; if (v > m) m = v;
          v = xd[i + W + 1]; if (v > m) m = v;
          y[o] = m;
        }
        continue;
      }
      for (let ow = 0; ow < oW; ow++, o++) {
        const i = row + ow * sW;
        let m = xd[i];
        for (let kh = 0; kh < kH; kh++) {
          for (let kw = kh === 0 ? 1 : 0; kw < kW; kw++) { const v = xd[i + kh * W + kw]; if (v > m) m = v; }
        }
        y[o] = m;
      }
    }
  }
}

/** A 2-D window list with no padding, no dilation and no window clipped by ceil mode (the direct loops' case). */
export const inside2d = (g: PoolGeom): boolean =>
  g.spatial.length === 2 && [...g.padsBegin, ...g.padsEnd].every((p) => p === 0) && g.dilations.every((d) => d === 1) &&
  g.out.every((o, d) => (o - 1) * g.strides[d] + g.kernel[d] <= g.spatial[d]);

export const maxPool: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), xd = x.data;
  const g = poolGeometry(x.shape, a);
  if (!out[1] && inside2d(g)) {
    const y = alloc(out[0]);
    maxPool2d(xd, y.data, x.shape[0] * x.shape[1], g);
    return [y];
  }
  const w = buildWindows(g);
  const y = alloc(out[0]);
  const idx = out[1] ? alloc(out[1]) : undefined;
  const planes = x.shape[0] * x.shape[1], inSp = numel(g.spatial), outSp = numel(g.out);
  for (let p = 0; p < planes; p++) {
    const base = p * inSp;
    for (let o = 0; o < outSp; o++) {
      let m = -Infinity, arg = -1;
      for (let j = w.start[o]; j < w.start[o + 1]; j++) {
        const v = xd[base + w.offs[j]];
        if (v > m || arg < 0) { m = v; arg = w.offs[j]; }
      }
      y.data[p * outSp + o] = m;
      if (idx) idx.data[p * outSp + o] = arg < 0 ? -1 : base + (a.storage_order ? colMajor(arg, g.spatial) : arg);
    }
  }
  return idx ? [y, idx] : [y];
};

const averagePool: CpuKernel = (xs, a, out) => {
  const xd = inp(xs, 0).data;
  const includePad = a.count_include_pad !== 0;
  return [windowed(inp(xs, 0), a, out[0], (base, lo, hi, o, w) => {
    let s = 0;
    for (let j = lo; j < hi; j++) s += xd[base + w.offs[j]];
    return s / (includePad ? w.padded[o] : hi - lo);
  })];
};

const lpPool: CpuKernel = (xs, a, out) => {
  const xd = inp(xs, 0).data;
  const p = a.p as number;
  return [windowed(inp(xs, 0), a, out[0], (base, lo, hi, _o, w) => {
    let s = 0;
    for (let j = lo; j < hi; j++) s += Math.abs(xd[base + w.offs[j]]) ** p;
    return s ** (1 / p);
  })];
};

/** Global pool: fold every (n, c) plane with `init`/`step`, then `fin(acc, count)`. */
const globalPool = (init: number, step: (acc: number, v: number) => number, fin: (acc: number, n: number) => number): CpuKernel => (xs, _a, out) => {
  const x = inp(xs, 0);
  const y = alloc(out[0]);
  const planes = y.data.length, n = planes === 0 ? 0 : x.data.length / planes;
  for (let p = 0; p < planes; p++) {
    let acc = init;
    for (let k = p * n; k < (p + 1) * n; k++) acc = step(acc, x.data[k]);
    y.data[p] = fin(acc, n);
  }
  return [y];
};

/**
 * Scatters X to the flat indices I. Indices address the unpooled shape the window implies; a larger
 * output_shape keeps each element at the same coordinates (the extra rows and columns stay zero).
 */
const maxUnpool: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), idx = inp(xs, 1).data;
  const y = alloc(out[0]);
  const geom = poolGeometry(x.shape, { ...a, dilations: [], ceil_mode: 0 });
  const implied = [x.shape[0], x.shape[1], ...geom.spatial.map((n, d) => (n - 1) * geom.strides[d] - geom.padsBegin[d] - geom.padsEnd[d] + geom.kernel[d])];
  const outStrides = stridesOf(out[0].shape);
  const impliedSize = implied.reduce((p, d) => p * d, 1);
  const place = (t: number): number => {
    let off = 0;
    for (let d = implied.length - 1; d >= 0; d--) {
      off += (t % implied[d]) * outStrides[d];
      t = Math.floor(t / implied[d]);
    }
    return off;
  };
  for (let k = 0; k < x.data.length; k++) {
    const t = idx[k];
    if (t < 0 || t >= impliedSize) throw new Error(`MaxUnpool index ${t} outside the unpooled shape [${implied}]`);
    y.data[place(t)] = x.data[k];
  }
  return [y];
};

export const POOL_KERNELS = {
  MaxPool: maxPool,
  AveragePool: averagePool,
  LpPool: lpPool,
  GlobalAveragePool: globalPool(0, (s, v) => s + v, (s, n) => s / n),
  GlobalMaxPool: globalPool(-Infinity, (m, v) => (v > m || Number.isNaN(v) ? v : m), (m) => m),
  MaxUnpool: maxUnpool,
} satisfies Record<string, CpuKernel>;

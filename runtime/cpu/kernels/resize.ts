// CPU kernel of Resize: separable interpolation, one pass per axis. Each output coordinate is mapped back
// to an input coordinate (coordinate_transformation_mode), then read through 1 (nearest), 2 (linear) or
// 4 (cubic) weighted taps, edge-clamped; tf_crop_and_resize fills out-of-range points with a constant.
import type { Attrs } from '../../../ir/op.ts';
import { numel } from '../../../ir/shape.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';

interface Axis { inLen: number; outLen: number; scale: number; roi: [number, number] }

/** Input coordinate of output coordinate x. `outF` is the unrounded output length scale * inLen. */
const COORD: Record<string, (x: number, ax: Axis, outF: number) => number> = {
  half_pixel: (x, a) => (x + 0.5) / a.scale - 0.5,
  half_pixel_symmetric: (x, a, outF) => (a.inLen / 2) * (1 - a.outLen / outF) + (x + 0.5) / a.scale - 0.5,
  pytorch_half_pixel: (x, a) => (a.outLen > 1 ? (x + 0.5) / a.scale - 0.5 : 0),
  align_corners: (x, a, outF) => (outF === 1 ? 0 : (x * (a.inLen - 1)) / (outF - 1)),
  asymmetric: (x, a) => x / a.scale,
  tf_half_pixel_for_nn: (x, a) => (x + 0.5) / a.scale,
  tf_crop_and_resize: (x, a, outF) => {
    const [s, e] = a.roi;
    return outF === 1 ? 0.5 * (s + e) * (a.inLen - 1) : s * (a.inLen - 1) + (x * (e - s) * (a.inLen - 1)) / (outF - 1);
  },
};

/** Nearest-neighbour choice between floor(x) and floor(x) + 1 given the fraction t. */
const NEAREST: Record<string, (t: number) => number> = {
  round_prefer_floor: (t) => (t <= 0.5 ? 0 : 1),
  round_prefer_ceil: (t) => (t < 0.5 ? 0 : 1),
  floor: () => 0,
  ceil: (t) => (t > 0 ? 1 : 0),
};

/** Tap offsets from floor(x) and their weights for fraction t. */
function weights(mode: string, t: number, a: Attrs): [number[], number[]] {
  if (mode === 'nearest') return [[NEAREST[a.nearest_mode as string](t)], [1]];
  if (mode === 'linear') return [[0, 1], [1 - t, t]];
  const A = a.cubic_coeff_a as number;
  const far = (d: number) => ((A * d - 5 * A) * d + 8 * A) * d - 4 * A; // 1 < d < 2
  const near = (d: number) => ((A + 2) * d - (A + 3)) * d * d + 1; // d <= 1
  return [[-1, 0, 1, 2], [far(t + 1), near(t), near(1 - t), far(2 - t)]];
}

interface Taps { n: number; idx: Int32Array; w: Float64Array; outside: Uint8Array }

function axisTaps(ax: Axis, a: Attrs): Taps {
  const mode = a.mode as string, coord = COORD[a.coordinate_transformation_mode as string];
  const n = mode === 'nearest' ? 1 : mode === 'linear' ? 2 : 4;
  const taps: Taps = { n, idx: new Int32Array(ax.outLen * n), w: new Float64Array(ax.outLen * n), outside: new Uint8Array(ax.outLen) };
  const outF = ax.scale * ax.inLen, crop = a.coordinate_transformation_mode === 'tf_crop_and_resize';
  for (let x = 0; x < ax.outLen; x++) {
    const xo = coord(x, ax, outF), f = Math.floor(xo);
    if (crop && (xo < 0 || xo > ax.inLen - 1)) taps.outside[x] = 1;
    const [offs, ws] = weights(mode, xo - f, a);
    if (a.exclude_outside) {
      offs.forEach((o, k) => { if (f + o < 0 || f + o >= ax.inLen) ws[k] = 0; });
      const s = ws.reduce((p, q) => p + q, 0);
      if (s !== 0) ws.forEach((v, k) => { ws[k] = v / s; });
    }
    offs.forEach((o, k) => {
      taps.idx[x * n + k] = Math.min(Math.max(f + o, 0), ax.inLen - 1);
      taps.w[x * n + k] = ws[k];
    });
  }
  return taps;
}

/** Whether the taps copy each coordinate to itself. */
function isIdentity(t: Taps): boolean {
  for (let x = 0; x < t.outside.length; x++) {
    let own = 0;
    for (let k = 0; k < t.n; k++) {
      const w = t.w[x * t.n + k];
      if (t.idx[x * t.n + k] === x) own += w;
      else if (w !== 0) return false;
    }
    if (own !== 1) return false;
  }
  return true;
}

/** Interpolates `src` (shape `shape`) along axis d with the given taps; returns the new buffer. */
function pass(src: Float64Array, shape: number[], d: number, t: Taps, outLen: number): Float64Array {
  const outer = numel(shape.slice(0, d)), inner = numel(shape.slice(d + 1)), inLen = shape[d];
  const dst = new Float64Array(outer * outLen * inner);
  for (let o = 0; o < outer; o++) {
    for (let x = 0; x < outLen; x++) {
      const row = (o * outLen + x) * inner;
      for (let k = 0; k < t.n; k++) {
        const w = t.w[x * t.n + k];
        if (w === 0) continue;
        const s = (o * inLen + t.idx[x * t.n + k]) * inner;
        for (let i = 0; i < inner; i++) dst[row + i] += w * src[s + i];
      }
    }
  }
  return dst;
}

export const RESIZE_KERNEL: CpuKernel = (xs, a, out) => {
  const x: Tensor = inp(xs, 0), r = alloc(out[0]), rank = x.shape.length;
  const sizes = a.sizes as readonly number[], scales = a.scales as readonly number[], roi = a.roi as readonly number[];
  let cur: Float64Array = Float64Array.from(x.data), shape = [...x.shape];
  const all: Taps[] = [];
  for (let d = 0; d < rank; d++) {
    const ax: Axis = { inLen: x.shape[d], outLen: sizes[d], scale: scales[d], roi: [roi[d] ?? 0, roi[d + rank] ?? 1] };
    const t = axisTaps(ax, a);
    all.push(t);
    if (ax.inLen === ax.outLen && isIdentity(t) && !t.outside.some((v) => v)) continue;
    cur = pass(cur, shape, d, t, ax.outLen);
    shape[d] = ax.outLen;
  }
  r.data.set(cur);
  if (all.some((t) => t.outside.some((v) => v))) fillOutside(r, all, a.extrapolation_value as number);
  return [r];
};

/** Sets every element whose coordinate is outside the crop on any axis to `value`. */
function fillOutside(r: Tensor, taps: Taps[], value: number): void {
  const shape = r.shape, ctr = new Array<number>(shape.length).fill(0);
  for (let p = 0; p < r.data.length; p++) {
    if (taps.some((t, d) => t.outside[ctr[d]])) r.data[p] = value;
    for (let d = shape.length - 1; d >= 0 && ++ctr[d] === shape[d]; d--) ctr[d] = 0;
  }
}

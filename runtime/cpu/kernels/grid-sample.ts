// CPU kernels of GridSample and its two gradients, from ONNX GridSample's definition. Sampling is separable:
// along each axis a normalized coordinate g in [-1, 1] becomes a pixel coordinate (align_corners), nearest
// rounds it half to even, a coordinate outside the image's extent is clamped (border) or reflected
// (reflection), and then 1 (nearest), 2 (linear) or 4 (cubic, Keys a = -0.75) taps are read with weights;
// a tap outside the image reads 0 (zeros), the edge pixel (border) or its reflection (reflection).
// Output = sum over taps (a, b) of wy[a] * wx[b] * X[iy[a], ix[b]]. The taps also carry d weight / d g,
// so the grid gradient is the same sum with one axis's weights differentiated (zero for nearest).
import type { Attrs } from '../../../ir/op.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';

/** One axis's taps: input indices (-1 reads zero), weights and their derivatives wrt the normalized coordinate. */
export interface AxisTaps { idx: number[]; w: number[]; dw: number[] }

interface AxisSpec { len: number; mode: string; padding: string; align: boolean }

const CUBIC_A = -0.75;
/** Keys cubic kernel for 1 <= d <= 2 (far taps) and d <= 1 (near taps), with their derivatives. */
const far = (d: number) => ((CUBIC_A * d - 5 * CUBIC_A) * d + 8 * CUBIC_A) * d - 4 * CUBIC_A;
const farD = (d: number) => (3 * CUBIC_A * d - 10 * CUBIC_A) * d + 8 * CUBIC_A;
const near = (d: number) => ((CUBIC_A + 2) * d - (CUBIC_A + 3)) * d * d + 1;
const nearD = (d: number) => (3 * (CUBIC_A + 2) * d - 2 * (CUBIC_A + 3)) * d;

/** Round half to even (numpy rint, WGSL round). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x), r = x - f;
  if (r !== 0.5) return Math.round(x);
  return f % 2 === 0 ? f : f + 1;
}

/** The extent [lo, hi] a pixel coordinate is kept in: pixel centres (align_corners) or pixel edges. */
const extent = (s: AxisSpec): [number, number] => (s.align ? [0, s.len - 1] : [-0.5, s.len - 0.5]);

/** Reflects x into [lo, hi] as often as needed; returns the coordinate and d result / d x (+1 or -1). */
export function reflect(x: number, lo: number, hi: number): [number, number] {
  const span = hi - lo;
  if (span <= 0) return [lo, 0];
  if (x >= lo && x <= hi) return [x, 1];
  const below = x < lo, dist = below ? lo - x : x - hi;
  const n = Math.floor(dist / span), r = dist - n * span;
  const toLo = below === (n % 2 === 0);
  return toLo ? [lo + r, below ? -1 : 1] : [hi - r, below ? 1 : -1];
}

/** The index an (integer) tap reads, or -1 for a zero. */
function tapIndex(i: number, s: AxisSpec): number {
  if (s.padding === 'zeros') return i >= 0 && i < s.len ? i : -1;
  if (s.padding === 'border') return Math.min(Math.max(i, 0), s.len - 1);
  const [lo, hi] = extent(s);
  return Math.trunc(reflect(i, lo, hi)[0]);
}

/** Tap offsets from floor(x), weights and d weight / d x for fraction t, per mode. */
const TAP_RULES: Record<string, (t: number) => { offs: number[]; w: number[]; dw: number[] }> = {
  nearest: () => ({ offs: [0], w: [1], dw: [0] }),
  linear: (t) => ({ offs: [0, 1], w: [1 - t, t], dw: [-1, 1] }),
  cubic: (t) => ({ offs: [-1, 0, 1, 2], w: [far(t + 1), near(t), near(1 - t), far(2 - t)], dw: [farD(t + 1), nearD(t), -nearD(1 - t), -farD(2 - t)] }),
};

/** The taps of normalized coordinate g along an axis of length `len`. */
export function axisTaps(g: number, s: AxisSpec): AxisTaps {
  let x = s.align ? ((g + 1) / 2) * (s.len - 1) : ((g + 1) * s.len - 1) / 2;
  let dxdg = s.align ? (s.len - 1) / 2 : s.len / 2;
  if (s.mode === 'nearest') [x, dxdg] = [roundHalfEven(x), 0];
  const [lo, hi] = extent(s);
  if (x < lo || x > hi) {
    if (s.padding === 'border') [x, dxdg] = [Math.min(Math.max(x, 0), s.len - 1), 0];
    else if (s.padding === 'reflection') {
      const [r, d] = reflect(x, lo, hi);
      [x, dxdg] = [r, dxdg * d];
    }
  }
  // Nearest reads the (rounded) coordinate itself, truncated as an integer; the others read around floor(x).
  const base = s.mode === 'nearest' ? Math.trunc(x) : Math.floor(x);
  const rule = TAP_RULES[s.mode](x - Math.floor(x));
  return { idx: rule.offs.map((o) => tapIndex(base + o, s)), w: rule.w, dw: rule.dw.map((d) => d * dxdg) };
}

/** The taps of every grid point along y and x: [N * Ho * Wo] each, from grid [N, Ho, Wo, 2] ((x, y) pairs). */
function gridTaps(grid: Tensor, xShape: readonly number[], a: Attrs): { ty: AxisTaps[]; tx: AxisTaps[] } {
  const spec = (len: number): AxisSpec => ({ len, mode: a.mode as string, padding: a.padding_mode as string, align: a.align_corners === 1 });
  const sy = spec(xShape[2]), sx = spec(xShape[3]), points = grid.data.length / 2;
  const ty: AxisTaps[] = [], tx: AxisTaps[] = [];
  for (let p = 0; p < points; p++) {
    tx.push(axisTaps(grid.data[2 * p], sx));
    ty.push(axisTaps(grid.data[2 * p + 1], sy));
  }
  return { ty, tx };
}

/** Visits every tap pair of grid point p reading an in-range pixel: (flat offset within the image, wy, wx, dwy, dwx). */
function eachTap(ty: AxisTaps, tx: AxisTaps, w: number, visit: (at: number, wy: number, wx: number, dwy: number, dwx: number) => void): void {
  ty.idx.forEach((iy, a) => {
    if (iy < 0) return;
    tx.idx.forEach((ix, b) => {
      if (ix >= 0) visit(iy * w + ix, ty.w[a], tx.w[b], ty.dw[a], tx.dw[b]);
    });
  });
}

export const GRID_SAMPLE: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), y = alloc(out[0]), [n, c, h, w] = x.shape, points = out[0].shape[2] * out[0].shape[3];
  const { ty, tx } = gridTaps(inp(xs, 1), x.shape, a);
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const img = (b * c + ch) * h * w, row = (b * c + ch) * points;
      for (let p = 0; p < points; p++) {
        let acc = 0;
        eachTap(ty[b * points + p], tx[b * points + p], w, (at, wy, wx) => { acc += wy * wx * x.data[img + at]; });
        y.data[row + p] = acc;
      }
    }
  }
  return [y];
};

/** dX: every dY element adds dY * wy * wx to the pixels its grid point read. */
export const GRID_SAMPLE_GRAD_X: CpuKernel = (xs, a, out) => {
  const dy = inp(xs, 0), dx = alloc(out[0]), [n, c, h, w] = out[0].shape, points = dy.shape[2] * dy.shape[3];
  const { ty, tx } = gridTaps(inp(xs, 1), out[0].shape, a);
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const img = (b * c + ch) * h * w, row = (b * c + ch) * points;
      for (let p = 0; p < points; p++) {
        const g = dy.data[row + p];
        eachTap(ty[b * points + p], tx[b * points + p], w, (at, wy, wx) => { dx.data[img + at] += g * wy * wx; });
      }
    }
  }
  return [dx];
};

/** dgrid[.., 0] sums dY * wy * dwx * X over channels and taps, dgrid[.., 1] dY * dwy * wx * X. */
export const GRID_SAMPLE_GRAD_GRID: CpuKernel = (xs, a, out) => {
  const dy = inp(xs, 0), x = inp(xs, 1), dg = alloc(out[0]), [n, c, h, w] = x.shape, points = dy.shape[2] * dy.shape[3];
  const { ty, tx } = gridTaps(inp(xs, 2), x.shape, a);
  for (let b = 0; b < n; b++) {
    for (let p = 0; p < points; p++) {
      let gx = 0, gy = 0;
      for (let ch = 0; ch < c; ch++) {
        const img = (b * c + ch) * h * w, d = dy.data[(b * c + ch) * points + p];
        eachTap(ty[b * points + p], tx[b * points + p], w, (at, wy, wx, dwy, dwx) => {
          const v = d * x.data[img + at];
          gx += v * wy * dwx;
          gy += v * dwy * wx;
        });
      }
      dg.data[2 * (b * points + p)] = gx;
      dg.data[2 * (b * points + p) + 1] = gy;
    }
  }
  return [dg];
};

// CPU kernels of RoiAlign and its X gradient, from ONNX RoiAlign's definition. Each roi (x1, y1, x2, y2),
// scaled by spatial_scale (and shifted by -0.5 under half_pixel; output_half_pixel forces it to at least
// 1 x 1), is cut into output_height x output_width bins; each bin takes a grid of sampling_ratio (or
// ceil(bin size)) samples per axis, each a bilinear read of its 4 neighbours (a sample more than one pixel
// outside the image reads 0; one within a pixel is clamped onto the edge). avg averages the samples;
// max takes the largest weighted neighbour of every sample and the largest of those.
import { KilnError } from '../../../ir/errors.ts';
import type { Attrs } from '../../../ir/op.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';

/** One sample: 4 flat pixel offsets within an image and their bilinear weights (all 0 outside the image). */
export interface RoiSample { at: [number, number, number, number]; w: [number, number, number, number] }

/** Bilinear neighbours along one axis of length n: [low, high, fraction], or undefined outside (-1, n]. */
function axisNeighbours(v: number, n: number): [number, number, number] | undefined {
  if (v < -1 || v > n) return undefined;
  const c = Math.max(v, 0), low = Math.floor(c);
  return low >= n - 1 ? [n - 1, n - 1, 0] : [low, low + 1, c - low];
}

function sampleAt(y: number, x: number, h: number, w: number): RoiSample {
  const ny = axisNeighbours(y, h), nx = axisNeighbours(x, w);
  if (!ny || !nx) return { at: [0, 0, 0, 0], w: [0, 0, 0, 0] };
  const [y0, y1, ly] = ny, [x0, x1, lx] = nx, hy = 1 - ly, hx = 1 - lx;
  return { at: [y0 * w + x0, y0 * w + x1, y1 * w + x0, y1 * w + x1], w: [hy * hx, hy * lx, ly * hx, ly * lx] };
}

/** The samples of every bin of one roi (bins row-major, samples row-major within a bin) and the avg divisor. */
export function roiBins(roi: ArrayLike<number>, h: number, w: number, a: Attrs): { bins: RoiSample[][]; count: number } {
  const scale = a.spatial_scale as number, halfPixel = a.coordinate_transformation_mode === 'half_pixel';
  const oh = a.output_height as number, ow = a.output_width as number, ratio = a.sampling_ratio as number;
  const off = halfPixel ? 0.5 : 0;
  const x0 = roi[0] * scale - off, y0 = roi[1] * scale - off;
  let rw = roi[2] * scale - off - x0, rh = roi[3] * scale - off - y0;
  if (!halfPixel) [rw, rh] = [Math.max(rw, 1), Math.max(rh, 1)];
  const bh = rh / oh, bw = rw / ow;
  const gh = ratio > 0 ? ratio : Math.ceil(rh / oh), gw = ratio > 0 ? ratio : Math.ceil(rw / ow);
  const bins: RoiSample[][] = [];
  for (let ph = 0; ph < oh; ph++) {
    for (let pw = 0; pw < ow; pw++) {
      const samples: RoiSample[] = [];
      for (let iy = 0; iy < gh; iy++) {
        const y = y0 + ph * bh + ((iy + 0.5) * bh) / gh;
        for (let ix = 0; ix < gw; ix++) samples.push(sampleAt(y, x0 + pw * bw + ((ix + 0.5) * bw) / gw, h, w));
      }
      bins.push(samples);
    }
  }
  return { bins, count: Math.max(gh * gw, 1) };
}

/** The bin value of one image (from flat offset `img`) for mode avg or max. */
const POOL: Record<string, (d: ArrayLike<number>, img: number, s: RoiSample[], count: number) => number> = {
  avg: (d, img, s, count) => s.reduce((acc, p) => acc + p.w.reduce((t, wk, k) => t + wk * d[img + p.at[k]], 0), 0) / count,
  max: (d, img, s) => s.reduce((m, p, j) => {
    const v = Math.max(...p.w.map((wk, k) => wk * d[img + p.at[k]]));
    return j === 0 ? v : Math.max(m, v);
  }, 0),
};

/** The batch index of roi r, checked against N (an index out of range is an error on the CPU). */
function batchOf(idx: ArrayLike<number>, r: number, n: number): number {
  const b = Number(idx[r]);
  if (!(b >= 0 && b < n)) throw new KilnError('INDEX', `batch index ${b} of roi ${r} is outside [0, ${n})`);
  return b;
}

export const ROI_ALIGN: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), rois = inp(xs, 1).data, idx = inp(xs, 2).data, y = alloc(out[0]);
  const [n, c, h, w] = x.shape, [r, , oh, ow] = out[0].shape, pool = POOL[a.mode as string];
  for (let k = 0; k < r; k++) {
    const b = batchOf(idx, k, n), { bins, count } = roiBins(rois.subarray(4 * k, 4 * k + 4), h, w, a);
    for (let ch = 0; ch < c; ch++) {
      const img = (b * c + ch) * h * w, row = (k * c + ch) * oh * ow;
      bins.forEach((s, j) => { y.data[row + j] = pool(x.data, img, s, count); });
    }
  }
  return [y];
};

/** Where a bin's dY goes: avg spreads dY / count over every neighbour of its samples by weight; max gives
 *  dY times the weight to the first (sample, neighbour) whose weighted value is the bin's largest. */
const POOL_GRAD: Record<string, (dx: Float32Array | Float64Array, x: ArrayLike<number> | undefined, img: number, s: RoiSample[], g: number, count: number) => void> = {
  avg: (dx, _x, img, s, g, count) => {
    for (const p of s) p.w.forEach((wk, q) => { dx[img + p.at[q]] += (g / count) * wk; });
  },
  max: (dx, x, img, s, g) => {
    let best = -Infinity, at = -1, weight = 0;
    for (const p of s) p.w.forEach((wk, q) => {
      const v = wk * x![img + p.at[q]];
      if (v > best) [best, at, weight] = [v, p.at[q], wk];
    });
    if (at >= 0) dx[img + at] += g * weight;
  },
};

/** d loss / d X: every bin's dY routed as POOL_GRAD says (mode max reads X, input 3). */
export const ROI_ALIGN_GRAD: CpuKernel = (xs, a, out) => {
  const dy = inp(xs, 0), rois = inp(xs, 1).data, idx = inp(xs, 2).data, x = xs[3]?.data, dx = alloc(out[0]);
  const [n, c, h, w] = out[0].shape, [r, , oh, ow] = dy.shape, route = POOL_GRAD[a.mode as string];
  for (let k = 0; k < r; k++) {
    const b = batchOf(idx, k, n), { bins, count } = roiBins(rois.subarray(4 * k, 4 * k + 4), h, w, a);
    for (let ch = 0; ch < c; ch++) {
      const img = (b * c + ch) * h * w, row = (k * c + ch) * oh * ow;
      bins.forEach((s, j) => route(dx.data as Float32Array, x, img, s, dy.data[row + j], count));
    }
  }
  return [dx];
};

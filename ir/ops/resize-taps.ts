// Resize geometry shared by the CPU kernel and the WGSL lowering: per axis, which input coordinates each
// output coordinate reads (coordinate_transformation_mode, nearest_mode, linear and cubic taps,
// exclude_outside) and with which weights; tf_crop_and_resize marks points outside the crop box.
import type { Attrs } from '../op.ts';

export interface ResizeAxis { inLen: number; outLen: number; scale: number; roi: [number, number] }

/** Input coordinate of output coordinate x. `outF` is the unrounded output length scale * inLen. */
const COORD: Record<string, (x: number, ax: ResizeAxis, outF: number) => number> = {
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

export interface Taps { n: number; idx: Int32Array; w: Float64Array; outside: Uint8Array }

export function axisTaps(ax: ResizeAxis, a: Attrs): Taps {
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
export function isIdentityTaps(t: Taps): boolean {
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

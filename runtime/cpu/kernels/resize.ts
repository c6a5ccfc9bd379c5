// CPU kernel of Resize: separable interpolation, one pass per axis. Each output coordinate is mapped back
// to an input coordinate (coordinate_transformation_mode), then read through 1 (nearest), 2 (linear) or
// 4 (cubic) weighted taps, edge-clamped; tf_crop_and_resize fills out-of-range points with a constant.
import type { Attrs } from '../../../ir/op.ts';
import { numel } from '../../../ir/shape.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';
import { axisTaps, isIdentityTaps, type ResizeAxis, type Taps } from '../../../ir/ops/resize-taps.ts';


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
    const ax: ResizeAxis = { inLen: x.shape[d], outLen: sizes[d], scale: scales[d], roi: [roi[d] ?? 0, roi[d + rank] ?? 1] };
    const t = axisTaps(ax, a);
    all.push(t);
    if (ax.inLen === ax.outLen && isIdentityTaps(t) && !t.outside.some((v) => v)) continue;
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

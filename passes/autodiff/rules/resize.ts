// Resize's gradient, every mode (nearest, linear, cubic), coordinate transform, nearest_mode,
// exclude_outside and tf_crop_and_resize: the forward is separable and linear in X, one interpolation
// matrix per axis (ir/ops/resize-taps.ts gives its taps), so dX applies each matrix's transpose to dY along
// its axis (Transpose + MatMul with a constant [outLen, inLen]). Points outside the crop box hold
// extrapolation_value, a constant: their rows are zero. Axes the forward copies unchanged are skipped.
// roi, scales and sizes are attributes (static), so they carry no gradient.
import type { Value } from '../../../ir/graph.ts';
import { axisTaps, isIdentityTaps, type ResizeAxis, type Taps } from '../../../ir/ops/resize-taps.ts';
import { tensor } from '../../../ir/tensor.ts';
import type { GradBuilder } from '../rule.ts';

/** The interpolation matrix [outLen, inLen] of one axis, row-major; rows outside the crop box are zero. */
export function resizeMatrix(t: Taps, inLen: number, outLen: number): number[] {
  const m = new Array<number>(outLen * inLen).fill(0);
  for (let x = 0; x < outLen; x++) {
    if (t.outside[x]) continue;
    for (let k = 0; k < t.n; k++) m[x * inLen + t.idx[x * t.n + k]] += t.w[x * t.n + k];
  }
  return m;
}

/** v with axis d contracted against m ([v.shape[d], inLen]): axis d becomes inLen, in place. */
function contractAxis(g: GradBuilder, v: Value, d: number, m: Value): Value {
  const r = v.type.shape.length;
  const toLast = [...Array(r).keys()].filter((k) => k !== d).concat(d);
  const back = toLast.map((_, k) => toLast.indexOf(k));
  return g.transpose(g.op1('MatMul', [g.transpose(v, toLast), m]), back);
}

export function resizeGrad(g: GradBuilder): Value {
  const x = g.x(0), shape = x.type.shape, r = shape.length, a = g.attrs;
  const sizes = a.sizes as readonly number[], scales = a.scales as readonly number[], roi = a.roi as readonly number[];
  let v = g.dy();
  for (let d = 0; d < r; d++) {
    const ax: ResizeAxis = { inLen: shape[d], outLen: sizes[d], scale: scales[d], roi: [roi[d] ?? 0, roi[d + r] ?? 1] };
    const t = axisTaps(ax, a);
    if (ax.inLen === ax.outLen && isIdentityTaps(t) && !t.outside.some((o) => o)) continue;
    const m = g.constant(tensor(v.type.dtype, [ax.outLen, ax.inLen], resizeMatrix(t, ax.inLen, ax.outLen)), `resize_axis${d}`);
    v = contractAxis(g, v, d, m);
  }
  return v;
}

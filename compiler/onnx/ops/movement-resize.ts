// ONNX Resize (opsets 10..19) and Upsample (7..9) to the IR Resize: static output sizes and per-dim
// scales resolved here from the scales / sizes / roi inputs, axes and keep_aspect_ratio_policy.
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import type { ImportContext, OnnxConverter, OnnxNode } from '../context.ts';

const unsupported = (n: OnnxNode, msg: string): never => {
  throw new KilnError('ONNX_UNSUPPORTED', msg, { node: n.name, op: n.opType });
};

/** Values of optional static input i; absent or empty means not given. */
function optional(ctx: ImportContext, n: OnnxNode, i: number, what: string): number[] | undefined {
  if (!n.inputs[i]) return undefined;
  const v = Array.from(ctx.requireStatic(n, i, what).data);
  return v.length ? v : undefined;
}

/** Spreads per-axis values over every dim (others get `fill`). */
function spread(vals: number[], axes: number[], rank: number, fill: number): number[] {
  const out = new Array<number>(rank).fill(fill);
  axes.forEach((a, k) => { out[a] = vals[k]; });
  return out;
}

interface Resolved { sizes: number[]; scales: number[] }

function resolve(n: OnnxNode, inShape: readonly number[], scales?: number[], sizes?: number[], axes?: number[]): Resolved {
  const r = inShape.length, ax = (axes ?? [...Array(r).keys()]).map((a) => (a < 0 ? a + r : a));
  if (sizes) {
    const full = spread(sizes, ax, r, 0).map((s, d) => (ax.includes(d) ? s : inShape[d]));
    const policy = (n.attrs.keep_aspect_ratio_policy as string | undefined) ?? 'stretch';
    if (policy === 'stretch') return { sizes: full, scales: full.map((s, d) => s / inShape[d]) };
    const ratios = ax.map((d) => full[d] / inShape[d]);
    const s = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
    return {
      sizes: inShape.map((d, k) => (ax.includes(k) ? Math.round(s * d) : d)),
      scales: inShape.map((_, k) => (ax.includes(k) ? s : 1)),
    };
  }
  if (!scales) return unsupported(n, 'Resize needs scales or sizes');
  const full = spread(scales, ax, r, 1);
  if (full.some((s) => !(s > 0))) unsupported(n, `scales [${scales}] must be positive`);
  return { sizes: inShape.map((d, k) => Math.floor(d * full[k])), scales: full };
}

const resize: OnnxConverter = (ctx, n) => {
  const x = n.inputs[0] as Value, r = x.type.shape.length;
  if (n.attrs.antialias) unsupported(n, 'Resize antialias is not supported');
  let mode = (n.attrs.mode as string | undefined) ?? 'nearest';
  if (mode === 'bilinear' || mode === 'trilinear') mode = 'linear';
  if (ctx.opset < 11) {
    const scales = optional(ctx, n, 1, 'scales') ?? unsupported(n, 'Resize needs scales');
    const res = resolve(n, x.type.shape, scales);
    return ctx.emit('Resize', [x], { ...res, mode, coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
  }
  const axes = n.attrs.axes as number[] | undefined;
  const roi = optional(ctx, n, 1, 'roi');
  const res = resolve(n, x.type.shape, optional(ctx, n, 2, 'scales'), optional(ctx, n, 3, 'sizes'), axes);
  const attrs: Record<string, number | string | number[]> = { ...res, mode };
  for (const k of ['coordinate_transformation_mode', 'nearest_mode', 'cubic_coeff_a', 'exclude_outside', 'extrapolation_value']) {
    if (n.attrs[k] !== undefined) attrs[k] = n.attrs[k] as number | string;
  }
  if (roi && attrs.coordinate_transformation_mode === 'tf_crop_and_resize') {
    const ax = (axes ?? [...Array(r).keys()]).map((a) => (a < 0 ? a + r : a));
    const k = ax.length;
    attrs.roi = [...spread(roi.slice(0, k), ax, r, 0), ...spread(roi.slice(k), ax, r, 1)];
  }
  return ctx.emit('Resize', [x], attrs);
};

/** Upsample: scales attribute (opset 7) or input (9); asymmetric coordinates, nearest rounds down. */
const upsample: OnnxConverter = (ctx, n) => {
  const x = n.inputs[0] as Value;
  const scales = ctx.opset < 9 ? (n.attrs.scales as number[] | undefined) : optional(ctx, n, 1, 'scales');
  let mode = (n.attrs.mode as string | undefined) ?? 'nearest';
  if (mode === 'bilinear') mode = 'linear';
  const res = resolve(n, x.type.shape, scales ?? unsupported(n, 'Upsample needs scales'));
  return ctx.emit('Resize', [x], { ...res, mode, coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
};

export const RESIZE_CONVERTERS: Record<string, OnnxConverter> = { Resize: resize, Upsample: upsample };

// Index-driven movement ops (kind opaque: which elements move depends on run-time data): Gather,
// GatherElements, GatherND, ScatterElements, ScatterND, OneHot, ReverseSequence, and Resize.
import { isFloat } from '../dtype.ts';
import { shapeFail } from '../errors.ts';
import type { Attrs, InputTypes, OpDef } from '../op.ts';
import { fmt, normAxis } from '../shape.ts';
import type { TensorType } from '../tensor.ts';
import { req } from './common.ts';

const int = (a: Attrs, k: string): number => a[k] as number;
const REDUCTIONS = ['none', 'add', 'mul', 'max', 'min'];

function indicesOf(i: InputTypes, k: number): TensorType {
  const t = req(i, k);
  if (t.dtype !== 'i32' && t.dtype !== 'u32') shapeFail(`indices must be integers, got ${t.dtype}`);
  return t;
}

function reduction(a: Attrs): void {
  if (!REDUCTIONS.includes(a.reduction as string)) shapeFail(`unknown reduction '${a.reduction}'`);
}

const opaque = (arity: readonly [number, number], attrs: OpDef['attrs'], infer: OpDef['infer']): OpDef => ({ kind: 'opaque', inputs: arity, attrs, infer });
/** An index-driven op computing each output element from its own index (fusion may give it an epilogue). */
const gather = (arity: readonly [number, number], attrs: OpDef['attrs'], infer: OpDef['infer']): OpDef => ({ ...opaque(arity, attrs, infer), perElement: true, checksIndices: true });
/** A scatter: its kernel checks the indices it reads. */
const scatter = (arity: readonly [number, number], attrs: OpDef['attrs'], infer: OpDef['infer']): OpDef => ({ ...opaque(arity, attrs, infer), checksIndices: true });

/** ScatterElements: data, indices and updates; indices and updates share a shape of data's rank. */
function scatterElementsInfer(i: InputTypes, a: Attrs): TensorType[] {
  const x = req(i, 0), idx = indicesOf(i, 1), u = req(i, 2);
  normAxis(int(a, 'axis'), x.shape.length);
  reduction(a);
  if (u.dtype !== x.dtype) shapeFail(`updates dtype ${u.dtype} differs from data dtype ${x.dtype}`);
  if (idx.shape.length !== x.shape.length || fmt(idx.shape) !== fmt(u.shape)) shapeFail(`indices ${fmt(idx.shape)} and updates ${fmt(u.shape)} must match and have the rank of data ${fmt(x.shape)}`);
  return [{ dtype: x.dtype, shape: [...x.shape] }];
}

function gatherNdInfer(i: InputTypes, a: Attrs): TensorType[] {
  const x = req(i, 0), idx = indicesOf(i, 1), b = int(a, 'batch_dims');
  const q = idx.shape.length, k = idx.shape[q - 1];
  if (q < 1 || b < 0 || b >= Math.min(q, x.shape.length) || k === undefined || b + k > x.shape.length) {
    shapeFail(`GatherND indices ${fmt(idx.shape)} with batch_dims ${b} do not fit data ${fmt(x.shape)}`);
  }
  for (let d = 0; d < b; d++) if (x.shape[d] !== idx.shape[d]) shapeFail(`batch dims of data ${fmt(x.shape)} and indices ${fmt(idx.shape)} differ`);
  return [{ dtype: x.dtype, shape: [...idx.shape.slice(0, q - 1), ...x.shape.slice(b + k)] }];
}

function scatterNdInfer(i: InputTypes, a: Attrs): TensorType[] {
  const x = req(i, 0), idx = indicesOf(i, 1), u = req(i, 2);
  reduction(a);
  const q = idx.shape.length, k = idx.shape[q - 1];
  if (q < 1 || k > x.shape.length) shapeFail(`ScatterND indices ${fmt(idx.shape)} do not fit data ${fmt(x.shape)}`);
  const want = [...idx.shape.slice(0, q - 1), ...x.shape.slice(k)];
  if (fmt(want) !== fmt(u.shape)) shapeFail(`ScatterND updates ${fmt(u.shape)} must be ${fmt(want)}`);
  if (u.dtype !== x.dtype) shapeFail(`updates dtype ${u.dtype} differs from data dtype ${x.dtype}`);
  return [{ dtype: x.dtype, shape: [...x.shape] }];
}

export const RESIZE_MODES = ['nearest', 'linear', 'cubic'];
export const COORD_MODES = ['half_pixel', 'half_pixel_symmetric', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn', 'tf_crop_and_resize'];
export const NEAREST_MODES = ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'];

export const INDEX_OPS = {
  /** Gathers slices of data along `axis` at the given indices (negative ones count from the end). */
  Gather: gather([2, 2], { axis: { type: 'int', default: 0 } }, (i, a) => {
    const x = req(i, 0), idx = indicesOf(i, 1), ax = normAxis(int(a, 'axis'), x.shape.length);
    return [{ dtype: x.dtype, shape: [...x.shape.slice(0, ax), ...idx.shape, ...x.shape.slice(ax + 1)] }];
  }),
  GatherElements: gather([2, 2], { axis: { type: 'int', default: 0 } }, (i, a) => {
    const x = req(i, 0), idx = indicesOf(i, 1), ax = normAxis(int(a, 'axis'), x.shape.length);
    if (idx.shape.length !== x.shape.length) shapeFail(`indices ${fmt(idx.shape)} must have the rank of data ${fmt(x.shape)}`);
    if (idx.shape.some((d, k) => k !== ax && d > x.shape[k])) shapeFail(`indices ${fmt(idx.shape)} exceed data ${fmt(x.shape)} off axis ${ax}`);
    return [{ dtype: x.dtype, shape: [...idx.shape] }];
  }),
  GatherND: gather([2, 2], { batch_dims: { type: 'int', default: 0 } }, gatherNdInfer),
  /** reduction: none | add | mul | max | min. */
  ScatterElements: scatter([3, 3], { axis: { type: 'int', default: 0 }, reduction: { type: 'string', default: 'none' } }, scatterElementsInfer),
  ScatterND: scatter([3, 3], { reduction: { type: 'string', default: 'none' } }, scatterNdInfer),
  /** Inputs indices and values = [off, on]; a new axis of size depth at `axis`. */
  OneHot: gather([2, 2], { depth: { type: 'int' }, axis: { type: 'int', default: -1 } }, (i, a) => {
    const idx = req(i, 0), v = req(i, 1), d = int(a, 'depth');
    if (v.shape.length !== 1 || v.shape[0] !== 2) shapeFail(`values must have shape [2], got ${fmt(v.shape)}`);
    if (d < 1) shapeFail(`depth ${d} must be positive`);
    const r = idx.shape.length + 1, ax = normAxis(int(a, 'axis'), r);
    return [{ dtype: v.dtype, shape: [...idx.shape.slice(0, ax), d, ...idx.shape.slice(ax)] }];
  }),
  /** Reverses the first sequence_lens[b] steps along time_axis for each batch b. */
  ReverseSequence: gather([2, 2], { batch_axis: { type: 'int', default: 1 }, time_axis: { type: 'int', default: 0 } }, (i, a) => {
    const x = req(i, 0), lens = indicesOf(i, 1), b = int(a, 'batch_axis'), t = int(a, 'time_axis');
    if (x.shape.length < 2 || ![0, 1].includes(b) || ![0, 1].includes(t) || b === t) shapeFail(`batch_axis ${b} / time_axis ${t} invalid for ${fmt(x.shape)}`);
    if (lens.shape.length !== 1 || lens.shape[0] !== x.shape[b]) shapeFail(`sequence_lens ${fmt(lens.shape)} must be [${x.shape[b]}]`);
    return [{ dtype: x.dtype, shape: [...x.shape] }];
  }),
  /**
   * Resize to static `sizes`. `scales` (one per dim) feed the coordinate transform; `roi` ([starts, ends],
   * normalized) is read only by tf_crop_and_resize. Separable nearest / linear / cubic interpolation.
   */
  Resize: opaque([1, 1], {
    sizes: { type: 'ints' }, scales: { type: 'floats' }, roi: { type: 'floats', default: [] },
    mode: { type: 'string', default: 'nearest' }, coordinate_transformation_mode: { type: 'string', default: 'half_pixel' },
    nearest_mode: { type: 'string', default: 'round_prefer_floor' }, cubic_coeff_a: { type: 'float', default: -0.75 },
    exclude_outside: { type: 'int', default: 0 }, extrapolation_value: { type: 'float', default: 0 },
  }, (i, a) => {
    const x = req(i, 0), sizes = a.sizes as readonly number[], scales = a.scales as readonly number[], r = x.shape.length;
    if (!isFloat(x.dtype) && a.mode !== 'nearest') shapeFail(`${a.mode} resize needs a float input, got ${x.dtype}`);
    if (sizes.length !== r || scales.length !== r || sizes.some((d) => d < 0)) shapeFail(`sizes ${fmt(sizes)} / scales ${fmt(scales)} do not fit ${fmt(x.shape)}`);
    const roi = a.roi as readonly number[];
    if (roi.length !== 0 && roi.length !== 2 * r) shapeFail(`roi must have 2*rank = ${2 * r} values, got ${roi.length}`);
    for (const [k, ok] of [['mode', RESIZE_MODES], ['coordinate_transformation_mode', COORD_MODES], ['nearest_mode', NEAREST_MODES]] as const) {
      if (!ok.includes(a[k] as string)) shapeFail(`unknown ${k} '${a[k]}'`);
    }
    return [{ dtype: x.dtype, shape: [...sizes] }];
  }),
} as const satisfies Record<string, OpDef>;

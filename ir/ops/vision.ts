// Vision and linear-algebra ops that read their input at data-dependent places (kind opaque):
//   GridSample(X, grid)              X [N,C,H,W] sampled at grid [N,Ho,Wo,2] ((x, y) in [-1, 1]) -> [N,C,Ho,Wo]
//   RoiAlign(X, rois, batch_indices) average (or max) of bilinear samples over each roi's bins -> [R,C,oh,ow]
//   Det(X)                           determinant of each matrix of X [..., M, M] -> [...]
// and the backward-only ops their gradient rules emit (passes/autodiff/rules/vision.ts):
//   GridSampleGradX(dY, grid)        d loss / d X of GridSample over an X of shape `input_shape`
//   GridSampleGradGrid(dY, X, grid)  d loss / d grid of GridSample
//   RoiAlignGrad(dY, rois, idx[, X]) d loss / d X of RoiAlign over an X of shape `input_shape`; mode max
//                                    takes X too, to find each bin's largest weighted neighbour
//   DetGrad(X, dY)                   d loss / d X of Det: dY * det(X) * inv(X)^T, the cofactor matrix
import { isFloat } from '../dtype.ts';
import { shapeFail } from '../errors.ts';
import type { AttrSpec, Attrs, InputTypes, OpDef } from '../op.ts';
import { fmt, sameShape } from '../shape.ts';
import type { TensorType } from '../tensor.ts';
import { req, requireFloat, requireSameDType } from './common.ts';

/** GridSample interpolation modes (ONNX opset 20 names; the importer maps bilinear / bicubic to these). */
export const GRID_SAMPLE_MODES = ['linear', 'cubic', 'nearest'];
export const GRID_SAMPLE_PADDINGS = ['zeros', 'border', 'reflection'];
export const ROI_ALIGN_MODES = ['avg', 'max'];
export const ROI_ALIGN_COORDS = ['half_pixel', 'output_half_pixel'];

const GRID_SAMPLE_ATTRS = {
  mode: { type: 'string', default: 'linear' },
  padding_mode: { type: 'string', default: 'zeros' },
  align_corners: { type: 'int', default: 0 },
} as const satisfies Record<string, AttrSpec>;

const ROI_ALIGN_ATTRS = {
  mode: { type: 'string', default: 'avg' },
  output_height: { type: 'int', default: 1 },
  output_width: { type: 'int', default: 1 },
  sampling_ratio: { type: 'int', default: 0 },
  spatial_scale: { type: 'float', default: 1 },
  coordinate_transformation_mode: { type: 'string', default: 'half_pixel' },
} as const satisfies Record<string, AttrSpec>;

const INPUT_SHAPE = { input_shape: { type: 'ints' } } as const satisfies Record<string, AttrSpec>;

const opaque = (arity: readonly [number, number], attrs: OpDef['attrs'], infer: OpDef['infer']): OpDef => ({ kind: 'opaque', inputs: arity, attrs, infer });

function requireOneOf(a: Attrs, key: string, allowed: readonly string[]): void {
  if (!allowed.includes(a[key] as string)) shapeFail(`unknown ${key} '${a[key]}' (supported: ${allowed.join(', ')})`);
}

/** X must be a float [N, C, H, W]: kiln's GridSample and RoiAlign are 2-D (rank-5 GridSample is refused). */
function requireImage(x: TensorType, what: string): void {
  requireFloat(x, what);
  if (x.shape.length !== 4) shapeFail(`${what} must be 4-D [N,C,H,W] (only 2-D sampling is supported), got ${fmt(x.shape)}`);
}

/** The GridSample output [N, C, Ho, Wo] of an X of shape `x` and a grid; checks both and the attributes. */
function gridSampleShape(x: readonly number[], grid: TensorType, a: Attrs): number[] {
  requireFloat(grid, 'grid');
  if (grid.shape.length !== 4 || grid.shape[3] !== 2) shapeFail(`grid must be [N,Ho,Wo,2] for X ${fmt(x)}, got ${fmt(grid.shape)}`);
  if (grid.shape[0] !== x[0]) shapeFail(`grid ${fmt(grid.shape)} and X ${fmt(x)} differ in batch`);
  requireOneOf(a, 'mode', GRID_SAMPLE_MODES);
  requireOneOf(a, 'padding_mode', GRID_SAMPLE_PADDINGS);
  return [x[0], x[1], grid.shape[1], grid.shape[2]];
}

/** The RoiAlign output [R, C, oh, ow]; checks rois [R, 4], batch_indices [R] (integers) and the attributes. */
function roiAlignShape(x: readonly number[], rois: TensorType, idx: TensorType, a: Attrs): number[] {
  requireFloat(rois, 'rois');
  if (rois.shape.length !== 2 || rois.shape[1] !== 4) shapeFail(`rois must be [num_rois,4], got ${fmt(rois.shape)}`);
  if (isFloat(idx.dtype) || idx.dtype === 'bool') shapeFail(`batch_indices must be integers, got ${idx.dtype}`);
  if (idx.shape.length !== 1 || idx.shape[0] !== rois.shape[0]) shapeFail(`batch_indices ${fmt(idx.shape)} must be [${rois.shape[0]}] for rois ${fmt(rois.shape)}`);
  requireOneOf(a, 'mode', ROI_ALIGN_MODES);
  requireOneOf(a, 'coordinate_transformation_mode', ROI_ALIGN_COORDS);
  const oh = a.output_height as number, ow = a.output_width as number;
  if (oh < 1 || ow < 1 || (a.sampling_ratio as number) < 0) shapeFail(`output_height ${oh} / output_width ${ow} must be positive and sampling_ratio ${a.sampling_ratio} not negative`);
  return [rois.shape[0], x[1], oh, ow];
}

/** Det's input: float [..., M, M]. */
function requireSquare(x: TensorType): void {
  requireFloat(x);
  const r = x.shape.length;
  if (r < 2 || x.shape[r - 1] !== x.shape[r - 2]) shapeFail(`Det needs square matrices [..., M, M], got ${fmt(x.shape)}`);
}

function requireGrad(dy: TensorType, want: readonly number[], what: string): void {
  if (!sameShape(dy.shape, want)) shapeFail(`dY ${fmt(dy.shape)} must have the ${what} output shape ${fmt(want)}`);
}

const gridSample = (i: InputTypes, a: Attrs): TensorType[] => {
  const x = req(i, 0), grid = req(i, 1);
  requireImage(x, 'X');
  requireSameDType([x, grid]);
  return [{ dtype: x.dtype, shape: gridSampleShape(x.shape, grid, a) }];
};

const roiAlign = (i: InputTypes, a: Attrs): TensorType[] => {
  const x = req(i, 0), rois = req(i, 1);
  requireImage(x, 'X');
  requireSameDType([x, rois]);
  return [{ dtype: x.dtype, shape: roiAlignShape(x.shape, rois, req(i, 2), a) }];
};

export const VISION_OPS = {
  /** mode linear | cubic | nearest, padding_mode zeros | border | reflection, as ONNX GridSample (2-D). */
  GridSample: opaque([2, 2], GRID_SAMPLE_ATTRS, gridSample),
  /** mode avg | max; coordinate_transformation_mode half_pixel | output_half_pixel, as ONNX RoiAlign. */
  RoiAlign: { ...opaque([3, 3], ROI_ALIGN_ATTRS, roiAlign), checksIndices: true },
  Det: opaque([1, 1], {}, (i) => {
    const x = req(i, 0);
    requireSquare(x);
    return [{ dtype: x.dtype, shape: x.shape.slice(0, -2) }];
  }),
  GridSampleGradX: opaque([2, 2], { ...GRID_SAMPLE_ATTRS, ...INPUT_SHAPE }, (i, a) => {
    const dy = req(i, 0), grid = req(i, 1), x = a.input_shape as readonly number[];
    requireImage({ dtype: dy.dtype, shape: x }, 'input_shape');
    requireSameDType([dy, grid]);
    requireGrad(dy, gridSampleShape(x, grid, a), 'GridSample');
    return [{ dtype: dy.dtype, shape: [...x] }];
  }),
  GridSampleGradGrid: opaque([3, 3], GRID_SAMPLE_ATTRS, (i, a) => {
    const dy = req(i, 0), x = req(i, 1), grid = req(i, 2);
    requireImage(x, 'X');
    requireSameDType([dy, x, grid]);
    requireGrad(dy, gridSampleShape(x.shape, grid, a), 'GridSample');
    return [{ dtype: grid.dtype, shape: grid.shape }];
  }),
  RoiAlignGrad: { ...opaque([3, 4], { ...ROI_ALIGN_ATTRS, ...INPUT_SHAPE }, (i, a) => {
    const dy = req(i, 0), rois = req(i, 1), x = a.input_shape as readonly number[];
    requireImage({ dtype: dy.dtype, shape: x }, 'input_shape');
    requireSameDType([dy, rois]);
    const forward = i[3];
    if (a.mode === 'max' && !forward) shapeFail(`RoiAlignGrad of mode max needs X (input 3) to find each bin's largest sample`);
    if (a.mode !== 'max' && forward) shapeFail(`RoiAlignGrad of mode '${a.mode}' takes no X (input 3)`);
    if (forward) {
      requireSameDType([dy, forward]);
      if (!sameShape(forward.shape, x)) shapeFail(`X ${fmt(forward.shape)} must have input_shape ${fmt(x)}`);
    }
    requireGrad(dy, roiAlignShape(x, rois, req(i, 2), a), 'RoiAlign');
    return [{ dtype: dy.dtype, shape: [...x] }];
  }), checksIndices: true },
  DetGrad: opaque([2, 2], {}, (i) => {
    const x = req(i, 0), dy = req(i, 1);
    requireSquare(x);
    requireSameDType([x, dy]);
    requireGrad(dy, x.shape.slice(0, -2), 'Det');
    return [{ dtype: x.dtype, shape: x.shape }];
  }),
} as const satisfies Record<string, OpDef>;

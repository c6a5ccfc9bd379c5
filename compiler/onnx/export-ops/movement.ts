// Movement ops to ONNX: the static shapes, axes, pads, starts/ends, repeats and split sizes the IR keeps
// as attributes are int64 inputs at the exported opset. Index-driven ops are in movement-index.ts.
import type { MovementOpName } from '../../../ir/ops/index.ts';
import type { ExportRule, ExportTable, OnnxAttrValue } from '../export-context.ts';
import { ONNX_DTYPE } from '../schema.ts';
import { INDEX_EXPORT } from './movement-index.ts';
import { direct, ins, outs, withInt64Inputs } from './util.ts';

/** Reshape: the IR's 0 is a literal zero, which ONNX reads that way only with allowzero=1. */
const reshape: ExportRule = withInt64Inputs(['shape'], (n): Record<string, OnnxAttrValue> => ((n.attrs.shape as number[]).includes(0) ? { allowzero: { i: 1 } } : {}));

/** Pad: pads as an input; the fill value (constant mode only) as a scalar of x's dtype. */
const pad: ExportRule = (ctx, n) => {
  const x = n.inputs[0]!, mode = n.attrs.mode as string, value = n.attrs.value as number;
  const fill = mode === 'constant' && value !== 0 ? ctx.scalar(value, x.type.dtype, 'value') : '';
  ctx.emit('Pad', [ctx.name(x), ctx.int64s(n.attrs.pads as number[], 'pads'), fill], outs(ctx, n), { mode: { s: mode } });
};

/** Trilu: the diagonal offset k is an optional int64 scalar input. */
const trilu: ExportRule = (ctx, n) => {
  const k = n.attrs.k as number;
  const kIn = k === 0 ? '' : ctx.constant([k], ONNX_DTYPE.INT64, 'k', []);
  ctx.emit('Trilu', [...ins(ctx, n), kIn], outs(ctx, n), { upper: { i: n.attrs.upper as number } });
};

export const MOVEMENT_EXPORT: ExportTable<MovementOpName> = {
  Reshape: reshape,
  Transpose: direct(),
  Expand: withInt64Inputs(['shape']),
  Slice: withInt64Inputs(['starts', 'ends', 'axes?', 'steps?']),
  Pad: pad,
  Concat: direct(),
  Split: withInt64Inputs(['split']),
  Squeeze: withInt64Inputs(['axes?']),
  Unsqueeze: withInt64Inputs(['axes']),
  Flatten: direct(),
  Tile: withInt64Inputs(['repeats']),
  DepthToSpace: direct(),
  SpaceToDepth: direct(),
  Trilu: trilu,
  ...INDEX_EXPORT,
};

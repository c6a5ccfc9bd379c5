// Index-driven movement ops to ONNX. ONNX takes int64 indices where kiln has i32 for GatherND, ScatterND,
// ReverseSequence's lengths (casts are inserted); OneHot gets int64 indices and depth (the form PyTorch
// writes and every runtime has a kernel for); Resize gets its output as
// scales when they reproduce the sizes (the IR's coordinate transform reads the scales) and as sizes else.
import type { Node } from '../../../ir/graph.ts';
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { ONNX_DTYPE } from '../schema.ts';
import { irAttrs, type ExportContext, type ExportRule, type ExportTable } from '../export-context.ts';
import { direct, outs } from './util.ts';

type IndexOpName = Extract<MovementOpName, 'Gather' | 'GatherElements' | 'GatherND' | 'ScatterElements' | 'ScatterND' | 'OneHot' | 'ReverseSequence' | 'Resize'>;

/** The node's inputs with input `k` (integer indices) cast to int64. */
function int64At(ctx: ExportContext, n: Node, k: number): string[] {
  return n.inputs.map((v, i) => (i === k ? ctx.cast(ctx.name(v), ONNX_DTYPE.INT64, 'indices_int64') : ctx.name(v)));
}

const int64Indices = (k: number): ExportRule => (ctx, n) => ctx.emit(n.op, int64At(ctx, n, k), outs(ctx, n), irAttrs(n));

const oneHot: ExportRule = (ctx, n) => {
  const [indices, values] = n.inputs;
  const depth = ctx.constant([n.attrs.depth as number], ONNX_DTYPE.INT64, 'depth', []);
  const idx = ctx.cast(ctx.name(indices), ONNX_DTYPE.INT64, 'indices_int64');
  ctx.emit('OneHot', [idx, depth, ctx.name(values)], outs(ctx, n), irAttrs(n, ['depth']));
};

const resize: ExportRule = (ctx, n) => {
  const x = n.inputs[0]!, inShape = x.type.shape;
  const sizes = n.attrs.sizes as number[], scales = n.attrs.scales as number[], roi = n.attrs.roi as number[];
  const fromScales = sizes.every((s, d) => s === Math.floor(inShape[d] * scales[d]));
  const fromSizes = sizes.every((s, d) => Math.abs(s / inShape[d] - scales[d]) <= 1e-6 * scales[d]);
  if (!fromScales && !fromSizes) ctx.fail(`Resize to sizes [${sizes}] with scales [${scales}] of input [${inShape}]: ONNX derives one from the other`);
  const useRoi = n.attrs.coordinate_transformation_mode === 'tf_crop_and_resize' && roi.length > 0;
  const inputs = [
    ctx.name(x),
    useRoi ? ctx.constant(roi, ONNX_DTYPE.FLOAT, 'roi') : '',
    fromScales ? ctx.constant(scales, ONNX_DTYPE.FLOAT, 'scales') : '',
    fromScales ? '' : ctx.int64s(sizes, 'sizes'),
  ];
  ctx.emit('Resize', inputs, outs(ctx, n), irAttrs(n, ['sizes', 'scales', 'roi']));
};

export const INDEX_EXPORT: ExportTable<IndexOpName> = {
  Gather: direct(),
  GatherElements: direct(),
  GatherND: int64Indices(1),
  ScatterElements: direct(),
  ScatterND: int64Indices(1),
  OneHot: oneHot,
  ReverseSequence: int64Indices(1),
  Resize: resize,
};

// Reduce-family ops to ONNX: axes, CumSum's axis and TopK's K are inputs at the exported opset; ONNX
// arg indices are int64 (cast back to kiln's i32); Softmax with opset-11 2-D coercion is spelled out as
// Flatten, Softmax over axis 1 and a Reshape back.
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import { ONNX_DTYPE } from '../schema.ts';
import { irAttrs, type ExportRule, type ExportTable } from '../export-context.ts';
import { ins, outs, withInt64Inputs } from './util.ts';

const axisReduce: ExportRule = withInt64Inputs(['axes?']);

/** ArgMax/ArgMin: int64 indices in ONNX, cast to the i32 output. */
const argReduce: ExportRule = (ctx, n) => {
  const idx = ctx.temp(n.op, ins(ctx, n), irAttrs(n), 'int64');
  ctx.emit('Cast', [idx], outs(ctx, n), { to: { i: ONNX_DTYPE.INT32 } });
};

const cumSum: ExportRule = (ctx, n) => {
  const axis = ctx.constant([n.attrs.axis as number], ONNX_DTYPE.INT64, 'axis', []);
  ctx.emit('CumSum', [...ins(ctx, n), axis], outs(ctx, n), irAttrs(n, ['axis']));
};

const topK: ExportRule = (ctx, n) => {
  const k = ctx.int64s([n.attrs.k as number], 'k');
  const [values, indices] = outs(ctx, n);
  const idx = ctx.fresh(`${n.name}_indices_int64`);
  ctx.emit('TopK', [...ins(ctx, n), k], [values, idx], irAttrs(n, ['k']));
  ctx.emit('Cast', [idx], [indices], { to: { i: ONNX_DTYPE.INT32 } });
};

/** Softmax-like: axis as is, or with coerce2d the input flattened to 2-D at axis and reshaped back. */
const rowOp: ExportRule = (ctx, n) => {
  const x = n.inputs[0]!;
  if (!n.attrs.coerce2d) {
    ctx.emit(n.op, ins(ctx, n), outs(ctx, n), irAttrs(n, ['coerce2d']));
    return;
  }
  const flat = ctx.temp('Flatten', [ctx.name(x)], { axis: { i: n.attrs.axis as number } });
  const row = ctx.temp(n.op, [flat], { axis: { i: 1 } });
  ctx.emit('Reshape', [row, ctx.int64s(x.type.shape, 'shape')], outs(ctx, n));
};

/** Losses: class indices as int64 (the type every runtime takes); ignore_index only when one is ignored. */
const loss: ExportRule = (ctx, n) => {
  const [scores, target, weight] = n.inputs;
  const drop = n.attrs.ignore_index === -2147483648 ? ['ignore_index'] : [];
  const t = ctx.cast(ctx.name(target), ONNX_DTYPE.INT64, 'target_int64');
  ctx.emit(n.op, [ctx.name(scores), t, ctx.name(weight)], outs(ctx, n), irAttrs(n, drop));
};

export const REDUCE_EXPORT: ExportTable<ReduceOpName> = {
  ReduceSum: axisReduce, ReduceMean: axisReduce, ReduceMax: axisReduce, ReduceMin: axisReduce, ReduceProd: axisReduce,
  ReduceL1: axisReduce, ReduceL2: axisReduce, ReduceLogSum: axisReduce, ReduceLogSumExp: axisReduce, ReduceSumSquare: axisReduce,
  ArgMax: argReduce, ArgMin: argReduce,
  CumSum: cumSum,
  TopK: topK,
  Softmax: rowOp, LogSoftmax: rowOp, Hardmax: rowOp,
  NegativeLogLikelihoodLoss: loss,
  SoftmaxCrossEntropyLoss: loss,
};

// ONNX reduce ops: axis reductions (axes move from attribute to input at opset 13 for ReduceSum and 18 for
// the rest), ArgMax/ArgMin, CumSum, TopK, Softmax-like row ops (2-D coercion before opset 13) and losses.
import type { Value } from '../../../ir/graph.ts';
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import { attrOr, fail, type ImportContext, type OnnxConverter, type OnnxNode } from '../context.ts';
import { passAttrs } from './util.ts';

const AXIS_REDUCTIONS = [
  'ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceLogSum',
  'ReduceLogSumExp', 'ReduceSumSquare',
] as const;

/** axes: the optional second input when given (opset 13+ ReduceSum, 18+ others), else the attribute. */
const axisReduce = (op: ReduceOpName): OnnxConverter => (ctx, n) => {
  const axes = ctx.staticInts(n, 1, 'axes') ?? attrOr(n, 'axes', [] as number[]);
  return ctx.emit(op, [n.inputs[0]], { ...passAttrs(n, op), axes });
};

/** A single static integer from input i (CumSum's axis, TopK's K). */
function staticScalar(ctx: ImportContext, n: OnnxNode, i: number, what: string): number {
  const v = ctx.staticInts(n, i, what);
  if (!v || v.length !== 1) fail(n, `${what} (input ${i}) must hold exactly one value`);
  return v[0];
}

/**
 * Softmax, LogSoftmax, Hardmax: before opset 13 the default axis is 1 and the input is coerced to 2-D at
 * axis; when axis is the last one, both meanings agree and the plain form is emitted.
 */
const rowOp = (op: 'Softmax' | 'LogSoftmax' | 'Hardmax'): OnnxConverter => (ctx, n) => {
  const x = n.inputs[0] as Value;
  if (ctx.opset >= 13) return ctx.emit(op, [x], { axis: attrOr(n, 'axis', -1) });
  const rank = x.type.shape.length;
  const axis = attrOr(n, 'axis', 1);
  const last = (axis < 0 ? axis + rank : axis) === rank - 1;
  return ctx.emit(op, [x], { axis, coerce2d: last ? 0 : 1 });
};

/** Losses: ignore_index is optional in ONNX; left absent, the IR default ignores nothing. */
const loss = (op: 'NegativeLogLikelihoodLoss' | 'SoftmaxCrossEntropyLoss'): OnnxConverter => (ctx, n) => {
  const outs = ctx.emit(op, n.inputs, passAttrs(n, op));
  return op === 'SoftmaxCrossEntropyLoss' ? outs : [outs[0]];
};

export const REDUCE_CONVERTERS: Record<string, OnnxConverter> = {
  ...Object.fromEntries(AXIS_REDUCTIONS.map((op) => [op, axisReduce(op)])),
  ArgMax: (ctx, n) => ctx.emit('ArgMax', [n.inputs[0]], passAttrs(n, 'ArgMax')),
  ArgMin: (ctx, n) => ctx.emit('ArgMin', [n.inputs[0]], passAttrs(n, 'ArgMin')),
  CumSum: (ctx, n) => ctx.emit('CumSum', [n.inputs[0]], { ...passAttrs(n, 'CumSum'), axis: staticScalar(ctx, n, 1, 'axis') }),
  /** K is an attribute before opset 10 and an input after. */
  TopK: (ctx, n) => {
    const k = ctx.opset < 10 ? (n.attrs.k as number) : staticScalar(ctx, n, 1, 'K');
    return ctx.emit('TopK', [n.inputs[0]], { ...passAttrs(n, 'TopK'), k });
  },
  Softmax: rowOp('Softmax'),
  LogSoftmax: rowOp('LogSoftmax'),
  Hardmax: rowOp('Hardmax'),
  NegativeLogLikelihoodLoss: loss('NegativeLogLikelihoodLoss'),
  SoftmaxCrossEntropyLoss: loss('SoftmaxCrossEntropyLoss'),
};

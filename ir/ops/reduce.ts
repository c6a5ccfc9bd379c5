// Reduce-family ops: axis reductions (ReduceSum .. ReduceSumSquare), ArgMax/ArgMin, CumSum, TopK, the row
// ops Softmax/LogSoftmax/Hardmax and the losses NegativeLogLikelihoodLoss/SoftmaxCrossEntropyLoss.
import { shapeFail } from '../errors.ts';
import type { Attrs, OpDef } from '../op.ts';
import { fmt, normAxis, type Shape } from '../shape.ts';
import type { TensorType } from '../tensor.ts';
import { req, requireFloat } from './common.ts';

/**
 * The axes a reduction folds, normalized and sorted. Empty `axes` means every axis, or none at all when
 * `noop_with_empty_axes` is set (then each output element reduces a group of one).
 */
export function reducedAxes(rank: number, a: Attrs): number[] {
  const axes = a.axes as readonly number[];
  if (axes.length === 0) return a.noop_with_empty_axes ? [] : [...Array(rank).keys()];
  const norm = axes.map((x) => normAxis(x, rank));
  if (new Set(norm).size !== norm.length) shapeFail(`axes ${fmt(axes)} name an axis twice`);
  return norm.sort((x, y) => x - y);
}

/** Output shape of a reduction over `axes` (normalized): reduced dims become 1 or are dropped. */
export function reducedShape(shape: Shape, axes: readonly number[], keepdims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepdims) out.push(1);
  });
  return out;
}

/** `axis` normalized against a rank; the shape rule's error names the input shape. */
function axisOf(t: TensorType, a: Attrs, key = 'axis'): number {
  const ax = a[key] as number;
  if (ax < -t.shape.length || ax >= t.shape.length) shapeFail(`${key} ${ax} out of range for input shape ${fmt(t.shape)}`);
  return ax < 0 ? ax + t.shape.length : ax;
}

const reduce: OpDef = {
  kind: 'reduce',
  inputs: [1, 1],
  attrs: {
    axes: { type: 'ints', default: [] },
    keepdims: { type: 'int', default: 1 },
    noop_with_empty_axes: { type: 'int', default: 0 },
  },
  infer: (i, a) => {
    const x = req(i, 0);
    if (x.dtype === 'bool') shapeFail('reductions need a numeric input, got bool');
    return [{ dtype: x.dtype, shape: reducedShape(x.shape, reducedAxes(x.shape.length, a), a.keepdims !== 0) }];
  },
};

const argReduce: OpDef = {
  kind: 'opaque',
  inputs: [1, 1],
  attrs: {
    axis: { type: 'int', default: 0 },
    keepdims: { type: 'int', default: 1 },
    /** On ties, the last index instead of the first. */
    select_last_index: { type: 'int', default: 0 },
  },
  infer: (i, a) => {
    const x = req(i, 0);
    if (x.shape.length === 0) shapeFail('ArgMax/ArgMin need an input of rank >= 1, got a scalar');
    const ax = axisOf(x, a);
    if (x.shape[ax] === 0) shapeFail(`cannot take the arg of an empty axis ${ax} of ${fmt(x.shape)}`);
    return [{ dtype: 'i32', shape: reducedShape(x.shape, [ax], a.keepdims !== 0) }];
  },
};

/** Softmax-like ops along `axis`; coerce2d=1 gives opset < 13 semantics (input viewed as 2-D at axis). */
const rowOp: OpDef = {
  kind: 'opaque',
  composite: true,
  inputs: [1, 1],
  attrs: { axis: { type: 'int', default: -1 }, coerce2d: { type: 'int', default: 0 } },
  infer: (i, a) => {
    const x = req(i, 0);
    requireFloat(x);
    const r = x.shape.length, ax = a.axis as number;
    if (ax < -r || ax > (a.coerce2d ? r : r - 1)) shapeFail(`axis ${ax} out of range for input shape ${fmt(x.shape)}`);
    return [{ dtype: x.dtype, shape: x.shape }];
  },
};

const lossAttrs = {
  /** 'none' | 'sum' | 'mean'. */
  reduction: { type: 'string', default: 'mean' },
  /** Target value that contributes nothing; the default (i32 min) means no index is ignored. */
  ignore_index: { type: 'int', default: -2147483648 },
} as const;

/** Loss shape rule: scores [N,C,d1..], target [N,d1..] (i32), weight [C]; output [N,d1..] or a scalar. */
function lossTypes(i: readonly (TensorType | undefined)[], a: Attrs): TensorType {
  const x = req(i, 0), t = req(i, 1), w = i[2];
  requireFloat(x, 'scores');
  if (x.shape.length < 2) shapeFail(`scores must be [N,C,d1..], got ${fmt(x.shape)}`);
  if (t.dtype !== 'i32') shapeFail(`target must be an integer tensor, got ${t.dtype}`);
  const want = [x.shape[0], ...x.shape.slice(2)];
  if (t.shape.length !== want.length || t.shape.some((d, k) => d !== want[k])) {
    shapeFail(`target shape ${fmt(t.shape)} does not match scores ${fmt(x.shape)} (want ${fmt(want)})`);
  }
  if (w && (w.shape.length !== 1 || w.shape[0] !== x.shape[1] || w.dtype !== x.dtype)) {
    shapeFail(`weight must be ${x.dtype}[${x.shape[1]}], got ${w.dtype}${fmt(w.shape)}`);
  }
  if (!['none', 'sum', 'mean'].includes(a.reduction as string)) shapeFail(`reduction must be none, sum or mean, got '${a.reduction}'`);
  return { dtype: x.dtype, shape: a.reduction === 'none' ? want : [] };
}

export const REDUCE_OPS = {
  ReduceSum: reduce, ReduceMean: reduce, ReduceMax: reduce, ReduceMin: reduce, ReduceProd: reduce,
  ReduceL1: reduce, ReduceL2: reduce, ReduceLogSum: reduce, ReduceLogSumExp: reduce, ReduceSumSquare: reduce,
  ArgMax: argReduce, ArgMin: argReduce,
  /** Running sum along a static axis; exclusive leaves out the current element, reverse runs from the end. */
  CumSum: {
    kind: 'opaque',
    inputs: [1, 1],
    attrs: { axis: { type: 'int' }, exclusive: { type: 'int', default: 0 }, reverse: { type: 'int', default: 0 } },
    infer: (i, a) => {
      const x = req(i, 0);
      if (x.dtype === 'bool') shapeFail('CumSum needs a numeric input, got bool');
      axisOf(x, a);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  },
  /** The k largest (or smallest) elements along axis and their i32 indices; ties keep the lower index first. */
  TopK: {
    kind: 'opaque',
    inputs: [1, 1],
    attrs: {
      k: { type: 'int' }, axis: { type: 'int', default: -1 },
      largest: { type: 'int', default: 1 }, sorted: { type: 'int', default: 1 },
    },
    infer: (i, a) => {
      const x = req(i, 0);
      const ax = axisOf(x, a);
      const k = a.k as number;
      if (k < 0 || k > x.shape[ax]) shapeFail(`k=${k} is outside [0, ${x.shape[ax]}] for axis ${ax} of ${fmt(x.shape)}`);
      const shape = x.shape.map((d, j) => (j === ax ? k : d));
      return [{ dtype: x.dtype, shape }, { dtype: 'i32', shape }];
    },
  },
  Softmax: rowOp, LogSoftmax: rowOp, Hardmax: rowOp,
  /** loss = -input[n, target, d..] * weight[target], reduced as ONNX (mean divides by the summed weights). */
  NegativeLogLikelihoodLoss: {
    kind: 'opaque', composite: true, inputs: [2, 3], attrs: lossAttrs,
    infer: (i, a) => [lossTypes(i, a)],
  },
  /** NLL of LogSoftmax(scores, axis 1); the second output is that log-probability tensor. */
  SoftmaxCrossEntropyLoss: {
    kind: 'opaque', composite: true, inputs: [2, 3], attrs: lossAttrs,
    infer: (i, a) => {
      const loss = lossTypes(i, a);
      const x = req(i, 0);
      return [loss, { dtype: x.dtype, shape: x.shape }];
    },
  },
} as const satisfies Record<string, OpDef>;

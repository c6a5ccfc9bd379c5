// Decomposition rules of the softmax composites (Softmax, LogSoftmax, Hardmax) along one axis.
//   softmax(x)    = exp(x - max) / sum(exp(x - max))
//   logsoftmax(x) = (x - max) - log(sum(exp(x - max)))
//   hardmax(x)    = 1 at the first index of the row maximum (ArgMax compared with an index ramp), else 0
// coerce2d (opset < 13) views the input as 2-D [prod(dims before axis), prod(dims from axis)] first.
import type { Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { numel } from '../../ir/shape.ts';
import { ramp, reduceKeep } from './nn-util.ts';
import type { DecomposeRule, Emitter } from './rule.ts';

type RowMode = 'softmax' | 'logsoftmax' | 'hardmax';

/** The row op of x along the normalized axis `ax`. */
export function rowOp(e: Emitter, x: Value, ax: number, mode: RowMode): Value {
  const rank = x.type.shape.length;
  if (mode === 'hardmax') {
    const best = e.op1('ArgMax', [x], { axis: ax, keepdims: 1 });
    const hit = e.op1('Equal', [ramp(e, x.type.shape[ax], ax, rank), best]);
    return e.op1('Cast', [hit], { to: x.type.dtype });
  }
  // The shift only guards exp against overflow; it cancels, so no gradient flows through it.
  const shifted = e.op1('Sub', [x, e.op1('StopGradient', [reduceKeep(e, 'ReduceMax', x, [ax])])]);
  const exps = e.op1('Exp', [shifted]);
  const sum = reduceKeep(e, 'ReduceSum', exps, [ax]);
  if (mode === 'softmax') return e.op1('Div', [exps, sum]);
  return e.op1('Sub', [shifted, e.op1('Log', [sum])]);
}

const rowRule = (mode: RowMode): DecomposeRule => (e, node) => {
  const x = node.inputs[0]!;
  const shape = x.type.shape, rank = shape.length, axis = node.attrs.axis as number;
  const ax = axis < 0 ? axis + rank : axis;
  if (!node.attrs.coerce2d) return [rowOp(e, x, ax, mode)];
  const flat = e.op1('Reshape', [x], { shape: [numel(shape.slice(0, ax)), numel(shape.slice(ax))] });
  return [e.op1('Reshape', [rowOp(e, flat, 1, mode)], { shape: [...shape] })];
};

export const SOFTMAX_DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = ({
  Softmax: rowRule('softmax'),
  LogSoftmax: rowRule('logsoftmax'),
  Hardmax: rowRule('hardmax'),
});

// Decomposition rules of the loss composites.
//   NegativeLogLikelihoodLoss: the log-probability of each element's target class is picked by comparing
//   an index ramp over C with the target (a one-hot mask; ignored targets match no class), selecting with
//   Where and summing over C: exact (one non-zero term), no gather, and fusable as a reduction prologue.
//   loss = -picked * weight[target]; 'sum' adds everything; 'mean' divides by the summed weights of the
//   non-ignored elements (their count when there is no weight).
//   SoftmaxCrossEntropyLoss = NegativeLogLikelihoodLoss(LogSoftmax(scores, axis 1)); log_prob is output 2.
import { I32_MIN } from '../../ir/dtype.ts';
import type { Node, Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { numel } from '../../ir/shape.ts';
import { perChannel, ramp } from './nn-util.ts';
import type { DecomposeRule, Emitter } from './rule.ts';
import { rowOp } from './softmax.ts';

/**
 * The targets, passed through two gathers that check them: a target must be a class in [0, C) or the
 * ignore index. Gather accepts [-C, C), so the targets (ignored ones as 0) index a zero vector at t and at
 * t - C: both are in range only for t in [0, C), and both read 0, so the sum is the targets unchanged. An
 * out-of-range target raises an INDEX error at a gather on the CPU; WebGPU kernels flag it and the run
 * that reads outputs back raises it (instead of a silent loss of 0).
 */
function checkedTargets(e: Emitter, target: Value, classes: number, ignore: number | undefined): Value {
  const safe = ignore === undefined ? target : e.op1('Where', [e.op1('Equal', [target, e.num(ignore, 'i32')]), e.num(0, 'i32'), target]);
  const zeros = e.zeros({ dtype: 'i32', shape: [classes] });
  const low = e.op1('Gather', [zeros, safe], { axis: 0 });
  const high = e.op1('Gather', [zeros, e.op1('Sub', [safe, e.num(classes, 'i32')])], { axis: 0 });
  return e.op1('Add', [target, e.op1('Add', [low, high])]);
}

/** The NLL of log-probabilities x [N,C,d..] at target [N,d..] with the loss attributes of `node`. */
function nllOf(e: Emitter, node: Node, x: Value, given: Value, weight: Value | undefined): Value {
  const rank = x.type.shape.length, ignore = node.attrs.ignore_index as number;
  const hasIgnore = ignore !== I32_MIN;
  const target = checkedTargets(e, given, x.type.shape[1], hasIgnore ? ignore : undefined);
  // Targets as [N, 1, d..]; an ignored one becomes -1, which matches no class.
  let cls = e.op1('Unsqueeze', [target], { axes: [1] });
  if (hasIgnore) cls = e.op1('Where', [e.op1('Equal', [cls, e.num(ignore, 'i32')]), e.num(-1, 'i32'), cls]);
  const hit = e.op1('Equal', [ramp(e, x.type.shape[1], 1, rank), cls]);
  const pickC = (v: Value) => e.op1('ReduceSum', [e.op1('Where', [hit, v, e.num(0, x)])], { axes: [1], keepdims: 0 });
  const picked = pickC(x);
  const w = weight ? pickC(perChannel(e, weight, rank)) : undefined;
  const loss = e.op1('Neg', [w ? e.op1('Mul', [picked, w]) : picked]);
  const reduction = node.attrs.reduction as string;
  if (reduction === 'none') return loss;
  const total = e.op1('ReduceSum', [loss], { keepdims: 0 });
  if (reduction === 'sum') return total;
  let count: Value;
  if (w) count = e.op1('ReduceSum', [w], { keepdims: 0 });
  else if (hasIgnore) count = e.op1('ReduceSum', [e.op1('Cast', [e.op1('Not', [e.op1('Equal', [target, e.num(ignore, 'i32')])])], { to: x.type.dtype })], { keepdims: 0 });
  else count = e.num(numel(target.type.shape), x);
  return e.op1('Div', [total, count]);
}

const nll: DecomposeRule = (e, node) => [nllOf(e, node, node.inputs[0]!, node.inputs[1]!, node.inputs[2])];

const softmaxCrossEntropy: DecomposeRule = (e, node) => {
  // Primitives directly (not a LogSoftmax node): values a rule returns must not be decomposed again.
  const logProb = rowOp(e, node.inputs[0]!, 1, 'logsoftmax');
  return [nllOf(e, node, logProb, node.inputs[1]!, node.inputs[2]), logProb];
};

export const LOSS_DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = ({
  NegativeLogLikelihoodLoss: nll,
  SoftmaxCrossEntropyLoss: softmaxCrossEntropy,
});

// Decomposition rules of the normalizations. Each computes the mean over its axes, the centered input and
// the biased variance as the mean of squared deviations (nn-util moments), then scales by
// 1 / sqrt(var + eps) and applies the per-channel (or broadcast) scale and bias:
//   BatchNormalization     per channel (axis 1); given stats, or batch stats + running-stat outputs (training)
//   InstanceNormalization  per (n, c) over the spatial dims
//   GroupNormalization     per (n, group) over X viewed as [N, G, rest]
//   LayerNormalization     over dims [axis, rank); Mean and InvStdDev are outputs too (stash_type=1: in f32)
//   MeanVarianceNormalization  (x - mean) / (sqrt(var) + 1e-9) over `axes`
//   LpNormalization        x / sum(|x|) or x / sqrt(sum(x^2)) along `axis`
//   LRN                    x / (bias + alpha/size * window sum of x^2 across channels)^beta, the window sum
//                          taken as `size` shifted slices of the zero-padded squares
import type { Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { normAxis, numel } from '../../ir/shape.ts';
import { affine, axesFrom, invStdDev, moments, perChannel, reduceKeep } from './nn-util.ts';
import type { DecomposeRule, Emitter } from './rule.ts';

/** (x - mean) / sqrt(var + eps) over `axes`, with the statistics. */
function standardize(e: Emitter, x: Value, axes: readonly number[], eps: number): { y: Value; mean: Value; inv: Value; variance: Value } {
  const m = moments(e, x, axes);
  const inv = invStdDev(e, m.variance, eps);
  return { y: e.op1('Mul', [m.centered, inv]), mean: m.mean, inv, variance: m.variance };
}

const batchNorm: DecomposeRule = (e, node) => {
  const [x, scale, bias, mean, variance] = node.inputs as Value[];
  const rank = x.type.shape.length, eps = node.attrs.epsilon as number;
  const s = perChannel(e, scale, rank), b = perChannel(e, bias, rank);
  if (!node.attrs.training_mode) {
    const inv = invStdDev(e, perChannel(e, variance, rank), eps);
    const y = e.op1('Mul', [e.op1('Sub', [x, perChannel(e, mean, rank)]), inv]);
    return [affine(e, y, s, b)];
  }
  const axes = [0, ...axesFrom(2, rank)];
  const st = standardize(e, x, axes, eps);
  const mom = node.attrs.momentum as number, c = x.type.shape[1];
  // running = given * momentum + batch * (1 - momentum), on [C] vectors.
  const running = (given: Value, batch: Value) =>
    e.op1('Add', [e.op1('Mul', [given, e.num(mom, given)]), e.op1('Mul', [e.op1('Reshape', [batch], { shape: [c] }), e.num(1 - mom, given)])]);
  return [affine(e, st.y, s, b), running(mean, st.mean), running(variance, st.variance)];
};

const instanceNorm: DecomposeRule = (e, node) => {
  const [x, scale, bias] = node.inputs as Value[];
  const rank = x.type.shape.length;
  const st = standardize(e, x, axesFrom(2, rank), node.attrs.epsilon as number);
  return [affine(e, st.y, perChannel(e, scale, rank), perChannel(e, bias, rank))];
};

const groupNorm: DecomposeRule = (e, node) => {
  const [x, scale, bias] = node.inputs as Value[];
  const shape = x.type.shape, rank = shape.length, g = node.attrs.num_groups as number;
  const grouped = e.op1('Reshape', [x], { shape: [shape[0], g, numel(shape) / Math.max(1, shape[0] * g)] });
  const st = standardize(e, grouped, [2], node.attrs.epsilon as number);
  const y = e.op1('Reshape', [st.y], { shape: [...shape] });
  return [affine(e, y, perChannel(e, scale, rank), perChannel(e, bias, rank))];
};

const layerNorm: DecomposeRule = (e, node) => {
  const [x0, scale0, bias0] = node.inputs;
  const x = x0!, rank = x.type.shape.length, axis = normAxis(node.attrs.axis as number, rank);
  // stash_type=1 computes (and returns the statistics) in f32 whatever X's float type.
  const dt = node.attrs.stash_type === 1 ? 'f32' : x.type.dtype;
  const to = (v: Value | undefined) => (v && v.type.dtype !== dt ? e.op1('Cast', [v], { to: dt }) : v);
  const st = standardize(e, to(x)!, axesFrom(axis, rank), node.attrs.epsilon as number);
  let y = affine(e, st.y, to(scale0), to(bias0));
  if (y.type.dtype !== x.type.dtype) y = e.op1('Cast', [y], { to: x.type.dtype });
  return [y, st.mean, st.inv];
};

const meanVarianceNorm: DecomposeRule = (e, node) => {
  const x = node.inputs[0]!, rank = x.type.shape.length;
  const axes = (node.attrs.axes as readonly number[]).map((a) => normAxis(a, rank));
  const m = moments(e, x, axes);
  return [e.op1('Div', [m.centered, e.op1('Add', [e.op1('Sqrt', [m.variance]), e.num(1e-9, x)])])];
};

const lpNorm: DecomposeRule = (e, node) => {
  const x = node.inputs[0]!, ax = normAxis(node.attrs.axis as number, x.type.shape.length);
  const norm = node.attrs.p === 1
    ? reduceKeep(e, 'ReduceSum', e.op1('Abs', [x]), [ax])
    : e.op1('Sqrt', [reduceKeep(e, 'ReduceSum', e.op1('Mul', [x, x]), [ax])]);
  return [e.op1('Div', [x, norm])];
};

const lrn: DecomposeRule = (e, node) => {
  const x = node.inputs[0]!, shape = x.type.shape, rank = shape.length, chans = shape[1];
  const size = node.attrs.size as number;
  const below = Math.floor((size - 1) / 2), above = Math.ceil((size - 1) / 2);
  const sq = e.op1('Mul', [x, x]);
  // Channel c sums squares c - below .. c + above: pad the channel axis with zeros, add `size` shifted slices.
  let sum = sq;
  if (size > 1) {
    const pads = new Array<number>(2 * rank).fill(0);
    pads[1] = below;
    pads[rank + 1] = above;
    const padded = e.op1('Pad', [sq], { pads, mode: 'constant', value: 0 });
    const shifted = (j: number) => e.op1('Slice', [padded], { starts: [j], ends: [j + chans], axes: [1] });
    sum = shifted(0);
    for (let j = 1; j < size; j++) sum = e.op1('Add', [sum, shifted(j)]);
  }
  const a = node.attrs as { alpha: number; beta: number; bias: number };
  const base = e.op1('Add', [e.num(a.bias, x), e.op1('Mul', [e.num(a.alpha / size, x), sum])]);
  return [e.op1('Div', [x, e.op1('Pow', [base, e.num(a.beta, x)])])];
};

export const NORM_DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = ({
  BatchNormalization: batchNorm,
  InstanceNormalization: instanceNorm,
  GroupNormalization: groupNorm,
  LayerNormalization: layerNorm,
  MeanVarianceNormalization: meanVarianceNorm,
  LpNormalization: lpNorm,
  LRN: lrn,
});

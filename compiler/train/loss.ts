// Losses as graph builders, with PyTorch's names and semantics: each turns a model output and a target
// into a scalar (mean or sum over the batch). Class losses use the IR's loss ops (decomposed later).
import { KilnError } from '../../ir/errors.ts';
import type { Value } from '../../ir/graph.ts';
import { fmt, sameShape } from '../../ir/shape.ts';
import type { TensorType } from '../../ir/tensor.ts';
import type { StepBuilder } from './builder.ts';

export type LossName = 'mse' | 'l1' | 'cross_entropy' | 'nll' | 'bce' | 'bce_with_logits' | 'hinge';

export interface LossSpec {
  readonly name: LossName;
  readonly reduction?: 'mean' | 'sum';
  /** Cross-entropy label smoothing in [0, 1). */
  readonly labelSmoothing?: number;
}

type LossBuilder = (b: StepBuilder, f: Value, t: Value, spec: LossSpec) => Value;

const reduction = (s: LossSpec) => s.reduction ?? 'mean';

/** Elementwise losses: the per-element term, then mean or sum over everything. */
const elementwise = (term: (b: StepBuilder, f: Value, t: Value) => Value): LossBuilder => (b, f, t, s) => b.reduce(term(b, f, t), reduction(s));

/** log clamped to >= -100, as PyTorch's binary_cross_entropy. */
const clampedLog = (b: StepBuilder, x: Value) => b.op1('Max', [b.op1('Log', [x]), b.num(-100)]);

const LOSSES: Record<LossName, LossBuilder> = {
  mse: elementwise((b, f, t) => {
    const d = b.sub(f, t);
    return b.mul(d, d);
  }),
  l1: elementwise((b, f, t) => b.op1('Abs', [b.sub(f, t)])),
  bce: elementwise((b, f, t) => {
    const one = b.num(1);
    const pos = b.mul(t, clampedLog(b, f));
    const neg = b.mul(b.sub(one, t), clampedLog(b, b.sub(one, f)));
    return b.op1('Neg', [b.add(pos, neg)]);
  }),
  // max(f, 0) - f t + log(1 + exp(-|f|))
  bce_with_logits: elementwise((b, f, t) =>
    b.add(b.sub(b.op1('Relu', [f]), b.mul(f, t)), b.op1('Log', [b.add(b.num(1), b.op1('Exp', [b.op1('Neg', [b.op1('Abs', [f])])]))])),
  ),
  hinge: elementwise((b, f, t) => b.op1('Relu', [b.sub(b.num(1), b.mul(t, f))])),
  nll: (b, f, t, s) => b.op1('NegativeLogLikelihoodLoss', [f, t], { reduction: reduction(s) }),
  cross_entropy: (b, f, t, s) => {
    const eps = s.labelSmoothing ?? 0;
    if (eps === 0) return b.op1('SoftmaxCrossEntropyLoss', [f, t], { reduction: reduction(s) });
    // (1 - eps) * NLL(log_softmax f, t) + eps * mean over classes of -log_softmax f
    const logp = b.op1('LogSoftmax', [f], { axis: 1 });
    const nll = b.op1('NegativeLogLikelihoodLoss', [logp, t], { reduction: reduction(s) });
    const smooth = b.reduce(b.op1('Neg', [b.op1('ReduceMean', [logp], { axes: [1], keepdims: 0 })]), reduction(s));
    return b.add(b.mul(b.num(1 - eps), nll), b.mul(b.num(eps), smooth));
  },
};

/** The target's type for a loss over output `out`: class indices [N] (i32) or the output's own shape. */
export function targetType(name: LossName, out: TensorType): TensorType {
  return name === 'cross_entropy' || name === 'nll' ? { dtype: 'i32', shape: [out.shape[0]] } : { dtype: 'f32', shape: out.shape };
}

export function buildLoss(b: StepBuilder, spec: LossSpec, output: Value, target: Value): Value {
  const want = targetType(spec.name, output.type);
  if (target.type.dtype !== want.dtype || !sameShape(target.type.shape, want.shape)) {
    throw new KilnError('SHAPE', `loss ${spec.name} on output '${output.name}' ${fmt(output.type.shape)} needs a ${want.dtype} target ${fmt(want.shape)}, got ${target.type.dtype} ${fmt(target.type.shape)}`);
  }
  const make = LOSSES[spec.name];
  if (!make) throw new KilnError('USAGE', `unknown loss '${spec.name}' (${Object.keys(LOSSES).join(', ')})`);
  return make(b, output, target, spec);
}

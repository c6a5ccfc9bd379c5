// Loss modules (PyTorch names and defaults): MSELoss, L1Loss, CrossEntropyLoss, NLLLoss, BCELoss,
// BCEWithLogitsLoss and HingeLoss = mean(max(0, 1 - t*f)). forward(input, target) -> loss.
import { KilnError } from '../../ir/errors.ts';
import { fmt, sameShape } from '../../ir/shape.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { Module } from './module.ts';
import type { SymTensor } from './tensor.ts';
import { constant, emit1 } from './tracer.ts';

export type Reduction = 'mean' | 'sum' | 'none';

export interface LossOptions {
  reduction?: Reduction;
}

export function reduce(x: SymTensor, r: Reduction): SymTensor {
  return r === 'none' ? x : r === 'sum' ? x.sum() : x.mean();
}

function sameShapes(f: SymTensor, t: SymTensor, what: string): void {
  if (!sameShape(f.shape, t.shape)) throw new KilnError('USAGE', `${what}: input ${fmt(f.shape)} and target ${fmt(t.shape)} must have the same shape`);
}

abstract class Loss extends Module {
  constructor(readonly opts: LossOptions = {}) {
    super();
  }
  protected get reduction(): Reduction {
    return this.opts.reduction ?? 'mean';
  }
  abstract override forward(input: SymTensor, target: SymTensor): SymTensor;
}

/** (f - t)^2. */
export class MSELoss extends Loss {
  forward(f: SymTensor, t: SymTensor): SymTensor {
    sameShapes(f, t, 'MSELoss');
    const d = f.sub(t);
    return reduce(d.mul(d), this.reduction);
  }
}

/** |f - t|. */
export class L1Loss extends Loss {
  forward(f: SymTensor, t: SymTensor): SymTensor {
    sameShapes(f, t, 'L1Loss');
    return reduce(f.sub(t).abs(), this.reduction);
  }
}

export interface ClassLossOptions extends LossOptions {
  /** Per-class weights [C]. */
  weight?: Tensor;
  /** Target value that contributes nothing (PyTorch default -100). */
  ignoreIndex?: number;
}

function classAttrs(o: ClassLossOptions, r: Reduction) {
  return { reduction: r, ignore_index: o.ignoreIndex ?? -100 };
}

/**
 * Softmax cross-entropy of logits [N, C, ...]: class-index targets (i32 [N, ...]) or class
 * probabilities (float, same shape as the logits).
 */
export class CrossEntropyLoss extends Loss {
  constructor(readonly copts: ClassLossOptions = {}) {
    super(copts);
  }
  forward(logits: SymTensor, target: SymTensor): SymTensor {
    if (target.dtype === logits.dtype) {
      sameShapes(logits, target, 'CrossEntropyLoss with probability targets');
      if (this.copts.weight) throw new KilnError('USAGE', 'CrossEntropyLoss: class weights with probability targets are not supported');
      const perSample = target.mul(logits.logSoftmax(1)).sum(1).neg();
      return reduce(perSample, this.reduction);
    }
    const w = this.copts.weight ? constant(this.copts.weight, 'class_weight') : undefined;
    return emit1('SoftmaxCrossEntropyLoss', [logits, target, w], classAttrs(this.copts, this.reduction));
  }
}

/** -input[n, target[n]] of log-probabilities [N, C, ...]; mean divides by the summed class weights. */
export class NLLLoss extends Loss {
  constructor(readonly copts: ClassLossOptions = {}) {
    super(copts);
  }
  forward(logProbs: SymTensor, target: SymTensor): SymTensor {
    const w = this.copts.weight ? constant(this.copts.weight, 'class_weight') : undefined;
    return emit1('NegativeLogLikelihoodLoss', [logProbs, target, w], classAttrs(this.copts, this.reduction));
  }
}

/** -(t log p + (1 - t) log(1 - p)) of probabilities, each log clamped to >= -100 (as PyTorch). */
export class BCELoss extends Loss {
  forward(p: SymTensor, t: SymTensor): SymTensor {
    sameShapes(p, t, 'BCELoss');
    const logP = p.log().maximum(-100), log1mP = p.rsub(1).log().maximum(-100);
    return reduce(t.mul(logP).add(t.rsub(1).mul(log1mP)).neg(), this.reduction);
  }
}

/** BCE of logits, in the stable form max(f, 0) - f t + log(1 + exp(-|f|)). */
export class BCEWithLogitsLoss extends Loss {
  forward(f: SymTensor, t: SymTensor): SymTensor {
    sameShapes(f, t, 'BCEWithLogitsLoss');
    const soft = f.abs().neg().exp().add(1).log();
    return reduce(f.relu().sub(f.mul(t)).add(soft), this.reduction);
  }
}

/** Hinge loss max(0, 1 - t f) with targets t in {-1, 1} (linear SVM). */
export class HingeLoss extends Loss {
  forward(f: SymTensor, t: SymTensor): SymTensor {
    sameShapes(f, t, 'HingeLoss');
    return reduce(f.mul(t).rsub(1).relu(), this.reduction);
  }
}

// Loss modules, with PyTorch's names, arguments and defaults: MSELoss, L1Loss, CrossEntropyLoss, NLLLoss,
// BCELoss, BCEWithLogitsLoss and HingeLoss = max(0, 1 - t*f). forward(input, target) -> loss. The same
// objects serve a traced model (`loss.call(out, target)`) and training (`compileTraining(model, { loss })`,
// which traces the loss onto the model's output and asks targetType() for the target input it adds).
// Class losses use the IR's loss ops (decomposed later); label smoothing follows PyTorch's
// cross_entropy: (1 - eps) * NLL + (eps / C) * the smoothing term, both excluding ignored targets.
import { KilnError } from '../../ir/errors.ts';
import type { AttrValue } from '../../ir/op.ts';
import { fmt, sameShape } from '../../ir/shape.ts';
import type { Tensor, TensorType } from '../../ir/tensor.ts';
import { Module } from './module.ts';
import { type SymTensor, where } from './tensor.ts';
import { constant, emit1 } from './tracer.ts';

export type Reduction = 'mean' | 'sum' | 'none';

const REDUCTIONS: readonly Reduction[] = ['mean', 'sum', 'none'];

export interface LossOptions {
  /** 'mean' (default), 'sum' or 'none' (per-element losses). */
  reduction?: Reduction;
}

export function reduce(x: SymTensor, r: Reduction): SymTensor {
  return r === 'none' ? x : r === 'sum' ? x.sum() : x.mean();
}

function sameShapes(f: SymTensor, t: SymTensor, what: string): void {
  if (!sameShape(f.shape, t.shape)) throw new KilnError('SHAPE', `${what}: input ${fmt(f.shape)} and target ${fmt(t.shape)} must have the same shape`);
}

/** A bad constructor argument: a KilnError naming the loss and the argument. */
function badArgument(loss: string, detail: string): never {
  throw new KilnError('USAGE', `${loss}: ${detail}`);
}

export abstract class Loss extends Module {
  readonly reduction: Reduction;
  constructor(opts: LossOptions = {}) {
    super();
    const r = opts.reduction ?? 'mean';
    if (!REDUCTIONS.includes(r)) badArgument(this.constructor.name, `unknown reduction '${String(r)}' (use ${REDUCTIONS.map((x) => `'${x}'`).join(', ')})`);
    this.reduction = r;
  }
  abstract override forward(input: SymTensor, target: SymTensor): SymTensor;
  /** The target a model output of type `out` takes: by default a float tensor of the output's shape. */
  targetType(out: TensorType): TensorType {
    return { dtype: out.dtype, shape: out.shape };
  }
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
  /**
   * Target value that contributes nothing and is left out of the mean's denominator (PyTorch default -100).
   * null: no value is ignored (every target must be a class; the mean divides by the element count).
   */
  ignoreIndex?: number | null;
}

/** The losses over class-index targets: they take an i32 target [N, d..] for scores [N, C, d..]. */
abstract class ClassLoss extends Loss {
  readonly weight?: Tensor;
  readonly ignoreIndex: number | null;
  constructor(opts: ClassLossOptions = {}) {
    super(opts);
    this.ignoreIndex = opts.ignoreIndex === undefined ? -100 : opts.ignoreIndex;
    if (this.ignoreIndex !== null && !Number.isInteger(this.ignoreIndex)) badArgument(this.constructor.name, `ignoreIndex must be an integer, got ${this.ignoreIndex}`);
    if (opts.weight && opts.weight.shape.length !== 1) badArgument(this.constructor.name, `weight must be a 1-D tensor of class weights, got shape ${fmt(opts.weight.shape)}`);
    this.weight = opts.weight;
  }
  override targetType(out: TensorType): TensorType {
    if (out.shape.length < 2) throw new KilnError('SHAPE', `${this.constructor.name} needs scores [N, C, d..], got ${fmt(out.shape)}`);
    return { dtype: 'i32', shape: [out.shape[0], ...out.shape.slice(2)] };
  }
  protected get attrs(): Record<string, AttrValue> {
    return this.ignoreIndex === null ? { reduction: this.reduction } : { reduction: this.reduction, ignore_index: this.ignoreIndex };
  }
  protected classWeight(): SymTensor | undefined {
    return this.weight ? constant(this.weight, 'class_weight') : undefined;
  }
}

export interface CrossEntropyOptions extends ClassLossOptions {
  /** In [0, 1]: the target becomes (1 - labelSmoothing) * one-hot + labelSmoothing / C. Default 0. */
  labelSmoothing?: number;
}

/**
 * Softmax cross-entropy of logits [N, C, d..]: class-index targets (i32 [N, d..]) or class
 * probabilities (float, same shape as the logits).
 */
export class CrossEntropyLoss extends ClassLoss {
  readonly labelSmoothing: number;
  constructor(opts: CrossEntropyOptions = {}) {
    super(opts);
    this.labelSmoothing = opts.labelSmoothing ?? 0;
    if (!(this.labelSmoothing >= 0 && this.labelSmoothing <= 1)) badArgument('CrossEntropyLoss', `labelSmoothing must be in [0, 1], got ${this.labelSmoothing}`);
  }
  forward(logits: SymTensor, target: SymTensor): SymTensor {
    if (target.dtype === logits.dtype) return this.probabilities(logits, target);
    const eps = this.labelSmoothing, w = this.classWeight();
    if (eps === 0) return emit1('SoftmaxCrossEntropyLoss', [logits, target, w], this.attrs);
    const logp = logits.logSoftmax(1);
    const nll = emit1('NegativeLogLikelihoodLoss', [logp, target, w], this.attrs);
    return nll.mul(1 - eps).add(this.smoothing(logp, target, w).mul(eps / logits.shape[1]));
  }

  /**
   * PyTorch's smoothing term: -sum_c w_c logp[n, c] per element, 0 where the target is ignored; 'mean'
   * divides the sum by the count (with weights: the summed w[target]) of the elements not ignored.
   */
  private smoothing(logp: SymTensor, target: SymTensor, w: SymTensor | undefined): SymTensor {
    const weighted = w ? logp.mul(w.reshape([-1, ...new Array<number>(logp.rank - 2).fill(1)])) : logp;
    const all = weighted.sum(1).neg();
    if (this.ignoreIndex === null) {
      if (this.reduction !== 'mean') return reduce(all, this.reduction);
      return w ? all.sum().div(w.gather(0, target).sum()) : all.mean();
    }
    const ignored = emit1('Equal', [target, this.ignoreIndex]);
    const kept = emit1('Not', [ignored]).cast(logp.dtype);
    const perElement = all.mul(kept);
    if (this.reduction !== 'mean') return reduce(perElement, this.reduction);
    const denominator = w ? w.gather(0, where(ignored, 0, target)).mul(kept).sum() : kept.sum();
    return perElement.sum().div(denominator);
  }

  /** -sum_c w_c t_c logp_c per element (t smoothed), mean over the elements. */
  private probabilities(logits: SymTensor, target: SymTensor): SymTensor {
    sameShapes(logits, target, 'CrossEntropyLoss with probability targets');
    const eps = this.labelSmoothing, C = logits.shape[1];
    const t = eps === 0 ? target : target.mul(1 - eps).add(eps / C);
    const w = this.classWeight();
    const wt = w ? t.mul(w.reshape([-1, ...new Array<number>(logits.rank - 2).fill(1)])) : t;
    return reduce(wt.mul(logits.logSoftmax(1)).sum(1).neg(), this.reduction);
  }
}

/** -input[n, target[n]] of log-probabilities [N, C, d..]; mean divides by the summed class weights. */
export class NLLLoss extends ClassLoss {
  forward(logProbs: SymTensor, target: SymTensor): SymTensor {
    return emit1('NegativeLogLikelihoodLoss', [logProbs, target, this.classWeight()], this.attrs);
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

// Normalization layers: BatchNorm1d, BatchNorm2d (running statistics at inference; batch statistics in
// training mode, where the running statistics are state updates) and LayerNorm, with PyTorch's state names
// (weight, bias, running_mean, running_var, num_batches_tracked).
import { KilnError } from '../../ir/errors.ts';
import { fmt, numel } from '../../ir/shape.ts';
import { tensor } from '../../ir/tensor.ts';
import { filled, Module, type Parameter } from './module.ts';
import { batchNorm, layerNorm } from './functional.ts';
import { activeTracer, constant, emit, emit1, type Operand } from './tracer.ts';
import type { SymTensor } from './tensor.ts';

export interface BatchNormOpts {
  eps?: number;
  /**
   * Weight of the new batch statistic in the running ones (default 0.1). `null` is PyTorch's momentum=None:
   * a cumulative moving average, the weight being 1 / num_batches_tracked after the increment.
   */
  momentum?: number | null;
  affine?: boolean;
}

class BatchNormNd extends Module {
  readonly weight?: Parameter;
  readonly bias?: Parameter;
  readonly runningMean: Parameter;
  readonly runningVar: Parameter;
  readonly numBatchesTracked: Parameter;
  readonly eps: number;
  readonly momentum: number | null;
  constructor(readonly ranks: readonly number[], readonly numFeatures: number, { eps = 1e-5, momentum = 0.1, affine = true }: BatchNormOpts) {
    super();
    this.eps = eps;
    this.momentum = momentum;
    if (affine) {
      this.weight = this.param('weight', filled([numFeatures], 1));
      this.bias = this.param('bias', filled([numFeatures], 0));
    }
    this.runningMean = this.buffer('running_mean', filled([numFeatures], 0));
    this.runningVar = this.buffer('running_var', filled([numFeatures], 1));
    this.numBatchesTracked = this.buffer('num_batches_tracked', tensor('i32', [], [0]));
  }
  forward(x: SymTensor): SymTensor {
    if (!this.ranks.includes(x.rank) || x.shape[1] !== this.numFeatures) {
      throw new KilnError('USAGE', `${this.constructor.name}(${this.numFeatures}) expects ${this.ranks.join('-D or ')}-D input with ${this.numFeatures} channels, got ${fmt(x.shape)}`);
    }
    const n = this.numFeatures;
    const w = this.weight ?? constant(filled([n], 1), 'ones');
    const b = this.bias ?? constant(filled([n], 0), 'zeros');
    if (!this.training) return batchNorm(x, this.runningMean, this.runningVar, w, b, { training: false, momentum: this.momentum ?? 0, eps: this.eps });
    return this.trainingForward(x, w, b);
  }

  /**
   * Normalizes with the batch statistics and records PyTorch's running-statistic updates as state:
   * running = (1 - momentum) running + momentum batch, with the unbiased batch variance (n / (n - 1) times
   * the biased one the normalization uses). The IR op's own running outputs follow ONNX (biased variance,
   * momentum weighting the old value); with momentum 0 they are the batch mean and biased variance.
   * momentum null (PyTorch's None) weights the batch by 1 / num_batches_tracked, read from the state at run
   * time after its increment: the running statistics are the mean over every batch seen.
   */
  private trainingForward(x: SymTensor, w: Operand, b: Operand): SymTensor {
    const n = numel(x.shape) / this.numFeatures;
    if (n <= 1) throw new KilnError('USAGE', `${this.constructor.name} in training mode needs more than 1 value per channel, got input ${fmt(x.shape)}`);
    const [y, mean, biasedVar] = emit('BatchNormalization', [x, w, b, this.runningMean, this.runningVar], { epsilon: this.eps, momentum: 0, training_mode: 1 });
    const t = activeTracer();
    const tracked = t.wrap(t.state(this.numBatchesTracked)).add(1);
    // The batch's weight: a number, or (cumulative average) the f32 scalar 1 / num_batches_tracked.
    const m: number | SymTensor = this.momentum ?? emit1('Reciprocal', [tracked.cast('f32')]);
    const keep = typeof m === 'number' ? 1 - m : m.rsub(1);
    const blend = (p: Parameter, batch: SymTensor, k: number) => t.setState(p, t.wrap(t.state(p)).mul(keep).add(batch.mul(typeof m === 'number' ? m * k : m.mul(k))).value);
    blend(this.runningMean, mean, 1);
    blend(this.runningVar, biasedVar, n / (n - 1));
    t.setState(this.numBatchesTracked, tracked.value);
    return y;
  }
}

/** Over (N, C) or (N, C, L) input. */
export class BatchNorm1d extends BatchNormNd {
  constructor(numFeatures: number, opts: BatchNormOpts = {}) {
    super([2, 3], numFeatures, opts);
  }
}

/** Over (N, C, H, W) input. */
export class BatchNorm2d extends BatchNormNd {
  constructor(numFeatures: number, opts: BatchNormOpts = {}) {
    super([4], numFeatures, opts);
  }
}

/** Normalizes over the trailing dims `normalizedShape`; weight and bias have that shape. */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly weight?: Parameter;
  readonly bias?: Parameter;
  readonly eps: number;
  constructor(normalizedShape: number | readonly number[], { eps = 1e-5, elementwiseAffine = true, bias = true }: { eps?: number; elementwiseAffine?: boolean; bias?: boolean } = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = eps;
    if (elementwiseAffine) {
      this.weight = this.param('weight', filled(this.normalizedShape, 1));
      if (bias) this.bias = this.param('bias', filled(this.normalizedShape, 0));
    }
  }
  forward(x: SymTensor): SymTensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }
}

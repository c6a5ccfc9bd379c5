// Normalization layers: BatchNorm1d, BatchNorm2d (running statistics at inference, batch statistics in
// training mode) and LayerNorm, with PyTorch's state names (weight, bias, running_mean, running_var,
// num_batches_tracked).
import { KilnError } from '../../ir/errors.ts';
import { fmt } from '../../ir/shape.ts';
import { tensor } from '../../ir/tensor.ts';
import { filled, Module, type Parameter } from './module.ts';
import { batchNorm, layerNorm } from './functional.ts';
import { constant } from './tracer.ts';
import type { SymTensor } from './tensor.ts';

export interface BatchNormOpts {
  eps?: number;
  momentum?: number;
  affine?: boolean;
}

class BatchNormNd extends Module {
  readonly weight?: Parameter;
  readonly bias?: Parameter;
  readonly runningMean: Parameter;
  readonly runningVar: Parameter;
  readonly eps: number;
  readonly momentum: number;
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
    this.buffer('num_batches_tracked', tensor('i32', [], [0]));
  }
  forward(x: SymTensor): SymTensor {
    if (!this.ranks.includes(x.rank) || x.shape[1] !== this.numFeatures) {
      throw new KilnError('USAGE', `${this.constructor.name}(${this.numFeatures}) expects ${this.ranks.join('-D or ')}-D input with ${this.numFeatures} channels, got ${fmt(x.shape)}`);
    }
    const n = this.numFeatures;
    const w = this.weight ?? constant(filled([n], 1), 'ones');
    const b = this.bias ?? constant(filled([n], 0), 'zeros');
    return batchNorm(x, this.runningMean, this.runningVar, w, b, { training: this.training, momentum: this.momentum, eps: this.eps });
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

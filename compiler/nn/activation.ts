// Activation layers and Dropout (PyTorch names and defaults). Softmax/LogSoftmax take the dim.
import { Module } from './module.ts';
import { KilnError } from '../../ir/errors.ts';
import { randomDropout } from './tracer.ts';
import type { SymTensor } from './tensor.ts';

export class ReLU extends Module {
  forward(x: SymTensor): SymTensor { return x.relu(); }
}

export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) { super(); }
  forward(x: SymTensor): SymTensor { return x.leakyRelu(this.negativeSlope); }
}

export class Sigmoid extends Module {
  forward(x: SymTensor): SymTensor { return x.sigmoid(); }
}

export class Tanh extends Module {
  forward(x: SymTensor): SymTensor { return x.tanh(); }
}

/** approximate: 'none' (erf, the default) or 'tanh'. */
export class GELU extends Module {
  constructor(readonly opts: { approximate?: 'none' | 'tanh' } = {}) { super(); }
  forward(x: SymTensor): SymTensor { return x.gelu(this.opts.approximate ?? 'none'); }
}

/** x * sigmoid(x). */
export class SiLU extends Module {
  forward(x: SymTensor): SymTensor { return x.mul(x.sigmoid()); }
}

export class Softplus extends Module {
  forward(x: SymTensor): SymTensor { return x.softplus(); }
}

export class Softmax extends Module {
  constructor(readonly dim: number) { super(); }
  forward(x: SymTensor): SymTensor { return x.softmax(this.dim); }
}

export class LogSoftmax extends Module {
  constructor(readonly dim: number) { super(); }
  forward(x: SymTensor): SymTensor { return x.logSoftmax(this.dim); }
}

/**
 * Identity at inference (eval mode). In a training trace each element is zeroed with probability p and the
 * rest scaled by 1 / (1 - p); the mask comes from a seeded counter-based generator fed the train step's
 * `step` input, so each step draws a new mask (randomDropout in tracer.ts).
 */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new KilnError('USAGE', `Dropout probability must be in [0, 1], got ${p}`);
  }
  forward(x: SymTensor): SymTensor { return this.training ? randomDropout(x, this.p) : x; }
}

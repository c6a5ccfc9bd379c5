// Learning-rate schedulers with torch.optim.lr_scheduler's names and arguments, as closed forms of the
// scheduler's step count t (PyTorch's _get_closed_form_lr). The trainer consults its scheduler before
// every train step: t counts the train steps taken since the scheduler was set, as when PyTorch code
// calls scheduler.step() after each optimizer.step(). The lr is a scalar input of the compiled step, so a
// schedule never recompiles.
import { KilnError } from '../../ir/errors.ts';

export abstract class LRScheduler {
  /** The lr of scheduler step t (t = 0 is the first train step) for a base lr. */
  abstract lrAt(base: number, t: number): number;
  /** The constructor arguments, which with the class name rebuild this scheduler (checkpoints). */
  abstract options(): Record<string, number>;
  /** The class name, which a checkpoint stores. */
  abstract readonly name: string;
}

function check(ok: boolean, scheduler: string, detail: string): void {
  if (!ok) throw new KilnError('USAGE', `${scheduler}: ${detail}`);
}

const positiveInteger = (s: string, name: string, v: number) => check(Number.isInteger(v) && v > 0, s, `${name} must be an integer > 0, got ${v}`);
const finite = (s: string, name: string, v: number) => check(Number.isFinite(v), s, `${name} must be a finite number, got ${v}`);

/** lr * gamma^floor(t / stepSize) (gamma default 0.1). */
export class StepLR extends LRScheduler {
  readonly name = 'StepLR';
  readonly stepSize: number;
  readonly gamma: number;
  constructor(o: { stepSize: number; gamma?: number }) {
    super();
    this.stepSize = o.stepSize;
    this.gamma = o.gamma ?? 0.1;
    positiveInteger('StepLR', 'stepSize', this.stepSize);
    finite('StepLR', 'gamma', this.gamma);
  }
  lrAt(base: number, t: number): number {
    return base * this.gamma ** Math.floor(t / this.stepSize);
  }
  options() {
    return { stepSize: this.stepSize, gamma: this.gamma };
  }
}

/** lr * gamma^t. */
export class ExponentialLR extends LRScheduler {
  readonly name = 'ExponentialLR';
  readonly gamma: number;
  constructor(o: { gamma: number }) {
    super();
    this.gamma = o.gamma;
    finite('ExponentialLR', 'gamma', this.gamma);
  }
  lrAt(base: number, t: number): number {
    return base * this.gamma ** t;
  }
  options() {
    return { gamma: this.gamma };
  }
}

/** etaMin + (lr - etaMin) (1 + cos(pi t / tMax)) / 2 (etaMin default 0). */
export class CosineAnnealingLR extends LRScheduler {
  readonly name = 'CosineAnnealingLR';
  readonly tMax: number;
  readonly etaMin: number;
  constructor(o: { tMax: number; etaMin?: number }) {
    super();
    this.tMax = o.tMax;
    this.etaMin = o.etaMin ?? 0;
    positiveInteger('CosineAnnealingLR', 'tMax', this.tMax);
    check(this.etaMin >= 0 && Number.isFinite(this.etaMin), 'CosineAnnealingLR', `etaMin must be a finite number >= 0, got ${this.etaMin}`);
  }
  lrAt(base: number, t: number): number {
    return this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * t) / this.tMax))) / 2;
  }
  options() {
    return { tMax: this.tMax, etaMin: this.etaMin };
  }
}

/**
 * Linear warm-up: lr * (startFactor + (endFactor - startFactor) * min(t, totalIters) / totalIters)
 * (defaults 1/3, 1, 5, as PyTorch).
 */
export class LinearLR extends LRScheduler {
  readonly name = 'LinearLR';
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;
  constructor(o: { startFactor?: number; endFactor?: number; totalIters?: number } = {}) {
    super();
    this.startFactor = o.startFactor ?? 1 / 3;
    this.endFactor = o.endFactor ?? 1;
    this.totalIters = o.totalIters ?? 5;
    check(this.startFactor > 0 && this.startFactor <= 1, 'LinearLR', `startFactor must be in (0, 1], got ${this.startFactor}`);
    check(this.endFactor >= 0 && this.endFactor <= 1, 'LinearLR', `endFactor must be in [0, 1], got ${this.endFactor}`);
    positiveInteger('LinearLR', 'totalIters', this.totalIters);
  }
  lrAt(base: number, t: number): number {
    return base * (this.startFactor + ((this.endFactor - this.startFactor) * Math.min(t, this.totalIters)) / this.totalIters);
  }
  options() {
    return { startFactor: this.startFactor, endFactor: this.endFactor, totalIters: this.totalIters };
  }
}

type Options = Record<string, number>;

const BY_NAME: Readonly<Record<string, (o: Options) => LRScheduler>> = {
  StepLR: (o) => new StepLR(o as { stepSize: number }),
  ExponentialLR: (o) => new ExponentialLR(o as { gamma: number }),
  CosineAnnealingLR: (o) => new CosineAnnealingLR(o as { tMax: number }),
  LinearLR: (o) => new LinearLR(o),
};

/** Rebuilds a scheduler from its name and options (as a checkpoint stores it). */
export function schedulerFrom(name: string, options: Options): LRScheduler {
  const make = BY_NAME[name];
  if (!make) throw new KilnError('USAGE', `unknown LR scheduler '${name}' (${Object.keys(BY_NAME).join(', ')})`);
  return make(options);
}

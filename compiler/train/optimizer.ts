// Optimizers as objects with torch.optim's names, arguments and defaults (SGD, Adam, AdamW, RMSprop).
// Each emits, per parameter, an update subgraph: the parameter's new value, recording its state tensors
// (zero at the start) as state updates. The learning rate and the step counter are scalar inputs of the
// train step, so an LR schedule needs no recompilation. Weight decay is coupled (g += wd * p) except in
// AdamW, which decays the weights directly.
import { KilnError } from '../../ir/errors.ts';
import type { Value } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import type { StepBuilder } from './builder.ts';

/** The per-step scalar inputs every update reads. */
export interface StepScalars {
  readonly lr: Value;
  /** 1-based step counter. */
  readonly step: Value;
  /**
   * A scalar input the trainer computes on the host in float64 from the step counter each step (as
   * PyTorch computes Adam's bias corrections in Python floats): f32 pow on a GPU is too coarse for
   * 1 - beta2^k with beta2 near 1.
   */
  host(name: string, at: (step: number) => number): Value;
}

export interface UpdateContext {
  readonly b: StepBuilder;
  readonly p: Value;
  /** The gradient, with coupled weight decay already added. */
  readonly g: Value;
  readonly h: StepScalars;
  /** A zero-initialized state tensor shaped like p, whose new value the update sets. */
  state(name: string): { value: Value; set(next: Value): void };
}

/** A bad constructor argument: a KilnError naming the optimizer and the argument. */
function check(ok: boolean, optimizer: string, detail: string): void {
  if (!ok) throw new KilnError('USAGE', `${optimizer}: ${detail}`);
}

const nonNegative = (optimizer: string, name: string, v: number) => check(v >= 0 && Number.isFinite(v), optimizer, `${name} must be a finite number >= 0, got ${v}`);
const inUnit = (optimizer: string, name: string, v: number) => check(v >= 0 && v < 1, optimizer, `${name} must be in [0, 1), got ${v}`);

export abstract class Optimizer {
  /** The base learning rate (a scheduler scales it per step). */
  readonly lr: number;
  readonly weightDecay: number;
  protected constructor(lr: number, weightDecay: number) {
    nonNegative(this.constructor.name, 'lr', lr);
    nonNegative(this.constructor.name, 'weightDecay', weightDecay);
    this.lr = lr;
    this.weightDecay = weightDecay;
  }

  /** Whether weight decay is added to the gradient (L2) rather than applied to the weights. */
  protected get coupledDecay(): boolean {
    return true;
  }

  /** p's new value from the update context. */
  protected abstract update(c: UpdateContext): Value;

  /** Emits the update of parameter `p` with gradient `g`; returns p's new value. */
  emit(b: StepBuilder, p: Value, g: Value, h: StepScalars): Value {
    const grad = this.coupledDecay && this.weightDecay !== 0 ? b.add(g, b.mul(b.num(this.weightDecay), p)) : g;
    const state = (name: string) => {
      const value = b.graph.addConstant(tensor(p.type.dtype, p.type.shape), `${p.name}.${name}`);
      return { value, set: (next: Value) => void b.graph.updates.set(value, next) };
    };
    return this.update({ b, p, g: grad, h, state });
  }
}

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

/** torch.optim.SGD (lr 1e-3, momentum 0, dampening 0, nesterov false, weightDecay 0). */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  constructor(o: SGDOptions = {}) {
    super(o.lr ?? 1e-3, o.weightDecay ?? 0);
    this.momentum = o.momentum ?? 0;
    this.dampening = o.dampening ?? 0;
    this.nesterov = o.nesterov ?? false;
    nonNegative('SGD', 'momentum', this.momentum);
    nonNegative('SGD', 'dampening', this.dampening);
    check(!this.nesterov || (this.momentum > 0 && this.dampening === 0), 'SGD', 'nesterov momentum needs momentum > 0 and dampening 0');
  }

  protected update({ b, p, g, h, state }: UpdateContext): Value {
    const mu = this.momentum, d = this.dampening;
    if (mu === 0) return b.sub(p, b.mul(h.lr, g));
    // b_1 = g, then b_t = mu b_{t-1} + (1 - dampening) g; with b_0 = 0 the first step's factor is 1.
    const buf = state('momentum_buffer');
    const gain = d === 0 ? g : b.mul(h.host(`sgd_gain_${d}`, (k) => (k === 1 ? 1 : 1 - d)), g);
    const next = b.add(b.mul(b.num(mu), buf.value), gain);
    buf.set(next);
    const dir = this.nesterov ? b.add(g, b.mul(b.num(mu), next)) : next;
    return b.sub(p, b.mul(h.lr, dir));
  }
}

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
}

/** torch.optim.Adam (lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0 coupled). */
export class Adam extends Optimizer {
  readonly betas: readonly [number, number];
  readonly eps: number;
  constructor(o: AdamOptions = {}, defaultDecay = 0) {
    super(o.lr ?? 1e-3, o.weightDecay ?? defaultDecay);
    const name = this.constructor.name;
    this.betas = o.betas ?? [0.9, 0.999];
    this.eps = o.eps ?? 1e-8;
    check(this.betas.length === 2, name, `betas must be two numbers, got [${this.betas.join(', ')}]`);
    inUnit(name, 'betas[0]', this.betas[0]);
    inUnit(name, 'betas[1]', this.betas[1]);
    nonNegative(name, 'eps', this.eps);
  }

  protected update({ b, p, g, h, state }: UpdateContext): Value {
    const [b1, b2] = this.betas;
    const m = state('exp_avg'), v = state('exp_avg_sq');
    const m1 = b.add(b.mul(b.num(b1), m.value), b.mul(b.num(1 - b1), g));
    const v1 = b.add(b.mul(b.num(b2), v.value), b.mul(b.num(1 - b2), b.mul(g, g)));
    m.set(m1);
    v.set(v1);
    // p - (lr / (1 - b1^k)) m / (sqrt(v) / sqrt(1 - b2^k) + eps)
    const bc1 = h.host(`adam_bias1_${b1}`, (k) => 1 - b1 ** k);
    const bc2 = h.host(`adam_bias2_${b2}`, (k) => 1 - b2 ** k);
    const denom = b.add(b.div(b.op1('Sqrt', [v1]), b.op1('Sqrt', [bc2])), b.num(this.eps));
    return b.sub(p, b.mul(b.div(h.lr, bc1), b.div(m1, denom)));
  }
}

/** torch.optim.AdamW: Adam with decoupled weight decay (default 0.01): p -= lr * wd * p, then the Adam step. */
export class AdamW extends Adam {
  constructor(o: AdamOptions = {}) {
    super(o, 0.01);
  }
  protected override get coupledDecay(): boolean {
    return false;
  }
  protected override update(c: UpdateContext): Value {
    const { b, p, h } = c;
    const decayed = this.weightDecay === 0 ? p : b.sub(p, b.mul(b.mul(h.lr, b.num(this.weightDecay)), p));
    return super.update({ ...c, p: decayed });
  }
}

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  momentum?: number;
  weightDecay?: number;
}

/** torch.optim.RMSprop, uncentered (lr 1e-2, alpha 0.99, eps 1e-8, momentum 0, weightDecay 0). */
export class RMSprop extends Optimizer {
  readonly alpha: number;
  readonly eps: number;
  readonly momentum: number;
  constructor(o: RMSpropOptions = {}) {
    super(o.lr ?? 1e-2, o.weightDecay ?? 0);
    this.alpha = o.alpha ?? 0.99;
    this.eps = o.eps ?? 1e-8;
    this.momentum = o.momentum ?? 0;
    nonNegative('RMSprop', 'alpha', this.alpha);
    nonNegative('RMSprop', 'eps', this.eps);
    nonNegative('RMSprop', 'momentum', this.momentum);
  }

  protected update({ b, p, g, h, state }: UpdateContext): Value {
    const { alpha, eps, momentum: mu } = this;
    const sq = state('square_avg');
    const sq1 = b.add(b.mul(b.num(alpha), sq.value), b.mul(b.num(1 - alpha), b.mul(g, g)));
    sq.set(sq1);
    const stepDir = b.div(g, b.add(b.op1('Sqrt', [sq1]), b.num(eps)));
    if (mu === 0) return b.sub(p, b.mul(h.lr, stepDir));
    const buf = state('momentum_buffer');
    const next = b.add(b.mul(b.num(mu), buf.value), stepDir);
    buf.set(next);
    return b.sub(p, b.mul(h.lr, next));
  }
}

/**
 * The string form `{ type: 'adam', lr, ... }`, kept for existing callers.
 * @deprecated Pass an optimizer object (`new Adam({ lr })`); this form is routed to the same classes.
 */
export interface OptimizerSpec {
  readonly type: 'sgd' | 'adam' | 'adamw' | 'rmsprop';
  readonly lr: number;
  readonly momentum?: number;
  readonly dampening?: number;
  readonly nesterov?: boolean;
  readonly betas?: readonly [number, number];
  readonly eps?: number;
  readonly alpha?: number;
  readonly weightDecay?: number;
}

const BY_TYPE: Record<OptimizerSpec['type'], (s: OptimizerSpec) => Optimizer> = {
  sgd: (s) => new SGD(s),
  adam: (s) => new Adam(s),
  adamw: (s) => new AdamW(s),
  rmsprop: (s) => new RMSprop(s),
};

/** The optimizer object of an object or of the deprecated string form. */
export function optimizerOf(o: Optimizer | OptimizerSpec): Optimizer {
  if (o instanceof Optimizer) return o;
  const make = BY_TYPE[o.type];
  if (!make) throw new KilnError('USAGE', `unknown optimizer '${o.type}' (${Object.keys(BY_TYPE).join(', ')})`);
  return make(o);
}

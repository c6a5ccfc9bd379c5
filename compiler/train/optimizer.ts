// Optimizers as update subgraphs (PyTorch torch.optim semantics, state starting at zero). Each returns
// the parameter's new value and records its state updates; the learning rate and the step counter are
// scalar inputs of the train step, so schedules need no recompilation.
import { KilnError } from '../../ir/errors.ts';
import type { Value } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import type { StepBuilder } from './builder.ts';

export interface OptimizerSpec {
  readonly type: 'sgd' | 'adam' | 'adamw' | 'rmsprop';
  readonly lr: number;
  /** SGD and RMSprop momentum. */
  readonly momentum?: number;
  readonly nesterov?: boolean;
  /** Adam/AdamW (beta1, beta2). */
  readonly betas?: readonly [number, number];
  readonly eps?: number;
  /** RMSprop smoothing constant. */
  readonly alpha?: number;
  /** Coupled L2 (SGD, Adam, RMSprop) or decoupled decay (AdamW). */
  readonly weightDecay?: number;
}

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

interface UpdateContext {
  readonly b: StepBuilder;
  readonly p: Value;
  readonly g: Value;
  readonly h: StepScalars;
  readonly spec: OptimizerSpec;
  /** A zero-initialized state tensor shaped like p, whose new value the update sets. */
  state(name: string): { value: Value; set(next: Value): void };
}

type Update = (c: UpdateContext) => Value;

const sgd: Update = ({ b, p, g, h, spec, state }) => {
  const mu = spec.momentum ?? 0;
  if (mu === 0) return b.sub(p, b.mul(h.lr, g));
  // b_t = mu b_{t-1} + g (b_0 = 0 gives PyTorch's b_1 = g); Nesterov steps along g + mu b_t.
  const buf = state('momentum');
  const next = b.add(b.mul(b.num(mu), buf.value), g);
  buf.set(next);
  const dir = spec.nesterov ? b.add(g, b.mul(b.num(mu), next)) : next;
  return b.sub(p, b.mul(h.lr, dir));
};

const adam: Update = ({ b, p, g, h, spec, state }) => {
  const [b1, b2] = spec.betas ?? [0.9, 0.999];
  const eps = spec.eps ?? 1e-8;
  const m = state('exp_avg'), v = state('exp_avg_sq');
  const m1 = b.add(b.mul(b.num(b1), m.value), b.mul(b.num(1 - b1), g));
  const v1 = b.add(b.mul(b.num(b2), v.value), b.mul(b.num(1 - b2), b.mul(g, g)));
  m.set(m1);
  v.set(v1);
  // p - (lr / (1 - b1^k)) m / (sqrt(v) / sqrt(1 - b2^k) + eps)
  const bc1 = h.host(`adam_bias1_${b1}`, (k) => 1 - b1 ** k);
  const bc2 = h.host(`adam_bias2_${b2}`, (k) => 1 - b2 ** k);
  const denom = b.add(b.div(b.op1('Sqrt', [v1]), b.op1('Sqrt', [bc2])), b.num(eps));
  return b.sub(p, b.mul(b.div(h.lr, bc1), b.div(m1, denom)));
};

/** AdamW: decay the weights by lr * wd first, then take an Adam step with the undecayed gradient. */
const adamw: Update = (c) => {
  const wd = c.spec.weightDecay ?? 0.01;
  const decayed = c.b.sub(c.p, c.b.mul(c.b.mul(c.h.lr, c.b.num(wd)), c.p));
  return adam({ ...c, p: decayed });
};

const rmsprop: Update = ({ b, p, g, h, spec, state }) => {
  const alpha = spec.alpha ?? 0.99, eps = spec.eps ?? 1e-8, mu = spec.momentum ?? 0;
  const sq = state('square_avg');
  const sq1 = b.add(b.mul(b.num(alpha), sq.value), b.mul(b.num(1 - alpha), b.mul(g, g)));
  sq.set(sq1);
  const stepDir = b.div(g, b.add(b.op1('Sqrt', [sq1]), b.num(eps)));
  if (mu === 0) return b.sub(p, b.mul(h.lr, stepDir));
  const buf = state('momentum_buffer');
  const next = b.add(b.mul(b.num(mu), buf.value), stepDir);
  buf.set(next);
  return b.sub(p, b.mul(h.lr, next));
};

const UPDATES: Record<OptimizerSpec['type'], Update> = { sgd, adam, adamw, rmsprop };

/** Emits the update of parameter `p` with gradient `g`; returns p's new value. */
export function emitUpdate(b: StepBuilder, spec: OptimizerSpec, p: Value, g: Value, h: StepScalars): Value {
  const update = UPDATES[spec.type];
  if (!update) throw new KilnError('USAGE', `unknown optimizer '${spec.type}' (${Object.keys(UPDATES).join(', ')})`);
  const coupled = spec.type !== 'adamw' && (spec.weightDecay ?? 0) !== 0;
  const grad = coupled ? b.add(g, b.mul(b.num(spec.weightDecay!), p)) : g;
  const state = (name: string) => {
    const value = b.graph.addConstant(tensor(p.type.dtype, p.type.shape), `${p.name}.${name}`);
    return { value, set: (next: Value) => void b.graph.updates.set(value, next) };
  };
  return update({ b, p, g: grad, h, spec, state });
}

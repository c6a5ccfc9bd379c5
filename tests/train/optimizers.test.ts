// Each optimizer against its torch.optim update written out in plain JS, on a model whose gradient is
// known in closed form (tests/support/scale-model.ts): y = w * x, J = mean((y - t)^2), dJ/dw_i = 2 (w_i x_i - t_i) x_i / n.
import { describe, expect, it } from 'vitest';
import { MSELoss } from '../../compiler/nn/index.ts';
import { Adam, AdamW, type Optimizer, optimizerOf, type OptimizerSpec, RMSprop, SGD } from '../../compiler/train/optimizer.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor } from '../../ir/tensor.ts';
import { grad, model, n, T, W0, X } from '../support/scale-model.ts';

type Ref = (w: number[], g: number[], s: Record<string, number[]>, k: number) => number[];
const zeros = () => new Array<number>(n).fill(0);

const REFERENCES: [string, Optimizer | OptimizerSpec, Ref][] = [
  ['sgd', new SGD({ lr: 0.1 }), (w, g) => w.map((v, i) => v - 0.1 * g[i])],
  ['sgd (deprecated string form)', { type: 'sgd', lr: 0.1 }, (w, g) => w.map((v, i) => v - 0.1 * g[i])],
  ['sgd momentum', { type: 'sgd', lr: 0.1, momentum: 0.9 }, (w, g, s, k) => {
    s.b = k === 1 ? [...g] : s.b.map((b, i) => 0.9 * b + g[i]);
    return w.map((v, i) => v - 0.1 * s.b[i]);
  }],
  ['sgd momentum dampening (the first step undampened)', new SGD({ lr: 0.1, momentum: 0.9, dampening: 0.3 }), (w, g, s, k) => {
    s.b = k === 1 ? [...g] : s.b.map((b, i) => 0.9 * b + 0.7 * g[i]);
    return w.map((v, i) => v - 0.1 * s.b[i]);
  }],
  ['sgd nesterov', new SGD({ lr: 0.1, momentum: 0.9, nesterov: true }), (w, g, s, k) => {
    s.b = k === 1 ? [...g] : s.b.map((b, i) => 0.9 * b + g[i]);
    return w.map((v, i) => v - 0.1 * (g[i] + 0.9 * s.b[i]));
  }],
  ['sgd weight decay', new SGD({ lr: 0.1, weightDecay: 0.05 }), (w, g) => w.map((v, i) => v - 0.1 * (g[i] + 0.05 * v))],
  ['adam', new Adam({ lr: 0.01, betas: [0.8, 0.95], eps: 1e-6 }), (w, g, s, k) => {
    s.m = (s.m ?? zeros()).map((m, i) => 0.8 * m + 0.2 * g[i]);
    s.v = (s.v ?? zeros()).map((v, i) => 0.95 * v + 0.05 * g[i] * g[i]);
    return w.map((p, i) => p - (0.01 / (1 - 0.8 ** k)) * s.m[i] / (Math.sqrt(s.v[i]) / Math.sqrt(1 - 0.95 ** k) + 1e-6));
  }],
  ['adamw', new AdamW({ lr: 0.01, weightDecay: 0.1 }), (w, g, s, k) => {
    const d = w.map((p) => p * (1 - 0.01 * 0.1));
    s.m = (s.m ?? zeros()).map((m, i) => 0.9 * m + 0.1 * g[i]);
    s.v = (s.v ?? zeros()).map((v, i) => 0.999 * v + 0.001 * g[i] * g[i]);
    return d.map((p, i) => p - (0.01 / (1 - 0.9 ** k)) * s.m[i] / (Math.sqrt(s.v[i]) / Math.sqrt(1 - 0.999 ** k) + 1e-8));
  }],
  ['rmsprop', new RMSprop({ lr: 0.01, alpha: 0.9 }), (w, g, s) => {
    s.sq = (s.sq ?? zeros()).map((q, i) => 0.9 * q + 0.1 * g[i] * g[i]);
    return w.map((p, i) => p - 0.01 * g[i] / (Math.sqrt(s.sq[i]) + 1e-8));
  }],
  ['rmsprop momentum', new RMSprop({ lr: 0.01, momentum: 0.5 }), (w, g, s) => {
    s.sq = (s.sq ?? zeros()).map((q, i) => 0.99 * q + 0.01 * g[i] * g[i]);
    s.b = (s.b ?? zeros()).map((b, i) => 0.5 * b + g[i] / (Math.sqrt(s.sq[i]) + 1e-8));
    return w.map((p, i) => p - 0.01 * s.b[i]);
  }],
];

describe('optimizers match torch.optim formulas', () => {
  it.each(REFERENCES)('%s', async (_name, spec, ref) => {
    const trainer = await compileTraining(model(), { loss: new MSELoss(), optimizer: spec, backend: 'cpu' });
    let w = [...W0];
    const state: Record<string, number[]> = {};
    for (let k = 1; k <= 4; k++) {
      await trainer.step({ inputs: { x: tensor('f32', [n], X) }, target: tensor('f32', [n], T) });
      w = ref(w, grad(w), state, k);
      const got = Array.from((await trainer.exportWeights()).get('w')!.data);
      got.forEach((v, i) => expect(Math.abs(v - w[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(w[i]))));
    }
  });

  it('a learning-rate schedule is an input: no recompilation, and lr 0 leaves weights unchanged', async () => {
    const trainer = await compileTraining(model(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, backend: 'cpu' });
    await trainer.step({ inputs: { x: tensor('f32', [n], X) }, target: tensor('f32', [n], T) }, { lr: 0 });
    expect(Array.from((await trainer.exportWeights()).get('w')!.data)).toEqual(Array.from(Float32Array.from(W0)));
    await trainer.step({ inputs: { x: tensor('f32', [n], X) }, target: tensor('f32', [n], T) }, { lr: 0.2 });
    const want = W0.map((v, i) => v - 0.2 * grad(W0)[i]);
    Array.from((await trainer.exportWeights()).get('w')!.data).forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
  });
});

describe('optimizer objects', () => {
  it('take torch.optim defaults', () => {
    expect(new SGD()).toMatchObject({ lr: 1e-3, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 });
    expect(new Adam()).toMatchObject({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 });
    expect(new AdamW()).toMatchObject({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01 });
    expect(new RMSprop()).toMatchObject({ lr: 1e-2, alpha: 0.99, eps: 1e-8, momentum: 0, weightDecay: 0 });
  });

  it('the string form routes to the same classes', () => {
    expect(optimizerOf({ type: 'adam', lr: 0.1, betas: [0.8, 0.9] })).toMatchObject({ constructor: Adam, lr: 0.1, betas: [0.8, 0.9] });
    expect(optimizerOf({ type: 'adamw', lr: 0.1 })).toBeInstanceOf(AdamW);
    expect(optimizerOf({ type: 'rmsprop', lr: 0.1 })).toBeInstanceOf(RMSprop);
    expect(() => optimizerOf({ type: 'lbfgs' as 'sgd', lr: 0.1 })).toThrowError(/unknown optimizer 'lbfgs' \(sgd, adam, adamw, rmsprop\)/);
  });

  it.each([
    ['a negative lr', () => new SGD({ lr: -0.1 }), /SGD: lr must be a finite number >= 0, got -0.1/],
    ['beta1 = 1', () => new Adam({ betas: [1, 0.999] }), /Adam: betas\[0\] must be in \[0, 1\), got 1/],
    ['a negative beta2', () => new AdamW({ betas: [0.9, -0.5] }), /AdamW: betas\[1\] must be in \[0, 1\), got -0.5/],
    ['a negative eps', () => new RMSprop({ eps: -1 }), /RMSprop: eps must be/],
    ['a negative weight decay', () => new Adam({ weightDecay: -1 }), /Adam: weightDecay must be/],
    ['nesterov without momentum', () => new SGD({ nesterov: true }), /SGD: nesterov momentum needs momentum > 0 and dampening 0/],
    ['a negative lr in the string form', () => optimizerOf({ type: 'adam', lr: -1 }), /Adam: lr must be/],
  ])('reject %s with a KilnError', (_what, make, message) => {
    expect(make).toThrowError(KilnError);
    expect(make).toThrowError(message);
  });
});

// LR schedulers against torch.optim.lr_scheduler's closed forms written out here, and their effect on
// training: an SGD run under a schedule equals the manual updates with the scheduled lr, the lr reaching
// the compiled step as its scalar input (no recompilation).
import { describe, expect, it } from 'vitest';
import { MSELoss } from '../../compiler/nn/index.ts';
import { SGD } from '../../compiler/train/optimizer.ts';
import { CosineAnnealingLR, ExponentialLR, LinearLR, type LRScheduler, StepLR } from '../../compiler/train/scheduler.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor } from '../../ir/tensor.ts';
import { grad, model, n, T, W0, X } from '../support/scale-model.ts';

const BASE = 0.5;

const CLOSED_FORMS: [string, LRScheduler, (t: number) => number][] = [
  ['StepLR(stepSize 3, gamma 0.5)', new StepLR({ stepSize: 3, gamma: 0.5 }), (t) => BASE * 0.5 ** Math.floor(t / 3)],
  ['StepLR default gamma 0.1', new StepLR({ stepSize: 2 }), (t) => BASE * 0.1 ** Math.floor(t / 2)],
  ['ExponentialLR(gamma 0.9)', new ExponentialLR({ gamma: 0.9 }), (t) => BASE * 0.9 ** t],
  ['CosineAnnealingLR(tMax 6, etaMin 0.01)', new CosineAnnealingLR({ tMax: 6, etaMin: 0.01 }), (t) => 0.01 + ((BASE - 0.01) * (1 + Math.cos((Math.PI * t) / 6))) / 2],
  ['LinearLR(0.25 -> 1 over 4)', new LinearLR({ startFactor: 0.25, endFactor: 1, totalIters: 4 }), (t) => BASE * (0.25 + (0.75 * Math.min(t, 4)) / 4)],
  ['LinearLR defaults (1/3 -> 1 over 5)', new LinearLR(), (t) => BASE * (1 / 3 + ((2 / 3) * Math.min(t, 5)) / 5)],
];

describe('LR schedulers follow PyTorch\'s closed forms', () => {
  it.each(CLOSED_FORMS)('%s', (_name, s, want) => {
    for (let t = 0; t < 12; t++) expect(s.lrAt(BASE, t)).toBeCloseTo(want(t), 12);
  });

  it.each([
    ['StepLR stepSize 0', () => new StepLR({ stepSize: 0 }), /StepLR: stepSize must be an integer > 0, got 0/],
    ['CosineAnnealingLR tMax 2.5', () => new CosineAnnealingLR({ tMax: 2.5 }), /CosineAnnealingLR: tMax must be an integer > 0/],
    ['CosineAnnealingLR negative etaMin', () => new CosineAnnealingLR({ tMax: 2, etaMin: -1 }), /etaMin must be a finite number >= 0/],
    ['LinearLR startFactor 0', () => new LinearLR({ startFactor: 0 }), /LinearLR: startFactor must be in \(0, 1\], got 0/],
    ['ExponentialLR gamma NaN', () => new ExponentialLR({ gamma: NaN }), /ExponentialLR: gamma must be a finite number/],
  ])('rejects %s', (_what, make, message) => {
    expect(make).toThrowError(KilnError);
    expect(make).toThrowError(message);
  });
});

// The scale model (tests/support/scale-model.ts): its gradient is known in closed form.
const batch = { inputs: { x: tensor('f32', [n], X) }, target: tensor('f32', [n], T) };

async function weights(trainer: { exportWeights(): Promise<Map<string, { data: ArrayLike<number> }>> }): Promise<number[]> {
  return Array.from((await trainer.exportWeights()).get('w')!.data);
}

const expectClose = (got: number[], want: number[]) => got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(want[i]))));

describe('the trainer consults its scheduler before every step', () => {
  it('SGD under StepLR equals the manual updates with the scheduled lr', async () => {
    const trainer = await compileTraining(model(), { loss: new MSELoss(), optimizer: new SGD({ lr: 0.2 }), scheduler: new StepLR({ stepSize: 2, gamma: 0.5 }), backend: 'cpu' });
    let w = [...W0];
    for (let k = 0; k < 6; k++) {
      const lr = 0.2 * 0.5 ** Math.floor(k / 2);
      expect(trainer.lr).toBeCloseTo(lr, 12);
      await trainer.step(batch);
      w = w.map((v, i) => v - lr * grad(w)[i]);
      expectClose(await weights(trainer), w);
    }
  });

  it('setScheduler starts the schedule at the next step; StepOptions.lr overrides it; undefined removes it', async () => {
    const trainer = await compileTraining(model(), { loss: new MSELoss(), optimizer: new SGD({ lr: 0.1 }), backend: 'cpu' });
    let w = [...W0];
    const take = async (lr: number, override?: number) => {
      await trainer.step(batch, override === undefined ? {} : { lr: override });
      w = w.map((v, i) => v - (override ?? lr) * grad(w)[i]);
      expectClose(await weights(trainer), w);
    };
    await take(0.1);
    trainer.setScheduler(new ExponentialLR({ gamma: 0.5 }));
    await take(0.1); // t = 0
    await take(0.05); // t = 1
    await take(0, 0.3); // overridden; t = 2 still counts
    expect(trainer.lr).toBeCloseTo(0.1 * 0.5 ** 3, 12);
    await take(0.1 * 0.5 ** 3);
    trainer.setScheduler(undefined);
    expect(trainer.lr).toBe(0.1);
    await take(0.1);
  });

  it('a cosine schedule falls from lr to etaMin at tMax', async () => {
    const trainer = await compileTraining(model(), { loss: new MSELoss(), optimizer: new SGD({ lr: 0.3 }), scheduler: new CosineAnnealingLR({ tMax: 4, etaMin: 0.02 }), backend: 'cpu' });
    const seen: number[] = [];
    for (let k = 0; k < 5; k++) {
      seen.push(trainer.lr);
      await trainer.step(batch);
    }
    expect(seen[0]).toBeCloseTo(0.3, 12);
    expect(seen[2]).toBeCloseTo(0.16, 12);
    expect(seen[4]).toBeCloseTo(0.02, 12);
  });
});

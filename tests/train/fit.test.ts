// fit(): the training loop. Linear regression recovers y = 3x + 2 (within 0.05) from noisy samples; the
// history is reproducible from the seed; validation metrics, early stopping (with the best epoch's
// checkpoint restored) and the progress display; misuse is a KilnError.
import { describe, expect, it } from 'vitest';
import { Linear, manualSeed, Module, MSELoss, CrossEntropyLoss, type SymTensor } from '../../compiler/nn/index.ts';
import { fit, type EpochLog } from '../../compiler/train/fit.ts';
import { epochLine, progressReporter } from '../../compiler/train/progress.ts';
import { Adam, SGD } from '../../compiler/train/optimizer.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor } from '../../ir/tensor.ts';
import { rand } from '../support/tiny-mlp.ts';

const N = 256, B = 16;
const xs = rand(N, 3).map((v) => 2 * v);
const noise = rand(N, 4).map((v) => 0.05 * v);
const regression = { inputs: { x: tensor('f32', [N, 1], xs) }, target: tensor('f32', [N, 1], xs.map((x, i) => 3 * x + 2 + noise[i])) };

const line = async () => {
  manualSeed(1);
  const m = new Linear(1, 1);
  const trainer = await compileTraining(m, { inputs: { x: { dtype: 'f32', shape: [B, 1] } }, loss: new MSELoss(), optimizer: new SGD({ lr: 0.05 }), backend: 'cpu' });
  return { m, trainer };
};

describe('fit', () => {
  it('recovers slope and intercept of y = 3x + 2 within 0.05', async () => {
    const { m, trainer } = await line();
    const h = await fit(trainer, regression, { epochs: 20, seed: 7, progress: false });
    expect(h.epochs).toHaveLength(20);
    expect(h.epochs[19].loss).toBeLessThan(h.epochs[0].loss / 10);
    await trainer.syncTo(m);
    const w = m.stateDict();
    expect(Math.abs(w.get('weight')!.data[0] - 3)).toBeLessThan(0.05);
    expect(Math.abs(w.get('bias')!.data[0] - 2)).toBeLessThan(0.05);
  });

  it('is reproducible from its seed, and another seed shuffles otherwise', async () => {
    const losses = async (seed: number) => (await fit((await line()).trainer, regression, { epochs: 3, seed, progress: false })).epochs.map((e) => e.loss);
    expect(await losses(5)).toEqual(await losses(5));
    expect(await losses(5)).not.toEqual(await losses(6));
  });

  it('reports validation accuracy from a validation split', async () => {
    // Two separable classes: the sign of x0 + x1.
    const n = 320, pts = rand(2 * n, 9);
    const labels = Array.from({ length: n }, (_, i) => (pts[2 * i] + pts[2 * i + 1] > 0 ? 1 : 0));
    class Net extends Module {
      fc = this.module('fc', new Linear(2, 2));
      forward(x: SymTensor) { return this.fc.call(x); }
    }
    manualSeed(2);
    const trainer = await compileTraining(new Net(), { inputs: { x: { dtype: 'f32', shape: [B, 2] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 0.05 }), backend: 'cpu' });
    const h = await fit(trainer, { inputs: { x: tensor('f32', [n, 2], pts) }, target: tensor('i32', [n], labels) }, { epochs: 8, validationSplit: 0.25, metrics: ['accuracy'], progress: false });
    expect(h.epochs[7].metrics.val_accuracy).toBeGreaterThan(0.95);
  });

  it('stops early when the monitored value stops improving, and restores the best epoch', async () => {
    const { trainer } = await line();
    const seen: number[][] = [];
    const h = await fit(trainer, regression, {
      epochs: 10,
      progress: false,
      // No epoch after the first improves by a million: stop after `patience` more, back to epoch 1.
      earlyStopping: { monitor: 'loss', patience: 2, minDelta: 1e6, restoreBest: true },
      callbacks: [{ onEpochEnd: async () => void seen.push(Array.from((await trainer.exportWeights()).get('weight')!.data)) }],
    });
    expect(h.stoppedEarly).toBe(true);
    expect(h.epochs).toHaveLength(3);
    expect(h.bestEpoch).toBe(1);
    expect(Array.from((await trainer.exportWeights()).get('weight')!.data)).toEqual(seen[0]);
  });

  it('draws progress on a TTY and prints one line per epoch elsewhere', async () => {
    const plain: string[] = [], tty: string[] = [];
    const fake = (into: string[], isTTY: boolean) => ({ isTTY, write: (s: string) => into.push(s) });
    const { trainer } = await line();
    await fit(trainer, regression, { epochs: 2, progress: false, callbacks: [progressReporter(fake(plain, false)), progressReporter(fake(tty, true))] });
    expect(plain).toHaveLength(2);
    expect(plain[0]).toMatch(/^epoch 1\/2 · 16 steps · loss [\d.]+ · [\d.]+ s \([\d.k]+ samples\/s, [\d.]+ ms\/step\)\n$/);
    expect(tty.some((s) => s.startsWith('\r\x1b[2Kepoch 1/2 █'))).toBe(true);
    const log: EpochLog = { epoch: 3, loss: 0.5, metrics: { val_accuracy: 0.875 }, steps: 10, ms: 2000, samplesPerSec: 1234 };
    expect(epochLine(log, 5)).toBe('epoch 3/5 · 10 steps · loss 0.5000 · val_accuracy 0.8750 · 2.0 s (1.2k samples/s, 200.00 ms/step)');
  });

  it('refuses metrics without validation data, a dataset smaller than a batch, and mismatched sample counts', async () => {
    const { trainer } = await line();
    await expect(fit(trainer, regression, { epochs: 1, metrics: ['mse'], progress: false })).rejects.toThrowError(/metrics are computed on validation data/);
    const tiny = { inputs: { x: tensor('f32', [4, 1], [1, 2, 3, 4]) }, target: tensor('f32', [4, 1], [1, 2, 3, 4]) };
    await expect(fit(trainer, tiny, { epochs: 1, progress: false })).rejects.toThrowError(/4 training samples do not fill one batch of 16/);
    const bad = { inputs: { x: tensor('f32', [N, 1], xs) }, target: tensor('f32', [8, 1]) };
    await expect(fit(trainer, bad, { epochs: 1, progress: false })).rejects.toBeInstanceOf(KilnError);
  });
});

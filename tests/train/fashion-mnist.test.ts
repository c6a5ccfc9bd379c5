// Trains the Fashion-MNIST MLP on the bundled subset (2,048 training, 512 test images) on WebGPU: the
// loss must fall and test accuracy rise far above chance (10%).
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { accuracy, batchOf, loadSplit } from '../../compiler/data/fashion-mnist.ts';
import { Linear, Module, manualSeed, type SymTensor } from '../../compiler/nn/index.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { webgpuOrSkip } from '../support/env.ts';

const DATA = fileURLToPath(new URL('../../samples/data/fashion-mnist-subset/', import.meta.url));

class Mlp extends Module {
  readonly fc1 = this.module('fc1', new Linear(784, 128));
  readonly fc2 = this.module('fc2', new Linear(128, 10));
  forward(x: SymTensor): SymTensor {
    return this.fc2.call(this.fc1.call(x).relu());
  }
}

it('MLP on Fashion-MNIST: loss falls and accuracy rises on WebGPU', async () => {
  const gpu = await webgpuOrSkip();
  if (!gpu) return;
  const B = 64;
  const train = loadSplit(DATA, 'train'), test = loadSplit(DATA, 't10k');
  manualSeed(7);
  const trainer = await compileTraining(new Mlp(), {
    inputs: { x: { dtype: 'f32', shape: [B, 784] } },
    loss: { name: 'cross_entropy' },
    optimizer: { type: 'adam', lr: 2e-3 },
    backend: 'webgpu',
  });
  const before = await accuracy(trainer, test, B);
  const losses: number[] = [];
  const steps = 2 * (train.n / B);
  for (let s = 0; s < steps; s++) {
    const { x, y } = batchOf(train, s % (train.n / B), B);
    const wantLoss = s < 4 || s >= steps - 4;
    const loss = await trainer.step({ inputs: { x }, target: y }, { returnLoss: wantLoss });
    if (wantLoss) losses.push(loss!);
  }
  const after = await accuracy(trainer, test, B);
  console.log(`Fashion-MNIST MLP on WebGPU: loss ${losses.slice(0, 4).map((l) => l.toFixed(3))} -> ${losses.slice(-4).map((l) => l.toFixed(3))}, test accuracy ${(before * 100).toFixed(1)}% -> ${(after * 100).toFixed(1)}%`);
  const mean = (a: number[]) => a.reduce((p, q) => p + q, 0) / a.length;
  expect(mean(losses.slice(-4))).toBeLessThan(0.6 * mean(losses.slice(0, 4)));
  expect(after).toBeGreaterThan(0.6);
  trainer.dispose();
});

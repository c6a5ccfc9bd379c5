// `npm start` (`kiln demo`): the main job on the bundled default. The mlp-fashion model (784-128-64-10 ReLU,
// as in samples/mlp-fashion) is trained with fit() on the Fashion-MNIST subset bundled with kiln (progress
// bar, validation accuracy), evaluated on the bundled test images, and its inference artifact, loss curve
// and summary (backend, kernels, dispatches, peak memory, ms per step) written out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getGpu } from '../runtime/webgpu/device.ts';
import { type BackendName, parseBackend } from './backend.ts';
import { accuracy, argmax, batchOf, FASHION_CLASSES, loadSplit, splitDataset } from './data/fashion-mnist.ts';
import { Linear } from './nn/linear.ts';
import { CrossEntropyLoss } from './nn/loss.ts';
import { manualSeed, Module } from './nn/module.ts';
import type { SymTensor } from './nn/tensor.ts';
import { packageRoot } from './package-root.ts';
import { curvesSvg } from './train/curves.ts';
import { fit } from './train/fit.ts';
import { Adam } from './train/optimizer.ts';
import { trainingSummary } from './train/summary.ts';
import { compileTraining } from './train/trainer.ts';

const SUBSET = join(packageRoot(), 'samples/data/fashion-mnist-subset');

class Mlp extends Module {
  fc1 = this.module('fc1', new Linear(784, 128));
  fc2 = this.module('fc2', new Linear(128, 64));
  fc3 = this.module('fc3', new Linear(64, 10));
  forward(x: SymTensor) { return this.fc3.call(this.fc2.call(this.fc1.call(x).relu()).relu()); }
}

/** The backend asked for, else WebGPU when an adapter exists, else the CPU interpreter, said loudly. */
async function pickBackend(flag?: string): Promise<BackendName> {
  if (flag) return parseBackend(flag);
  const gpu = await getGpu();
  if (!gpu) {
    console.log('!! No WebGPU adapter found: running on the CPU interpreter (npm run setup:webgpu installs Mesa lavapipe).');
    return 'cpu';
  }
  console.log(`WebGPU adapter: ${gpu.adapterName}`);
  return 'webgpu';
}

export interface DemoOptions {
  readonly backend?: string;
  /** Where the artifact and the curves go (default out/demo). */
  readonly out?: string;
  readonly epochs?: number;
}

export async function demo(opts: DemoOptions = {}): Promise<number> {
  const backend = await pickBackend(opts.backend);
  const out = opts.out ?? 'out/demo', epochs = opts.epochs ?? 10, B = 64;
  const train = loadSplit(SUBSET, 'train'), test = loadSplit(SUBSET, 't10k');
  console.log(`kiln demo: the MLP 784-128-64-10 on Fashion-MNIST (the bundled subset: ${train.n} training, ${test.n} test images), ${epochs} epochs of batch ${B}, Adam, on ${backend}`);

  manualSeed(0);
  const trainer = await compileTraining(new Mlp(), { inputs: { x: { dtype: 'f32', shape: [B, 784] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 1e-3 }), backend });
  const history = await fit(trainer, splitDataset(train), { epochs, seed: 0, validationSplit: 0.1, metrics: ['accuracy'] });
  const testAccuracy = await accuracy(trainer, test, B);

  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'loss.svg'), curvesSvg(history, `kiln demo: mlp-fashion on ${backend} (bundled subset)`));
  await trainer.exportArtifact(join(out, 'artifact'), { name: 'mlp-fashion' });
  const [logits] = await trainer.evaluate({ x: batchOf(test, 0, B).x });
  const label = (i: number) => FASHION_CLASSES[argmax(logits.data.subarray(i * 10, i * 10 + 10))];
  console.log(`the first test images: ${Array.from({ length: 6 }, (_, i) => `${label(i)} (is ${FASHION_CLASSES[test.y[i]]})`).join(', ')}`);
  console.log(trainingSummary(trainer.profile, history, { val_accuracy: history.epochs.at(-1)!.metrics.val_accuracy, test_accuracy: testAccuracy }));
  console.log(`test accuracy ${(100 * testAccuracy).toFixed(1)}% on ${backend}`);
  console.log(`artifact: ${out}/artifact/ · loss curve: ${out}/loss.svg`);
  trainer.dispose();
  return 0;
}

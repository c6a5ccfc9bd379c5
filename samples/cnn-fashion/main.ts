// A CNN on Fashion-MNIST: Conv2d(1,32,3,pad 1)-ReLU-MaxPool-Conv2d(32,64,3,pad 1)-ReLU-MaxPool-Flatten-
// Linear(64*7*7,128)-ReLU-Dropout-Linear(10), cross-entropy and Adam with a cosine lr through fit() with a validation split,
// then the test accuracy, the curves as SVG, the compiled inference artifact and the summary.
// Data: --data DIR, else Debian's full set (dataset-fashion-mnist) when installed, else the bundled subset.
// Run: npm run sample -- cnn-fashion [--backend cpu|webgpu] [--epochs N] [--data DIR] [--out DIR] [--limit N]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accuracy, Adam, compileTraining, Conv2d, CosineAnnealingLR, CrossEntropyLoss, curvesSvg, Dropout, fashionMnistDir, fit, Linear, loadSplit, manualSeed, MaxPool2d, Module, splitDataset, type SymTensor } from 'kiln';
import { head, printSummary, sampleRun } from '../common.ts';

export class Cnn extends Module {
  conv1 = this.module('conv1', new Conv2d(1, 32, 3, { padding: 1 }));
  conv2 = this.module('conv2', new Conv2d(32, 64, 3, { padding: 1 }));
  pool = this.module('pool', new MaxPool2d(2));
  fc1 = this.module('fc1', new Linear(64 * 7 * 7, 128));
  drop = this.module('drop', new Dropout(0.3));
  fc2 = this.module('fc2', new Linear(128, 10));
  /** x: [batch, 784] pixels in [0, 1], as the dataset stores them. */
  forward(x: SymTensor) {
    const img = x.reshape([x.shape[0], 1, 28, 28]);
    const a = this.pool.call(this.conv1.call(img).relu());
    const b = this.pool.call(this.conv2.call(a).relu());
    return this.fc2.call(this.drop.call(this.fc1.call(b.flatten(1)).relu()));
  }
}

export async function main(args: Map<string, string>): Promise<void> {
  const data = fashionMnistDir(args.get('data'));
  const run = await sampleRun('cnn-fashion', args, { epochs: 6 });
  const train = head(loadSplit(data.dir, 'train'), run.limit), test = head(loadSplit(data.dir, 't10k'), run.limit);
  const B = 64;
  console.log(`cnn-fashion on ${run.backend}: ${train.n} training and ${test.n} test images (${data.source}: ${data.dir}), ${run.epochs} epochs of batch ${B}`);

  manualSeed(0);
  const validationSplit = 0.1;
  // The lr follows a cosine from 1e-3 down to 0 over the whole run (one scheduler step per train step).
  const steps = run.epochs * Math.floor((train.n - Math.floor(train.n * validationSplit)) / B);
  const scheduler = new CosineAnnealingLR({ tMax: steps });
  const trainer = await compileTraining(new Cnn(), { inputs: { x: { dtype: 'f32', shape: [B, 784] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 1e-3 }), scheduler, backend: run.backend });
  const history = await fit(trainer, splitDataset(train), { epochs: run.epochs, seed: 0, validationSplit, metrics: ['accuracy'] });
  const testAccuracy = await accuracy(trainer, test, B);

  writeFileSync(join(run.out, 'curves.svg'), curvesSvg(history, `cnn-fashion on ${run.backend} (${data.source} data)`));
  await trainer.exportArtifact(join(run.out, 'artifact'), { name: 'cnn-fashion' });
  printSummary(trainer, history, { val_accuracy: history.epochs.at(-1)!.metrics.val_accuracy, test_accuracy: testAccuracy });
  console.log(`artifact: ${run.out}/artifact/ · curves: ${run.out}/curves.svg`);
  trainer.dispose();
}

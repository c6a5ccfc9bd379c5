// The MLP 784-128-64-10 (ReLU) on Fashion-MNIST: cross-entropy, Adam, fit() with a validation split and
// accuracy, then the test accuracy, the loss and accuracy curves as SVG, the compiled inference artifact
// and the summary. Data: --data DIR, else Debian's full set (dataset-fashion-mnist) when installed, else
// the subset bundled with kiln.
// Run: npm run sample -- mlp-fashion [--backend cpu|webgpu] [--epochs N] [--data DIR] [--out DIR] [--limit N]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accuracy, Adam, compileTraining, CrossEntropyLoss, curvesSvg, fashionMnistDir, fit, Linear, loadSplit, manualSeed, Module, splitDataset, type SymTensor } from 'kiln';
import { head, printSummary, sampleRun } from '../common.ts';

export class Mlp extends Module {
  fc1 = this.module('fc1', new Linear(784, 128));
  fc2 = this.module('fc2', new Linear(128, 64));
  fc3 = this.module('fc3', new Linear(64, 10));
  forward(x: SymTensor) { return this.fc3.call(this.fc2.call(this.fc1.call(x).relu()).relu()); }
}

export async function main(args: Map<string, string>): Promise<void> {
  const data = fashionMnistDir(args.get('data'));
  const run = await sampleRun('mlp-fashion', args, { epochs: data.source === 'bundled' ? 8 : 10 });
  const train = head(loadSplit(data.dir, 'train'), run.limit), test = head(loadSplit(data.dir, 't10k'), run.limit);
  const B = 64;
  console.log(`mlp-fashion on ${run.backend}: ${train.n} training and ${test.n} test images (${data.source}: ${data.dir}), ${run.epochs} epochs of batch ${B}`);

  manualSeed(0);
  const trainer = await compileTraining(new Mlp(), { inputs: { x: { dtype: 'f32', shape: [B, 784] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 1e-3 }), backend: run.backend });
  const history = await fit(trainer, splitDataset(train), { epochs: run.epochs, seed: 0, validationSplit: 0.1, metrics: ['accuracy'] });
  const testAccuracy = await accuracy(trainer, test, B);

  writeFileSync(join(run.out, 'curves.svg'), curvesSvg(history, `mlp-fashion on ${run.backend} (${data.source} data)`));
  await trainer.exportArtifact(join(run.out, 'artifact'), { name: 'mlp-fashion' });
  printSummary(trainer, history, { val_accuracy: history.epochs.at(-1)!.metrics.val_accuracy, test_accuracy: testAccuracy });
  console.log(`artifact: ${run.out}/artifact/ · curves: ${run.out}/curves.svg`);
  trainer.dispose();
}

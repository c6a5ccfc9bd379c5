// The MLP 784-128-64-10 (ReLU) on Fashion-MNIST: cross-entropy, Adam, fit() with a validation split and
// accuracy, then the test accuracy, the loss and accuracy curves as SVG, and the compiled inference
// artifact. Data: --data DIR, else Debian's full set (dataset-fashion-mnist) when installed, else the
// subset bundled with kiln.
// Run: npm run sample -- mlp-fashion [--backend cpu|webgpu] [--epochs N] [--data DIR] [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accuracy, Adam, compileTraining, CrossEntropyLoss, curvesSvg, fashionMnistDir, fit, Linear, loadSplit, manualSeed, Module, splitDataset, type SymTensor } from 'kiln';
import { chooseBackend, type RuntimeBackend } from 'kiln/runtime';

class Mlp extends Module {
  fc1 = this.module('fc1', new Linear(784, 128));
  fc2 = this.module('fc2', new Linear(128, 64));
  fc3 = this.module('fc3', new Linear(64, 10));
  forward(x: SymTensor) { return this.fc3.call(this.fc2.call(this.fc1.call(x).relu()).relu()); }
}

export async function main(args: Map<string, string>): Promise<void> {
  const { backend } = await chooseBackend((args.get('backend') ?? 'auto') as RuntimeBackend);
  const data = fashionMnistDir(args.get('data'));
  const train = loadSplit(data.dir, 'train'), test = loadSplit(data.dir, 't10k');
  const epochs = Number(args.get('epochs') ?? (data.source === 'bundled' ? 8 : 10));
  const B = 64;
  console.log(`mlp-fashion on ${backend}: ${train.n} training and ${test.n} test images (${data.source}: ${data.dir}), ${epochs} epochs of batch ${B}`);

  manualSeed(0);
  const model = new Mlp();
  const trainer = await compileTraining(model, { inputs: { x: { dtype: 'f32', shape: [B, 784] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 1e-3 }), backend });
  const history = await fit(trainer, splitDataset(train), { epochs, seed: 0, validationSplit: 0.1, metrics: ['accuracy'] });
  const testAccuracy = await accuracy(trainer, test, B);

  const out = args.get('out') ?? 'out/mlp-fashion';
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'curves.svg'), curvesSvg(history, `mlp-fashion on ${backend} (${data.source} data)`));
  await trainer.exportArtifact(join(out, 'artifact'), { name: 'mlp-fashion' });
  const last = history.epochs.at(-1)!;
  const msPerStep = history.epochs.reduce((s, e) => s + e.ms, 0) / history.epochs.reduce((s, e) => s + e.steps, 0);
  console.log(`test accuracy ${(100 * testAccuracy).toFixed(1)}% · final loss ${last.loss.toFixed(4)} · val accuracy ${(100 * last.metrics.val_accuracy).toFixed(1)}% · ${msPerStep.toFixed(2)} ms/step · ${(history.epochs.reduce((s, e) => s + e.ms, 0) / 1000).toFixed(1)} s of training`);
  console.log(`artifact: ${out}/artifact/ · curves: ${out}/curves.svg`);
  trainer.dispose();
}

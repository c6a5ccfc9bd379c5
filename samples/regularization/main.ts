// Regularization on a training set small enough to overfit: the MLP 784-128-128-10 (ReLU) trained on the
// first 1000 Fashion-MNIST training images four ways: no regularization, an L1 penalty on the weights
// (TrainSpec l1), L2 (Adam's coupled weightDecay) and Dropout after each hidden layer (kiln traces it in
// training mode and removes it in eval). Same seeds, data, epochs and optimizer for all four; prints the
// train accuracy, the test accuracy (the 10000 test images) and the gap for each.
// Run: npm run sample -- regularization [--backend cpu|webgpu] [--epochs N] [--data DIR] [--out DIR] [--limit N]
import { join } from 'node:path';
import { accuracy, Adam, compileTraining, CrossEntropyLoss, Dropout, fashionMnistDir, fit, type History, Identity, Linear, manualSeed, Module, readIdx, type Split, splitDataset, type SymTensor, type Trainer } from 'kiln';
import { printSummary, sampleRun, type SampleRun } from '../common.ts';

export const B = 50;

export class Mlp extends Module {
  fc1 = this.module('fc1', new Linear(784, 128));
  fc2 = this.module('fc2', new Linear(128, 128));
  fc3 = this.module('fc3', new Linear(128, 10));
  drop1: Dropout | Identity;
  drop2: Dropout | Identity;
  /** With dropout > 0, Dropout(dropout) after each hidden ReLU. */
  constructor(dropout = 0) {
    super();
    this.drop1 = this.module('drop1', dropout ? new Dropout(dropout) : new Identity());
    this.drop2 = this.module('drop2', dropout ? new Dropout(dropout) : new Identity());
  }
  forward(x: SymTensor) { return this.fc3.call(this.drop2.call(this.fc2.call(this.drop1.call(this.fc1.call(x).relu())).relu())); }
}

export interface Variant {
  readonly name: string;
  readonly l1?: number;
  readonly weightDecay?: number;
  readonly dropout?: number;
}

/** The four ways; the strengths were chosen on held-out training images (README), not on the test split. */
export const VARIANTS: readonly Variant[] = [
  { name: 'none' },
  { name: 'L1', l1: 1e-5 },
  { name: 'L2', weightDecay: 1e-3 },
  { name: 'dropout', dropout: 0.5 },
];

/** Images `from` .. `from + n` of a split, read straight from the IDX files (only those are converted). */
export function loadImages(dir: string, split: 'train' | 't10k', from: number, n: number): Split {
  const im = readIdx(join(dir, `${split}-images-idx3-ubyte.gz`)), lb = readIdx(join(dir, `${split}-labels-idx1-ubyte.gz`));
  n = Math.max(0, Math.min(n, im.shape[0] - from));
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = im.data[from * 784 + i] / 255;
  return { x, y: Int32Array.from(lb.data.subarray(from, from + n)), n };
}

/** One variant trained from the same initial weights (seed 0) and batch order (seed 0). */
export async function trainVariant(v: Variant, train: Split, run: Pick<SampleRun, 'backend' | 'epochs'>): Promise<{ trainer: Trainer; history: History }> {
  manualSeed(0);
  const trainer = await compileTraining(new Mlp(v.dropout), {
    inputs: { x: { dtype: 'f32', shape: [B, 784] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 1e-3, weightDecay: v.weightDecay ?? 0 }),
    l1: v.l1 ?? 0, backend: run.backend,
  });
  const history = await fit(trainer, splitDataset(train), { epochs: run.epochs, seed: 0, progress: false });
  return { trainer, history };
}

export async function main(args: Map<string, string>): Promise<void> {
  const data = fashionMnistDir(args.get('data'));
  const run = await sampleRun('regularization', args, { epochs: 20 });
  const train = loadImages(data.dir, 'train', 0, Math.min(1000, run.limit)), test = loadImages(data.dir, 't10k', 0, run.limit);
  console.log(`regularization on ${run.backend}: MLP 784-128-128-10 on ${train.n} training images, tested on ${test.n} (${data.source}: ${data.dir}), ${run.epochs} epochs of batch ${B}, Adam lr 1e-3`);

  console.log('variant  strength            train    test    gap   final loss  time');
  let last!: { trainer: Trainer; history: History; metrics: Record<string, number> };
  for (const v of VARIANTS) {
    const { trainer, history } = await trainVariant(v, train, run);
    const trainAcc = await accuracy(trainer, train, B), testAcc = await accuracy(trainer, test, B);
    const strength = v.l1 ? `l1 ${v.l1}` : v.weightDecay ? `weightDecay ${v.weightDecay}` : v.dropout ? `p ${v.dropout}` : '';
    const secs = history.epochs.reduce((s, e) => s + e.ms, 0) / 1000;
    console.log(`${v.name.padEnd(8)} ${strength.padEnd(18)} ${(100 * trainAcc).toFixed(1).padStart(6)}% ${(100 * testAcc).toFixed(1).padStart(6)}% ${(100 * (trainAcc - testAcc)).toFixed(1).padStart(6)}   ${history.epochs.at(-1)!.loss.toFixed(4)}  ${secs.toFixed(1)} s`);
    if (v === VARIANTS.at(-1)) last = { trainer, history, metrics: { train_accuracy: trainAcc, test_accuracy: testAcc } };
    else trainer.dispose();
  }
  // The last variant's trainer (dropout): its summary and its inference artifact (Dropout removed in eval).
  await last.trainer.exportArtifact(join(run.out, 'artifact'), { name: 'regularization-dropout' });
  printSummary(last.trainer, last.history, last.metrics);
  console.log(`artifact: ${run.out}/artifact/ (the dropout variant)`);
  last.trainer.dispose();
}

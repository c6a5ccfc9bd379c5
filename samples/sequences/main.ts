// Recurrent layers trained with fit(), on synthetic data made here from a seeded generator:
// 1. Embedding + 2-layer RNN (tanh) classifying token sequences: does marker A occur more often than
//    marker B? (No single position tells; the net has to count.) Cross-entropy, Adam, test accuracy.
// 2. LSTM(50) and GRU(50) forecasting the next value of a noisy sine from the 20 values before it, MSE,
//    Adam; test MSE against the last-value baseline (predict x[t+1] = x[t]) on the held-out end of the series.
// Each model's compiled inference artifact is written under OUT (default out/sequences).
// Run: npm run sample -- sequences [--backend cpu|webgpu] [--epochs N] [--out DIR] [--limit N]
import { join } from 'node:path';
import { Adam, compileTraining, CrossEntropyLoss, type Dataset, Embedding, fit, GRU, Linear, LSTM, manualSeed, METRICS, Module, MSELoss, RNN, sampleCount, seededUniform, subset, type SymTensor, tensor, type Trainer } from 'kiln';
import { printSummary, sampleRun } from '../common.ts';

// Task 1: sequences of SEQ tokens out of VOCAB; tokens 1 (A) and 2 (B) are the markers, the rest filler.
const [VOCAB, SEQ, A, B_] = [12, 20, 1, 2];

/** n sequences with different counts of A and B; label 1 when A occurs more often. */
function markerSequences(n: number, seed: number): Dataset {
  const r = seededUniform(seed);
  const tokens = new Int32Array(n * SEQ), labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let a = 0, b = 0;
    do {
      a = b = 0;
      for (let t = 0; t < SEQ; t++) {
        const u = r();
        const tok = u < 0.15 ? A : u < 0.3 ? B_ : 3 + Math.floor(r() * (VOCAB - 3));
        tokens[i * SEQ + t] = tok;
        if (tok === A) a++;
        if (tok === B_) b++;
      }
    } while (a === b);
    labels[i] = a > b ? 1 : 0;
  }
  return { inputs: { tokens: tensor('i32', [n, SEQ], tokens) }, target: tensor('i32', [n], labels) };
}

export class RnnClassifier extends Module {
  emb = this.module('emb', new Embedding(VOCAB, 16));
  rnn = this.module('rnn', new RNN(16, 64, { numLayers: 2, batchFirst: true }));
  fc = this.module('fc', new Linear(64, 2));
  forward(tokens: SymTensor) {
    const [out] = this.rnn.call(this.emb.call(tokens)); // [batch, seq, 64]
    return this.fc.call(out.select(1, -1)); // the last step's hidden state
  }
}

// Task 2: x[t] = sin(0.1 t) + noise; windows of WINDOW values, the target is the next one.
const [WINDOW, NOISE] = [20, 0.1];

/** The windows of series[from, to) and the value after each. */
function windows(series: Float32Array, from: number, to: number, limit: number): Dataset {
  const n = Math.min(to - from - WINDOW, limit);
  const x = new Float32Array(n * WINDOW), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x.set(series.subarray(from + i, from + i + WINDOW), i * WINDOW);
    y[i] = series[from + i + WINDOW];
  }
  return { inputs: { x: tensor('f32', [n, WINDOW, 1], x) }, target: tensor('f32', [n, 1], y) };
}

export class LstmForecaster extends Module {
  lstm = this.module('lstm', new LSTM(1, 50, { batchFirst: true }));
  fc = this.module('fc', new Linear(50, 1));
  forward(x: SymTensor) { return this.fc.call(this.lstm.call(x)[0].select(1, -1)); }
}

export class GruForecaster extends Module {
  gru = this.module('gru', new GRU(1, 50, { batchFirst: true }));
  fc = this.module('fc', new Linear(50, 1));
  forward(x: SymTensor) { return this.fc.call(this.gru.call(x)[0].select(1, -1)); }
}

/** A metric on the test set's whole batches of B (the compiled batch size). */
async function testMetric(trainer: Trainer, d: Dataset, B: number, metric: 'accuracy' | 'mse'): Promise<number> {
  const batches = Math.floor(sampleCount(d) / B);
  let sum = 0;
  for (let i = 0; i < batches; i++) {
    const part = subset(d, Array.from({ length: B }, (_, r) => i * B + r));
    const [out] = await trainer.evaluate(part.inputs);
    sum += METRICS[metric].sum(out, part.target);
  }
  return sum / (batches * B);
}

export async function main(args: Map<string, string>): Promise<void> {
  const run = await sampleRun('sequences', args, { epochs: 10 });
  const B = 32;
  const nTrain = Math.min(2048, run.limit), nTest = Math.min(1024, run.limit);
  console.log(`sequences on ${run.backend}: ${run.epochs} epochs of batch ${B}`);

  // 1. Which marker occurs more often: Embedding + RNN(numLayers 2).
  console.log(`\n1. RNN classifier: ${nTrain} training and ${nTest} test sequences of ${SEQ} tokens (does A occur more often than B?)`);
  manualSeed(0);
  const rnn = await compileTraining(new RnnClassifier(), { inputs: { tokens: { dtype: 'i32', shape: [B, SEQ] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 1e-3 }), backend: run.backend });
  const rnnHistory = await fit(rnn, markerSequences(nTrain, 1), { epochs: run.epochs, seed: 0, validationSplit: 0.1, metrics: ['accuracy'] });
  const testAccuracy = await testMetric(rnn, markerSequences(nTest, 2), B, 'accuracy');
  printSummary(rnn, rnnHistory, { val_accuracy: rnnHistory.epochs.at(-1)!.metrics.val_accuracy, test_accuracy: testAccuracy });
  await rnn.exportArtifact(join(run.out, 'rnn-classifier'), { name: 'rnn-classifier' });
  rnn.dispose();

  // 2. Next value of a noisy sine: LSTM and GRU against the last value. Train on the first 1200 points, test on the 512 windows after.
  const r = seededUniform(3), cut = 1200, LEN = cut + WINDOW + 512;
  const series = Float32Array.from({ length: LEN }, (_, t) => Math.sin(0.1 * t) + NOISE * (2 * r() - 1) * Math.sqrt(3));
  const train = windows(series, 0, cut, run.limit), test = windows(series, cut, LEN, run.limit);
  console.log(`\n2. Forecasting: ${sampleCount(train)} training and ${sampleCount(test)} test windows of ${WINDOW} values of sin(0.1 t) + noise (sd ${NOISE})`);
  const results: [string, number][] = [];
  for (const [name, model] of [['lstm', new LstmForecaster()], ['gru', new GruForecaster()]] as const) {
    manualSeed(1);
    const trainer = await compileTraining(model, { inputs: { x: { dtype: 'f32', shape: [B, WINDOW, 1] } }, loss: new MSELoss(), optimizer: new Adam({ lr: 3e-3 }), backend: run.backend });
    const history = await fit(trainer, train, { epochs: run.epochs, seed: 1, validationSplit: 0.1, metrics: ['mse'] });
    const mse = await testMetric(trainer, test, B, 'mse');
    printSummary(trainer, history, { val_mse: history.epochs.at(-1)!.metrics.val_mse, test_mse: mse });
    await trainer.exportArtifact(join(run.out, `${name}-forecaster`), { name: `${name}-forecaster` });
    results.push([`${name.toUpperCase()}(50)`, mse]);
    trainer.dispose();
  }
  const x = test.inputs.x.data, y = test.target.data, n = Math.floor(sampleCount(test) / B) * B;
  let last = 0;
  for (let i = 0; i < n; i++) last += (x[i * WINDOW + WINDOW - 1] - y[i]) ** 2;
  results.push(['last value', last / n]);
  console.log(`\ntest MSE on ${n} held-out windows (noise variance ${(NOISE * NOISE).toFixed(4)}):`);
  for (const [name, mse] of results) console.log(`  ${name.padEnd(10)} ${mse.toFixed(5)}`);

  console.log(`artifact: ${run.out}/rnn-classifier/ · ${run.out}/lstm-forecaster/ · ${run.out}/gru-forecaster/`);
}

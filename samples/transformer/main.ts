// A small BERT-style encoder trained with fit() on a task that needs attention across positions: each
// sequence holds marker A and marker B once each among filler tokens; does A come before B? The model:
// token embedding + learned position embedding, a [CLS] token in front, 2 TransformerEncoderLayers
// (4-head self-attention, LayerNorm, GELU feed-forward; d_model 32, batchFirst), the [CLS] position's
// output into a Linear classifier. Cross-entropy, Adam; test accuracy on held-out sequences, and the
// compiled inference artifact.
// Run: npm run sample -- transformer [--backend cpu|webgpu] [--epochs N] [--out DIR] [--limit N]
import { join } from 'node:path';
import { Adam, compileTraining, constant, CrossEntropyLoss, type Dataset, Embedding, fit, Linear, manualSeed, METRICS, Module, sampleCount, seededUniform, subset, type SymTensor, tensor, type Trainer, TransformerEncoder, TransformerEncoderLayer } from 'kiln';
import { printSummary, sampleRun } from '../common.ts';

// Token 0 is [CLS], 1 is A, 2 is B, the rest filler. A sequence is [CLS] then SEQ tokens.
const [VOCAB, SEQ, CLS, A, B_] = [16, 16, 0, 1, 2];
const [DIM, HEADS, LAYERS] = [32, 4, 2];

/** n sequences, each with one A and one B at random places; label 1 when A comes first. */
function orderSequences(n: number, seed: number): Dataset {
  const r = seededUniform(seed), L = SEQ + 1;
  const tokens = new Int32Array(n * L), labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = tokens.subarray(i * L, (i + 1) * L);
    row[0] = CLS;
    for (let t = 1; t < L; t++) row[t] = 3 + Math.floor(r() * (VOCAB - 3));
    const a = 1 + Math.floor(r() * SEQ);
    let b = a;
    while (b === a) b = 1 + Math.floor(r() * SEQ);
    row[a] = A;
    row[b] = B_;
    labels[i] = a < b ? 1 : 0;
  }
  return { inputs: { tokens: tensor('i32', [n, L], tokens) }, target: tensor('i32', [n], labels) };
}

export class Encoder extends Module {
  tok = this.module('tok', new Embedding(VOCAB, DIM));
  pos = this.module('pos', new Embedding(SEQ + 1, DIM));
  encoder = this.module('encoder', new TransformerEncoder(
    () => new TransformerEncoderLayer(DIM, HEADS, { dimFeedforward: 64, activation: 'gelu', batchFirst: true, dropout: 0 }), LAYERS));
  head = this.module('head', new Linear(DIM, 2));
  forward(tokens: SymTensor) {
    const positions = constant(tensor('i32', [SEQ + 1], Int32Array.from({ length: SEQ + 1 }, (_, i) => i)), 'positions');
    const x = this.tok.call(tokens).add(this.pos.call(positions)); // [batch, 1 + SEQ, DIM]
    return this.head.call(this.encoder.call(x).select(1, 0)); // the [CLS] position
  }
}

/** Accuracy on the test set's whole batches of B (the compiled batch size). */
async function testAccuracyOf(trainer: Trainer, d: Dataset, B: number): Promise<number> {
  const batches = Math.floor(sampleCount(d) / B);
  let right = 0;
  for (let i = 0; i < batches; i++) {
    const part = subset(d, Array.from({ length: B }, (_, r) => i * B + r));
    const [logits] = await trainer.evaluate(part.inputs);
    right += METRICS.accuracy.sum(logits, part.target);
  }
  return right / (batches * B);
}

export async function main(args: Map<string, string>): Promise<void> {
  const run = await sampleRun('transformer', args, { epochs: 5 });
  const B = 32;
  const train = orderSequences(Math.min(4096, run.limit), 1), test = orderSequences(Math.min(1024, run.limit), 2);
  console.log(`transformer on ${run.backend}: ${sampleCount(train)} training and ${sampleCount(test)} test sequences of [CLS] + ${SEQ} tokens (does A come before B?), ${run.epochs} epochs of batch ${B}`);

  manualSeed(0);
  const trainer = await compileTraining(new Encoder(), { inputs: { tokens: { dtype: 'i32', shape: [B, SEQ + 1] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 1e-3 }), backend: run.backend });
  const history = await fit(trainer, train, { epochs: run.epochs, seed: 0, validationSplit: 0.1, metrics: ['accuracy'] });
  const testAccuracy = await testAccuracyOf(trainer, test, B);

  printSummary(trainer, history, { val_accuracy: history.epochs.at(-1)!.metrics.val_accuracy, test_accuracy: testAccuracy });
  await trainer.exportArtifact(join(run.out, 'artifact'), { name: 'transformer-order' });
  console.log(`artifact: ${run.out}/artifact/`);
  trainer.dispose();
}

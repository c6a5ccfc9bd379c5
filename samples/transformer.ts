// Transformer sample: token classifier with nn.Embedding, a learned position table, a 2-layer
// nn.TransformerEncoder (batchFirst, GELU), mean pooling and a Linear head; traced and run on the CPU.
// Run: npx tsx samples/transformer.ts
import { Embedding, interpret, Linear, manualSeed, Module, type SymTensor, tensor, trace, TransformerEncoder, TransformerEncoderLayer } from 'kiln';

const [VOCAB, SEQ, DIM, CLASSES] = [50, 12, 32, 4];

class Classifier extends Module {
  readonly emb = this.module('emb', new Embedding(VOCAB, DIM));
  readonly pos = this.param('pos', tensor('f32', [SEQ, DIM]));
  readonly encoder = this.module('encoder', new TransformerEncoder(
    () => new TransformerEncoderLayer(DIM, 4, { dimFeedforward: 64, activation: 'gelu', batchFirst: true, dropout: 0 }), 2));
  readonly head = this.module('head', new Linear(DIM, CLASSES));
  forward(tokens: SymTensor): SymTensor {
    return this.head.call(this.encoder.call(this.emb.call(tokens).add(this.pos)).mean(1)).softmax(-1);
  }
}

manualSeed(42);
const graph = trace(new Classifier(), { tokens: { dtype: 'i32', shape: [2, SEQ] } });
const hist = new Map<string, number>();
for (const n of graph.nodes) hist.set(n.op, (hist.get(n.op) ?? 0) + 1);
console.log(`${graph.nodes.length} nodes, ${graph.params.size} parameters: ${[...hist].map(([k, v]) => `${k}x${v}`).join(' ')}`);
const tokens = tensor('i32', [2, SEQ], Array.from({ length: 2 * SEQ }, (_, i) => (i * 7) % VOCAB));
const [probs] = interpret(graph, new Map([['tokens', tokens]]));
console.log(`class probabilities: ${Array.from(probs.data, (v) => v.toFixed(3)).join(' ')}`);

// The networks of the PyTorch fixtures (tests/fixtures/README.md), rebuilt with kiln's nn API under
// the same state-dict names, so that the fixtures' weights load into them unchanged.
import {
  BatchNorm2d, Conv2d, ConvTranspose2d, Embedding, Flatten, GRU, LayerNorm, LeakyReLU, Linear, LSTM, MaxPool2d, AvgPool2d,
  Module, ModuleList, type Parameter, ReLU, RNN, Sequential, Sigmoid, SymTensor, Tanh,
} from '../../compiler/nn/index.ts';
import { tensor } from '../../ir/tensor.ts';

/** MLP with ReLU between Linear layers named layers.0, layers.1, ... (mlp_fmnist, quadratic, xor). */
export class Mlp extends Module {
  readonly layers: ModuleList<Linear>;
  constructor(sizes: readonly number[], readonly act: 'relu' | 'tanh' = 'relu') {
    super();
    this.layers = this.module('layers', new ModuleList(sizes.slice(1).map((n, i) => new Linear(sizes[i], n))));
  }
  forward(x: SymTensor): SymTensor {
    return this.layers.items.reduce((h, l, i) => {
      const y = l.call(h);
      return i === this.layers.length - 1 ? y : this.act === 'relu' ? y.relu() : y.tanh();
    }, x);
  }
}

/** activations_infer: Linear(10,6) then five activations. */
export class Activations extends Module {
  readonly fc = this.module('fc', new Linear(10, 6));
  forward(x: SymTensor) {
    const h = this.fc.call(x);
    return { sigmoid: h.sigmoid(), tanh: h.tanh(), relu: h.relu(), leaky_relu: h.leakyRelu(0.01), softmax: h.softmax(-1) };
  }
}

/** cnn_infer (max pooling) and cnn_momentum_train (average pooling after conv2). */
export class Cnn extends Module {
  readonly conv1 = this.module('conv1', new Conv2d(1, 32, 3, { padding: 1 }));
  readonly conv2 = this.module('conv2', new Conv2d(32, 64, 3));
  readonly pool1 = this.module('pool1', new MaxPool2d(2));
  readonly pool2: Module & { forward(x: SymTensor): SymTensor };
  readonly flatten = this.module('flatten', new Flatten());
  readonly fc = this.module('fc', new Linear(2304, 10));
  constructor(secondPool: 'max' | 'avg') {
    super();
    this.pool2 = this.module('pool2', secondPool === 'max' ? new MaxPool2d(2) : new AvgPool2d(2));
  }
  forward(x: SymTensor): SymTensor {
    const h = this.pool1.call(this.conv1.call(x).relu());
    return this.fc.call(this.flatten.call(this.pool2.call(this.conv2.call(h).relu())));
  }
}

/** dcgan_generator_infer: z [N,16,1,1] -> image [N,1,16,16]. */
export const dcganGenerator = (): Sequential => new Sequential(
  new ConvTranspose2d(16, 32, 4, { stride: 1, padding: 0, bias: false }), new BatchNorm2d(32), new ReLU(),
  new ConvTranspose2d(32, 16, 4, { stride: 2, padding: 1, bias: false }), new BatchNorm2d(16), new ReLU(),
  new ConvTranspose2d(16, 1, 4, { stride: 2, padding: 1, bias: false }), new Tanh(),
);

/** dcgan_discriminator_adam: Sequential named `main`. */
export class DcganDiscriminator extends Module {
  readonly main = this.module('main', new Sequential(
    new Conv2d(1, 16, 4, { stride: 2, padding: 1, bias: false }), new LeakyReLU(0.2),
    new Conv2d(16, 32, 4, { stride: 2, padding: 1, bias: false }), new BatchNorm2d(32), new LeakyReLU(0.2),
    new Conv2d(32, 1, 4, { bias: false }), new Flatten(), new Sigmoid(),
  ));
  forward(x: SymTensor): SymTensor {
    return this.main.call(x);
  }
}

/** gru_infer: the full GRU output sequence and a Linear of the final hidden state. */
export class GruModel extends Module {
  readonly gru = this.module('gru', new GRU(8, 24, { batchFirst: true }));
  readonly fc = this.module('fc', new Linear(24, 3));
  forward(x: SymTensor) {
    const [seq, hn] = this.gru.call(x);
    return { seq, y: this.fc.call(hn.select(0, -1)) };
  }
}

/** lstm_regressor_*: LSTM(1, 50, batch_first) and Linear(50, 1) on the last step. */
export class LstmRegressor extends Module {
  readonly lstm = this.module('lstm', new LSTM(1, 50, { batchFirst: true }));
  readonly fc = this.module('fc', new Linear(50, 1));
  forward(x: SymTensor): SymTensor {
    const [out] = this.lstm.call(x);
    return this.fc.call(out.select(1, -1));
  }
}

/** rnn_classifier_*: Embedding + 2-layer tanh RNN (batch_first) + Linear on the last step. */
export class RnnClassifier extends Module {
  readonly emb: Embedding;
  readonly rnn: RNN;
  readonly fc: Linear;
  constructor(vocab: number, dim: number, hidden: number, classes: number) {
    super();
    this.emb = this.module('emb', new Embedding(vocab, dim));
    this.rnn = this.module('rnn', new RNN(dim, hidden, { numLayers: 2, batchFirst: true }));
    this.fc = this.module('fc', new Linear(hidden, classes));
  }
  forward(tokens: SymTensor): SymTensor {
    const [out] = this.rnn.call(this.emb.call(tokens));
    return this.fc.call(out.select(1, -1));
  }
}

/** The fixtures' self-attention: q, k (no bias), v, o projections, heads split as [N, h, L, d]. */
class Attention extends Module {
  readonly q: Linear;
  readonly k: Linear;
  readonly v: Linear;
  readonly o: Linear;
  constructor(readonly dim: number, readonly heads: number) {
    super();
    this.q = this.module('q', new Linear(dim, dim));
    this.k = this.module('k', new Linear(dim, dim, { bias: false }));
    this.v = this.module('v', new Linear(dim, dim));
    this.o = this.module('o', new Linear(dim, dim));
  }
  forward(x: SymTensor): SymTensor {
    const [n, l] = x.shape, d = this.dim / this.heads;
    const split = (t: SymTensor) => t.reshape([n, l, this.heads, d]).permute([0, 2, 1, 3]);
    const att = split(this.q.call(x)).matmul(split(this.k.call(x)).transpose(-2, -1)).mul(1 / Math.sqrt(d)).softmax(-1);
    return this.o.call(att.matmul(split(this.v.call(x))).permute([0, 2, 1, 3]).reshape([n, l, this.dim]));
  }
}

/** Post-LN encoder block of the transformer fixtures. */
class Block extends Module {
  readonly attn: Attention;
  readonly ln1: LayerNorm;
  readonly ff1: Linear;
  readonly ff2: Linear;
  readonly ln2: LayerNorm;
  constructor(dim: number, heads: number, ff: number, readonly act: 'relu' | 'gelu') {
    super();
    this.attn = this.module('attn', new Attention(dim, heads));
    this.ln1 = this.module('ln1', new LayerNorm(dim));
    this.ff1 = this.module('ff1', new Linear(dim, ff));
    this.ff2 = this.module('ff2', new Linear(ff, dim));
    this.ln2 = this.module('ln2', new LayerNorm(dim));
  }
  forward(x: SymTensor): SymTensor {
    const h = this.ln1.call(x.add(this.attn.call(x)));
    const f = this.ff1.call(h);
    return this.ln2.call(h.add(this.ff2.call(this.act === 'relu' ? f.relu() : f.gelu())));
  }
}

/** transformer_*: Embedding + learned positions, one block, mean over the sequence, Linear head. */
export class TinyTransformer extends Module {
  readonly pos: Parameter;
  readonly emb: Embedding;
  readonly layers: ModuleList<Block>;
  readonly head: Linear;
  constructor(vocab: number, seq: number, dim: number, heads: number, ff: number, classes: number, act: 'relu' | 'gelu') {
    super();
    this.pos = this.param('pos', tensor('f32', [seq, dim]));
    this.emb = this.module('emb', new Embedding(vocab, dim));
    this.layers = this.module('layers', new ModuleList([new Block(dim, heads, ff, act)]));
    this.head = this.module('head', new Linear(dim, classes));
  }
  forward(tokens: SymTensor): SymTensor {
    const h = this.layers.at(0).call(this.emb.call(tokens).add(this.pos));
    return this.head.call(h.mean(1));
  }
}

// Each model family of the PyTorch fixtures, rebuilt with the nn API, loaded with the fixture's
// weights, traced and run on the CPU interpreter. Two independent references:
//  - inference cases: expected.outputs. Where the inference export constant-folded weights into
//    export-generated names/layouts (RNN/GRU/LSTM in ONNX gate order, transposed MatMul weights), the
//    test maps them back to PyTorch's layout, which the trace then reorders again;
//  - train cases: expected.losses[0], the loss of batch 0 with the initial weights (PyTorch names kept),
//    which checks forward + loss module together.
import { describe, expect, it } from 'vitest';
import {
  BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, Embedding, HingeLoss, Linear, Module, MSELoss, NLLLoss, sym, type SymTensor,
  TransformerEncoderLayer, withForward,
} from '../../compiler/nn/index.ts';
import { loadWeights, onnxRecurrentToTorch } from '../../compiler/weights.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { caseInputs, caseWeights, expectFirstLoss, expectOutputs, fixture, run, transpose2d } from './harness.ts';
import { Activations, Cnn, dcganGenerator, DcganDiscriminator, GruModel, LstmRegressor, Mlp, RnnClassifier, TinyTransformer } from './models.ts';

/** Runs an inference case: all of the model.onnx initializers must load (strict) unless `weights` given. */
function inferCase(name: string, m: Module, weights?: Map<string, Tensor>): void {
  const c = fixture(name);
  loadWeights(m, weights ?? caseWeights(c));
  expectOutputs(c, run(m, caseInputs(c).inputs));
}

/** Runs a train case's first loss: model + loss module on batch 0, weights from model.onnx. */
function firstLoss(name: string, model: Module, loss: Module & { forward(f: SymTensor, t: SymTensor): SymTensor }, opts: { training?: boolean; extra?: (l: SymTensor) => SymTensor } = {}): void {
  const c = fixture(name);
  loadWeights(model, caseWeights(c), { strict: false });
  for (const p of c.train!.trainable) expect(model.stateDict().has(p), `${name}: model has '${p}'`).toBe(true);
  const { inputs, targets } = caseInputs(c);
  const wrapped = withForward(model, (x: SymTensor, t: SymTensor) => {
    const l = loss.call((model.call as (a: SymTensor) => SymTensor).call(model, x), t);
    return opts.extra ? opts.extra(l) : l;
  });
  const [value] = run(wrapped, new Map([...inputs, ['target', targets!]]), { training: opts.training });
  expectFirstLoss(c, value);
}

/** Export-generated initializer names of a constant-folded recurrent layer, mapped back to PyTorch's. */
function recurrentWeights(all: Map<string, Tensor>, cell: 'RNN' | 'GRU' | 'LSTM', prefix: string, layers: string[][]): Map<string, Tensor> {
  const out = new Map([...all].filter(([n]) => !n.startsWith('onnx::')));
  layers.forEach(([w, r, b], l) => {
    for (const [n, t] of onnxRecurrentToTorch(cell, prefix, l, all.get(w)!, all.get(r)!, all.get(b))) out.set(n, t);
  });
  return out;
}

describe('nn API reproduces the PyTorch fixtures (inference outputs)', () => {
  it('mlp_fmnist_infer: MLP logits and softmax', () => {
    const mlp = new Mlp([784, 128, 64, 10]);
    inferCase('mlp_fmnist_infer', withForward(mlp, (x: SymTensor) => {
      const logits = mlp.call(x);
      return { logits, probs: logits.softmax(-1) };
    }));
  });

  it('activations_infer: sigmoid, tanh, relu, leaky_relu, softmax', () => inferCase('activations_infer', new Activations()));

  it('cnn_infer: Conv2d, MaxPool2d, Flatten, Linear', () => inferCase('cnn_infer', new Cnn('max')));

  it('dcgan_generator_infer: ConvTranspose2d + BatchNorm2d (running stats)', () => inferCase('dcgan_generator_infer', dcganGenerator()));

  it('gru_infer: GRU (batch_first), output sequence and final state', () => {
    const c = fixture('gru_infer');
    const w = recurrentWeights(caseWeights(c), 'GRU', 'gru.', [['onnx::GRU_105', 'onnx::GRU_106', 'onnx::GRU_107']]);
    inferCase('gru_infer', new GruModel(), w);
  });

  it('lstm_regressor_infer: LSTM (batch_first) + Linear on the last step', () => {
    const c = fixture('lstm_regressor_infer');
    const w = recurrentWeights(caseWeights(c), 'LSTM', 'lstm.', [['onnx::LSTM_117', 'onnx::LSTM_118', 'onnx::LSTM_119']]);
    inferCase('lstm_regressor_infer', new LstmRegressor(), w);
  });

  it('rnn_classifier_infer: Embedding + 2-layer tanh RNN + Linear', () => {
    const c = fixture('rnn_classifier_infer');
    const w = recurrentWeights(caseWeights(c), 'RNN', 'rnn.', [
      ['onnx::RNN_73', 'onnx::RNN_74', 'onnx::RNN_75'], ['onnx::RNN_79', 'onnx::RNN_80', 'onnx::RNN_81'],
    ]);
    inferCase('rnn_classifier_infer', new RnnClassifier(40, 16, 32, 4), w);
  });

  // The export folded each Linear's weight transpose into an initializer onnx::MatMul_N (= weight^T); the
  // graph uses 71..76 for q, k, v, o, ff1, ff2 in this order.
  const transformerWeights = (): Map<string, Tensor> => {
    const all = caseWeights(fixture('transformer_infer'));
    const out = new Map([...all].filter(([n]) => !n.startsWith('onnx::')));
    ['attn.q', 'attn.k', 'attn.v', 'attn.o', 'ff1', 'ff2'].forEach((n, i) => out.set(`layers.0.${n}.weight`, transpose2d(all.get(`onnx::MatMul_${71 + i}`)!)));
    return out;
  };

  it('transformer_infer: custom encoder module (Embedding, positions, attention, LayerNorm, GELU)', () => {
    const net = new TinyTransformer(32, 8, 32, 4, 64, 5, 'gelu');
    inferCase('transformer_infer', withForward(net, (t: SymTensor) => {
      const logits = net.call(t);
      return { logits, probs: logits.softmax(-1) };
    }), transformerWeights());
  });

  it('transformer_infer: the same block as nn.TransformerEncoderLayer (post-LN, gelu, batchFirst)', () => {
    // The fixture's block is PyTorch's TransformerEncoderLayer: q/k/v/o become in_proj (k without bias) and out_proj.
    const w = transformerWeights();
    const get = (n: string) => w.get(`layers.0.${n}`)!;
    const stack = (ts: Tensor[]) => tensor('f32', [ts.reduce((a, t) => a + t.shape[0], 0), ...ts[0].shape.slice(1)], ts.flatMap((t) => [...t.data]));
    const renamed = new Map<string, Tensor>([
      ['pos', w.get('pos')!], ['emb.weight', w.get('emb.weight')!], ['head.weight', w.get('head.weight')!], ['head.bias', w.get('head.bias')!],
      ['layer.self_attn.in_proj_weight', stack([get('attn.q.weight'), get('attn.k.weight'), get('attn.v.weight')])],
      ['layer.self_attn.in_proj_bias', stack([get('attn.q.bias'), tensor('f32', [32]), get('attn.v.bias')])],
      ['layer.self_attn.out_proj.weight', get('attn.o.weight')], ['layer.self_attn.out_proj.bias', get('attn.o.bias')],
      ['layer.linear1.weight', get('ff1.weight')], ['layer.linear1.bias', get('ff1.bias')],
      ['layer.linear2.weight', get('ff2.weight')], ['layer.linear2.bias', get('ff2.bias')],
      ['layer.norm1.weight', get('ln1.weight')], ['layer.norm1.bias', get('ln1.bias')],
      ['layer.norm2.weight', get('ln2.weight')], ['layer.norm2.bias', get('ln2.bias')],
    ]);
    inferCase('transformer_infer', new EncoderNet(), renamed);
  });
});

/** transformer_infer's network with nn.TransformerEncoderLayer as its block. */
class EncoderNet extends Module {
  readonly pos = this.param('pos', tensor('f32', [8, 32]));
  readonly emb = this.module('emb', new Embedding(32, 32));
  readonly layer = this.module('layer', new TransformerEncoderLayer(32, 4, { dimFeedforward: 64, activation: 'gelu', batchFirst: true, dropout: 0 }));
  readonly head = this.module('head', new Linear(32, 5));
  forward(t: SymTensor) {
    const logits = this.head.call(this.layer.call(this.emb.call(t).add(this.pos)).mean(1));
    return { logits, probs: logits.softmax(-1) };
  }
}

describe('nn API reproduces the PyTorch fixtures (train cases: loss of batch 0)', () => {
  it('mlp_fmnist_adam: MLP + CrossEntropyLoss', () => firstLoss('mlp_fmnist_adam', new Mlp([784, 128, 64, 10]), new CrossEntropyLoss()));
  it('quadratic_mlp_momentum: MLP + MSELoss', () => firstLoss('quadratic_mlp_momentum', new Mlp([1, 16, 16, 1]), new MSELoss()));
  it('linreg_sgd: Linear + MSELoss', () => firstLoss('linreg_sgd', new Linear(1, 1), new MSELoss()));
  it('xor_bce_logits_l2_sgd: tanh MLP + BCEWithLogitsLoss', () => firstLoss('xor_bce_logits_l2_sgd', new Mlp([2, 8, 1], 'tanh'), new BCEWithLogitsLoss()));
  it('svm_hinge_l1_sgd: Linear + HingeLoss + L1 term', () => {
    const svm = new Linear(4, 1);
    firstLoss('svm_hinge_l1_sgd', svm, new HingeLoss(), { extra: (l) => l.add(sym(svm.weight).abs().sum().mul(0.05)) });
  });
  it('cnn_momentum_train: Conv2d + AvgPool2d + CrossEntropyLoss', () => firstLoss('cnn_momentum_train', new Cnn('avg'), new CrossEntropyLoss()));
  it('lstm_regressor_adam: LSTM + MSELoss (PyTorch weight names)', () => firstLoss('lstm_regressor_adam', new LstmRegressor(), new MSELoss()));
  it('rnn_classifier_nll_sgd: Embedding + RNN + LogSoftmax + NLLLoss', () => {
    const net = new RnnClassifier(20, 8, 16, 3);
    const logSoftmax = withForward(net, (t: SymTensor) => net.call(t).logSoftmax(-1));
    firstLoss('rnn_classifier_nll_sgd', logSoftmax, new NLLLoss());
  });
  it('transformer_train_sgd: custom encoder (ReLU) + CrossEntropyLoss', () => firstLoss('transformer_train_sgd', new TinyTransformer(16, 5, 16, 2, 32, 3, 'relu'), new CrossEntropyLoss()));
  it('dcgan_discriminator_adam: Conv2d + BatchNorm2d (training mode) + BCELoss', () => firstLoss('dcgan_discriminator_adam', new DcganDiscriminator(), new BCELoss(), { training: true }));
});

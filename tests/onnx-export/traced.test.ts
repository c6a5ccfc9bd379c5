// The fixture model families rebuilt with the nn API (tests/nn/models.ts), loaded with the fixture's
// weights, traced, exported with exportOnnx and run in ONNX Runtime: the outputs must match the
// fixture's expected outputs within the case tolerance, as the traced graph does on kiln's interpreter.
import { describe, it } from 'vitest';
import { type InputSpec, type Module, type SymTensor, trace, withForward } from '../../compiler/nn/index.ts';
import { exportOnnx } from '../../compiler/onnx/export.ts';
import { loadWeights, onnxRecurrentToTorch } from '../../compiler/weights.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { caseInputs, caseWeights, expectOutputs, fixture, transpose2d } from '../nn/harness.ts';
import { Activations, Cnn, dcganGenerator, GruModel, LstmRegressor, Mlp, RnnClassifier, TinyTransformer } from '../nn/models.ts';
import { runOrt } from './ort.ts';

/** Loads the weights, traces on the case inputs, exports and compares ONNX Runtime's outputs with the case. */
async function exportedCase(name: string, m: Module, weights?: Map<string, Tensor>): Promise<void> {
  const c = fixture(name);
  loadWeights(m, weights ?? caseWeights(c));
  const { inputs } = caseInputs(c);
  const specs: Record<string, InputSpec> = {};
  for (const [k, t] of inputs) specs[k] = { dtype: t.dtype, shape: t.shape };
  expectOutputs(c, await runOrt(exportOnnx(trace(m, specs, { training: false })), inputs));
}

/** The fixture's constant-folded recurrent initializers (ONNX layout, export-generated names) in PyTorch's names. */
function torchRecurrent(name: string, cell: 'RNN' | 'GRU' | 'LSTM', prefix: string, layers: string[][]): Map<string, Tensor> {
  const all = caseWeights(fixture(name));
  const out = new Map([...all].filter(([n]) => !n.startsWith('onnx::')));
  layers.forEach(([w, r, b], l) => {
    for (const [n, t] of onnxRecurrentToTorch(cell, prefix, l, all.get(w)!, all.get(r)!, all.get(b))) out.set(n, t);
  });
  return out;
}

describe('traced nn models: exportOnnx, ONNX Runtime, fixture outputs', () => {
  it('mlp_fmnist_infer', async () => {
    const mlp = new Mlp([784, 128, 64, 10]);
    await exportedCase('mlp_fmnist_infer', withForward(mlp, (x: SymTensor) => {
      const logits = mlp.call(x);
      return { logits, probs: logits.softmax(-1) };
    }));
  });
  it('activations_infer', () => exportedCase('activations_infer', new Activations()));
  it('cnn_infer', () => exportedCase('cnn_infer', new Cnn('max')));
  it('dcgan_generator_infer', () => exportedCase('dcgan_generator_infer', dcganGenerator()));
  it('gru_infer', () => exportedCase('gru_infer', new GruModel(), torchRecurrent('gru_infer', 'GRU', 'gru.', [['onnx::GRU_105', 'onnx::GRU_106', 'onnx::GRU_107']])));
  it('lstm_regressor_infer', () => exportedCase('lstm_regressor_infer', new LstmRegressor(), torchRecurrent('lstm_regressor_infer', 'LSTM', 'lstm.', [['onnx::LSTM_117', 'onnx::LSTM_118', 'onnx::LSTM_119']])));
  it('rnn_classifier_infer', () => exportedCase('rnn_classifier_infer', new RnnClassifier(40, 16, 32, 4), torchRecurrent('rnn_classifier_infer', 'RNN', 'rnn.', [
    ['onnx::RNN_73', 'onnx::RNN_74', 'onnx::RNN_75'], ['onnx::RNN_79', 'onnx::RNN_80', 'onnx::RNN_81'],
  ])));
  it('transformer_infer', async () => {
    // The fixture stores each Linear weight of the block transposed as onnx::MatMul_71..76 (q, k, v, o, ff1, ff2).
    const all = caseWeights(fixture('transformer_infer'));
    const w = new Map([...all].filter(([n]) => !n.startsWith('onnx::')));
    ['attn.q', 'attn.k', 'attn.v', 'attn.o', 'ff1', 'ff2'].forEach((n, i) => w.set(`layers.0.${n}.weight`, transpose2d(all.get(`onnx::MatMul_${71 + i}`)!)));
    const net = new TinyTransformer(32, 8, 32, 4, 64, 5, 'gelu');
    await exportedCase('transformer_infer', withForward(net, (t: SymTensor) => {
      const logits = net.call(t);
      return { logits, probs: logits.softmax(-1) };
    }), w);
  });
});

// Recurrent sample: an LSTM next-value regressor (PyTorch LSTM(1, 50, batch_first) + Linear(50, 1)),
// weights loaded by PyTorch name (lstm.weight_ih_l0, ...) from a PyTorch export, run on sine windows.
// Run: npx tsx samples/rnn.ts
import { interpret, Linear, loadOnnxWeights, LSTM, Module, type SymTensor, tensor, trace } from 'kiln';

class Regressor extends Module {
  readonly lstm = this.module('lstm', new LSTM(1, 50, { batchFirst: true }));
  readonly fc = this.module('fc', new Linear(50, 1));
  forward(x: SymTensor): SymTensor {
    const [out] = this.lstm.call(x); // [batch, seq, 50]
    return this.fc.call(out.select(1, -1)); // last time step
  }
}

const net = new Regressor();
loadOnnxWeights(net, new URL('../tests/fixtures/lstm_regressor_adam/model.onnx', import.meta.url).pathname);
const [batch, seq] = [3, 10];
const graph = trace(net, { x: { dtype: 'f32', shape: [batch, seq, 1] } });
console.log(`ops: ${graph.nodes.map((n) => n.op).join(' ')}`);
const x = tensor('f32', [batch, seq, 1], Array.from({ length: batch * seq }, (_, i) => Math.sin(0.3 * (i % seq) + Math.floor(i / seq))));
const [y] = interpret(graph, new Map([['x', x]]));
for (let b = 0; b < batch; b++) console.log(`window ${b}: next value ${y.data[b].toFixed(4)} (true ${Math.sin(0.3 * seq + b).toFixed(4)}, weights untrained)`);

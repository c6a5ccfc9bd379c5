// MLP sample: the Fashion-MNIST classifier 784-128-64-10 built with the nn API, weights loaded from the
// bundled PyTorch export by parameter name, traced and run on the CPU interpreter.
// Run: npx tsx samples/mlp.ts
import { readFileSync } from 'node:fs';
import { interpret, Linear, loadOnnxWeights, Module, ModuleList, type SymTensor, tensor, trace } from 'kiln';

const DATA = new URL('./data/mlp_fmnist/', import.meta.url).pathname;
const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

class Mlp extends Module {
  readonly layers = this.module('layers', new ModuleList([new Linear(784, 128), new Linear(128, 64), new Linear(64, 10)]));
  forward(x: SymTensor): SymTensor {
    const [l0, l1, l2] = this.layers.items;
    return l2.call(l1.call(l0.call(x).relu()).relu()).softmax(-1);
  }
}

const net = new Mlp();
loadOnnxWeights(net, `${DATA}model.onnx`); // initializers named layers.0.weight, ... as in PyTorch
const graph = trace(net, { x: { dtype: 'f32', shape: [8, 784] } });
const readF32 = (file: string) => {
  const b = readFileSync(`${DATA}${file}`);
  return new Float32Array(b.buffer, b.byteOffset, b.length / 4);
};
const x = tensor('f32', [8, 784], readF32('input_x.bin'));
const [probs] = interpret(graph, new Map([['x', x]]));
for (let i = 0; i < 8; i++) {
  const row = Array.from(probs.data.subarray(i * 10, i * 10 + 10));
  const best = row.indexOf(Math.max(...row));
  console.log(`image ${i}: ${CLASSES[best]} (p=${row[best].toFixed(3)})`);
}
// The bundled weights are PyTorch's (untrained) initial ones; PyTorch's own probabilities are bundled too.
const want = readF32('expected_probs.bin');
console.log(`max |kiln - PyTorch| = ${Math.max(...want.map((w, i) => Math.abs(w - probs.data[i]))).toExponential(2)}`);

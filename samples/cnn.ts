// CNN sample: a small convolutional classifier as an nn.Sequential, its weights saved to and loaded
// from a safetensors file, traced and run on the CPU interpreter.
// Run: npx tsx samples/cnn.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Conv2d, Flatten, interpret, Linear, loadSafetensors, manualSeed, MaxPool2d, ReLU, saveSafetensors, Sequential, tensor, trace } from 'kiln';

const cnn = () => new Sequential(
  new Conv2d(1, 8, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2),
  new Conv2d(8, 16, 3), new ReLU(), new MaxPool2d(2),
  new Flatten(), new Linear(16 * 6 * 6, 10),
);

manualSeed(1);
const file = join(tmpdir(), 'kiln-cnn.safetensors');
writeFileSync(file, saveSafetensors(cnn())); // state dict: 0.weight, 0.bias, 3.weight, 3.bias, 7.weight, 7.bias
const net = cnn();
loadSafetensors(net, readFileSync(file));

const graph = trace(net, { x: { dtype: 'f32', shape: [2, 1, 28, 28] } });
console.log(`traced ${graph.nodes.length} nodes: ${graph.nodes.map((n) => n.op).join(' ')}`);
console.log(`parameters: ${[...graph.params.keys()].join(', ')}`);
const x = tensor('f32', [2, 1, 28, 28], Array.from({ length: 2 * 784 }, (_, i) => ((i * 37) % 255) / 255));
const [logits] = interpret(graph, new Map([['x', x]]));
console.log(`logits [${logits.shape}]: ${Array.from(logits.data.subarray(0, 5), (v) => v.toFixed(3)).join(' ')} ...`);

// The two apps the package test installs kiln into: one trains a small model with `import ... from 'kiln'`
// and compiles it into an artifact, the other runs the compiled model.js with only `kiln/runtime`. Plain
// JavaScript modules, as an app without a build step writes them.

/** Trains an MLP for a few SGD steps on the CPU, writes its artifact to ./model and prints the losses and the interpreter's outputs. */
export const TRAIN_APP = `
import { compileTraining, interpret, Linear, Module } from 'kiln';

class Mlp extends Module {
  fc1 = this.module('fc1', new Linear(4, 8));
  fc2 = this.module('fc2', new Linear(8, 3));
  forward(x) { return this.fc2.call(this.fc1.call(x).tanh()); }
}

const x = new Float32Array(8 * 4).map((_, i) => Math.sin(i * 0.7));
// A target the MLP can fit: a fixed linear map of the input.
const y = new Float32Array(8 * 3).map((_, i) => 0.6 * x[Math.floor(i / 3) * 4 + (i % 3)] - 0.4 * x[Math.floor(i / 3) * 4 + (i % 3) + 1]);
const batch = { inputs: { x: { dtype: 'f32', shape: [8, 4], data: x } }, target: { dtype: 'f32', shape: [8, 3], data: y } };
const trainer = await compileTraining(new Mlp(), {
  inputs: { x: { dtype: 'f32', shape: [8, 4] } },
  loss: { name: 'mse' },
  optimizer: { type: 'sgd', lr: 0.3 },
  backend: 'cpu',
  seed: 1,
});
const losses = [];
for (let i = 0; i < 40; i++) losses.push(await trainer.step(batch, { returnLoss: true }));
await trainer.exportArtifact('model', { name: 'mlp' });
const graph = await trainer.trainedGraph();
const [out] = interpret(graph, new Map([['x', batch.inputs.x]]));
console.log(JSON.stringify({ losses, x: Array.from(x), output: Array.from(out.data) }));
process.exit(0);
`;

/** Loads ./model/model.js on the backend named by argv[2] and prints the backend it took and the outputs. */
export const RUN_APP = `
import { readFileSync } from 'node:fs';
import { load, signature } from './model/model.js';

const { x } = JSON.parse(readFileSync('trained.json', 'utf8'));
const model = await load({ backend: process.argv[2] });
const outputs = await model.run({ x: Float32Array.from(x) });
model.dispose();
const [name] = Object.keys(signature.outputs);
console.log(JSON.stringify({ backend: model.backend, output: Array.from(outputs[name]) }));
process.exit(0);
`;

// CPU backend timings: the mlp_fmnist_adam train step (forward, backward, Adam, loss read back) through
// compileTraining with backend 'cpu', and in the CPU interpreter MLP 784-128-64-10 inference at batch 1, 64 and
// 1024, the seed CNN (tests/fixtures/cnn_infer's layers, built with the nn API) at batch 64 and MatMul 1024^3.
// Prints the least CPU time, the min, median and p90 wall ms of N runs after a warm-up. Run: npx tsx bench/cpu-step.ts [runs] [--json]
import { join } from 'node:path';
import { readCase, readSpec } from '../compiler/fixtures/case.ts';
import { trainOptions } from '../compiler/fixtures/run-case.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, trace } from '../compiler/nn/index.ts';
import { Graph } from '../ir/graph.ts';
import { compileTraining } from '../compiler/train/trainer.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';

const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20);
const WARMUP = 3;

function random(shape: number[], seed: number): Tensor {
  let s = seed >>> 0;
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
  return tensor('f32', shape, data);
}

/**
 * Median and p90 wall ms of `runs` calls after WARMUP calls, the fastest call, and the least process CPU time of
 * a call (user + system, all threads): on a shared machine the CPU time is the steadier of the two.
 */
async function time(f: () => unknown): Promise<{ median: number; p90: number; min: number; cpu: number }> {
  for (let i = 0; i < WARMUP; i++) await f();
  const ts: number[] = [], cs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    await f();
    ts.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cs.push((c.user + c.system) / 1000);
  }
  ts.sort((a, b) => a - b);
  return { min: ts[0], median: ts[Math.floor(ts.length / 2)], p90: ts[Math.min(ts.length - 1, Math.floor(ts.length * 0.9))], cpu: Math.min(...cs) };
}

async function trainStep() {
  const c = readCase(join(import.meta.dirname, '../tests/fixtures/mlp_fmnist_adam'));
  const { graph } = importOnnxFile(join(c.dir, c.model));
  const trainer = await compileTraining(graph, { ...trainOptions(c), backend: 'cpu' });
  const b = c.train!.batches[0];
  const inputs = Object.fromEntries(Object.entries(b.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));
  const batch = { inputs, target: readSpec(c.dir, b.targets) };
  const r = await time(() => trainer.step(batch, { returnLoss: true }));
  trainer.dispose();
  return r;
}

async function mlp(batch: number) {
  const g = trace(new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 64), new ReLU(), new Linear(64, 10)), {
    x: { dtype: 'f32', shape: [batch, 784] },
  });
  const inputs = new Map([['x', random([batch, 784], 1)]]);
  return time(() => interpret(g, inputs));
}

async function cnn(batch: number) {
  const model = new Sequential(
    new Conv2d(1, 32, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2),
    new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(2304, 10),
  );
  const g = trace(model, { x: { dtype: 'f32', shape: [batch, 1, 28, 28] } });
  const inputs = new Map([['x', random([batch, 1, 28, 28], 2)]]);
  return time(() => interpret(g, inputs));
}

async function matmul(n: number) {
  const g = new Graph();
  const a = g.addInput('a', { dtype: 'f32', shape: [n, n] }), b = g.addInput('b', { dtype: 'f32', shape: [n, n] });
  g.outputs = g.addNode('MatMul', [a, b]);
  const inputs = new Map([['a', random([n, n], 3)], ['b', random([n, n], 4)]]);
  return time(() => interpret(g, inputs));
}

const results = {
  'mlp_fmnist_adam train step (batch 16)': await trainStep(),
  'MLP inference batch 1': await mlp(1),
  'MLP inference batch 64': await mlp(64),
  'MLP inference batch 1024': await mlp(1024),
  'CNN inference batch 64': await cnn(64),
  'MatMul 1024^3': await matmul(1024),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
else for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(40)} cpu ${v.cpu.toFixed(2)} ms  min ${v.min.toFixed(2)} ms  median ${v.median.toFixed(2)} ms  p90 ${v.p90.toFixed(2)} ms  (${runs} runs)`);

// Per-op CPU time of the mlp_fmnist_adam train step and of MLP inference (batch 64): runs each graph's nodes
// through evalNode with a timer around every node and prints the ops that dominate. Run: npx tsx bench/cpu-profile.ts [runs]
import { join } from 'node:path';
import { readCase, readSpec } from '../compiler/fixtures/case.ts';
import { trainOptions } from '../compiler/fixtures/run-case.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { Linear, ReLU, Sequential, trace } from '../compiler/nn/index.ts';
import { compileTraining } from '../compiler/train/trainer.ts';
import { scalar, tensor, type Tensor } from '../ir/tensor.ts';
import type { Graph, Value } from '../ir/graph.ts';
import { evalNode } from '../runtime/cpu/interpreter.ts';
import { lastUses } from '../ir/liveness.ts';

const runs = Number(process.argv[2] ?? 20);

function profile(label: string, g: Graph, inputs: Map<string, Tensor>) {
  const tot = new Map<string, number>();
  let all = 0;
  const lastUse = lastUses(g.nodes.map((n) => ({ reads: n.inputs, writes: n.outputs })), [...g.outputs, ...g.updates.values()]);
  for (let r = 0; r < runs + 3; r++) {
    const env = new Map<Value, Tensor>(g.constants);
    for (const v of g.inputs) env.set(v, inputs.get(v.name)!);
    for (const [i, n] of g.nodes.entries()) {
      const t0 = performance.now();
      const outs = evalNode(n, n.inputs.map((v) => (v ? env.get(v) : undefined)));
      const dt = performance.now() - t0;
      n.outputs.forEach((v, k) => env.set(v, outs[k]));
      for (const v of n.inputs) if (v && lastUse.get(v) === i && !g.constants.has(v)) env.delete(v);
      if (r < 3) continue;
      const key = `${n.op} ${n.inputs.map((v) => (v ? `[${v.type.shape}]` : '-')).join(' ')}`;
      tot.set(key, (tot.get(key) ?? 0) + dt);
      all += dt;
    }
  }
  console.log(`\n${label}: ${(all / runs).toFixed(2)} ms per run, ${g.nodes.length} nodes`);
  for (const [k, v] of [...tot].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(v / runs).toFixed(3).padStart(8)} ms  ${k}`);
}

const c = readCase(join(import.meta.dirname, '../tests/fixtures/mlp_fmnist_adam'));
const { graph } = importOnnxFile(join(c.dir, c.model));
const trainer = await compileTraining(graph, { ...trainOptions(c), backend: 'cpu' });
const b = c.train!.batches[0];
const inputs = new Map(Object.entries(b.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));
for (const v of trainer.graph.inputs) if (!inputs.has(v.name)) inputs.set(v.name, v.type.shape.length ? readSpec(c.dir, b.targets) : scalar('f32', v.name.includes('step') ? 1 : 1e-3));
console.log(trainer.graph.inputs.map((v) => `${v.name}:${v.type.dtype}[${v.type.shape}]`).join(' '));
profile('train step', trainer.graph, inputs);

const g = trace(new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 64), new ReLU(), new Linear(64, 10)), {
  x: { dtype: 'f32', shape: [64, 784] },
});
const x = new Float32Array(64 * 784).map((_, i) => Math.sin(i));
profile('MLP inference b64', g, new Map([['x', tensor('f32', [64, 784], x)]]));

// Per-op CPU time of the mlp_fmnist_adam train step, MLP inference (batch 64) and the seed CNN (batch 64): runs each graph's schedule
// as the interpreter does (fused elementwise groups and Conv+Relu steps included) with a timer around every step and prints the
// steps that dominate. Run: npx tsx bench/cpu-profile.ts [runs]
import { join } from 'node:path';
import { readCase, readSpec } from '../compiler/fixtures/case.ts';
import { trainOptions } from '../compiler/fixtures/run-case.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, trace } from '../compiler/nn/index.ts';
import { compileTraining } from '../compiler/train/trainer.ts';
import { scalar, tensor, type Tensor } from '../ir/tensor.ts';
import type { Graph, Value } from '../ir/graph.ts';
import { evalNode } from '../runtime/cpu/interpreter.ts';
import { runFused } from '../runtime/cpu/epilogue.ts';
import { runGroup, schedule, stepIO } from '../runtime/cpu/fuse.ts';
import { lastUses } from '../ir/liveness.ts';

const runs = Number(process.argv[2] ?? 20);

function profile(label: string, g: Graph, inputs: Map<string, Tensor>) {
  const tot = new Map<string, number>();
  let all = 0;
  const steps = schedule(g);
  const rw = steps.map(stepIO);
  const lastUse = lastUses(rw, [...g.outputs, ...g.updates.values()]);
  for (let r = 0; r < runs + 3; r++) {
    const env = new Map<Value, Tensor>(g.constants);
    for (const v of g.inputs) env.set(v, inputs.get(v.name)!);
    for (const [i, s] of steps.entries()) {
      const t0 = performance.now();
      let key: string;
      if ('node' in s) {
        const n = s.node;
        const outs = evalNode(n, n.inputs.map((v) => (v ? env.get(v) : undefined)));
        n.outputs.forEach((v, k) => env.set(v, outs[k]));
        key = `${n.op} ${n.inputs.map((v) => (v ? `[${v.type.shape}]` : '-')).join(' ')}`;
      } else if ('group' in s) {
        runGroup(s.group, env).forEach((t, k) => env.set(s.group.writes[k], t));
        key = `group of ${s.group.members.length} over ${s.group.n}`;
      } else {
        const p = s.producer;
        runFused(p, s.clamp, s.pool, p.inputs.map((v) => (v ? env.get(v) : undefined))).forEach((t, k) => env.set(s.last.outputs[k], t));
        key = `${p.op}${s.clamp ? '+clamp' : ''}${s.pool ? `+${s.pool.op}` : ''} ${p.inputs.map((v) => (v ? `[${v.type.shape}]` : '-')).join(' ')}`;
      }
      const dt = performance.now() - t0;
      for (const v of rw[i].reads) if (v && lastUse.get(v) === i && !g.constants.has(v)) env.delete(v);
      if (r < 3) continue;
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

const cnn = trace(new Sequential(
  new Conv2d(1, 32, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2),
  new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(2304, 10),
), { x: { dtype: 'f32', shape: [64, 1, 28, 28] } });
const img = new Float32Array(64 * 784).map((_, i) => Math.cos(i));
profile('CNN inference b64', cnn, new Map([['x', tensor('f32', [64, 1, 28, 28], img)]]));

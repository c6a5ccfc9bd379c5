// The seed CNN's convolutions (batch 64, Relu fused) on the CPU through each SIMD path and the JS GEMM, timed
// interleaved (round-robin reps, medians), since the machine's other load shifts absolute times between runs.
// Run: npx tsx bench/cpu-conv.ts [reps]
import { Graph } from '../ir/graph.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';
import { convClamped } from '../runtime/cpu/kernels/conv.ts';
import { gemmConfig } from '../runtime/cpu/kernels/gemm.ts';
import { convOptions } from '../runtime/cpu/wasm/conv-simd.ts';

const reps = Number(process.argv[2] ?? 15);
const shapes: [string, number[], number[], Record<string, unknown>][] = [
  ['conv1 1->32 28x28 pad 1', [64, 1, 28, 28], [32, 1, 3, 3], { pads: [1, 1, 1, 1] }],
  ['conv2 32->64 14x14', [64, 32, 14, 14], [64, 32, 3, 3], {}],
];
const paths: [string, () => void][] = [
  ['implicit', () => { gemmConfig.simd = true; convOptions.implicit = true; }],
  ['im2col', () => { gemmConfig.simd = true; convOptions.implicit = false; }],
  ['js', () => { gemmConfig.simd = false; }],
];
const rand = (sh: number[]) => tensor('f32', sh, Float32Array.from({ length: sh.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i)));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

for (const [label, xs, ws, attrs] of shapes) {
  const g = new Graph();
  const ins = [g.addInput('x', { dtype: 'f32', shape: xs }), g.addInput('w', { dtype: 'f32', shape: ws }), g.addInput('b', { dtype: 'f32', shape: [ws[0]] })];
  g.addNode('Conv', ins, attrs as never);
  const node = g.nodes[0], vals: Tensor[] = [rand(xs), rand(ws), rand([ws[0]])];
  const run = () => convClamped(vals, node.attrs, [node.outputs[0].type], { lo: 0, hi: Infinity });
  const times = paths.map(() => [] as number[]);
  for (let r = 0; r < reps + 2; r++) {
    paths.forEach(([, set], i) => {
      set();
      const t0 = performance.now();
      run();
      if (r >= 2) times[i].push(performance.now() - t0);
    });
  }
  gemmConfig.simd = true;
  convOptions.implicit = true;
  console.log(`${label}: ${paths.map(([p], i) => `${p} ${median(times[i]).toFixed(2)} ms`).join(', ')}`);
}

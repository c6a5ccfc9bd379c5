// CPU GEMM and conv microbenchmarks: the shapes of the MLP (inference at batch 1, 64, 1024 and the train step's
// forward and weight-gradient products), MatMul 1024^3, and the seed CNN's convolutions at batch 64, each through
// the WebAssembly SIMD kernel and the pure-JS one. Prints min and median ms. Run: npx tsx bench/cpu-gemm.ts [runs] [name filter] [--json]
import { tensor, type Tensor } from '../ir/tensor.ts';
import { Graph } from '../ir/graph.ts';
import { evalNode } from '../runtime/cpu/interpreter.ts';
import { gemm, gemmConfig, type MatView } from '../runtime/cpu/kernels/gemm.ts';

const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10);

function rand(n: number): Float32Array {
  let s = 12345;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1);
}

function time(f: () => void): { min: number; median: number } {
  for (let i = 0; i < 2; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
  ts.sort((x, y) => x - y);
  return { min: ts[0], median: ts[ts.length >> 1] };
}

/** C[m,n] = op(A) op(B), A stored [m,k] (or [k,m] when ta), B stored [k,n] (or [n,k] when tb). */
function product(m: number, n: number, k: number, ta: boolean, tb: boolean): () => void {
  const A = rand(m * k), B = rand(k * n), C = new Float32Array(m * n);
  const a: MatView = ta ? { data: A, off: 0, rs: 1, cs: m } : { data: A, off: 0, rs: k, cs: 1 };
  const b: MatView = tb ? { data: B, off: 0, rs: 1, cs: k } : { data: B, off: 0, rs: n, cs: 1 };
  return () => gemm(m, n, k, 1, a, b, C, 0, n, false);
}

function conv(x: number[], w: number[], pads: number[]): () => void {
  const g = new Graph();
  const xv = g.addInput('x', { dtype: 'f32', shape: x }), wv = g.addInput('w', { dtype: 'f32', shape: w });
  const [y] = g.addNode('Conv', [xv, wv], { pads } as never);
  const node = g.nodes[0];
  void y;
  const ins: Tensor[] = [tensor('f32', x, rand(x.reduce((p, q) => p * q))), tensor('f32', w, rand(w.reduce((p, q) => p * q)))];
  return () => { evalNode(node, ins); };
}

const only = process.argv.slice(2).find((a) => !/^\d+$/.test(a) && !a.startsWith('--'));
const all: [string, () => void][] = [
  ['MatMul 1024^3', product(1024, 1024, 1024, false, false)],
  ['MLP b1 784x128 (B^T)', product(1, 128, 784, false, true)],
  ['MLP b64 784x128 (B^T)', product(64, 128, 784, false, true)],
  ['MLP b1024 784x128 (B^T)', product(1024, 128, 784, false, true)],
  ['train fwd 16x784x128 (B^T)', product(16, 128, 784, false, true)],
  ['train dW 128x784 k16 (A^T)', product(128, 784, 16, true, false)],
  ['train dX 16x128 k64', product(16, 128, 64, false, false)],
  ['CNN conv1 64x1x28x28 * 32x1x3x3 p1', conv([64, 1, 28, 28], [32, 1, 3, 3], [1, 1, 1, 1])],
  ['CNN conv2 64x32x14x14 * 64x32x3x3', conv([64, 32, 14, 14], [64, 32, 3, 3], [0, 0, 0, 0])],
];
const cases = all.filter(([name]) => !only || name.includes(only));
const rows: Record<string, { simd: { min: number; median: number }; js: { min: number; median: number } }> = {};
for (const [name, f] of cases) {
  gemmConfig.simd = true;
  const simd = time(f);
  gemmConfig.simd = false;
  const js = time(f);
  gemmConfig.simd = true;
  rows[name] = { simd, js };
  if (!process.argv.includes('--json')) {
    console.log(`${name.padEnd(34)} simd min ${simd.min.toFixed(3)} med ${simd.median.toFixed(3)} ms   js min ${js.min.toFixed(3)} med ${js.median.toFixed(3)} ms   x${(js.min / simd.min).toFixed(2)}`);
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));

// MatMul throughput: the tiled WGSL kernel on the WebGPU device vs the CPU interpreter, same machine.
// For each size n (256, 512: an n x n x n product) it times a chain of R MatMuls compiled into one program
// (one submit, one readback, so transfers are amortized) and one MatMul run end to end (upload + readback),
// and the CPU interpreter on the single MatMul. Prints GFLOP/s (2 n^3 flops per product) and the GPU/CPU ratio.
// Run: npx tsx bench/matmul.ts [sizes...]   e.g. npx tsx bench/matmul.ts 256 512 1024
// Variants: npx tsx bench/matmul.ts --variants [MxKxN...] times each kernel candidate the autotuner would try
// (variant and tile) and marks the heuristic's pick, on each shape (default 1024x1024x1024 and the MLP's
// 16/64/1024 x 784 x 128): R independent products X B_r in one program (R = 8, or 2 for 1024^3), GFLOP/s of the whole run.
import { compileForWebGpu } from '../compiler/compile.ts';
import { gemmCandidates, gemmKey, type GemmSpec } from '../compiler/wgsl/lower/matmul.ts';
import { Graph } from '../ir/graph.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { getGpu } from '../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../runtime/webgpu/executor.ts';

const CHAIN = 8;

function random(shape: number[], scale: number, seed: number): Tensor {
  let s = seed >>> 0;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1) * scale;
  return tensor('f32', shape, data);
}

/** X_{i+1} = X_i B, R times (B scaled so values stay bounded). */
function chain(n: number, r: number): Graph {
  const g = new Graph(`matmul_chain_${n}`);
  let x = g.addInput('x', { dtype: 'f32', shape: [n, n] });
  const b = g.addInput('b', { dtype: 'f32', shape: [n, n] });
  for (let i = 0; i < r; i++) [x] = g.addNode('MatMul', [x, b]);
  g.outputs = [x];
  return g;
}

/** Median seconds of `runs` calls after one warm-up. */
async function time(f: () => Promise<unknown> | unknown, runs: number): Promise<number> {
  await f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ts.push((performance.now() - t0) / 1000);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

const gflops = (n: number, count: number, s: number) => (2 * n ** 3 * count) / s / 1e9;

/** R products X_r[M,K] B_r[K,N], all distinct (products of one X would be fused as siblings), all outputs returned. */
function products(m: number, k: number, n: number, r: number): Graph {
  const g = new Graph(`matmul_${m}x${k}x${n}`);
  const x = (i: number) => g.addInput(`x${i}`, { dtype: 'f32', shape: [m, k] });
  g.outputs = Array.from({ length: r }, (_, i) => g.addNode('MatMul', [x(i), g.addInput(`b${i}`, { dtype: 'f32', shape: [k, n] })])[0]);
  return g;
}

/** Every kernel candidate the autotuner would try for each shape (gemmCandidates), and which one the heuristic picks. */
async function variants(gpu: NonNullable<Awaited<ReturnType<typeof getGpu>>>, args: string[]): Promise<void> {
  const shapes = (args.length ? args : ['1024x1024x1024', '64x784x128', '1024x784x128', '16x784x128']).map((a) => a.split('x').map(Number) as [number, number, number]);
  for (const [m, k, n] of shapes) {
    const r = m * k * n >= 2 ** 29 ? 2 : 8;
    const g = products(m, k, n, r);
    const inputs = new Map(Array.from({ length: r }, (_, i) => [[`x${i}`, random([m, k], 1, 1 + 2 * i)], [`b${i}`, random([k, n], 1 / Math.sqrt(k), 2 + 2 * i)]] as const).flat());
    let spec: GemmSpec | undefined;
    const heuristic = compileForWebGpu(g, { gemmObserve: (_, s) => (spec ??= s) }).program.kernels[0].choice;
    console.log(`${m}x${k}x${n} (${gemmKey(spec!)})`);
    for (const choice of gemmCandidates(spec!)) {
      const gemmTuning = new Map([[gemmKey(spec!), choice]]);
      const { program, data } = compileForWebGpu(g, { gemmTuning });
      const exe = await WebGpuExecutor.load(program, data, gpu);
      try {
        const t = await time(() => exe.run(inputs), m * n >= 2 ** 20 ? 3 : 5);
        const name = program.kernels[0].choice!;
        console.log(`  ${name.padEnd(28)} ${((2 * m * k * n * r) / t / 1e9).toFixed(2).padStart(8)} GFLOP/s${name === heuristic ? '   <- heuristic' : ''}`);
      } finally {
        exe.dispose();
      }
    }
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--variants') {
    const gpu = await getGpu();
    if (!gpu) throw new Error('no WebGPU adapter (npm run setup:webgpu)');
    console.log(`device: ${gpu.adapterName}`);
    await variants(gpu, argv.slice(1));
    process.exit(0);
  }
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const gpu = await getGpu();
  if (!gpu) {
    console.error('no WebGPU adapter (npm run setup:webgpu)');
    process.exit(1);
  }
  console.log(`device: ${gpu.adapterName}`);
  console.log('n      GPU chain GFLOP/s   GPU single GFLOP/s   CPU GFLOP/s   GPU/CPU (chain)');
  for (const n of sizes.length ? sizes : [256, 512]) {
    const inputs = new Map([['x', random([n, n], 1, 1)], ['b', random([n, n], 1 / Math.sqrt(n), 2)]]);
    const runs = n >= 1024 ? 3 : 5;
    const timeGpu = async (g: Graph) => {
      const { program, data } = compileForWebGpu(g);
      const exe = await WebGpuExecutor.load(program, data, gpu);
      try {
        return await time(() => exe.run(inputs), runs);
      } finally {
        exe.dispose();
      }
    };
    const tChain = await timeGpu(chain(n, CHAIN));
    const tOne = await timeGpu(chain(n, 1));
    const single = chain(n, 1);
    const tCpu = await time(() => interpret(single, inputs), runs);
    const g = gflops(n, CHAIN, tChain), g1 = gflops(n, 1, tOne), c = gflops(n, 1, tCpu);
    console.log(`${String(n).padEnd(6)} ${g.toFixed(2).padStart(17)} ${g1.toFixed(2).padStart(20)} ${c.toFixed(2).padStart(13)} ${(g / c).toFixed(2).padStart(17)}x`);
  }
  process.exit(0);
}

await main();

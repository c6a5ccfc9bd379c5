// The reference for kiln's contraction kernels on this device: a plain register-blocked vec4 MatMul written
// by hand (no kiln machinery: no load hooks, no Kahan merge, no clamps, sizes divisible by its tile),
// swept over a few block and workgroup shapes, timed on the same device in the same run as every
// candidate kiln's autotuner would try for the same product. Prints GFLOP/s of each and kiln's best as a
// share of the probe's best (the issue's bar: at least 80%).
// Run: npx tsx bench/gemm-probe.ts [n]   (default 1024: an n x n x n product, one dispatch, timed to completion)
import { compileForWebGpu } from '../compiler/compile.ts';
import { gemmCandidates, gemmKey, type GemmSpec, tileName } from '../compiler/wgsl/lower/matmul.ts';
import { Graph } from '../ir/graph.ts';
import { getGpu } from '../runtime/webgpu/device.ts';

const n = Number(process.argv[2] ?? 1024);
const REPS = 5;

/** The probe: each invocation owns `rows` rows and `vecs` vec4 columns of C, k stepped 4 at a time. */
function probeKernel(rows: number, vecs: number, wg: readonly [number, number]): string {
  const is = [...Array(rows).keys()], js = [...Array(vecs).keys()], qs = [0, 1, 2, 3];
  return `const N4 = ${n / 4};
@group(0) @binding(0) var<storage, read_write> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> b: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> c: array<vec4<f32>>;
@compute @workgroup_size(${wg[0]}, ${wg[1]})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let col = i32(gid.x) * ${vecs};
  let row = i32(gid.y) * ${rows};
  ${is.flatMap((i) => js.map((j) => `var acc${i}_${j} = vec4<f32>(0.0);`)).join(' ')}
  for (var k = 0; k < N4; k++) {
    ${is.map((i) => `let a${i} = a[(row + ${i}) * N4 + k];`).join(' ')}
    ${qs.flatMap((q) => js.map((j) => `let b${q}_${j} = b[(k * 4 + ${q}) * N4 + col + ${j}];`)).join(' ')}
    ${is.flatMap((i) => js.map((j) => `acc${i}_${j} += a${i}.x * b0_${j} + a${i}.y * b1_${j} + a${i}.z * b2_${j} + a${i}.w * b3_${j};`)).join('\n    ')}
  }
  ${is.flatMap((i) => js.map((j) => `c[(row + ${i}) * N4 + col + ${j}] = acc${i}_${j};`)).join(' ')}
}`;
}

async function main(): Promise<void> {
  const gpu = await getGpu();
  if (!gpu) throw new Error('no WebGPU adapter (npm run setup:webgpu)');
  const dev = gpu.device;
  console.log(`device: ${gpu.adapterName}; ${n}x${n}x${n} MatMul, median of ${REPS}`);
  const buffer = (fill: number) => {
    const buf = dev.createBuffer({ size: n * n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    dev.queue.writeBuffer(buf, 0, new Float32Array(n * n).fill(fill));
    return buf;
  };
  const A = buffer(1), B = buffer(0.5), C = buffer(0);
  const timed: { name: string; kind: 'probe' | 'kiln'; run: () => Promise<void> }[] = [];
  const add = (name: string, kind: 'probe' | 'kiln', code: string, groups: readonly [number, number, number]) => {
    const pipe = dev.createComputePipeline({ layout: 'auto', compute: { module: dev.createShaderModule({ code }), entryPoint: 'main' } });
    const bind = dev.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [A, B, C].map((buffer, binding) => ({ binding, resource: { buffer } })) });
    timed.push({
      name, kind,
      run: async () => {
        const enc = dev.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setPipeline(pipe);
        pass.setBindGroup(0, bind);
        pass.dispatchWorkgroups(...groups);
        pass.end();
        dev.queue.submit([enc.finish()]);
        await dev.queue.onSubmittedWorkDone();
      },
    });
  };
  for (const [rows, vecs, wg] of [[4, 2, [64, 1]], [4, 2, [8, 8]], [8, 2, [8, 8]], [4, 1, [16, 4]], [8, 1, [16, 4]]] as const) {
    add(`probe ${rows}x${vecs * 4} on ${wg[0]}x${wg[1]}`, 'probe', probeKernel(rows, vecs, wg), [n / 4 / vecs / wg[0], n / rows / wg[1], 1]);
  }
  // kiln's candidates for the same product: its kernels bind (in0, in1, out0) as the probe binds (a, b, c).
  const g = new Graph('probe_matmul');
  g.outputs = [g.addNode('MatMul', [g.addInput('a', { dtype: 'f32', shape: [n, n] }), g.addInput('b', { dtype: 'f32', shape: [n, n] })])[0]];
  let spec: GemmSpec | undefined;
  compileForWebGpu(g, { gemmObserve: (_, s) => (spec ??= s) });
  for (const choice of gemmCandidates(spec!)) {
    const { program } = compileForWebGpu(g, { gemmTuning: new Map([[gemmKey(spec!), choice]]) });
    const d = program.dispatches[0];
    if (program.kernels.length !== 1 || d.params) throw new Error('expected one kernel without parameters');
    add(`kiln ${choice.variant} ${tileName(choice.tile)}`, 'kiln', program.kernels[0].wgsl, d.workgroups);
  }
  for (const t of timed) await t.run(); // first submit compiles on lavapipe
  const ms = new Map(timed.map((t) => [t, [] as number[]]));
  for (let r = 0; r < REPS; r++) {
    for (const t of timed) {
      const t0 = performance.now();
      await t.run();
      ms.get(t)!.push(performance.now() - t0);
    }
  }
  const rate = new Map(timed.map((t) => [t, (2 * n ** 3) / (ms.get(t)!.sort((x, y) => x - y)[REPS >> 1] / 1e3) / 1e9]));
  for (const t of timed) console.log(`  ${t.name.padEnd(34)} ${rate.get(t)!.toFixed(2).padStart(7)} GFLOP/s`);
  const best = (kind: 'probe' | 'kiln') => Math.max(...timed.filter((t) => t.kind === kind).map((t) => rate.get(t)!));
  console.log(`kiln's best / probe's best: ${(best('kiln') / best('probe')).toFixed(2)} (${best('kiln').toFixed(2)} / ${best('probe').toFixed(2)} GFLOP/s)`);
  process.exit(0);
}

await main();

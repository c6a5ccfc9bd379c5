// Fusion on vs off on WebGPU, same process: every inference fixture (tests/fixtures/*/case.json of kind
// 'inference', the case's own inputs) and the mlp_fmnist_adam train step (the case's loss and optimizer,
// its first batch). Each model is compiled twice (compileForWebGpu with fuse true / false), both programs
// are loaded, warmed up, then timed round-robin (off, on, off, on, ...) so drift hits both alike; a run is
// one submit plus the readback of the outputs (the objective for the train step), so it is timed to
// completion. Prints the median of N runs per mode and the ratio off/on (> 1: fusion is faster).
// Run: npx tsx bench/fusion.ts [N]    (default N = 15; on lavapipe the GPU is the CPU, so ratios there
// mostly measure per-dispatch overhead and memory traffic, not a GPU's)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileForWebGpu } from '../compiler/compile.ts';
import { readCase, readSpec, type FixtureCase } from '../compiler/fixtures/case.ts';
import { trainOptions } from '../compiler/fixtures/run-case.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { buildTrainStep, STEP_INPUTS } from '../compiler/train/train-step.ts';
import type { Graph } from '../ir/graph.ts';
import { scalar, type Tensor } from '../ir/tensor.ts';
import { getGpu, type GpuContext } from '../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../runtime/webgpu/executor.ts';

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/', import.meta.url));
const TRAIN_CASE = 'mlp_fmnist_adam';
const WARMUP = 3;

interface Bench {
  name: string;
  graph: Graph;
  /** The inputs of run i (a train step advances its step counter and host scalars). */
  inputs: (i: number) => Map<string, Tensor>;
}

function inferenceBench(c: FixtureCase): Bench {
  const { graph } = importOnnxFile(join(c.dir, c.model));
  const inputs = new Map(Object.entries(c.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));
  return { name: c.name, graph, inputs: () => inputs };
}

function trainBench(c: FixtureCase): Bench {
  const opts = trainOptions(c);
  const { graph: forward } = importOnnxFile(join(c.dir, c.model));
  const { graph, hostScalars } = buildTrainStep(forward, opts);
  const batch = c.train!.batches[0];
  const base = new Map(Object.entries(batch.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));
  base.set(STEP_INPUTS.target, readSpec(c.dir, batch.targets));
  base.set(STEP_INPUTS.lr, scalar('f32', opts.optimizer.lr));
  return {
    name: `${c.name} (train step)`,
    graph,
    inputs: (i) => {
      const m = new Map(base);
      m.set(STEP_INPUTS.step, scalar('f32', i + 1));
      for (const [name, at] of hostScalars) m.set(name, scalar('f32', at(i + 1)));
      return m;
    },
  };
}

interface Result { name: string; dispatches: [number, number]; ms: [number, number] }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(b: Bench, gpu: GpuContext, n: number): Promise<Result> {
  const modes = [false, true].map((fuse) => compileForWebGpu(b.graph, { fuse }));
  const exes = await Promise.all(modes.map(({ program, data }) => WebGpuExecutor.load(program, data, gpu)));
  try {
    const times: number[][] = [[], []];
    const counter = [0, 0];
    const once = async (m: number) => {
      const inputs = b.inputs(counter[m]++);
      const t0 = performance.now();
      await exes[m].run(inputs);
      return performance.now() - t0;
    };
    for (let i = 0; i < WARMUP; i++) for (const m of [0, 1]) await once(m);
    for (let i = 0; i < n; i++) for (const m of i % 2 ? [1, 0] : [0, 1]) times[m].push(await once(m));
    return { name: b.name, dispatches: [modes[0].program.dispatches.length, modes[1].program.dispatches.length], ms: [median(times[0]), median(times[1])] };
  } finally {
    for (const e of exes) e.dispose();
  }
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 15);
  const gpu = await getGpu();
  if (!gpu) {
    console.error('no WebGPU adapter (npm run setup:webgpu)');
    process.exit(1);
  }
  const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => readCase(join(FIXTURES, d.name)));
  const benches = [...cases.filter((c) => c.kind === 'inference').map(inferenceBench), trainBench(cases.find((c) => c.name === TRAIN_CASE)!)];
  console.log(`device: ${gpu.adapterName}; median of ${n} runs per mode after ${WARMUP} warm-up runs, round-robin`);
  const rows = [['model', 'dispatches off→on', 'ms off', 'ms on', 'ratio off/on']];
  for (const b of benches) {
    const r = await measure(b, gpu, n);
    rows.push([r.name, `${r.dispatches[0]} → ${r.dispatches[1]}`, r.ms[0].toFixed(2), r.ms[1].toFixed(2), `${(r.ms[0] / r.ms[1]).toFixed(2)}x`]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  const line = (r: string[]) => `| ${r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w, j) => (j === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
  process.exit(0);
}

await main();

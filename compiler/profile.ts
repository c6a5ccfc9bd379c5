// `kiln profile`: per-kernel GPU time of a compiled model against the device's measured roofline. The model
// is compiled (or its train step, or an artifact folder read) as `kiln inspect` does, loaded on the WebGPU
// executor, run once on synthetic inputs (floats in [-1, 1), integers and booleans 0, so labels and indices
// are in range), then every dispatch is timed on its own (runtime/webgpu/profiler.ts). Rows are the
// program's kernels, their dispatches summed: time per run, share of the summed time, FLOPs (estimated from
// the kernel's graph nodes, compiler/profile-cost.ts; a kernel's dispatches run one WGSL text, so each does
// the work of the nodes it lists) and bytes moved (every buffer a dispatch binds, counted once: each is read
// or written at least once). The roofline: copy bandwidth (a large copyBufferToBuffer) and the best matmul
// throughput (kiln-compiled MatMuls, 256^3 and 512^3 by default), each the fastest of its repetitions and the
// better of a measurement before and one after the model's. Bound by: launch when the launch cost of the kernel's
// dispatches (a no-op dispatch each) is half its time or more; otherwise the roofline it reaches the larger
// fraction of (memory: the copy bandwidth, compute: the matmul peak), or latency when below 10% of both.
// No adapter: a KilnError, never a CPU fallback.
import { statSync } from 'node:fs';
import type { TypedArray } from '../ir/dtype.ts';
import { KilnError } from '../ir/errors.ts';
import { Graph, type Node } from '../ir/graph.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';
import { artifactGraph } from '../runtime/artifact-graph.ts';
import { loadArtifact } from '../runtime/artifact.ts';
import type { Program } from '../runtime/program.ts';
import { getGpu, type GpuContext } from '../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../runtime/webgpu/executor.ts';
import { copyBandwidth, type DispatchTimes, median, timeDispatches, type TimingMethod } from '../runtime/webgpu/profiler.ts';
import { compileForWebGpu } from './compile.ts';
import { INSPECT_TRAIN_SPEC } from './inspect.ts';
import { importOnnxFile, type ImportOptions } from './onnx/importer.ts';
import { nodeFlops } from './profile-cost.ts';
import { syntheticInputs } from './synthetic-inputs.ts';
import { buildTrainStep } from './train/train-step.ts';

/** A program to profile, with its initial buffer contents and the lowered graph its kernels name. */
export interface ProfileSource {
  readonly name: string;
  readonly what: 'inference' | 'train step';
  readonly program: Program;
  readonly data: ReadonlyMap<number, TypedArray>;
  readonly graph: Graph;
}

export type Bound = 'memory' | 'compute' | 'launch' | 'latency';

export interface KernelProfile {
  readonly kernel: number;
  readonly name: string;
  readonly nodes: readonly string[];
  readonly dispatches: number;
  /** Milliseconds per run, all its dispatches. */
  readonly ms: number;
  /** Fraction of the summed kernel time. */
  readonly share: number;
  readonly flops: number;
  readonly bytes: number;
  readonly gflops: number;
  readonly gbps: number;
  /** Achieved fraction of the matmul peak and of the copy bandwidth. */
  readonly ofPeakFlops: number;
  readonly ofCopyBandwidth: number;
  readonly bound: Bound;
}

export interface Roofline {
  readonly copyBytes: number;
  readonly copyGBps: number;
  readonly matmulSize: number;
  readonly matmulGflops: number;
  /** A no-op dispatch, and an empty submit (replay timing only, subtracted from every dispatch). */
  readonly launchMs: number;
  readonly submitMs: number;
}

export interface Profile {
  readonly name: string;
  readonly what: ProfileSource['what'];
  readonly adapter: string;
  readonly method: TimingMethod;
  readonly reps: number;
  readonly dispatches: number;
  /** Sum of the kernels' times, and the median wall time of a whole run (one submit). */
  readonly totalMs: number;
  readonly runMs: number;
  readonly roofline: Roofline;
  readonly kernels: readonly KernelProfile[];
}

export interface ProfileOptions {
  readonly train?: boolean;
  /** Values of the ONNX model's symbolic dimensions, by dim_param name. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Graph inputs bound to values at import (ImportOptions.bind). */
  readonly bind?: ImportOptions['bind'];
  /** Repetitions of each timing (default 5). */
  readonly reps?: number;
  /** Sides of the roofline's square MatMuls, the best one taken (default 256 and 512). */
  readonly matmulSizes?: readonly number[];
  /** The device to profile on (default: the shared one, getGpu). */
  readonly gpu?: GpuContext;
}

/** The program `kiln profile` runs for an ONNX model (its train step with `train`) or an artifact folder. */
export async function loadProfileSource(path: string, opts: Pick<ProfileOptions, 'train' | 'dims' | 'bind'> = {}): Promise<ProfileSource> {
  let dir: boolean;
  try {
    dir = statSync(path).isDirectory();
  } catch {
    throw new KilnError('USAGE', 'no such model file or artifact folder', { path });
  }
  if (dir) {
    if (opts.train) throw new KilnError('USAGE', '--train needs an ONNX model: an artifact holds an inference program only', { path });
    const a = await loadArtifact(path);
    return { name: a.manifest.name, what: 'inference', program: a.program, data: a.data, graph: artifactGraph(a) };
  }
  const g = importOnnxFile(path, { dims: opts.dims, bind: opts.bind }).graph;
  const { program, data, graph } = compileForWebGpu(opts.train ? buildTrainStep(g, INSPECT_TRAIN_SPEC).graph : g);
  return { name: g.name, what: opts.train ? 'train step' : 'inference', program, data, graph };
}

async function requireGpu(): Promise<GpuContext> {
  const gpu = await getGpu();
  if (!gpu) throw new KilnError('BACKEND', 'kiln profile needs a WebGPU adapter and none is available (npm run setup:webgpu installs Mesa lavapipe); it measures GPU time, so it does not fall back to the CPU');
  return gpu;
}

/** Median wall milliseconds of a whole run (one submit, no readback) until the queue is done. */
async function runMs(exe: WebGpuExecutor, inputs: ReadonlyMap<string, Tensor>, reps: number): Promise<number> {
  const t: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await exe.run(inputs, { outputs: [] });
    await exe.device.queue.onSubmittedWorkDone();
    t.push(performance.now() - t0);
  }
  return median(t);
}

/** GFLOP/s of a kiln-compiled n x n x n MatMul, its fastest repetition. */
async function matmulGflops(gpu: GpuContext, n: number, reps: number | undefined): Promise<number> {
  if (!(Number.isInteger(n) && n >= 1)) throw new KilnError('USAGE', `a roofline MatMul size must be a positive integer, got ${n}`);
  const g = new Graph('roofline_matmul');
  const a = g.addInput('a', { dtype: 'f32', shape: [n, n] });
  const b = g.addParam('b', tensor('f32', [n, n], Float32Array.from({ length: n * n }, (_, i) => ((i * 7919) % 17) / 17 - 0.5)));
  g.outputs = g.addNode('MatMul', [a, b], {}, 'y');
  const { program, data } = compileForWebGpu(g);
  const exe = await WebGpuExecutor.load(program, data, gpu);
  try {
    await exe.run(syntheticInputs(program), { outputs: [] });
    const t = await timeDispatches(exe, program, { reps, statistic: 'min' });
    return (2 * n * n * n) / (t.dispatchMs.reduce((x, y) => x + y, 0) * 1e6);
  } finally {
    exe.dispose();
  }
}

/**
 * The device's copy bandwidth and best matmul throughput: the fastest repetition of a 32 MiB copy, and of
 * kiln's MatMul at each size (default 256^3 and 512^3: the smaller one may fit the caches), the best size.
 */
export async function measureRoofline(gpu: GpuContext, opts: { reps?: number; matmulSizes?: readonly number[] } = {}): Promise<Omit<Roofline, 'launchMs' | 'submitMs'>> {
  const sizes = opts.matmulSizes ?? [256, 512];
  if (!sizes.length) throw new KilnError('USAGE', 'the roofline needs at least one MatMul size');
  const copy = await copyBandwidth(gpu.device, 32 << 20, opts.reps ?? 5);
  let best = { matmulSize: sizes[0], matmulGflops: 0 };
  for (const n of sizes) {
    const gflops = await matmulGflops(gpu, n, opts.reps);
    if (gflops > best.matmulGflops) best = { matmulSize: n, matmulGflops: gflops };
  }
  return { copyBytes: copy.bytes, copyGBps: copy.gbPerS, ...best };
}

/** The better of two roofline measurements, each ceiling on its own. */
function bestOf(a: Omit<Roofline, 'launchMs' | 'submitMs'>, b: Omit<Roofline, 'launchMs' | 'submitMs'>): Omit<Roofline, 'launchMs' | 'submitMs'> {
  const copy = a.copyGBps >= b.copyGBps ? a : b;
  const mm = a.matmulGflops >= b.matmulGflops ? a : b;
  return { copyBytes: copy.copyBytes, copyGBps: copy.copyGBps, matmulSize: mm.matmulSize, matmulGflops: mm.matmulGflops };
}

/** Estimated FLOPs of one dispatch of each kernel: its listed nodes (each once) in the lowered graph. */
function kernelFlops(p: Program, g: Graph): number[] {
  const byName = new Map<string, Node>(g.nodes.map((n) => [n.name, n]));
  return p.kernels.map((k) => [...new Set(k.nodes)].reduce((s, name) => s + (byName.has(name) ? nodeFlops(byName.get(name)!) : 0), 0));
}

/** Below this fraction of both rooflines a kernel is bound by neither: latency. */
const ROOF_FLOOR = 0.1;

/**
 * Launch: the launch cost of the kernel's dispatches (a no-op dispatch each) is half its time or more.
 * Otherwise the roofline it comes closer to (achieved GB/s of the copy bandwidth, GFLOP/s of the matmul
 * peak), when that is at least ROOF_FLOOR of it; below that on both, latency: too little parallel work,
 * serial reduction steps or waiting on memory, which neither more bandwidth nor more FLOPs would fix.
 */
function boundBy(ms: number, dispatches: number, ofCopyBandwidth: number, ofPeakFlops: number, launchMs: number): Bound {
  if (2 * dispatches * launchMs >= ms) return 'launch';
  if (Math.max(ofCopyBandwidth, ofPeakFlops) < ROOF_FLOOR) return 'latency';
  return ofCopyBandwidth >= ofPeakFlops ? 'memory' : 'compute';
}

/** Profiles a loaded source on the WebGPU device. */
export async function profileProgram(src: ProfileSource, opts: ProfileOptions = {}): Promise<Profile> {
  const reps = opts.reps ?? 5;
  if (!(Number.isInteger(reps) && reps >= 1)) throw new KilnError('USAGE', `--reps must be a positive integer, got ${reps}`);
  const gpu = opts.gpu ?? (await requireGpu());
  const { program: p } = src;
  // The roofline is measured before and after the model and the better of each ceiling kept, so a burst
  // of load from other processes during one measurement does not lower it.
  const before = await measureRoofline(gpu, { reps, matmulSizes: opts.matmulSizes });
  const exe = await WebGpuExecutor.load(p, src.data, gpu);
  let times: DispatchTimes;
  let whole: number;
  try {
    const inputs = syntheticInputs(p);
    await exe.run(inputs); // a full run with readback: inputs written, index checks raised
    whole = await runMs(exe, inputs, reps);
    times = await timeDispatches(exe, p, { reps });
  } finally {
    exe.dispose();
  }
  const after = await measureRoofline(gpu, { reps, matmulSizes: opts.matmulSizes });
  const roofline: Roofline = { ...bestOf(before, after), launchMs: times.launchMs, submitMs: times.submitMs };
  const flops = kernelFlops(p, src.graph);
  const totalMs = times.dispatchMs.reduce((x, y) => x + y, 0);
  const kernels = p.kernels.map((k, i): KernelProfile => {
    const ds = p.dispatches.flatMap((d, j) => (d.kernel === i ? [j] : []));
    const ms = ds.reduce((s, j) => s + times.dispatchMs[j], 0);
    const bytes = ds.reduce((s, j) => s + [...new Set(p.dispatches[j].bindings)].reduce((t, b) => t + p.buffers[b].bytes, 0), 0);
    const f = flops[i] * ds.length;
    const gflops = ms > 0 ? f / (ms * 1e6) : 0;
    const gbps = ms > 0 ? bytes / (ms * 1e6) : 0;
    const ofPeakFlops = gflops / roofline.matmulGflops;
    const ofCopyBandwidth = gbps / roofline.copyGBps;
    return {
      kernel: i,
      name: k.name,
      nodes: k.nodes,
      dispatches: ds.length,
      ms,
      share: totalMs > 0 ? ms / totalMs : 0,
      flops: f,
      bytes,
      gflops,
      gbps,
      ofPeakFlops,
      ofCopyBandwidth,
      bound: boundBy(ms, ds.length, ofCopyBandwidth, ofPeakFlops, roofline.launchMs),
    };
  });
  return { name: src.name, what: src.what, adapter: gpu.adapterName, method: times.method, reps, dispatches: p.dispatches.length, totalMs, runMs: whole, roofline, kernels };
}

/** Profiles an ONNX model (or its train step) or an artifact folder. */
export async function profilePath(path: string, opts: ProfileOptions = {}): Promise<Profile> {
  return profileProgram(await loadProfileSource(path, { train: opts.train, dims: opts.dims, bind: opts.bind }), opts);
}

const METHOD: Record<TimingMethod, string> = {
  'timestamp-query': 'timestamp queries, one compute pass per dispatch',
  replay: 'replay, one submit + onSubmittedWorkDone per dispatch, empty-submit time subtracted',
};

const fixed = (x: number, d: number) => x.toFixed(d);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The table: one row per kernel, then the totals, under a header with the timing method and roofline. */
export function formatProfile(p: Profile): string {
  const r = p.roofline;
  const head = ['kernel', 'disp', 'ms/run', 'share', 'MFLOP', 'MB', 'GFLOP/s', 'GB/s', '%peak', '%bw', 'bound by'];
  const rows = p.kernels.map((k) => [
    clip(`k${k.kernel} ${k.name}`, 48),
    String(k.dispatches),
    fixed(k.ms, 3),
    pct(k.share),
    fixed(k.flops / 1e6, 3),
    fixed(k.bytes / 1e6, 3),
    fixed(k.gflops, 2),
    fixed(k.gbps, 2),
    pct(k.ofPeakFlops),
    pct(k.ofCopyBandwidth),
    k.bound,
  ]);
  const flops = p.kernels.reduce((s, k) => s + k.flops, 0);
  const bytes = p.kernels.reduce((s, k) => s + k.bytes, 0);
  rows.push(['total', String(p.dispatches), fixed(p.totalMs, 3), pct(1), fixed(flops / 1e6, 3), fixed(bytes / 1e6, 3), fixed(flops / (p.totalMs * 1e6), 2), fixed(bytes / (p.totalMs * 1e6), 2), '', '', '']);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((s, c) => (c === 0 || c === cells.length - 1 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ').trimEnd();
  return [
    `${p.name} (${p.what}) on ${p.adapter}: ${p.kernels.length} kernels, ${p.dispatches} dispatches per run`,
    `timing: ${METHOD[p.method]}; median of ${p.reps}`,
    `roofline: copy ${fixed(r.copyGBps, 2)} GB/s (copyBufferToBuffer ${r.copyBytes >> 20} MiB, read + write), matmul ${fixed(r.matmulGflops, 2)} GFLOP/s (kiln MatMul ${r.matmulSize}^3, the best size), launch ${fixed(r.launchMs, 3)} ms per dispatch${p.method === 'replay' ? `, empty submit ${fixed(r.submitMs, 3)} ms (subtracted)` : ''}`,
    `sum of kernel times ${fixed(p.totalMs, 3)} ms; a whole run (one submit) takes ${fixed(p.runMs, 3)} ms`,
    '',
    line(head),
    ...rows.map(line),
  ].join('\n');
}

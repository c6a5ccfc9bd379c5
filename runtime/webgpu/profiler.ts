// Per-dispatch GPU time of a loaded program, for `kiln profile`. Two ways, picked by what the device offers:
//
// - timestamp queries (device feature `timestamp-query`): every dispatch in a compute pass of its own whose
//   beginning and end write timestamps; one submit per repetition; the GPU's own clock.
// - replay (no timestamps, e.g. lavapipe as kiln requests its device): every dispatch in a submit of its
//   own, timed on the host from submit to `queue.onSubmittedWorkDone()`. The median time of an empty submit
//   (a compute pass with no dispatch) is subtracted, so what remains is the dispatch itself.
//
// Both report, per dispatch, the median (or the minimum) over the repetitions, each of which replays the
// whole dispatch list in program order, so every kernel reads what its producers wrote; and the launch
// cost: the time of a no-op dispatch (one workgroup of an empty kernel) measured the same way. No dispatch
// is reported below that launch cost (nor below 1 µs). The replays write the program's buffers as a run
// does: a train step's parameters and optimizer state take more steps. Dispatches go through the
// executor's prepared pipelines and bind groups (WebGpuExecutor.withPrepared), in its run queue.
import { KilnError } from '../../ir/errors.ts';
import type { Program } from '../program.ts';
import type { CheckedDispatchState } from './check-finite.ts';
import type { WebGpuExecutor } from './executor.ts';

export type TimingMethod = 'timestamp-query' | 'replay';

export interface DispatchTimes {
  readonly method: TimingMethod;
  readonly reps: number;
  /** Milliseconds of each dispatch of the program (median over the repetitions). */
  readonly dispatchMs: readonly number[];
  /** Milliseconds of a no-op dispatch, the floor under every dispatch time. */
  readonly launchMs: number;
  /** Milliseconds of an empty submit (replay only; 0 with timestamps), already subtracted. */
  readonly submitMs: number;
}

/** Timer resolution assumed: no time is reported below it. */
const MIN_MS = 1e-3;

export function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Records one dispatch of the program into a compute pass. */
type Recorder = (pass: GPUComputePassEncoder) => void;

function recorders(p: Program, s: CheckedDispatchState): Recorder[] {
  return p.dispatches.map((d, i) => (pass) => {
    pass.setPipeline(s.pipelines[d.kernel]);
    pass.setBindGroup(0, s.bindGroups[i]);
    if (d.params) pass.setBindGroup(1, s.params!, [s.paramOffsets[i]]);
    pass.dispatchWorkgroups(...d.workgroups);
  });
}

/** A no-op dispatch: one workgroup of an empty kernel. */
async function noop(dev: GPUDevice): Promise<Recorder> {
  const module = dev.createShaderModule({ label: 'profile no-op', code: '@compute @workgroup_size(1) fn main() {}' });
  const pipeline = await dev.createComputePipelineAsync({ label: 'profile no-op', layout: 'auto', compute: { module, entryPoint: 'main' } });
  return (pass) => {
    pass.setPipeline(pipeline);
    pass.dispatchWorkgroups(1, 1, 1);
  };
}

/** Host milliseconds of one submit of `record` (in one compute pass; none: an empty pass) until the queue is done. */
async function submitMs(dev: GPUDevice, record?: Recorder): Promise<number> {
  const enc = dev.createCommandEncoder();
  const pass = enc.beginComputePass();
  record?.(pass);
  pass.end();
  const cmd = enc.finish();
  const t0 = performance.now();
  dev.queue.submit([cmd]);
  await dev.queue.onSubmittedWorkDone();
  return performance.now() - t0;
}

/** How repetitions become one time: the median (typical), or the minimum (the best the device did, for a ceiling). */
export type Statistic = 'median' | 'min';
const reduce = (stat: Statistic, xs: readonly number[]): number => (stat === 'min' ? Math.min(...xs) : median(xs));

async function replay(dev: GPUDevice, recs: readonly Recorder[], nop: Recorder, reps: number, stat: Statistic): Promise<DispatchTimes> {
  await submitMs(dev, nop); // the no-op pipeline's first-submit compile
  const empty: number[] = [];
  const nops: number[] = [];
  const raw = recs.map(() => [] as number[]);
  for (let r = 0; r < reps; r++) {
    for (let j = 0; j < 3; j++) empty.push(await submitMs(dev));
    for (let j = 0; j < 3; j++) nops.push(await submitMs(dev, nop));
    for (const [i, rec] of recs.entries()) raw[i].push(await submitMs(dev, rec));
  }
  const base = median(empty);
  const launchMs = Math.max(MIN_MS, median(nops) - base);
  return { method: 'replay', reps, submitMs: base, launchMs, dispatchMs: raw.map((t) => Math.max(launchMs, reduce(stat, t) - base)) };
}

async function timestamps(dev: GPUDevice, recs: readonly Recorder[], nop: Recorder, reps: number, stat: Statistic): Promise<DispatchTimes> {
  const all = [...recs, nop];
  const count = 2 * all.length;
  const querySet = dev.createQuerySet({ type: 'timestamp', count });
  const resolve = dev.createBuffer({ label: 'profile timestamps', size: count * 8, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const read = dev.createBuffer({ label: 'profile timestamps read', size: count * 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const ms = all.map(() => [] as number[]);
  try {
    for (let r = 0; r <= reps; r++) {
      const enc = dev.createCommandEncoder();
      all.forEach((rec, i) => {
        const pass = enc.beginComputePass({ timestampWrites: { querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 } });
        rec(pass);
        pass.end();
      });
      enc.resolveQuerySet(querySet, 0, count, resolve, 0);
      enc.copyBufferToBuffer(resolve, 0, read, 0, count * 8);
      dev.queue.submit([enc.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const t = new BigInt64Array(read.getMappedRange().slice(0));
      read.unmap();
      if (r === 0) continue; // the first repetition compiles the no-op pipeline
      all.forEach((_, i) => ms[i].push(Number(t[2 * i + 1] - t[2 * i]) / 1e6));
    }
  } finally {
    querySet.destroy();
    resolve.destroy();
    read.destroy();
  }
  const launchMs = Math.max(MIN_MS, median(ms[recs.length]));
  return { method: 'timestamp-query', reps, submitMs: 0, launchMs, dispatchMs: ms.slice(0, recs.length).map((t) => Math.max(launchMs, reduce(stat, t))) };
}

export interface TimeOptions {
  /** Repetitions of the whole dispatch list (default 5). */
  readonly reps?: number;
  /** Default 'auto': timestamp queries where the device has the feature, replay otherwise. */
  readonly method?: TimingMethod | 'auto';
  /** Of each dispatch's repetitions (default 'median'); the launch and submit costs are medians. */
  readonly statistic?: Statistic;
}

/** Times every dispatch of `program`, loaded in `exe` (whose inputs a run has already written). */
export function timeDispatches(exe: WebGpuExecutor, program: Program, opts: TimeOptions = {}): Promise<DispatchTimes> {
  const reps = opts.reps ?? 5;
  if (!(Number.isInteger(reps) && reps >= 1)) throw new KilnError('USAGE', `profile repetitions must be a positive integer, got ${reps}`);
  return exe.withPrepared(async (s) => {
    const dev = s.device;
    const has = dev.features.has('timestamp-query');
    const method = opts.method === undefined || opts.method === 'auto' ? (has ? 'timestamp-query' : 'replay') : opts.method;
    if (method === 'timestamp-query' && !has) throw new KilnError('BACKEND', "this WebGPU device was created without the 'timestamp-query' feature; time by replay instead");
    const recs = recorders(program, s);
    const nop = await noop(dev);
    dev.pushErrorScope('validation');
    let times: DispatchTimes | undefined;
    let failed: unknown;
    try {
      times = await (method === 'replay' ? replay(dev, recs, nop, reps, opts.statistic ?? 'median') : timestamps(dev, recs, nop, reps, opts.statistic ?? 'median'));
    } catch (e) {
      failed = e;
    }
    const err = await dev.popErrorScope();
    if (err) throw new KilnError('BACKEND', `profiling the dispatches failed validation: ${err.message}`);
    if (failed) throw failed;
    return times!;
  });
}

/**
 * Copy bandwidth of the device: a copyBufferToBuffer of `bytes` between two buffers, timed on the host from
 * submit to done (the fastest empty submit subtracted), the fastest of `reps` (a ceiling: the best the
 * device did). Bytes per second count the read and
 * the write (2 · bytes), as the kernels' bytes moved do.
 */
export async function copyBandwidth(dev: GPUDevice, bytes = 32 << 20, reps = 5): Promise<{ bytes: number; ms: number; gbPerS: number }> {
  const size = Math.min(bytes, dev.limits.maxBufferSize) & ~3;
  const src = dev.createBuffer({ label: 'profile copy src', size, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.STORAGE });
  const dst = dev.createBuffer({ label: 'profile copy dst', size, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.STORAGE });
  const copy = async () => {
    const enc = dev.createCommandEncoder();
    enc.copyBufferToBuffer(src, 0, dst, 0, size);
    const cmd = enc.finish();
    const t0 = performance.now();
    dev.queue.submit([cmd]);
    await dev.queue.onSubmittedWorkDone();
    return performance.now() - t0;
  };
  try {
    await copy(); // first touch of the pages
    const empty: number[] = [];
    const t: number[] = [];
    for (let r = 0; r < reps; r++) {
      empty.push(await submitMs(dev));
      t.push(await copy());
    }
    // Fastest copy less fastest empty submit: both best cases (a median of the empty submits, under load from
    // other processes, can exceed the fastest copy).
    const ms = Math.max(MIN_MS, Math.min(...t) - Math.min(...empty));
    return { bytes: size, ms, gbPerS: (2 * size) / (ms * 1e6) };
  } finally {
    src.destroy();
    dst.destroy();
  }
}

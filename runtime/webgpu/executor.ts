// The WebGPU executor: at load it creates every buffer (one per arena of the memory plan, one for each
// input, output, parameter, constant and state buffer), uploads parameters and constants once, compiles
// all pipelines in parallel (createComputePipelineAsync), prebuilds bind groups over {buffer, offset,
// size} ranges and creates the readback staging buffers; a run is one command encoder, one submit, and
// a readback of only the outputs asked for. Runs and readbacks are serialized (they share the staging
// buffers), so a caller may start a run before the previous one resolves. After a device loss, the next
// run rebuilds everything on a fresh device instead of failing forever. A run may carry a deadline
// (RunOptions.timeoutMs): past it the caller gets a KilnError while the GPU work finishes behind it. After
// dispose() (idempotent) every call is refused with a KilnError.
import { allocArray, type TypedArray } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { isPacked8, layoutProblem, paramsProblem, PROGRAM_VERSION, type Program, storageDType, widenToStorage } from '../program.ts';
import { deviceProblem, programProblem } from '../program-check.ts';
import { type CheckedDispatchState, dispatchChecked } from './check-finite.ts';
import { warmUp } from './warm-up.ts';
import { featuresNeeded, getGpu, type GpuContext } from './device.ts';
import { decodeHalves } from './half.ts';

export interface LoadOptions {
  /**
   * Buffers owned by another executor, by buffer name (e.g. parameters that several train programs share,
   * as a GAN's generator and discriminator steps). They are neither created, uploaded nor destroyed here.
   */
  readonly sharedBuffers?: ReadonlyMap<string, GPUBuffer>;
  /**
   * Force the drivers' deferred shader compile at load (default true): some drivers (Mesa lavapipe) JIT a
   * pipeline at its first submit, not at createComputePipelineAsync, which with a cold shader cache can
   * add seconds to tens of seconds to the first run. The warm-up dispatches every pipeline once, on
   * scratch buffers, and waits for it; the program's own buffers are never touched (see warmUp below).
   * Its time is stats.warmUpMs and it is not counted in stats.submits.
   */
  readonly warmUp?: boolean;
}

export interface RunOptions {
  /** Names of the outputs to read back (default: all). */
  readonly outputs?: readonly string[];
  /**
   * Watchdog: a run that has not resolved this many milliseconds after the call (waiting for earlier
   * runs included) rejects with a KilnError('BACKEND') instead of leaving the caller waiting. The GPU work
   * itself cannot be cancelled: it goes on, its results are dropped, and later runs start after it, so the
   * executor stays usable once the device catches up (a device that never does needs a reload).
   */
  readonly timeoutMs?: number;
  /**
   * Debugging: run the dispatches one submit at a time, read back every float output a kernel writes and
   * reject with KilnError('NUMERIC') naming the first kernel (and its source nodes) that wrote a NaN or
   * Inf. Slow (a readback per dispatch); off by default, and then costs nothing.
   */
  readonly checkFinite?: boolean;
}

/** Everything that lives on one device. */
interface DeviceState {
  device: GPUDevice;
  /** The GPU buffer of each program buffer (an arena for planned temps), and the offset there. */
  buffers: GPUBuffer[];
  offsets: number[];
  /** Buffers this executor created (and destroys): arenas, own buffers, staging buffers. */
  owned: GPUBuffer[];
  /** Whether some buffers belong to another executor. */
  shares: boolean;
  pipelines: GPUComputePipeline[];
  bindGroups: GPUBindGroup[];
  /** The bind group of the kernel parameters (group 1) and each dispatch's dynamic offset into it. */
  params?: GPUBindGroup;
  paramOffsets: number[];
  /** Readback staging buffer of each program output, and of buffers read by readBuffers (made on first use). */
  outStaging: GPUBuffer[];
  readStaging: Map<number, GPUBuffer>;
  lost?: string;
  /** Milliseconds the load's warm-up took. */
  warmUpMs: number;
}

export class WebGpuExecutor {
  /** Counts submits and readbacks, so tests can check a run is one submit. */
  readonly stats = {
    submits: 0,
    readbacks: 0,
    deviceRecreations: 0,
    /** Milliseconds the last load (or rebuild after a device loss) took, warm-up included. */
    loadMs: 0,
    /** Milliseconds of that load spent in the warm-up submit (0 when warmUp is false). */
    warmUpMs: 0,
  };

  /** The tail of the run queue: each run or readback starts when the previous one has settled. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  private constructor(
    private readonly program: Program,
    private readonly data: ReadonlyMap<number, TypedArray>,
    private state: DeviceState,
    private readonly opts: LoadOptions,
  ) {}

  static async load(program: Program, data: ReadonlyMap<number, TypedArray>, gpu?: GpuContext, opts: LoadOptions = {}): Promise<WebGpuExecutor> {
    if (program.version !== PROGRAM_VERSION) {
      throw new KilnError('BACKEND', `program format version ${program.version} is not supported (this runtime reads version ${PROGRAM_VERSION})`);
    }
    const schema = programProblem(program);
    if (schema) throw new KilnError('ARTIFACT', `program: ${schema}`);
    const problem = layoutProblem(program);
    if (problem) throw new KilnError('BACKEND', `program memory layout: ${problem}`);
    const bad = paramsProblem(program);
    if (bad) throw new KilnError('BACKEND', `program kernel parameters: ${bad}`);
    const t0 = performance.now();
    const state = await build(program, data, gpu, opts);
    const exe = new WebGpuExecutor(program, data, state, opts);
    exe.stats.loadMs = performance.now() - t0;
    exe.stats.warmUpMs = state.warmUpMs;
    return exe;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(disposedError());
    const live = () => (this.disposed ? Promise.reject(disposedError()) : work());
    const r = this.queue.then(live, live);
    this.queue = r.catch(() => undefined);
    return r;
  }

  /** The GPU buffer holding the named program buffer (to share parameters with another executor). */
  buffer(name: string): GPUBuffer {
    if (this.disposed) throw disposedError();
    const i = this.program.buffers.findIndex((b) => b.name === name);
    if (i < 0) throw new KilnError('USAGE', `no buffer named '${name}' in this program`);
    if (this.program.buffers[i].arena !== undefined) throw new KilnError('USAGE', `buffer '${name}' is a range of arena ${this.program.buffers[i].arena}, not a buffer of its own`);
    return this.state.buffers[i];
  }

  /**
   * The seam for tools that replay the run's dispatches themselves (runtime/webgpu/profiler.ts): runs
   * `work` on the prepared device state (buffers, pipelines, bind groups, kernel parameters) in this
   * executor's run queue, so it never interleaves with a run. `work` must not keep the state past its end.
   */
  withPrepared<T>(work: (state: CheckedDispatchState) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      if (this.state.lost !== undefined) throw new KilnError('BACKEND', `the GPU device was lost (${this.state.lost}); run the program once to re-create it`);
      return work(this.state);
    });
  }

  /** The device this executor currently runs on. */
  get device(): GPUDevice {
    return this.state.device;
  }

  run(inputs: ReadonlyMap<string, Tensor>, opts: RunOptions = {}): Promise<Map<string, Tensor>> {
    const ms = opts.timeoutMs;
    if (ms !== undefined && !(ms >= 0 && Number.isFinite(ms))) return Promise.reject(new KilnError('USAGE', `timeoutMs must be a finite number of milliseconds >= 0, got ${ms}`));
    const r = this.serial(() => this.runNow(inputs, opts));
    return ms === undefined ? r : withDeadline(r, ms);
  }

  private async runNow(inputs: ReadonlyMap<string, Tensor>, opts: RunOptions): Promise<Map<string, Tensor>> {
    if (this.state.lost !== undefined) {
      if (this.program.state.length > 0 || this.state.shares) {
        throw new KilnError('BACKEND', `the GPU device was lost (${this.state.lost}) and with it the trained state held there; load the program again from exported weights`);
      }
      const t0 = performance.now();
      this.state = await build(this.program, this.data, undefined, { warmUp: this.opts.warmUp });
      this.stats.loadMs = performance.now() - t0;
      this.stats.warmUpMs = this.state.warmUpMs;
      this.stats.deviceRecreations++;
    }
    const { program: p } = this;
    const { device: dev, buffers, pipelines, bindGroups, outStaging, params, paramOffsets } = this.state;
    for (const io of p.inputs) {
      const t = inputs.get(io.name);
      if (!t) throw new KilnError('INPUT', `missing input '${io.name}' (${io.dtype}[${io.shape}])`);
      if (t.dtype !== io.dtype || t.shape.length !== io.shape.length || t.shape.some((d, i) => d !== io.shape[i])) {
        throw new KilnError('INPUT', `input '${io.name}' must be ${io.dtype}[${io.shape}], got ${t.dtype}[${t.shape}]`);
      }
      // i8/u8 inputs go up as their bytes, four to a word, the last word zero-padded.
      const data = isPacked8(storageDType(t.dtype)) ? wholeWords(t.data, p.buffers[io.buffer].bytes) : toStorage(t);
      dev.queue.writeBuffer(buffers[io.buffer], 0, data.buffer, data.byteOffset, data.byteLength);
    }
    const wanted = p.outputs.map((o, k) => [o, k] as const).filter(([o]) => !opts.outputs || opts.outputs.includes(o.name));
    const checks = wanted.length > 0 ? p.checks : undefined;
    dev.pushErrorScope('out-of-memory');
    dev.pushErrorScope('validation');
    let numeric: KilnError | undefined;
    let failed: unknown;
    try {
      if (opts.checkFinite) numeric = await dispatchChecked(p, this.state, this.stats);
      const enc = dev.createCommandEncoder();
      if (!opts.checkFinite) {
        const pass = enc.beginComputePass();
        p.dispatches.forEach((d, i) => {
          pass.setPipeline(pipelines[d.kernel]);
          pass.setBindGroup(0, bindGroups[i]);
          if (d.params) pass.setBindGroup(1, params!, [paramOffsets[i]]);
          pass.dispatchWorkgroups(...d.workgroups);
        });
        pass.end();
      }
      if (!numeric) for (const [o, k] of wanted) this.copyOut(enc, o.buffer, outStaging[k]);
      // Index-check flags travel with the outputs; a run that reads nothing leaves them for the next read.
      if (!numeric && checks) this.copyOut(enc, checks.buffer, this.readStagingOf(checks.buffer));
      dev.queue.submit([enc.finish()]);
      this.stats.submits++;
    } catch (e) {
      failed = e;
    }
    // The scopes are popped whatever happened, so a failed run leaves none pushed for the next one.
    const [validation, oom] = [await dev.popErrorScope(), await dev.popErrorScope()];
    if (validation || oom) throw new KilnError('BACKEND', `run failed (${validation ? 'validation' : 'out of memory'}): ${(validation ?? oom)!.message}`);
    if (failed) throw this.state.lost !== undefined ? new KilnError('BACKEND', `the GPU device was lost during the run (${this.state.lost}); the next run re-creates it`) : failed;
    if (numeric) throw numeric;
    const out = new Map<string, Tensor>();
    const read = await this.mapAll([...wanted.map(([, k]) => outStaging[k]), ...(checks ? [this.readStagingOf(checks.buffer)] : [])]);
    wanted.forEach(([o], i) => out.set(o.name, fromStorage(read[i], o.dtype, o.shape)));
    if (checks) this.raiseFlags(checks, read[wanted.length]);
    return out;
  }

  /** The readback staging buffer of program buffer `i`, made on first use. */
  private readStagingOf(i: number): GPUBuffer {
    let s = this.state.readStaging.get(i);
    if (!s) this.state.readStaging.set(i, (s = this.stagingBuffer(this.program.buffers[i].bytes)));
    return s;
  }

  /** Raises the index checks that kernels flagged (and clears the flags, so the next run starts clean). */
  private raiseFlags(checks: NonNullable<Program['checks']>, bytes: Uint8Array): void {
    const flags = new Uint32Array(bytes.buffer, bytes.byteOffset, checks.sites.length);
    const hit = checks.sites.filter((_, k) => flags[k] !== 0);
    if (!hit.length) return;
    const zeros = new Uint32Array(this.program.buffers[checks.buffer].bytes / 4);
    this.state.device.queue.writeBuffer(this.state.buffers[checks.buffer], this.state.offsets[checks.buffer], zeros);
    throw new KilnError('INDEX', `an index or label was out of range in ${hit.join('; ')} (this run or an earlier one that read nothing back)`);
  }

  /** Records a copy of program buffer `i` (from its arena offset) into a staging buffer. */
  private copyOut(enc: GPUCommandEncoder, i: number, staging: GPUBuffer): void {
    enc.copyBufferToBuffer(this.state.buffers[i], this.state.offsets[i], staging, 0, this.program.buffers[i].bytes);
  }

  /** Maps the staging buffers, copies their bytes out and unmaps them for the next run. */
  private async mapAll(staging: readonly GPUBuffer[]): Promise<Uint8Array[]> {
    try {
      return await Promise.all(
        staging.map(async (s) => {
          await s.mapAsync(GPUMapMode.READ);
          const bytes = new Uint8Array(s.getMappedRange().slice(0));
          s.unmap();
          this.stats.readbacks++;
          return bytes;
        }),
      );
    } catch (e) {
      if (this.disposed) throw disposedError();
      staging.forEach((s) => s.mapState === 'mapped' && s.unmap());
      if (this.state.lost !== undefined) throw new KilnError('BACKEND', `the GPU device was lost during the run (${this.state.lost}); the next run re-creates it`);
      throw e;
    }
  }

  /** Reads buffers back by index (e.g. trained parameters, or temps from their arena), in one submit. */
  readBuffers(indices: readonly number[]): Promise<Tensor[]> {
    return this.serial(async () => {
      const { device: dev, readStaging } = this.state;
      const enc = dev.createCommandEncoder();
      const staging = indices.map((i) => {
        const b = this.program.buffers[i];
        if (!b) throw new KilnError('USAGE', `no buffer ${i} in this program (it has ${this.program.buffers.length})`);
        let s = readStaging.get(i);
        if (!s) readStaging.set(i, (s = this.stagingBuffer(b.bytes)));
        return s;
      });
      // A buffer asked for twice is copied and mapped once.
      const unique = [...new Set(indices)];
      unique.forEach((i) => this.copyOut(enc, i, readStaging.get(i)!));
      dev.queue.submit([enc.finish()]);
      this.stats.submits++;
      const bytes = await this.mapAll(unique.map((i) => readStaging.get(i)!));
      return staging.map((_, k) => {
        const b = this.program.buffers[indices[k]];
        const raw = bytes[unique.indexOf(indices[k])];
        // Weights stored as f16 (precision 'f16') read back as the f32 values they hold.
        if (b.dtype === 'f16') return { dtype: 'f32', shape: [...b.shape], data: decodeHalves(raw, b.shape.reduce((x, y) => x * y, 1)) };
        // Packed i8/u8 weights read back as their bytes.
        if (isPacked8(b.dtype)) return { dtype: b.dtype, shape: [...b.shape], data: allocArray(b.dtype, b.shape.reduce((x, y) => x * y, 1)).map((_, e) => (b.dtype === 'i8' ? (raw[e] << 24) >> 24 : raw[e])) };
        return fromStorage(raw, b.dtype, b.shape);
      });
    });
  }

  private stagingBuffer(size: number): GPUBuffer {
    const s = this.state.device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.state.owned.push(s);
    return s;
  }

  /** Frees the GPU buffers this executor created. Idempotent; every later call is refused with a KilnError. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.state.owned.forEach((b) => b.destroy());
    this.state.owned.length = 0;
    this.state.buffers.length = 0;
  }
}

const disposedError = () => new KilnError('USAGE', 'this WebGPU executor was disposed; load the program again to run it');

/** Rejects with a KilnError when `work` has not settled `ms` milliseconds from now. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KilnError('BACKEND', `the run exceeded ${ms} ms (timeoutMs) and was abandoned; its GPU work finishes in the background and later runs start after it`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Refuses a program this device cannot hold: planned alignment, arena and binding sizes. */
function checkLimits(program: Program, limits: GPUSupportedLimits): void {
  const maxBinding = limits.maxStorageBufferBindingSize;
  for (const [i, b] of program.buffers.entries()) {
    if (b.bytes > maxBinding) {
      const users = program.kernels.filter((_, k) => program.dispatches.some((d) => d.kernel === k && d.bindings.includes(i)));
      throw new KilnError('BACKEND', `buffer '${b.name}' needs ${b.bytes} bytes, over this device's maxStorageBufferBindingSize ${maxBinding} (kernels: ${users.map((k) => k.name).join(', ') || 'none'})`);
    }
  }
  const arenas = program.arenas ?? [];
  const align = program.limits?.minStorageBufferOffsetAlignment ?? 0;
  if (arenas.length && align % limits.minStorageBufferOffsetAlignment !== 0) {
    throw new KilnError('BACKEND', `the memory plan aligns offsets to ${align} bytes, which this device's minStorageBufferOffsetAlignment ${limits.minStorageBufferOffsetAlignment} does not divide; recompile for this device`);
  }
  arenas.forEach((a, k) => {
    const limit = Math.min(maxBinding, limits.maxBufferSize);
    if (a.bytes > limit) throw new KilnError('BACKEND', `arena ${k} needs ${a.bytes} bytes, over this device's ${maxBinding <= limits.maxBufferSize ? 'maxStorageBufferBindingSize' : 'maxBufferSize'} ${limit}`);
  });
  const over = deviceProblem(program, limits); // total bytes, workgroup counts and sizes
  if (over) throw new KilnError('BACKEND', `program: ${over}`);
}

/** Creates buffers, uploads data, compiles pipelines and bind groups on the given (or shared) device. */
async function build(program: Program, data: ReadonlyMap<number, TypedArray>, gpu?: GpuContext, opts: LoadOptions = {}): Promise<DeviceState> {
  const dev = (gpu ?? (await getGpu()))?.device;
  if (!dev) throw new KilnError('BACKEND', 'no WebGPU adapter is available');
  checkLimits(program, dev.limits);
  const missing = featuresNeeded(program.kernels.map((k) => k.wgsl)).filter((f) => !dev.features.has(f));
  if (missing.length) throw new KilnError('BACKEND', `the program was compiled for device features this device lacks: ${missing.join(', ')}; recompile without them`);
  const state: DeviceState = { device: dev, buffers: [], offsets: [], owned: [], shares: false, pipelines: [], bindGroups: [], paramOffsets: [], outStaging: [], readStaging: new Map(), warmUpMs: 0 };
  void dev.lost.then((info) => {
    state.lost = info.message || info.reason || 'unknown reason';
  });
  const destroy = () => state.owned.forEach((b) => b.destroy());
  // Refused before any error scope is pushed: a throw between push and pop would leave the scopes open
  // on the (shared) device and swallow its later errors.
  for (const b of program.buffers) {
    const shared = b.arena === undefined ? opts.sharedBuffers?.get(b.name) : undefined;
    if (shared && shared.size < b.bytes) throw new KilnError('BACKEND', `shared buffer '${b.name}' has ${shared.size} bytes, the program needs ${b.bytes}`);
  }
  dev.pushErrorScope('out-of-memory');
  dev.pushErrorScope('validation');
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  // Each allocation in an out-of-memory scope of its own, so that a failure names the buffer; the scopes
  // are popped as they are pushed and their answers awaited together below.
  const allocs: Promise<string | undefined>[] = [];
  const create = (label: string, size: number) => {
    dev.pushErrorScope('out-of-memory');
    const b = dev.createBuffer({ label, size, usage });
    allocs.push(dev.popErrorScope().then((e) => (e ? `'${label}' (${size} bytes): ${e.message}` : undefined)));
    state.owned.push(b);
    return b;
  };
  const arenas = (program.arenas ?? []).map((a, k) => create(`arena ${k}`, a.bytes));
  state.buffers = program.buffers.map((b) => {
    if (b.arena !== undefined) return arenas[b.arena];
    const shared = opts.sharedBuffers?.get(b.name);
    if (shared && shared.size >= b.bytes) {
      state.shares = true;
      return shared;
    }
    return create(b.name, b.bytes);
  });
  state.offsets = program.buffers.map((b) => b.offset ?? 0);
  for (const [i, raw] of data) {
    if (!state.owned.includes(state.buffers[i])) continue;
    const arr = isPacked8(program.buffers[i].dtype) ? wholeWords(raw, program.buffers[i].bytes) : raw;
    dev.queue.writeBuffer(state.buffers[i], state.offsets[i], arr.buffer, arr.byteOffset, arr.byteLength);
  }
  state.outStaging = program.outputs.map((o) => {
    const s = dev.createBuffer({ label: `read ${o.name}`, size: program.buffers[o.buffer].bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    state.owned.push(s);
    return s;
  });
  // Kernel parameters: every dispatch's values in one uniform buffer, each at an offset aligned for a
  // dynamic offset, read through one bind group whose window fits the largest kernel's parameters.
  const paramsLayout = dev.createBindGroupLayout({ entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true } }] });
  const window = Math.max(0, ...program.kernels.map((k) => paramBytes(k.params)));
  if (window) {
    const align = dev.limits.minUniformBufferOffsetAlignment;
    let end = 0;
    state.paramOffsets = program.dispatches.map((d) => {
      if (!d.params) return 0;
      const at = Math.ceil(end / align) * align;
      end = at + paramBytes(d.params.length);
      return at;
    });
    // A kernel with parameters may have no dispatch at all (an empty output): the window alone then.
    const values = new Int32Array((Math.max(0, ...state.paramOffsets) + window) / 4);
    program.dispatches.forEach((d, i) => d.params && values.set(d.params, state.paramOffsets[i] / 4));
    const buffer = dev.createBuffer({ label: 'kernel parameters', size: values.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    state.owned.push(buffer);
    dev.queue.writeBuffer(buffer, 0, values);
    state.params = dev.createBindGroup({ layout: paramsLayout, entries: [{ binding: 0, resource: { buffer, size: window } }] });
  }
  const failedAlloc = (await Promise.all(allocs)).find((m) => m !== undefined);
  if (failedAlloc) {
    const total = state.owned.reduce((n, b) => n + b.size, 0);
    await dev.popErrorScope();
    await dev.popErrorScope();
    destroy();
    throw new KilnError('BACKEND', `out of GPU memory allocating buffer ${failedAlloc} (the program's buffers need ${total} bytes in all)`);
  }
  try {
    state.pipelines = await Promise.all(program.kernels.map((k) => compileKernel(dev, k, paramsLayout)));
  } catch (e) {
    await dev.popErrorScope();
    await dev.popErrorScope();
    destroy();
    throw e;
  }
  state.bindGroups = program.dispatches.map((d) =>
    dev.createBindGroup({
      layout: state.pipelines[d.kernel].getBindGroupLayout(0),
      entries: d.bindings.map((b, i) => ({ binding: i, resource: { buffer: state.buffers[b], offset: state.offsets[b], size: program.buffers[b].bytes } })),
    }),
  );
  if (opts.warmUp ?? true) {
    const t0 = performance.now();
    try {
      await warmUp(program, state);
    } catch (e) {
      await dev.popErrorScope();
      await dev.popErrorScope();
      destroy();
      throw e;
    }
    state.warmUpMs = performance.now() - t0;
  }
  const [validation, oom] = [await dev.popErrorScope(), await dev.popErrorScope()];
  if (validation || oom) {
    destroy();
    throw new KilnError('BACKEND', `loading the program failed (${validation ? 'validation' : 'out of memory'}): ${(validation ?? oom)!.message}`);
  }
  return state;
}

/** Bytes of a kernel's parameter struct: its i32 slots in whole vec4s. */
const paramBytes = (n = 0): number => Math.ceil(n / 4) * 16;

async function compileKernel(dev: GPUDevice, k: Program['kernels'][number], paramsLayout: GPUBindGroupLayout): Promise<GPUComputePipeline> {
  const module = dev.createShaderModule({ label: k.name, code: k.wgsl });
  try {
    // An explicit layout: 'auto' would drop bindings a kernel never reads (e.g. a zero-size Concat input).
    const entries = k.bindings.map((access, binding): GPUBindGroupLayoutEntry => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: access === 'read' ? 'read-only-storage' : 'storage' },
    }));
    const groups = [dev.createBindGroupLayout({ entries }), ...(k.params ? [paramsLayout] : [])];
    const layout = dev.createPipelineLayout({ bindGroupLayouts: groups });
    return await dev.createComputePipelineAsync({ label: k.name, layout, compute: { module, entryPoint: k.entryPoint } });
  } catch (e) {
    const info = await module.getCompilationInfo();
    const msgs = info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ');
    throw new KilnError('BACKEND', `kernel '${k.name}' (nodes ${k.nodes.join(', ')}) failed to compile: ${msgs || (e as Error).message}`);
  }
}

const toStorage = widenToStorage;

/** The bytes of a packed 8-bit buffer's data, zero-padded to the buffer's whole words (writeBuffer needs multiples of 4). */
function wholeWords(data: TypedArray, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out.set(new Uint8Array(data.buffer, data.byteOffset, Math.min(data.byteLength, bytes)));
  return out;
}

function fromStorage(bytes: Uint8Array, dtype: Tensor['dtype'], shape: readonly number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = allocArray(dtype, n);
  const stored = storageDType(dtype);
  // Packed i8/u8: byte k of the little-endian words is element k (Int8Array sign-extends i8).
  const src = stored === 'i8' ? new Int8Array(bytes.buffer, bytes.byteOffset, n) : stored === 'u8' ? new Uint8Array(bytes.buffer, bytes.byteOffset, n) : stored === 'i32' ? new Int32Array(bytes.buffer, 0, n) : stored === 'u32' ? new Uint32Array(bytes.buffer, 0, n) : new Float32Array(bytes.buffer, 0, n);
  data.set(src);
  return { dtype, shape: [...shape], data };
}

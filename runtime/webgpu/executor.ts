// The WebGPU executor: at load it creates every buffer, uploads parameters and constants once, compiles
// all pipelines in parallel (createComputePipelineAsync) and prebuilds bind groups; a run is one command
// encoder, one submit, and a readback of only the outputs asked for. After a device loss, the next run
// rebuilds everything on a fresh device instead of failing forever.
import { allocArray, type TypedArray } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { PROGRAM_VERSION, type Program } from '../program.ts';
import { getGpu, type GpuContext } from './device.ts';

export interface LoadOptions {
  /**
   * Buffers owned by another executor, by buffer name (e.g. parameters that several train programs share,
   * as a GAN's generator and discriminator steps). They are neither created, uploaded nor destroyed here.
   */
  readonly sharedBuffers?: ReadonlyMap<string, GPUBuffer>;
}

export interface RunOptions {
  /** Names of the outputs to read back (default: all). */
  readonly outputs?: readonly string[];
}

/** Everything that lives on one device. */
interface DeviceState {
  device: GPUDevice;
  buffers: GPUBuffer[];
  /** Indices of buffers this executor created (and destroys). */
  owned: Set<number>;
  pipelines: GPUComputePipeline[];
  bindGroups: GPUBindGroup[];
  lost?: string;
}

export class WebGpuExecutor {
  /** Counts submits and readbacks, so tests can check a run is one submit. */
  readonly stats = { submits: 0, readbacks: 0, deviceRecreations: 0 };

  private constructor(
    private readonly program: Program,
    private readonly data: ReadonlyMap<number, TypedArray>,
    private state: DeviceState,
  ) {}

  static async load(program: Program, data: ReadonlyMap<number, TypedArray>, gpu?: GpuContext, opts: LoadOptions = {}): Promise<WebGpuExecutor> {
    if (program.version !== PROGRAM_VERSION) {
      throw new KilnError('BACKEND', `program format version ${program.version} is not supported (this runtime reads version ${PROGRAM_VERSION})`);
    }
    return new WebGpuExecutor(program, data, await build(program, data, gpu, opts));
  }

  /** The GPU buffer holding the named program buffer (to share parameters with another executor). */
  buffer(name: string): GPUBuffer {
    const i = this.program.buffers.findIndex((b) => b.name === name);
    if (i < 0) throw new KilnError('USAGE', `no buffer named '${name}' in this program`);
    return this.state.buffers[i];
  }

  /** The device this executor currently runs on. */
  get device(): GPUDevice {
    return this.state.device;
  }

  async run(inputs: ReadonlyMap<string, Tensor>, opts: RunOptions = {}): Promise<Map<string, Tensor>> {
    if (this.state.lost !== undefined) {
      if (this.program.state.length > 0 || this.state.owned.size < this.state.buffers.length) {
        throw new KilnError('BACKEND', `the GPU device was lost (${this.state.lost}) and with it the trained state held there; load the program again from exported weights`);
      }
      this.state = await build(this.program, this.data);
      this.stats.deviceRecreations++;
    }
    const { program: p } = this;
    const { device: dev, buffers, pipelines, bindGroups } = this.state;
    for (const io of p.inputs) {
      const t = inputs.get(io.name);
      if (!t) throw new KilnError('INPUT', `missing input '${io.name}' (${io.dtype}[${io.shape}])`);
      if (t.dtype !== io.dtype || t.shape.length !== io.shape.length || t.shape.some((d, i) => d !== io.shape[i])) {
        throw new KilnError('INPUT', `input '${io.name}' must be ${io.dtype}[${io.shape}], got ${t.dtype}[${t.shape}]`);
      }
      const data = toStorage(t);
      dev.queue.writeBuffer(buffers[io.buffer], 0, data.buffer, data.byteOffset, data.byteLength);
    }
    const wanted = opts.outputs ? p.outputs.filter((o) => opts.outputs!.includes(o.name)) : p.outputs;
    dev.pushErrorScope('out-of-memory');
    dev.pushErrorScope('validation');
    const enc = dev.createCommandEncoder();
    const pass = enc.beginComputePass();
    p.dispatches.forEach((d, i) => {
      pass.setPipeline(pipelines[d.kernel]);
      pass.setBindGroup(0, bindGroups[i]);
      pass.dispatchWorkgroups(...d.workgroups);
    });
    pass.end();
    const staging = wanted.map((o) => {
      const size = p.buffers[o.buffer].bytes;
      const s = dev.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      enc.copyBufferToBuffer(buffers[o.buffer], 0, s, 0, size);
      return s;
    });
    dev.queue.submit([enc.finish()]);
    this.stats.submits++;
    const [validation, oom] = [await dev.popErrorScope(), await dev.popErrorScope()];
    if (validation || oom) {
      staging.forEach((s) => s.destroy());
      throw new KilnError('BACKEND', `run failed (${validation ? 'validation' : 'out of memory'}): ${(validation ?? oom)!.message}`);
    }
    const out = new Map<string, Tensor>();
    try {
      await Promise.all(
        staging.map(async (s, i) => {
          await s.mapAsync(GPUMapMode.READ);
          const o = wanted[i];
          out.set(o.name, fromStorage(new Uint8Array(s.getMappedRange().slice(0)), o.dtype, o.shape));
          this.stats.readbacks++;
        }),
      );
    } catch (e) {
      if (this.state.lost !== undefined) throw new KilnError('BACKEND', `the GPU device was lost during the run (${this.state.lost}); the next run re-creates it`);
      throw e;
    } finally {
      staging.forEach((s) => s.destroy());
    }
    return out;
  }

  /** Reads buffers back by index (e.g. trained parameters), in one submit. */
  async readBuffers(indices: readonly number[]): Promise<Tensor[]> {
    const { device: dev, buffers } = this.state;
    const enc = dev.createCommandEncoder();
    const staging = indices.map((i) => {
      const s = dev.createBuffer({ size: this.program.buffers[i].bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      enc.copyBufferToBuffer(buffers[i], 0, s, 0, this.program.buffers[i].bytes);
      return s;
    });
    dev.queue.submit([enc.finish()]);
    this.stats.submits++;
    try {
      return await Promise.all(
        staging.map(async (s, k) => {
          await s.mapAsync(GPUMapMode.READ);
          const b = this.program.buffers[indices[k]];
          this.stats.readbacks++;
          return fromStorage(new Uint8Array(s.getMappedRange().slice(0)), b.dtype, b.shape);
        }),
      );
    } finally {
      staging.forEach((s) => s.destroy());
    }
  }

  dispose(): void {
    this.state.buffers.forEach((b, i) => this.state.owned.has(i) && b.destroy());
    this.state.buffers.length = 0;
  }
}

/** Creates buffers, uploads data, compiles pipelines and bind groups on the given (or shared) device. */
async function build(program: Program, data: ReadonlyMap<number, TypedArray>, gpu?: GpuContext, opts: LoadOptions = {}): Promise<DeviceState> {
  const dev = (gpu ?? (await getGpu()))?.device;
  if (!dev) throw new KilnError('BACKEND', 'no WebGPU adapter is available');
  const maxBinding = dev.limits.maxStorageBufferBindingSize;
  for (const b of program.buffers) {
    if (b.bytes > maxBinding) {
      const users = program.kernels.filter((_, k) => program.dispatches.some((d) => d.kernel === k && d.bindings.includes(program.buffers.indexOf(b))));
      throw new KilnError('BACKEND', `buffer '${b.name}' needs ${b.bytes} bytes, over this device's maxStorageBufferBindingSize ${maxBinding} (kernels: ${users.map((k) => k.name).join(', ') || 'none'})`);
    }
  }
  const state: DeviceState = { device: dev, buffers: [], owned: new Set(), pipelines: [], bindGroups: [] };
  void dev.lost.then((info) => {
    state.lost = info.message || info.reason || 'unknown reason';
  });
  dev.pushErrorScope('out-of-memory');
  dev.pushErrorScope('validation');
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  state.buffers = program.buffers.map((b, i) => {
    const shared = opts.sharedBuffers?.get(b.name);
    if (shared && shared.size >= b.bytes) return shared;
    if (shared) throw new KilnError('BACKEND', `shared buffer '${b.name}' has ${shared.size} bytes, the program needs ${b.bytes}`);
    state.owned.add(i);
    return dev.createBuffer({ label: b.name, size: b.bytes, usage });
  });
  for (const [i, arr] of data) if (state.owned.has(i)) dev.queue.writeBuffer(state.buffers[i], 0, arr.buffer, arr.byteOffset, arr.byteLength);
  try {
    state.pipelines = await Promise.all(program.kernels.map((k) => compileKernel(dev, k)));
  } catch (e) {
    await dev.popErrorScope();
    await dev.popErrorScope();
    state.buffers.forEach((b, i) => state.owned.has(i) && b.destroy());
    throw e;
  }
  state.bindGroups = program.dispatches.map((d) =>
    dev.createBindGroup({
      layout: state.pipelines[d.kernel].getBindGroupLayout(0),
      entries: d.bindings.map((b, i) => ({ binding: i, resource: { buffer: state.buffers[b] } })),
    }),
  );
  const [validation, oom] = [await dev.popErrorScope(), await dev.popErrorScope()];
  if (validation || oom) {
    state.buffers.forEach((b, i) => state.owned.has(i) && b.destroy());
    throw new KilnError('BACKEND', `loading the program failed (${validation ? 'validation' : 'out of memory'}): ${(validation ?? oom)!.message}`);
  }
  return state;
}

async function compileKernel(dev: GPUDevice, k: Program['kernels'][number]): Promise<GPUComputePipeline> {
  const module = dev.createShaderModule({ label: k.name, code: k.wgsl });
  try {
    // An explicit layout: 'auto' would drop bindings a kernel never reads (e.g. a zero-size Concat input).
    const entries = k.bindings.map((access, binding): GPUBindGroupLayoutEntry => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: access === 'read' ? 'read-only-storage' : 'storage' },
    }));
    const layout = dev.createPipelineLayout({ bindGroupLayouts: [dev.createBindGroupLayout({ entries })] });
    return await dev.createComputePipelineAsync({ label: k.name, layout, compute: { module, entryPoint: k.entryPoint } });
  } catch (e) {
    const info = await module.getCompilationInfo();
    const msgs = info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ');
    throw new KilnError('BACKEND', `kernel '${k.name}' (nodes ${k.nodes.join(', ')}) failed to compile: ${msgs || (e as Error).message}`);
  }
}

/** Widens a tensor to its GPU storage type (bool to u32). */
function toStorage(t: Tensor): TypedArray {
  if (t.dtype !== 'bool' && t.dtype !== 'f16') return t.data;
  return t.dtype === 'bool' ? Uint32Array.from(t.data) : Float32Array.from(t.data);
}

function fromStorage(bytes: Uint8Array, dtype: Tensor['dtype'], shape: readonly number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = allocArray(dtype, n);
  const src = dtype === 'i32' ? new Int32Array(bytes.buffer, 0, n) : dtype === 'u32' || dtype === 'bool' ? new Uint32Array(bytes.buffer, 0, n) : new Float32Array(bytes.buffer, 0, n);
  data.set(src);
  return { dtype, shape: [...shape], data };
}

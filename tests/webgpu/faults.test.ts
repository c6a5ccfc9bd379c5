// Fault injection (issue 8, item 7): a device destroyed in the middle of an inference run or of training,
// an allocation that runs out of memory, a buffer over the device's limits and a shader that fails
// validation each surface as a KilnError. Inference re-creates the device on the next run; a trainer
// rebuilds itself from the state it last read back (exportWeights) and says which steps were lost; after a
// failed load the device still loads and runs good programs.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { getGpu, type GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { batch, mlp, rand } from '../support/tiny-mlp.ts';

// A switch that makes the next compileForWebGpu emit a kernel that fails WGSL validation (the trainer
// compiles its own programs, so the fault is injected at the compiler's boundary).
const inject = vi.hoisted(() => ({ badShader: false }));
vi.mock('../../compiler/compile.ts', async (original) => {
  const m = await original<typeof import('../../compiler/compile.ts')>();
  return {
    ...m,
    compileForWebGpu: (...args: Parameters<typeof m.compileForWebGpu>) => {
      const r = m.compileForWebGpu(...args);
      if (!inject.badShader) return r;
      inject.badShader = false;
      const kernels = r.program.kernels.map((k, i) => (i === 0 ? { ...k, wgsl: `${k.wgsl}\nfn kiln_broken() -> f32 { return nosuchfn(1.0); }\n` } : k));
      return { ...r, program: { ...r.program, kernels } };
    },
  };
});

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

/** The current shared device: the device-loss tests destroy it, and getGpu() then makes a new one. */
const live = async () => (await getGpu())!;
const backendError = (re: RegExp) => (e: unknown) => e instanceof KilnError && e.code === 'BACKEND' && re.test(e.message);
const settle = () => new Promise((r) => setTimeout(r, 50));

function twoOutputs(): Graph {
  const g = new Graph('two');
  const x = g.addInput('x', { dtype: 'f32', shape: [5] });
  const w = g.addParam('w', tensor('f32', [5], [1, 2, 3, 4, 5]));
  const [h] = g.addNode('Mul', [x, w], {}, 'h');
  const [a] = g.addNode('Relu', [h], {}, 'a');
  const [b] = g.addNode('Neg', [a], {}, 'b');
  g.outputs = [a, b];
  return g;
}
const X = tensor('f32', [5], [-2, -1, 0, 1, 2]);
const A = [0, 0, 0, 4, 10];

const adam = { loss: { name: 'mse' as const }, optimizer: { type: 'adam' as const, lr: 0.05 } };
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.abs(b) + 1e-6;

describe('device loss', () => {
  it('inference: destroyed while a run is in flight, the run rejects with a KilnError and the next run recovers', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const exe = await WebGpuExecutor.load(program, data); // the shared device, which this test destroys
    expect(Array.from((await exe.run(new Map([['x', X]]))).get('a')!.data)).toEqual(A);
    const inFlight = exe.run(new Map([['x', X]]));
    const queued = exe.run(new Map([['x', X]]));
    exe.device.destroy();
    await expect(inFlight).rejects.toSatisfy(backendError(/device was lost during the run .*next run re-creates it/));
    // The run queued behind it either rebuilt the device already or failed with a KilnError: never a raw error.
    await queued.then((out) => expect(Array.from(out.get('a')!.data)).toEqual(A), (e: unknown) => expect(e).toBeInstanceOf(KilnError));
    const out = await exe.run(new Map([['x', X]]));
    expect(Array.from(out.get('a')!.data)).toEqual(A);
    expect(Array.from(out.get('b')!.data)).toEqual(A.map((v) => -v));
    expect(exe.stats.deviceRecreations).toBe(1);
    exe.dispose();
  });

  it('training: a step in flight rejects saying which steps were lost; the trainer resumes from its last export', async () => {
    if (!gpu) return;
    const t = await compileTraining(mlp(), { ...adam, backend: 'webgpu' });
    const cpu = await compileTraining(mlp(), { ...adam, backend: 'cpu' });
    for (let s = 0; s < 2; s++) {
      await t.step(batch(s));
      await cpu.step(batch(s));
    }
    const saved = await t.exportWeights(); // the sync point: step 2, optimizer moments included
    await t.step(batch(2));
    const inFlight = t.step(batch(3), { returnLoss: true });
    (await getGpu())!.device.destroy();
    await expect(inFlight).rejects.toSatisfy(backendError(/device was lost .* last 2 step\(s\), since step 2 .* rebuilt on a new device .* redo those steps/));
    // Rebuilt from the export: the same parameters, and the same next step as a trainer that never lost any.
    const after = await t.exportWeights();
    for (const [name, w] of saved) expect(Array.from(after.get(name)!.data), name).toEqual(Array.from(w.data));
    const [lg, lc] = [await t.step(batch(2), { returnLoss: true }), await cpu.step(batch(2), { returnLoss: true })];
    expect(close(lg!, lc!), `${lg} vs ${lc}`).toBe(true);
    expect(t.gpuStats).toMatchObject({ deviceRecreations: 1 });
    // evaluate() runs on the new device too.
    expect((await t.evaluate(batch(0).inputs))[0].shape).toEqual([4, 2]);
    t.dispose();
  });

  it('training: a loss between steps (no readback) is reported by the next call, which rebuilds from the start state', async () => {
    if (!gpu) return;
    const t = await compileTraining(mlp(), { ...adam, backend: 'webgpu' });
    const fresh = await compileTraining(mlp(), { ...adam, backend: 'cpu' });
    await t.step(batch(0));
    expect(await t.step(batch(1))).toBeUndefined();
    (await getGpu())!.device.destroy();
    await settle();
    await expect(t.step(batch(2))).rejects.toSatisfy(backendError(/last 2 step\(s\), since step 0 \(the last exportWeights, or the start\)/));
    // Never exported: it starts over from the compiled parameters (and zero optimizer state).
    const [lg, lc] = [await t.step(batch(0), { returnLoss: true }), await fresh.step(batch(0), { returnLoss: true })];
    expect(close(lg!, lc!), `${lg} vs ${lc}`).toBe(true);
    t.dispose();
  });

  it('training: weights set since the last export survive a rebuild', async () => {
    if (!gpu) return;
    const t = await compileTraining(mlp(), { ...adam, backend: 'webgpu' });
    await t.step(batch(0));
    const b1 = tensor('f32', [5], [1, 2, 3, 4, 5]);
    await t.setWeights(new Map([['b1', b1]]));
    (await getGpu())!.device.destroy();
    await settle();
    await expect(t.exportWeights()).rejects.toSatisfy(backendError(/device was lost/));
    expect(Array.from((await t.exportWeights()).get('b1')!.data)).toEqual([1, 2, 3, 4, 5]);
    t.dispose();
  });
});

describe('out of memory and device limits', () => {
  it('a buffer over the device limits is refused at load, naming the buffer', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const limit = gpu.device.limits.maxStorageBufferBindingSize;
    const huge = { ...program, buffers: program.buffers.map((b) => (b.name === 'w' ? { ...b, bytes: limit + 4 } : b)) };
    await expect(WebGpuExecutor.load(huge, data, await live())).rejects.toSatisfy((e: unknown) => e instanceof KilnError && /'w'/.test(e.message));
  });

  it('an allocation that runs out of memory is a KilnError naming the buffer; the device stays usable', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const real = await live();
    const oomDevice = failingAllocation(real.device, 'w');
    await expect(WebGpuExecutor.load(program, data, { ...real, device: oomDevice })).rejects.toSatisfy(
      backendError(/out of GPU memory allocating buffer 'w' \(20 bytes\): .*injected/),
    );
    // No error scope is left pushed and nothing leaked into the next load on the same device.
    const exe = await WebGpuExecutor.load(program, data, real);
    expect(Array.from((await exe.run(new Map([['x', X]]))).get('a')!.data)).toEqual(A);
    exe.dispose();
  });
});

describe('refused loads leave the device clean', () => {
  it('a shared buffer too small for the program is refused before any error scope opens', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const dev = (await live()).device;
    const small = dev.createBuffer({ size: 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
    await expect(WebGpuExecutor.load(program, data, await live(), { sharedBuffers: new Map([['w', small]]) })).rejects.toSatisfy(backendError(/shared buffer 'w' has 4 bytes, the program needs 20/));
    // A validation error on the device is still uncaptured by any scope the refused load left open.
    const uncaptured = new Promise<boolean>((resolve) => {
      dev.addEventListener('uncapturederror', () => resolve(true), { once: true });
      setTimeout(() => resolve(false), 500);
    });
    dev.createBuffer({ size: 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.MAP_WRITE });
    expect(await uncaptured).toBe(true);
    small.destroy();
  });
});

describe('shaders that fail validation', () => {
  it('executor: the load names the kernel, and the device then loads and runs the good program', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const broken = { ...program, kernels: program.kernels.map((k, i) => (i === 0 ? { ...k, wgsl: `${k.wgsl}\nfn kiln_broken() -> f32 { return nosuchfn(1.0); }\n` } : k)) };
    await expect(WebGpuExecutor.load(broken, data, await live())).rejects.toSatisfy(backendError(new RegExp(`kernel '${program.kernels[0].name}' \\(nodes [^)]+\\) failed to compile`)));
    const exe = await WebGpuExecutor.load(program, data, await live());
    expect(Array.from((await exe.run(new Map([['x', X]]))).get('a')!.data)).toEqual(A);
    exe.dispose();
  });

  it('trainer: compileTraining rejects naming the train kernel; a good trainer compiles after it', async () => {
    if (!gpu) return;
    inject.badShader = true;
    await expect(compileTraining(mlp(), { ...adam, backend: 'webgpu' })).rejects.toSatisfy(backendError(/kernel '[^']+' \(nodes [^)]+\) failed to compile/));
    expect(inject.badShader).toBe(false);
    const t = await compileTraining(mlp(), { ...adam, backend: 'webgpu' });
    expect(Number.isFinite(await t.step(batch(0), { returnLoss: true }))).toBe(true);
    t.dispose();
  });
});

/**
 * The device with an out-of-memory error injected into the allocation of the buffer labelled `label`:
 * the innermost out-of-memory error scope open at that createBuffer reports it, as Dawn does.
 */
function failingAllocation(device: GPUDevice, label: string): GPUDevice {
  const scopes: { filter: GPUErrorFilter; failed: boolean }[] = [];
  return new Proxy(device, {
    get(target, prop) {
      if (prop === 'pushErrorScope') {
        return (filter: GPUErrorFilter) => {
          scopes.push({ filter, failed: false });
          target.pushErrorScope(filter);
        };
      }
      if (prop === 'popErrorScope') {
        return async () => {
          const scope = scopes.pop();
          const real = await target.popErrorScope();
          return scope?.failed ? { message: `injected: not enough memory for buffer '${label}'` } : real;
        };
      }
      if (prop === 'createBuffer') {
        return (desc: GPUBufferDescriptor) => {
          if (desc.label === label) {
            const scope = [...scopes].reverse().find((s) => s.filter === 'out-of-memory');
            if (scope) scope.failed = true;
          }
          return target.createBuffer(desc);
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

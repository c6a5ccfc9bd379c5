// The WebGPU executor's contract: one submit per run, readback of only the requested outputs, clear
// KilnErrors for bad kernels, oversized buffers and foreign program versions, and recovery after a
// device loss.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { Graph } from '../../ir/graph.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

function twoOutputs(): Graph {
  const g = new Graph('two');
  const x = g.addInput('x', { dtype: 'f32', shape: [5] });
  const [a] = g.addNode('Relu', [x], {}, 'a');
  const [b] = g.addNode('Neg', [a], {}, 'b');
  g.outputs = [a, b];
  return g;
}

const X = tensor('f32', [5], [-2, -1, 0, 1, 2]);

describe('WebGPU executor', () => {
  it('runs in one submit and reads back only the requested outputs', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const exe = await WebGpuExecutor.load(program, data, gpu);
    const out = await exe.run(new Map([['x', X]]), { outputs: ['b'] });
    expect([...out.keys()]).toEqual(['b']);
    expect(Array.from(out.get('b')!.data)).toEqual([-0, -0, -0, -1, -2]);
    expect(exe.stats).toMatchObject({ submits: 1, readbacks: 1 });
    await exe.run(new Map([['x', X]]));
    expect(exe.stats).toMatchObject({ submits: 2, readbacks: 3 });
    exe.dispose();
  });

  it('names the kernel whose WGSL does not compile', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const broken = { ...program, kernels: program.kernels.map((k, i) => (i === 0 ? { ...k, wgsl: `${k.wgsl}\nfn kiln_broken() -> f32 { return nosuchfn(1.0); }\n` } : k)) };
    const first = program.kernels[0];
    expect(first.nodes).toContain('a');
    await expect(WebGpuExecutor.load(broken, data, gpu)).rejects.toThrowError(new RegExp(`kernel '${first.name}' \\(nodes [^)]*\\ba\\b[^)]*\\) failed to compile`));
  });

  it('refuses buffers over maxStorageBufferBindingSize and other program versions', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const limit = gpu.device.limits.maxStorageBufferBindingSize;
    const huge = { ...program, buffers: program.buffers.map((b, i) => (i === 0 ? { ...b, bytes: limit + 4 } : b)) };
    await expect(WebGpuExecutor.load(huge, data, gpu)).rejects.toThrowError(/buffer 'x' needs .* over this device's maxStorageBufferBindingSize/);
    await expect(WebGpuExecutor.load({ ...program, version: 999 }, data, gpu)).rejects.toThrow(KilnError);
  });

  it('rejects wrong input shapes with a KilnError', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const exe = await WebGpuExecutor.load(program, data, gpu);
    await expect(exe.run(new Map([['x', tensor('f32', [4])]]))).rejects.toThrowError(/input 'x' must be f32\[5\], got f32\[4\]/);
    exe.dispose();
  });

  it('re-creates the device on the next run after a device loss', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(twoOutputs());
    const exe = await WebGpuExecutor.load(program, data);
    exe.device.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const out = await exe.run(new Map([['x', X]]));
    expect(Array.from(out.get('a')!.data)).toEqual([0, 0, 0, 1, 2]);
    expect(exe.stats.deviceRecreations).toBe(1);
    exe.dispose();
  });
});

// Lifetime and watchdog of the WebGPU executor and of what wraps it: dispose() is idempotent and a
// disposed executor, artifact session or trainer refuses every call with a KilnError (not a raw Dawn
// TypeError); RunOptions.timeoutMs rejects a run whose GPU work outlives the deadline, and the executor
// still runs correctly afterwards.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArtifact } from '../../compiler/artifact/write.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { loadArtifact } from '../../runtime/artifact.ts';
import { PROGRAM_VERSION, type Program } from '../../runtime/program.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

function relu(): Graph {
  const g = new Graph('relu');
  const x = g.addInput('x', { dtype: 'f32', shape: [5] });
  const w = g.addParam('w', tensor('f32', [5], [1, 2, 3, 4, 5]));
  const [h] = g.addNode('Mul', [x, w], {}, 'h');
  const [y] = g.addNode('Relu', [h], {}, 'y');
  g.outputs = [y];
  return g;
}

const X = tensor('f32', [5], [-2, -1, 0, 1, 2]);
const disposed = (e: unknown) => e instanceof KilnError && e.code === 'USAGE' && /disposed/.test(e.message);

describe('dispose', () => {
  it('executor: a second dispose is a no-op; run, readBuffers and buffer are refused with a KilnError', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(relu());
    const exe = await WebGpuExecutor.load(program, data, gpu);
    expect(Array.from((await exe.run(new Map([['x', X]]))).get('y')!.data)).toEqual([0, 0, 0, 4, 10]);
    exe.dispose();
    expect(() => exe.dispose()).not.toThrow();
    await expect(exe.run(new Map([['x', X]]))).rejects.toSatisfy(disposed);
    await expect(exe.readBuffers([0])).rejects.toSatisfy(disposed);
    expect(() => exe.buffer('w')).toThrow(/executor was disposed/);
    try {
      exe.buffer('w');
    } catch (e) {
      expect(disposed(e)).toBe(true);
    }
  });

  it('executor: runs queued before dispose() are refused, not run on destroyed buffers', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(relu());
    const exe = await WebGpuExecutor.load(program, data, gpu);
    const queued = [exe.run(new Map([['x', X]])), exe.readBuffers([1])];
    exe.dispose();
    for (const p of queued) await expect(p).rejects.toSatisfy(disposed);
  });

  it('artifact session: idempotent dispose, run after dispose refused; timeoutMs reaches the executor', async () => {
    if (!gpu) return;
    const { manifest, weights } = buildArtifact(relu());
    const session = await (await loadArtifact({ manifest, weights })).createSession(gpu);
    const x = new Float32Array([-2, -1, 0, 1, 2]);
    expect(Array.from((await session.run({ x }, { timeoutMs: 60_000 })).y)).toEqual([0, 0, 0, 4, 10]);
    await expect(session.run({ x }, { timeoutMs: -1 })).rejects.toThrow(/\[USAGE\] timeoutMs must be/);
    session.dispose();
    session.dispose();
    await expect(session.run({ x })).rejects.toSatisfy(disposed);
    expect(() => session.executor.buffer('w')).toThrow(KilnError);
  });

  it('trainer (CPU and WebGPU): idempotent dispose; step, evaluate and exportWeights refused after it', async () => {
    for (const backend of gpu ? (['cpu', 'webgpu'] as const) : (['cpu'] as const)) {
      const trainer = await compileTraining(relu(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, backend });
      const batch = { inputs: { x: X }, target: tensor('f32', [5], [0, 0, 0, 1, 1]) };
      expect(await trainer.step(batch, { returnLoss: true })).toBeGreaterThan(0);
      trainer.dispose();
      expect(() => trainer.dispose()).not.toThrow();
      await expect(trainer.step(batch)).rejects.toSatisfy(disposed);
      await expect(trainer.evaluate({ x: X })).rejects.toSatisfy(disposed);
      await expect(trainer.exportWeights()).rejects.toSatisfy(disposed);
      await expect(trainer.setWeights(new Map([['w', X]]))).rejects.toSatisfy(disposed);
    }
  });
});

/**
 * A hand-written program of one kernel that loops 1024 x[4] times per element (y[i] starts at x[i]); the loop
 * count is a run-time input, so no shader compiler can fold it, and one program is fast or slow at will.
 */
function slowProgram(): Program {
  const wgsl = `@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
@compute @workgroup_size(4)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= 4u) { return; }
  let n = u32(in0[4]) * 1024u;
  var acc = in0[i];
  for (var k = 0u; k < n; k++) {
    acc = fma(acc, 0.999999, in0[(k + i) % 4u] * 1e-6);
  }
  out0[i] = acc;
}
`;
  const f32 = (name: string, role: 'input' | 'output', n: number) => ({ name, role, dtype: 'f32' as const, shape: [n], bytes: 4 * n });
  return {
    version: PROGRAM_VERSION,
    inputs: [{ name: 'x', buffer: 0, dtype: 'f32', shape: [5] }],
    outputs: [{ name: 'y', buffer: 1, dtype: 'f32', shape: [4] }],
    buffers: [f32('x', 'input', 5), f32('y', 'output', 4)],
    kernels: [{ name: 'slow', wgsl, entryPoint: 'main', workgroupSize: 4, bindings: ['read_write', 'read_write'], nodes: ['slow'], outputs: 1 }],
    dispatches: [{ kernel: 0, bindings: [0, 1], workgroups: [1, 1, 1] }],
    state: [],
    arenas: [],
  } as unknown as Program;
}

const withLoops = (n: number) => new Map([['x', tensor('f32', [5], [1, 2, 3, 4, n])]]);

describe('watchdog (RunOptions.timeoutMs)', () => {
  it('a run whose kernel outlives the deadline rejects with a BACKEND KilnError; the next run is correct', async () => {
    if (!gpu) return;
    const exe = await WebGpuExecutor.load(slowProgram(), new Map(), gpu);
    try {
      expect(Array.from((await exe.run(withLoops(0), { timeoutMs: 60_000 })).get('y')!.data)).toEqual([1, 2, 3, 4]);
      // Calibrate: how long do 500 Ki loop steps take here? Then ask for about 1.5 s of work.
      let t = performance.now();
      await exe.run(withLoops(500));
      const perStep = Math.max((performance.now() - t) / 500, 1e-4); // ms per 1024 steps
      const steps = Math.min(Math.round(1500 / perStep), 16_000_000);
      t = performance.now();
      const slow = exe.run(withLoops(steps), { timeoutMs: 100 });
      const err = await slow.then(() => undefined, (e: unknown) => e);
      const waited = performance.now() - t;
      expect(err).toBeInstanceOf(KilnError);
      expect((err as KilnError).code).toBe('BACKEND');
      expect((err as KilnError).message).toMatch(/exceeded 100 ms/);
      expect(waited).toBeLessThan(1000); // the caller did not wait for the GPU
      // The executor is still usable: the next run waits for the abandoned work, then runs normally.
      const next = await exe.run(withLoops(0));
      expect(Array.from(next.get('y')!.data)).toEqual([1, 2, 3, 4]);
      const slowTook = performance.now() - t;
      expect(slowTook).toBeGreaterThan(400); // the GPU work really did outlive the deadline: it queued behind the slow run
      // A run queued behind slow work also gets its deadline from the call, not from when it starts.
      const behind = exe.run(withLoops(steps));
      await expect(exe.run(withLoops(0), { timeoutMs: 50 })).rejects.toThrow(/\[BACKEND\] the run exceeded 50 ms/);
      await behind;
    } finally {
      exe.dispose();
    }
  }, 30_000);

  it('refuses a negative or non-finite timeoutMs with a USAGE KilnError', async () => {
    if (!gpu) return;
    const exe = await WebGpuExecutor.load(slowProgram(), new Map(), gpu);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(exe.run(withLoops(0), { timeoutMs: bad })).rejects.toThrow(/\[USAGE\] timeoutMs must be/);
    }
    expect(Array.from((await exe.run(withLoops(3), { timeoutMs: 60_000 })).get('y')!.data).every(Number.isFinite)).toBe(true);
    exe.dispose();
  });
});

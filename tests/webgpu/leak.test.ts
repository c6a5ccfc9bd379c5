// Leak test: a counting wrapper over the shared GPUDevice (createBuffer/destroy, bind groups, pipelines,
// command encoders) checks that 10,000 inference runs with readback and 1,000 WebGPU train steps create
// no GPU buffer, bind group or pipeline after warm-up, that the live-buffer count returns to the same
// number, and that the JS heap stays flat (measured after a forced GC; --expose-gc is switched on at run
// time through v8.setFlagsFromString, so no vitest flag is needed). KILN_LEAK_RUNS / KILN_LEAK_STEPS scale
// the counts (defaults 10,000 and 1,000).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';

const RUNS = Number(process.env.KILN_LEAK_RUNS ?? 10_000);
const STEPS = Number(process.env.KILN_LEAK_STEPS ?? 1_000);
/** Heap growth allowed between warm-up and the end, after a full GC (the JIT and vitest keep some). */
const HEAP_SLACK = 8 * 2 ** 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Counts what the device creates; buffers are live from createBuffer until destroy(). */
interface Counts { buffersCreated: number; buffersDestroyed: number; bindGroups: number; pipelines: number; encoders: number }
function countDevice(device: GPUDevice): { counts: Counts; live: () => number; restore: () => void } {
  const counts: Counts = { buffersCreated: 0, buffersDestroyed: 0, bindGroups: 0, pipelines: 0, encoders: 0 };
  const live = new Set<GPUBuffer>();
  const d = device as unknown as Record<string, unknown>;
  const saved = ['createBuffer', 'createBindGroup', 'createComputePipeline', 'createComputePipelineAsync', 'createCommandEncoder'].map((k) => [k, d[k]] as const);
  const orig = Object.fromEntries(saved) as Record<string, (...a: unknown[]) => unknown>;
  d.createBuffer = (desc: GPUBufferDescriptor) => {
    const b = orig.createBuffer.call(device, desc) as GPUBuffer;
    counts.buffersCreated++;
    live.add(b);
    const destroy = b.destroy.bind(b);
    (b as { destroy: () => void }).destroy = () => {
      if (live.delete(b)) counts.buffersDestroyed++;
      destroy();
    };
    return b;
  };
  d.createBindGroup = (desc: GPUBindGroupDescriptor) => (counts.bindGroups++, orig.createBindGroup.call(device, desc));
  d.createComputePipeline = (desc: GPUComputePipelineDescriptor) => (counts.pipelines++, orig.createComputePipeline.call(device, desc));
  d.createComputePipelineAsync = (desc: GPUComputePipelineDescriptor) => (counts.pipelines++, orig.createComputePipelineAsync.call(device, desc));
  d.createCommandEncoder = (desc?: GPUCommandEncoderDescriptor) => (counts.encoders++, orig.createCommandEncoder.call(device, desc));
  return {
    counts,
    live: () => live.size,
    restore: () => saved.forEach(([k, f]) => (d[k] = f)),
  };
}

function heap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** y = relu(x W1 + b1) W2 + b2: 8 -> 16 -> 4, batch 4. */
function mlp(): Graph {
  const g = new Graph('mlp');
  const x = g.addInput('x', { dtype: 'f32', shape: [4, 8] });
  const fill = (n: number, s: number) => Array.from({ length: n }, (_, i) => Math.sin(i * s) * 0.3);
  const w1 = g.addParam('w1', tensor('f32', [8, 16], fill(128, 1.3)));
  const b1 = g.addParam('b1', tensor('f32', [16], fill(16, 0.7)));
  const w2 = g.addParam('w2', tensor('f32', [16, 4], fill(64, 2.1)));
  const b2 = g.addParam('b2', tensor('f32', [4], fill(4, 0.4)));
  const [h0] = g.addNode('MatMul', [x, w1], {}, 'h0');
  const [h1] = g.addNode('Add', [h0, b1], {}, 'h1');
  const [h] = g.addNode('Relu', [h1], {}, 'h');
  const [y0] = g.addNode('MatMul', [h, w2], {}, 'y0');
  const [y] = g.addNode('Add', [y0, b2], {}, 'y');
  g.outputs = [y];
  return g;
}

const X = tensor('f32', [4, 8], Array.from({ length: 32 }, (_, i) => (i % 7) - 3));
const T = tensor('f32', [4, 4], Array.from({ length: 16 }, (_, i) => (i % 3) - 1));

let gpu: GpuContext | undefined;
let counter: ReturnType<typeof countDevice> | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
  if (gpu) counter = countDevice(gpu.device);
});
afterAll(() => counter?.restore());

describe('GPU resources and heap stay flat', () => {
  it('the counting wrapper sees a buffer until it is destroyed', () => {
    if (!gpu || !counter) return;
    const n = counter.live();
    const b = gpu.device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE });
    expect(counter.live()).toBe(n + 1);
    b.destroy();
    b.destroy();
    expect(counter.live()).toBe(n);
  });

  it(`${RUNS} inference runs with readback`, async () => {
    if (!gpu || !counter) return;
    const { counts, live } = counter;
    const liveBefore = live();
    const { program, data } = compileForWebGpu(mlp());
    const exe = await WebGpuExecutor.load(program, data, gpu);
    const inputs = new Map([['x', X]]);
    const first = Array.from((await exe.run(inputs)).get('y')!.data);
    const warm = Math.min(100, RUNS);
    for (let i = 1; i < warm; i++) await exe.run(inputs);
    const at = { ...counts, live: live(), heap: heap() };
    const t0 = performance.now();
    let last: number[] = [];
    for (let i = warm; i < RUNS; i++) {
      const out = await exe.run(inputs);
      if (i === RUNS - 1) last = Array.from(out.get('y')!.data);
    }
    const ms = performance.now() - t0;
    const end = { ...counts, live: live(), heap: heap() };
    console.log(`leak: ${RUNS} runs in ${(ms / 1000).toFixed(1)} s after warm-up; live buffers ${at.live} -> ${end.live}; heap ${(at.heap / 2 ** 20).toFixed(1)} -> ${(end.heap / 2 ** 20).toFixed(1)} MiB`);
    expect(last).toEqual(first);
    expect(end.live).toBe(at.live);
    expect(end.buffersCreated - at.buffersCreated).toBe(0);
    expect(end.bindGroups - at.bindGroups).toBe(0);
    expect(end.pipelines - at.pipelines).toBe(0);
    expect(end.encoders - at.encoders).toBe(RUNS - warm); // one command encoder per run, nothing more
    expect(end.heap - at.heap).toBeLessThan(HEAP_SLACK);
    exe.dispose();
    expect(live()).toBe(liveBefore);
  });

  it(`${STEPS} train steps (backend webgpu)`, async () => {
    if (!gpu || !counter) return;
    const { counts, live } = counter;
    const liveBefore = live();
    const created = counts.buffersCreated;
    const trainer = await compileTraining(mlp(), { loss: { name: 'mse' }, optimizer: { type: 'adam', lr: 0.01 }, backend: 'webgpu' });
    expect(counts.buffersCreated).toBeGreaterThan(created); // the trainer's device is the counted one
    const batch = { inputs: { x: X }, target: T };
    const loss0 = (await trainer.step(batch, { returnLoss: true }))!;
    const warm = Math.min(50, STEPS);
    for (let i = 1; i < warm; i++) await trainer.step(batch, { returnLoss: i % 10 === 0 });
    await trainer.evaluate({ x: X }); // the eval program is built once, on first use
    const at = { ...counts, live: live(), heap: heap() };
    const t0 = performance.now();
    let loss = loss0;
    for (let i = warm; i < STEPS; i++) {
      const r = await trainer.step(batch, { returnLoss: i % 10 === 0 || i === STEPS - 1 });
      if (r !== undefined) loss = r;
      if (i % 100 === 0) await trainer.evaluate({ x: X });
    }
    const ms = performance.now() - t0;
    const end = { ...counts, live: live(), heap: heap() };
    console.log(`leak: ${STEPS} train steps in ${(ms / 1000).toFixed(1)} s after warm-up; loss ${loss0.toFixed(4)} -> ${loss.toFixed(4)}; live buffers ${at.live} -> ${end.live}; heap ${(at.heap / 2 ** 20).toFixed(1)} -> ${(end.heap / 2 ** 20).toFixed(1)} MiB`);
    expect(loss).toBeLessThan(loss0);
    expect(end.live).toBe(at.live);
    expect(end.buffersCreated - at.buffersCreated).toBe(0);
    expect(end.bindGroups - at.bindGroups).toBe(0);
    expect(end.pipelines - at.pipelines).toBe(0);
    expect(end.heap - at.heap).toBeLessThan(HEAP_SLACK);
    trainer.dispose();
    await new Promise((r) => setTimeout(r, 0)); // the eval executor is disposed once its load promise settles
    expect(live()).toBe(liveBefore);
  });
});

// The training API: one submit per step and no readback unless the loss is asked for; the WebGPU
// train step matches the CPU one; two trainers share parameter buffers (the GAN setup).
import { beforeAll, describe, expect, it } from 'vitest';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { buildTrainStep } from '../../compiler/train/train-step.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { kilnError } from '../support/kiln-error.ts';
import { compareTensors } from '../../compiler/compare.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { batch, mlp, rand } from '../support/tiny-mlp.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

describe('training API', () => {
  it('WebGPU: one submit per step, a readback only when the loss is asked for, same result as the CPU', async () => {
    if (!gpu) return;
    const opts = { loss: { name: 'mse' as const }, optimizer: { type: 'adam' as const, lr: 0.05 }, l2: 0.01 };
    const onGpu = await compileTraining(mlp(), { ...opts, backend: 'webgpu' });
    const onCpu = await compileTraining(mlp(), { ...opts, backend: 'cpu' });
    for (let s = 0; s < 3; s++) {
      expect(await onGpu.step(batch(s))).toBeUndefined();
      await onCpu.step(batch(s));
    }
    expect(onGpu.gpuStats).toEqual({ submits: 3, readbacks: 0, deviceRecreations: 0 });
    const lossGpu = await onGpu.step(batch(3), { returnLoss: true });
    const lossCpu = await onCpu.step(batch(3), { returnLoss: true });
    expect(onGpu.gpuStats).toMatchObject({ submits: 4, readbacks: 1 });
    expect(Math.abs(lossGpu! - lossCpu!)).toBeLessThan(1e-4 * Math.abs(lossCpu!) + 1e-6);
    const [wg, wc] = [await onGpu.exportWeights(), await onCpu.exportWeights()];
    for (const [name, t] of wc) expect(compareTensors(wg.get(name)!, t, { rtol: 1e-4, atol: 1e-5 }), name).toBeUndefined();
    onGpu.dispose();
  });

  it('WebGPU: a second trainer reads the first one\'s parameters live (shared buffers)', async () => {
    if (!gpu) return;
    const first = await compileTraining(mlp(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, backend: 'webgpu' });
    // The second trains only b1; all three parameters live in the first trainer's buffers.
    const second = await compileTraining(mlp(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, trainable: ['b1'], backend: 'webgpu', shareWith: [first] });
    for (let s = 0; s < 3; s++) await first.step(batch(s));
    const trained = await first.exportWeights();
    // A CPU reference with the first trainer's current parameters must give the second trainer's loss.
    const ref = mlp();
    for (const name of ['w1', 'b1', 'w2']) ref.constants.set(ref.params.get(name)!, trained.get(name)!);
    const cpu = await compileTraining(ref, { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, trainable: ['b1'], backend: 'cpu' });
    const [lg, lc] = [await second.step(batch(5), { returnLoss: true }), await cpu.step(batch(5), { returnLoss: true })];
    expect(Math.abs(lg! - lc!)).toBeLessThan(1e-4 * Math.abs(lc!) + 1e-6);
    second.dispose();
    first.dispose();
  });
});

describe('exporting trained weights', () => {
  it('safetensors round-trip and an artifact of the trained model that reproduces evaluate()', async () => {
    const { readSafetensors } = await import('../../compiler/safetensors.ts');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadArtifact } = await import('../../runtime/artifact.ts');
    const trainer = await compileTraining(mlp(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, backend: 'cpu' });
    for (let s = 0; s < 3; s++) await trainer.step(batch(s));
    const weights = await trainer.exportWeights();
    const file = readSafetensors(await trainer.exportSafetensors());
    for (const [name, t] of weights) expect(Array.from(file.tensors.get(name)!.data)).toEqual(Array.from(t.data));
    const x = batch(9).inputs.x;
    const [want] = await trainer.evaluate({ x });
    if (!gpu) return;
    const dir = mkdtempSync(join(tmpdir(), 'kiln-trained-'));
    await trainer.exportArtifact(dir);
    const session = await (await loadArtifact(dir)).createSession(gpu);
    const got = await session.run({ x: x.data });
    expect(compareTensors({ dtype: 'f32', shape: want.shape, data: got.y }, want, { rtol: 1e-4, atol: 1e-5 })).toBeUndefined();
  });
});

describe('the train step names its own inputs', () => {
  it('refuses a model whose values already hold those names, naming them, instead of renaming its inputs', async () => {
    const g = new Graph('clash');
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
    const [y] = g.addNode('Gemm', [x, g.addParam('lr', tensor('f32', [2, 3], rand(6, 4)))], { transB: 1 }, 'target');
    g.outputs = [y];
    const e = kilnError(() => buildTrainStep(g, { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 } }));
    expect(e.code).toBe('USAGE');
    expect(e.message).toMatch(/values named 'target', 'lr', which the train step uses for its own inputs/);
    await expect(compileTraining(mlp(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 } })).resolves.toBeDefined();
  });
});

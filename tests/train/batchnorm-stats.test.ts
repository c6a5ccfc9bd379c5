// BatchNorm running statistics in training: a training trace records PyTorch's updates
// (running = (1 - momentum) running + momentum batch, unbiased variance for running_var) as state, the
// trainer keeps them out of the optimizer, exports them and evaluates with them; checked against a
// reference computed here by hand, on the CPU and on WebGPU.
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm1d, BatchNorm2d, Conv2d, Linear, manualSeed, Sequential, trace } from '../../compiler/nn/index.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const f32 = (shape: number[]) => ({ dtype: 'f32' as const, shape });
const rand = (shape: number[], seed: number, scale = 1, shift = 0): Tensor => {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor('f32', shape, Array.from({ length: n }, () => (((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1) * scale + shift));
};

/** Per-channel mean and biased / unbiased variance of x [N, C, ...] over every dim but 1. */
function channelStats(x: Tensor): { mean: number[]; biased: number[]; unbiased: number[] } {
  const [N, C] = x.shape, S = x.data.length / (N * C), n = N * S;
  const mean = new Array<number>(C).fill(0), sq = new Array<number>(C).fill(0);
  for (let i = 0; i < N; i++) for (let c = 0; c < C; c++) for (let k = 0; k < S; k++) mean[c] += x.data[(i * C + c) * S + k] / n;
  for (let i = 0; i < N; i++) for (let c = 0; c < C; c++) for (let k = 0; k < S; k++) sq[c] += (x.data[(i * C + c) * S + k] - mean[c]) ** 2;
  return { mean, biased: sq.map((v) => v / n), unbiased: sq.map((v) => v / (n - 1)) };
}

/** PyTorch's update of running (mean, var) from one batch. */
function updateRef(ref: { mean: number[]; var: number[] }, x: Tensor, m: number): void {
  const st = channelStats(x);
  ref.mean = ref.mean.map((r, c) => (1 - m) * r + m * st.mean[c]);
  ref.var = ref.var.map((r, c) => (1 - m) * r + m * st.unbiased[c]);
}

/** x W^T + b for x [N, K], W [M, K]. */
function linear(x: Tensor, w: Tensor, b: Tensor): Tensor {
  const [N, K] = x.shape, M = w.shape[0];
  const y = tensor('f32', [N, M]);
  for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) {
    let acc = b.data[j];
    for (let k = 0; k < K; k++) acc += x.data[i * K + k] * w.data[j * K + k];
    y.data[i * M + j] = acc;
  }
  return y;
}

const expectClose = (got: ArrayLike<number>, want: readonly number[], what: string, tol = 1e-5) =>
  want.forEach((w, i) => expect(Math.abs(got[i] - w), `${what}[${i}]: ${got[i]} vs ${w}`).toBeLessThanOrEqual(tol * (1 + Math.abs(w))));

describe('BatchNorm running statistics in a training trace', () => {
  it('records state updates for running_mean, running_var and num_batches_tracked; eval traces none', () => {
    const m = new Sequential(new Linear(3, 4), new BatchNorm1d(4));
    expect(trace(m, { x: f32([5, 3]) }).updates.size).toBe(0);
    const g = trace(m, { x: f32([5, 3]) }, { training: true });
    expect([...g.updates.keys()].map((v) => v.name)).toEqual(['1.running_mean', '1.running_var', '1.num_batches_tracked']);
    expect(() => trace(new BatchNorm1d(4), { x: f32([1, 4]) }, { training: true })).toThrowError(/more than 1 value per channel/);
  });
});

describe.each(['cpu', 'webgpu'] as const)('trained running statistics (%s)', (backend) => {
  it('Linear -> BatchNorm1d (momentum 0.2) under AdamW: running stats follow the pre-BN activations', async () => {
    if (backend === 'webgpu' && !gpu) return;
    manualSeed(11);
    const model = new Sequential(new Linear(3, 4), new BatchNorm1d(4, { momentum: 0.2 }));
    const trainer = await compileTraining(model, {
      inputs: { x: f32([6, 3]) }, loss: { name: 'mse' }, optimizer: { type: 'adamw', lr: 0.05, weightDecay: 0.1 }, backend,
    });
    const ref = { mean: [0, 0, 0, 0], var: [1, 1, 1, 1] };
    const steps = 4;
    for (let s = 0; s < steps; s++) {
      const x = rand([6, 3], 100 + s, 2, 0.5);
      const w = await trainer.exportWeights();
      updateRef(ref, linear(x, w.get('0.weight')!, w.get('0.bias')!), 0.2);
      await trainer.step({ inputs: { x }, target: rand([6, 4], 200 + s) });
    }
    const w = await trainer.exportWeights();
    expect([...w.keys()]).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked']);
    expectClose(w.get('1.running_mean')!.data, ref.mean, 'running_mean');
    expectClose(w.get('1.running_var')!.data, ref.var, 'running_var');
    expect(Array.from(w.get('1.num_batches_tracked')!.data)).toEqual([steps]);
    // The affine parameters trained; evaluate() normalizes with the running statistics.
    expect(Array.from(w.get('1.weight')!.data).some((v) => Math.abs(v - 1) > 1e-3)).toBe(true);
    const x = rand([6, 3], 300, 2);
    const h = linear(x, w.get('0.weight')!, w.get('0.bias')!);
    const [gamma, beta] = [w.get('1.weight')!.data, w.get('1.bias')!.data];
    const want = Array.from(h.data, (v, i) => {
      const c = i % 4;
      return ((v - ref.mean[c]) / Math.sqrt(ref.var[c] + 1e-5)) * gamma[c] + beta[c];
    });
    expectClose((await trainer.evaluate({ x }))[0].data, want, 'evaluate', 1e-4);
    trainer.dispose();
  });

  it('BatchNorm2d -> Conv2d: running stats of the input batches (unbiased variance over N * H * W)', async () => {
    if (backend === 'webgpu' && !gpu) return;
    manualSeed(5);
    const model = new Sequential(new BatchNorm2d(2), new Conv2d(2, 1, 1));
    const trainer = await compileTraining(model, {
      inputs: { x: f32([3, 2, 2, 3]) }, loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, backend,
    });
    const ref = { mean: [0, 0], var: [1, 1] };
    for (let s = 0; s < 3; s++) {
      const x = rand([3, 2, 2, 3], 40 + s, 1.5, s - 1);
      updateRef(ref, x, 0.1);
      await trainer.step({ inputs: { x }, target: rand([3, 1, 2, 3], 70 + s) });
    }
    const w = await trainer.exportWeights();
    expectClose(w.get('0.running_mean')!.data, ref.mean, 'running_mean');
    expectClose(w.get('0.running_var')!.data, ref.var, 'running_var');
    trainer.dispose();
  });

  it('BatchNorm2d momentum null (PyTorch None): the running stats are the cumulative average of the batches', async () => {
    if (backend === 'webgpu' && !gpu) return;
    manualSeed(5);
    const model = new Sequential(new BatchNorm2d(2, { momentum: null }), new Conv2d(2, 1, 1));
    const trainer = await compileTraining(model, {
      inputs: { x: f32([3, 2, 2, 3]) }, loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, backend,
    });
    const ref = { mean: [0, 0], var: [1, 1] };
    const steps = 4;
    for (let s = 0; s < steps; s++) {
      const x = rand([3, 2, 2, 3], 40 + s, 1.5, s - 1);
      updateRef(ref, x, 1 / (s + 1)); // num_batches_tracked after the increment is s + 1
      await trainer.step({ inputs: { x }, target: rand([3, 1, 2, 3], 70 + s) });
    }
    const w = await trainer.exportWeights();
    expectClose(w.get('0.running_mean')!.data, ref.mean, 'running_mean');
    expectClose(w.get('0.running_var')!.data, ref.var, 'running_var');
    expect(Array.from(w.get('0.num_batches_tracked')!.data)).toEqual([steps]);
    trainer.dispose();
  });
});

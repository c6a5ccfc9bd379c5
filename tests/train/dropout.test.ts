// Train-mode Dropout: the DropoutMask op (shape rule, CPU kernel against a BigInt reference of the hash,
// keep rate, fresh masks per step, bit-identical WGSL), its gradient, the nn Dropout module in a training
// trace, and a compileTraining run with Dropout giving the same losses on the CPU and WebGPU.
import { beforeAll, describe, expect, it } from 'vitest';
import { Dropout, Linear, Module, manualSeed, ReLU, Sequential, type SymTensor, trace } from '../../compiler/nn/index.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { scalar, tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { expectGradOk } from '../autodiff/gradcheck.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, singleOp } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const EXACT = { rtol: 0, atol: 0 };

/** The mask for one step value, on the CPU interpreter. */
function mask(shape: number[], ratio: number, seed: number, step: number, stepType: 'f32' | 'i32' = 'f32'): Tensor {
  const g = singleOp('DropoutMask', [{ dtype: stepType, shape: [] }], { shape, ratio, seed });
  return interpret(g, new Map([['x0', scalar(stepType, step)]]))[0];
}

// An independent reference of the documented hash in BigInt arithmetic.
const M32 = (1n << 32n) - 1n;
function refMix(v: bigint): bigint {
  const s = (v * 747796405n + 2891336453n) & M32;
  const w = (((s >> ((s >> 28n) + 4n)) ^ s) * 277803737n) & M32;
  return ((w >> 22n) ^ w) & M32;
}
function refMask(n: number, ratio: number, seed: number, step: number): number[] {
  const key = refMix(BigInt(seed) ^ refMix(BigInt(step)));
  const threshold = BigInt(Math.round(ratio * 2 ** 24));
  const scale = Math.fround(1 / (1 - ratio));
  return Array.from({ length: n }, (_, i) => (refMix((refMix(BigInt(i)) + key) & M32) >> 8n >= threshold ? scale : 0));
}

const keptFraction = (t: Tensor) => Array.from(t.data).filter((v) => v !== 0).length / t.data.length;

describe('DropoutMask op', () => {
  it('shape rule: attribute shape and dtype; rejects a non-scalar step, a bad ratio and an integer dtype', () => {
    const g = new Graph();
    const s = g.addInput('step', { dtype: 'f32', shape: [] });
    const [m] = g.addNode('DropoutMask', [s], { shape: [2, 3], ratio: 0.25 });
    expect(m.type).toEqual({ dtype: 'f32', shape: [2, 3] });
    expect(g.addNode('DropoutMask', [g.addInput('s1', { dtype: 'i32', shape: [1, 1] })], { shape: [4] })[0].type.shape).toEqual([4]);
    expect(() => g.addNode('DropoutMask', [g.addInput('s2', { dtype: 'f32', shape: [2] })], { shape: [4] })).toThrowError(/one element/);
    expect(() => g.addNode('DropoutMask', [s], { shape: [4], ratio: 1.5 })).toThrowError(/ratio must be in \[0, 1\]/);
    expect(() => g.addNode('DropoutMask', [s], { shape: [4], dtype: 'i32' })).toThrowError(KilnError);
  });

  it('CPU kernel matches a BigInt reference of the hash', () => {
    for (const [ratio, seed, step] of [[0.5, 0, 1], [0.3, 12345, 7], [0.9, 4294967295, 1000]] as const) {
      expect(Array.from(mask([5, 7, 3], ratio, seed, step).data)).toEqual(refMask(105, ratio, seed, step));
    }
    // An i32 step counter reads the same as the f32 one.
    expect(Array.from(mask([9], 0.5, 3, 42, 'i32').data)).toEqual(Array.from(mask([9], 0.5, 3, 42).data));
  });

  it('keeps about 1 - p of the elements, scaled by 1 / (1 - p); p = 0 keeps all, p = 1 drops all', () => {
    const n = 20000;
    for (const p of [0.1, 0.5, 0.8]) {
      const m = mask([n], p, 99, 3);
      const sigma = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(keptFraction(m) - (1 - p))).toBeLessThan(4 * sigma);
      expect(new Set(m.data)).toEqual(new Set([0, Math.fround(1 / (1 - p))]));
    }
    expect(Array.from(mask([50], 0, 1, 1).data).every((v) => v === 1)).toBe(true);
    expect(Array.from(mask([50], 1, 1, 1).data).every((v) => v === 0)).toBe(true);
  });

  it('the same step gives the same mask; other steps and seeds give new, uncorrelated masks', () => {
    const n = 20000, p = 0.5;
    const a = mask([n], p, 5, 1);
    expect(Array.from(mask([n], p, 5, 1).data)).toEqual(Array.from(a.data));
    for (const b of [mask([n], p, 5, 2), mask([n], p, 6, 1), mask([n], p, 5, 3)]) {
      let both = 0;
      for (let i = 0; i < n; i++) if (a.data[i] !== 0 && b.data[i] !== 0) both++;
      // Independent masks keep an element in both with probability (1 - p)^2.
      expect(Math.abs(both / n - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / n));
    }
    // Neighbouring elements are not correlated either.
    let pairs = 0;
    for (let i = 0; i + 1 < n; i++) if (a.data[i] !== 0 && a.data[i + 1] !== 0) pairs++;
    expect(Math.abs(pairs / (n - 1) - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / n));
  });

  it('gradient of x * mask is dy * mask (finite differences)', () => {
    const r = expectGradOk({
      inputs: [[4, 5], tensor('f32', [], [3])],
      build: (g, [x, step]) => g.addNode('Mul', [x, g.addNode('DropoutMask', [step], { shape: [4, 5], ratio: 0.4, seed: 11 })[0]])[0],
    });
    const m = mask([4, 5], 0.4, 11, 3);
    r.analytic[0].forEach((d, i) => expect(d === 0).toBe(m.data[i] === 0));
  });

  it('WebGPU masks are bit-identical to the CPU (odd shapes, f32 and i32 steps, large step values)', async () => {
    if (!gpu) return;
    for (const [shape, ratio, seed, step] of [[[1], 0.5, 0, 1], [[3, 5, 7], 0.3, 77, 2], [[1000], 0.5, 4294967295, 16777216], [[2, 1, 9], 0.9, 5, 123456]] as const) {
      const g = singleOp('DropoutMask', [{ dtype: 'f32', shape: [] }], { shape: [...shape], ratio, seed });
      await expectGpuMatchesCpu(gpu, g, new Map([['x0', scalar('f32', step)]]), EXACT);
    }
    const gi = singleOp('DropoutMask', [{ dtype: 'i32', shape: [1] }], { shape: [33], ratio: 0.25, seed: 9 });
    await expectGpuMatchesCpu(gpu, gi, new Map([['x0', tensor('i32', [1], [-3])]]), EXACT);
  });
});

describe('nn Dropout in training', () => {
  const f32 = (shape: number[]) => ({ dtype: 'f32' as const, shape });

  it('is the identity in eval mode; a training trace reads the step input, each Dropout with its own seed', () => {
    const m = new Sequential(new Linear(3, 3), new Dropout(0.5), new Dropout(0.2));
    expect(trace(m, { x: f32([2, 3]) }).nodes.map((n) => n.op)).toEqual(['Gemm']);
    const g = trace(m, { x: f32([2, 3]) }, { training: true });
    expect(g.nodes.map((n) => n.op)).toEqual(['Gemm', 'DropoutMask', 'Mul', 'DropoutMask', 'Mul']);
    expect(g.inputs.map((v) => v.name)).toEqual(['x', 'step']);
    const masks = g.nodes.filter((n) => n.op === 'DropoutMask');
    expect(masks.map((n) => n.attrs.ratio)).toEqual([0.5, 0.2]);
    expect(masks[0].attrs.seed).not.toBe(masks[1].attrs.seed);
    expect(trace(m, { x: f32([2, 3]) }, { training: true, seed: 1 }).nodes[1].attrs.seed).not.toBe(masks[0].attrs.seed);
    expect(m.training).toBe(false);
    expect(() => new Dropout(1.5)).toThrowError(/\[0, 1\]/);
  });

  it('zeroes elements and scales the rest by 1 / (1 - p), differently per step', () => {
    const g = trace(new Dropout(0.25), { x: f32([8, 16]) }, { training: true });
    const x = tensor('f32', [8, 16], Array.from({ length: 128 }, (_, i) => 1 + i));
    const run = (step: number) => interpret(g, new Map([['x', x], ['step', scalar('f32', step)]]))[0];
    const [y1, y2] = [run(1), run(2)];
    y1.data.forEach((v, i) => expect(v === 0 || v === Math.fround(x.data[i] * Math.fround(4 / 3))).toBe(true));
    expect(Array.from(y1.data)).not.toEqual(Array.from(y2.data));
    expect(Array.from(run(1).data)).toEqual(Array.from(y1.data));
  });
});

class DropNet extends Module {
  readonly fc1 = this.module('fc1', new Linear(6, 16));
  readonly drop = this.module('drop', new Dropout(0.3));
  readonly fc2 = this.module('fc2', new Linear(16, 3));
  forward(x: SymTensor): SymTensor {
    return this.fc2.call(this.drop.call(this.fc1.call(x).relu()));
  }
}

const rand = (n: number, seed: number) => {
  let s = seed;
  return Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1);
};
const batch = (s: number) => ({ inputs: { x: tensor('f32', [8, 6], rand(48, 30 + s)) }, target: tensor('f32', [8, 3], rand(24, 60 + s)) });

describe('compileTraining with Dropout', () => {
  async function losses(backend: 'cpu' | 'webgpu', model: Module, steps: number): Promise<number[]> {
    const trainer = await compileTraining(model, {
      inputs: { x: f32x([8, 6]) }, loss: { name: 'mse' }, optimizer: { type: 'adam', lr: 0.01 }, backend,
    });
    const out: number[] = [];
    for (let s = 0; s < steps; s++) out.push((await trainer.step(batch(s % 2), { returnLoss: true }))!);
    trainer.dispose();
    return out;
  }
  const f32x = (shape: number[]) => ({ dtype: 'f32' as const, shape });
  const fresh = () => {
    manualSeed(3);
    return new DropNet();
  };

  it('CPU: step k of the trainer applies the masks of step k (loss against the traced training graph)', async () => {
    const mse = (y: Tensor, t: Tensor) => Array.from(y.data).reduce((a, v, i) => a + (v - t.data[i]) ** 2, 0) / y.data.length;
    const b = batch(0);
    const g = trace(fresh(), { x: f32x([8, 6]) }, { training: true });
    const [y1] = interpret(g, new Map([['x', b.inputs.x], ['step', scalar('f32', 1)]]));
    const [yEval] = interpret(trace(fresh(), { x: f32x([8, 6]) }), new Map([['x', b.inputs.x]]));
    expect(Math.abs(mse(y1, b.target) - mse(yEval, b.target))).toBeGreaterThan(1e-4);
    const withDrop = await losses('cpu', fresh(), 4);
    expect(Math.abs(withDrop[0] - mse(y1, b.target))).toBeLessThan(1e-6);
    expect(withDrop.every(Number.isFinite)).toBe(true);
  });

  it('WebGPU: the same losses as the CPU, step by step', async () => {
    if (!gpu) return;
    const [cpu, webgpu] = [await losses('cpu', fresh(), 5), await losses('webgpu', fresh(), 5)];
    cpu.forEach((l, s) => expect(Math.abs(webgpu[s] - l), `step ${s}: ${webgpu[s]} vs ${l}`).toBeLessThan(1e-4 * Math.abs(l) + 1e-6));
  });
});

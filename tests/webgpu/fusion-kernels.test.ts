// The fused kernel shapes that the random property test draws only rarely, each against the CPU
// interpreter: row kernels (softmax over the last axis and over a middle axis, layer norm with a
// per-feature scale, a row longer than one workgroup, batch-norm statistics over three axes) and sibling
// products (two MatMuls of one A with different widths and epilogues, Gemms with transposed B). Each case
// also checks that the schedule has the fused form it is meant to test.
import { beforeAll, describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { fuse } from '../../passes/fuse.ts';
import { runPipeline } from '../../passes/pass.ts';
import { gpuPipeline } from '../../passes/pipeline.ts';
import { evalNode } from '../../runtime/cpu/interpreter.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const f32 = (shape: readonly number[]) => ({ dtype: 'f32' as const, shape });
const ramp = (shape: number[], scale = 0.1) => tensor('f32', shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i * 37) % 17) * scale - 0.8));
/** The kinds of the schedule's kernels, after the GPU pipeline. */
const kinds = (g: Graph) => fuse(runPipeline(g.clone(), gpuPipeline(evalNode).filter((p) => p.name !== 'fuse')).graph).groups.map((k) => k.kind);

function softmax(shape: number[], axis: number): Graph {
  const g = new Graph('softmax');
  const x = g.addInput('x', f32(shape));
  const [mx] = g.addNode('ReduceMax', [x], { axes: [axis], keepdims: 1 }, 'max');
  const [e] = g.addNode('Exp', [g.addNode('Sub', [x, mx], {}, 'sub')[0]], {}, 'exp');
  const [s] = g.addNode('ReduceSum', [e], { axes: [axis], keepdims: 1 }, 'sum');
  g.outputs = g.addNode('Div', [e, s], {}, 'probs');
  return g;
}

function layerNorm(shape: number[]): Graph {
  const g = new Graph('layer_norm');
  const x = g.addInput('x', f32(shape));
  const d = shape[shape.length - 1];
  const [mean] = g.addNode('ReduceMean', [x], { axes: [-1], keepdims: 1 }, 'mean');
  const [c] = g.addNode('Sub', [x, mean], {}, 'centered');
  const [v] = g.addNode('ReduceMean', [g.addNode('Mul', [c, c], {}, 'sq')[0]], { axes: [-1], keepdims: 1 }, 'var');
  const [r] = g.addNode('Reciprocal', [g.addNode('Sqrt', [g.addNode('Add', [v, g.addConstant(tensor('f32', [], [1e-5]), 'eps')], {}, 've')[0]], {}, 'std')[0]], {}, 'rstd');
  const [n] = g.addNode('Mul', [c, r], {}, 'normed');
  const [y] = g.addNode('Mul', [n, g.addParam('gamma', ramp([d]))], {}, 'scaled');
  g.outputs = g.addNode('Add', [y, g.addParam('beta', ramp([d], 0.05))], {}, 'y');
  return g;
}

function batchStats(shape: number[]): Graph {
  const g = new Graph('batch_stats');
  const x = g.addInput('x', f32(shape));
  const [mean] = g.addNode('ReduceMean', [x], { axes: [0, 2, 3], keepdims: 1 }, 'mean');
  const [c] = g.addNode('Sub', [x, mean], {}, 'centered');
  const [v] = g.addNode('ReduceMean', [g.addNode('Mul', [c, c], {}, 'sq')[0]], { axes: [0, 2, 3], keepdims: 1 }, 'var');
  g.outputs = [g.addNode('Div', [c, g.addNode('Sqrt', [g.addNode('Add', [v, g.addConstant(tensor('f32', [], [1e-5]), 'eps')], {}, 've')[0]], {}, 'std')[0]], {}, 'y')[0], v];
  return g;
}

function siblings(op: 'MatMul' | 'Gemm'): Graph {
  const g = new Graph(`siblings_${op}`);
  if (op === 'MatMul') {
    const x = g.addInput('x', f32([2, 5, 7]));
    const [q] = g.addNode('MatMul', [x, g.addParam('wq', ramp([7, 9]))], {}, 'q');
    const [k] = g.addNode('MatMul', [x, g.addParam('wk', ramp([7, 3], 0.07))], {}, 'k');
    g.outputs = [g.addNode('Add', [q, g.addParam('bq', ramp([9]))], {}, 'q_bias')[0], g.addNode('Tanh', [k], {}, 'k_tanh')[0]];
  } else {
    const x = g.addInput('x', f32([6, 4]));
    const [a] = g.addNode('Gemm', [x, g.addParam('wa', ramp([5, 4])), g.addParam('ba', ramp([5]))], { transB: 1, alpha: 0.5 }, 'a');
    const [b] = g.addNode('Gemm', [x, g.addParam('wb', ramp([4, 18]))], {}, 'b');
    g.outputs = [g.addNode('Relu', [a], {}, 'a_relu')[0], b];
  }
  return g;
}

describe('fused kernels vs the CPU interpreter', () => {
  const rows: [string, () => Graph][] = [
    ['softmax over the last axis', () => softmax([3, 10], 1)],
    ['softmax over a middle axis', () => softmax([2, 5, 3], 1)],
    ['softmax over a row longer than a workgroup', () => softmax([2, 700], 1)],
    ['layer norm with scale and shift', () => layerNorm([2, 3, 16])],
    ['batch-norm statistics over three axes', () => batchStats([2, 3, 4, 5])],
  ];
  it.each(rows)('row kernel: %s', async (_name, build) => {
    const g = build();
    expect(kinds(g)).toEqual(['row']);
    if (!gpu) return;
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 7));
  });

  it.each(['MatMul', 'Gemm'] as const)('sibling %s products of one A in one kernel', async (op) => {
    const g = siblings(op);
    expect(kinds(g)).toEqual(['contraction']);
    if (!gpu) return;
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 3));
  });
});

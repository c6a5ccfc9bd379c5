// The backward graphs on WebGPU: the grad ops' WGSL kernels against the CPU interpreter (including inputs
// that are strided views), and whole training gradients (a small CNN) compiled for
// WebGPU against the CPU.
import { beforeAll, describe, it } from 'vitest';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import { tensor } from '../../ir/tensor.ts';
import { gradients } from '../../passes/autodiff/index.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

/** A graph computing op(inputs); `transposed` inputs arrive through a Transpose view. */
function grad(op: 'ConvWeightGrad' | 'MaxPoolGrad' | 'AveragePoolGrad', shapes: number[][], attrs: Record<string, AttrValue>, transposed = false): Graph {
  const g = new Graph(op);
  const xs = shapes.map((s, k) => {
    if (!transposed) return g.addInput(`x${k}`, { dtype: 'f32', shape: s });
    const r = s.length, perm = [...Array(r).keys()].reverse();
    return g.addNode('Transpose', [g.addInput(`x${k}`, { dtype: 'f32', shape: perm.map((p) => s[p]) })], { perm })[0];
  });
  g.outputs = g.addNode(op, xs, attrs);
  return g;
}

const CASES: [string, Graph][] = [
  ['ConvWeightGrad', grad('ConvWeightGrad', [[2, 3, 5, 5], [2, 4, 3, 3]], { kernel_shape: [3, 3] })],
  ['ConvWeightGrad groups, stride, dilation, pads', grad('ConvWeightGrad', [[2, 4, 7, 6], [2, 6, 4, 3]], { kernel_shape: [2, 3], strides: [2, 1], dilations: [1, 2], pads: [1, 0, 0, 1], group: 2 })],
  // Four or more output channels per group: the implicit-GEMM kernel (conv-weight-grad.ts).
  ['ConvWeightGrad as a GEMM, groups, stride, dilation, pads', grad('ConvWeightGrad', [[2, 4, 7, 6], [2, 8, 4, 3]], { kernel_shape: [2, 3], strides: [2, 1], dilations: [1, 2], pads: [1, 0, 0, 1], group: 2 })],
  ['ConvWeightGrad as a GEMM, 1-D through views', grad('ConvWeightGrad', [[3, 2, 9], [3, 5, 5]], { kernel_shape: [3], strides: [2], pads: [1, 1] }, true)],
  ['ConvWeightGrad 1-D through views', grad('ConvWeightGrad', [[2, 2, 9], [2, 3, 5]], { kernel_shape: [3], strides: [2], pads: [1, 1] }, true)],
  ['MaxPoolGrad', grad('MaxPoolGrad', [[2, 2, 5, 6], [2, 2, 3, 6]], { kernel_shape: [3, 2], strides: [2, 1], pads: [1, 1, 1, 0], ceil_mode: 1 })],
  ['MaxPoolGrad dilated, views', grad('MaxPoolGrad', [[1, 3, 7, 5], [1, 3, 3, 2]], { kernel_shape: [2, 2], dilations: [2, 2], strides: [2, 2] }, true)],
  ['AveragePoolGrad', grad('AveragePoolGrad', [[2, 3, 3, 3]], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], input_shape: [2, 3, 5, 5] })],
  ['AveragePoolGrad include pad', grad('AveragePoolGrad', [[1, 2, 3, 3]], { kernel_shape: [2, 3], strides: [2, 2], pads: [0, 1, 0, 1], count_include_pad: 1, ceil_mode: 1, input_shape: [1, 2, 5, 4] })],
];

describe('grad ops on WebGPU', () => {
  for (const [name, g] of CASES) {
    it(name, async (t) => {
      if (!gpu) return t.skip();
      await expectGpuMatchesCpu(gpu, g, randomInputs(g, 3));
    });
  }
});

describe('training gradients on WebGPU', () => {
  // Small: every kernel compiles through lavapipe on the CPU. The CPU-only chain tests cover the loss graphs.
  it('Conv + Relu + MaxPool + AveragePool, all parameter and input gradients', async (t) => {
    if (!gpu) return t.skip();
    const g = new Graph('cnn');
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 1, 6, 6] });
    const p = (name: string, shape: number[], seed: number): Value => {
      const n = shape.reduce((a, b) => a * b, 1);
      return g.addParam(name, tensor('f32', shape, Array.from({ length: n }, (_, k) => Math.sin(seed * 31 + k * 1.7) * 0.5)));
    };
    const w1 = p('w1', [3, 1, 3, 3], 1), b1 = p('b1', [3], 2), lw = p('lw', [2, 3, 1, 1], 3);
    const [c] = g.addNode('Relu', [g.addNode('Conv', [x, w1, b1], { pads: [1, 1, 1, 1] })[0]]);
    const [mp] = g.addNode('MaxPool', [c], { kernel_shape: [2, 2], strides: [2, 2] });
    const [ap] = g.addNode('AveragePool', [mp], { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 1, 1] });
    const [loss] = g.addNode('ReduceSum', [g.addNode('Mul', [ap, lw])[0]], { keepdims: 0 });
    const grads = gradients(g, loss, [w1, b1, x]);
    g.outputs = [loss, ...[w1, b1, x].map((v) => grads.get(v)!)];
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 5));
  }, 300_000);
  it('movement and index gradients: strided and reversed Slice, constant Pad, Tile, Gather embedding', async (t) => {
    if (!gpu) return t.skip();
    const g = new Graph('moves');
    const x = g.addInput('x', { dtype: 'f32', shape: [5, 4] });
    const table = g.addInput('table', { dtype: 'f32', shape: [6, 3] });
    const [s1] = g.addNode('Slice', [x], { starts: [4, 0], ends: [-100, 4], axes: [0, 1], steps: [-2, 3] });
    const [pd] = g.addNode('Pad', [s1], { pads: [1, 0, 0, 2] });
    const [tl] = g.addNode('Tile', [pd], { repeats: [2, 1] });
    const [emb] = g.addNode('Gather', [table, g.addConstant(tensor('i32', [2, 2], [1, 5, 1, -1]), 'ids')]);
    const [l1] = g.addNode('ReduceSum', [g.addNode('Mul', [tl, tl])[0]], { keepdims: 0 });
    const [l2] = g.addNode('ReduceSum', [g.addNode('Sin', [emb])[0]], { keepdims: 0 });
    const [loss] = g.addNode('Add', [l1, l2]);
    const grads = gradients(g, loss, [x, table]);
    g.outputs = [grads.get(x)!, grads.get(table)!];
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 9));
  }, 300_000);
});

// What exportOnnx refuses: ops ONNX cannot express (all offending nodes listed at once, each by node and
// op), a train-step graph with state updates, and attribute forms that have no ONNX spelling.
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../compiler/onnx/export.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { kilnError } from '../support/kiln-error.ts';

/** The KilnError exportOnnx throws for `g`. */
const refusal = (g: Graph): KilnError => kilnError(() => exportOnnx(g));

describe('exportOnnx refuses what ONNX cannot hold', () => {
  it('an op with no ONNX counterpart: KilnError naming the node and the op', () => {
    const g = new Graph('dropout');
    const step = g.addInput('step', { dtype: 'i32', shape: [1] });
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
    const [mask] = g.addNode('DropoutMask', [step], { shape: [2, 3], ratio: 0.5 }, 'drop1');
    g.outputs = g.addNode('Mul', [x, mask], {}, 'y');
    const e = refusal(g);
    expect(e.code).toBe('ONNX_UNSUPPORTED');
    expect(e.context).toMatchObject({ node: 'drop1', op: 'DropoutMask' });
    expect(e.message).toMatch(/node 'drop1' \(DropoutMask\)/);
  });

  it('lists every unsupported node at once', () => {
    const g = new Graph('grads');
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 4, 4] });
    const dy = g.addInput('dy', { dtype: 'f32', shape: [1, 1, 2, 2] });
    const [dx] = g.addNode('MaxPoolGrad', [x, dy], { kernel_shape: [2, 2], strides: [2, 2] }, 'pool_grad');
    const [dx2] = g.addNode('AveragePoolGrad', [dy], { kernel_shape: [2, 2], strides: [2, 2], input_shape: [1, 1, 4, 4] }, 'avg_grad');
    g.outputs = g.addNode('Add', [dx, dx2], {}, 'sum');
    const e = refusal(g);
    expect(e.message).toMatch(/node 'pool_grad' \(MaxPoolGrad\)/);
    expect(e.message).toMatch(/node 'avg_grad' \(AveragePoolGrad\)/);
  });

  it('a train-step graph (state updates)', () => {
    const g = new Graph('step');
    const w = g.addParam('w', tensor('f32', [2], [1, 2]));
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const [w2] = g.addNode('Sub', [w, x], {}, 'w_next');
    g.updates.set(w, w2);
    g.outputs = [w2];
    expect(refusal(g).message).toMatch(/state value.*train step/);
  });

  it('GroupNormalization whose per-channel scale is not constant per group (ONNX opset 20 takes one value per group)', () => {
    const g = new Graph('gn');
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 4, 2, 2] });
    const scale = g.addInput('scale', { dtype: 'f32', shape: [4] });
    const bias = g.addConstant(tensor('f32', [4]), 'bias');
    g.outputs = g.addNode('GroupNormalization', [x, scale, bias], { num_groups: 2 }, 'gn1');
    const e = refusal(g);
    expect(e.context).toMatchObject({ node: 'gn1', op: 'GroupNormalization' });
    expect(e.message).toMatch(/scale must be constant and equal within each of the 2 groups/);
  });

  it('Resize whose sizes and scales disagree', () => {
    const g = new Graph('resize');
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 4, 4] });
    g.outputs = g.addNode('Resize', [x], { sizes: [1, 1, 7, 7], scales: [1, 1, 2, 2] }, 'up');
    expect(refusal(g).context).toMatchObject({ node: 'up', op: 'Resize' });
  });
});

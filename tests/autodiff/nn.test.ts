// Gradient checks of the pooling rules (MaxPoolGrad / AveragePoolGrad ops, global pools, MaxUnpool) and
// the shape rules of the pooling grad ops.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { expectGradOk, op } from './gradcheck.ts';

describe('autodiff: pools', () => {
  it('MaxPool 2x2', () => expectGradOk(op('MaxPool', [[2, 2, 4, 4]], { kernel_shape: [2, 2], strides: [2, 2] })));
  it('MaxPool overlapping windows, pads, ceil_mode', () => expectGradOk(op('MaxPool', [[1, 2, 5, 6]], { kernel_shape: [3, 2], strides: [2, 1], pads: [1, 1, 1, 0], ceil_mode: 1 })));
  it('MaxPool dilations, 1-D', () => expectGradOk(op('MaxPool', [[2, 1, 9]], { kernel_shape: [3], dilations: [2], strides: [2] })));
  it('MaxPool with indices output', () => expectGradOk(op('MaxPool', [[1, 1, 4, 4]], { kernel_shape: [2, 2], indices: 1 })));
  it('AveragePool excluding pads', () => expectGradOk(op('AveragePool', [[1, 2, 5, 5]], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] })));
  it('AveragePool including pads, ceil_mode', () => expectGradOk(op('AveragePool', [[2, 1, 5, 4]], { kernel_shape: [2, 3], strides: [2, 2], pads: [0, 1, 0, 1], count_include_pad: 1, ceil_mode: 1 })));
  it('AveragePool 3-D', () => expectGradOk(op('AveragePool', [[1, 1, 3, 4, 3]], { kernel_shape: [2, 2, 2] })));
  // LpPool: |x|^(p-1) is smooth away from 0 for p >= 2 (the random inputs avoid exact zeros); p = 1 is |x|.
  it('LpPool p=2, pads and strides', () => expectGradOk(op('LpPool', [[1, 2, 5, 5]], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], p: 2 })));
  it('LpPool p=3, ceil_mode and dilations', () => expectGradOk(op('LpPool', [[2, 1, 6, 5]], { kernel_shape: [2, 2], strides: [2, 2], dilations: [1, 2], ceil_mode: 1, p: 3 })));
  it('LpPool p=1, 1-D', () => expectGradOk(op('LpPool', [[2, 2, 7]], { kernel_shape: [3], strides: [2], p: 1 })));
  it('LpPool with an all-zero window has zero gradient there', () => expectGradOk(op('LpPool', [{ shape: [1, 1, 2, 4], values: [0, 0, 1, -2, 0, 0, 0.5, 3] }], { kernel_shape: [2, 2], strides: [2, 2], p: 2 })));
  it('GlobalAveragePool', () => expectGradOk(op('GlobalAveragePool', [[2, 3, 3, 2]])));
  it('GlobalMaxPool', () => expectGradOk(op('GlobalMaxPool', [[2, 3, 3, 2]])));
  it('MaxUnpool', () => expectGradOk(op('MaxUnpool', [[1, 1, 2, 2], tensor('i32', [1, 1, 2, 2], [0, 3, 9, 14])], { kernel_shape: [2, 2], strides: [2, 2] })));
  it('MaxUnpool with a larger output_shape', () => expectGradOk(op('MaxUnpool', [[1, 1, 2, 2], tensor('i32', [1, 1, 2, 2], [1, 6, 8, 15])], { kernel_shape: [2, 2], strides: [2, 2], output_shape: [1, 1, 5, 5] })));
});

describe('pool grad ops', () => {
  it('MaxPoolGrad sends dy to the first maximum of each window', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 2, 3] });
    const dy = g.addInput('dy', { dtype: 'f32', shape: [1, 1, 1, 2] });
    g.outputs = g.addNode('MaxPoolGrad', [x, dy], { kernel_shape: [2, 2] });
    const [dx] = interpret(g, new Map([['x', tensor('f32', [1, 1, 2, 3], [5, 1, 5, 0, 5, 2])], ['dy', tensor('f32', [1, 1, 1, 2], [10, 20])]]));
    // Window 0 ties at (0,0) and (1,1): (0,0) comes first. Window 1 ties at (0,2) and (1,1): (0,2) comes first.
    expect(Array.from(dx.data)).toEqual([10, 0, 20, 0, 0, 0]);
  });
  it('AveragePoolGrad divides by the window count', () => {
    const g = new Graph();
    const dy = g.addInput('dy', { dtype: 'f32', shape: [1, 1, 3] });
    g.outputs = g.addNode('AveragePoolGrad', [dy], { kernel_shape: [2], pads: [1, 0], input_shape: [1, 1, 3] });
    const [dx] = interpret(g, new Map([['dy', tensor('f32', [1, 1, 3], [4, 6, 8])]]));
    // Windows: {pad, x0} counts 1, {x0, x1} and {x1, x2} count 2.
    expect(Array.from(dx.data)).toEqual([4 + 3, 3 + 4, 4]);
  });
  it('reject a dY that is not the pooled shape', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 4, 4] });
    const dy = g.addInput('dy', { dtype: 'f32', shape: [1, 1, 3, 3] });
    expect(() => g.addNode('MaxPoolGrad', [x, dy], { kernel_shape: [2, 2], strides: [2, 2] })).toThrow(/pooled shape/);
    expect(() => g.addNode('AveragePoolGrad', [dy], { kernel_shape: [2, 2], strides: [2, 2], input_shape: [1, 1, 4, 4] })).toThrow(/pooled shape/);
  });
});

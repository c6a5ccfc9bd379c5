// Autodiff end to end: an MLP with a decomposed softmax cross-entropy loss, gradients through the other
// decomposed composites (softmax, norms, NLL, an LSTM), the API contract (seed, zero gradients,
// accumulation) and the errors (non-differentiable op, composite not decomposed, bad loss).
import { describe, expect, it } from 'vitest';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { OPS, type OpName } from '../../ir/ops/index.ts';
import { tensor } from '../../ir/tensor.ts';
import { verify } from '../../ir/verify.ts';
import { autodiffPass, GRAD_RULES, gradients } from '../../passes/autodiff/index.ts';
import { deadCodeElimination } from '../../passes/dce.ts';
import { runPasses } from '../../passes/pass.ts';
import { isNonDiff } from '../../passes/autodiff/rule.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { expectGradOk, op } from './gradcheck.ts';

const targets = tensor('i32', [4], [2, 0, 1, 2]);

describe('autodiff: chains through decomposed composites', () => {
  it('MLP: Gemm + Relu + Gemm + SoftmaxCrossEntropyLoss', () => {
    expectGradOk({
      inputs: [[4, 5], [6, 5], [6], [3, 6], [3]],
      decompose: true,
      build: (g, [x, w1, b1, w2, b2]) => {
        const [h] = g.addNode('Relu', [g.addNode('Gemm', [x, w1, b1], { transB: 1 })[0]]);
        const [logits] = g.addNode('Gemm', [h, w2, b2], { transB: 1 });
        return g.addNode('SoftmaxCrossEntropyLoss', [logits, g.addConstant(targets, 'y')])[0];
      },
    });
  });
  it('Softmax', () => expectGradOk({ ...op('Softmax', [[3, 4]], { axis: 1 }), decompose: true }));
  it('LogSoftmax on axis 0 (coerce2d)', () => expectGradOk({ ...op('LogSoftmax', [[2, 3, 2]], { axis: 1, coerce2d: 1 }), decompose: true }));
  it('NegativeLogLikelihoodLoss with weights and ignore_index', () => expectGradOk({
    ...op('NegativeLogLikelihoodLoss', [[4, 3], tensor('i32', [4], [2, 0, 1, 0]), { shape: [3], lo: 0.5, hi: 2 }], { ignore_index: 1 }),
    decompose: true,
  }));
  it('LayerNormalization', () => expectGradOk({ ...op('LayerNormalization', [[3, 4], [4], [4]]), decompose: true }));
  it('BatchNormalization in training mode', () => expectGradOk({
    ...op('BatchNormalization', [[3, 2, 2], [2], [2], tensor('f32', [2], [0, 0]), tensor('f32', [2], [1, 1])], { training_mode: 1 }),
    decompose: true,
  }));
  it('LSTM', () => expectGradOk({
    inputs: [[3, 2, 2], [1, 12, 2], [1, 12, 3], [1, 24]],
    decompose: true,
    build: (g, [x, w, r, b]) => g.addNode('LSTM', [x, w, r, b], { hidden_size: 3 })[0],
  }));
});

describe('autodiff: API', () => {
  it('has a rule or a marker for every op, composites marked decomposed', () => {
    for (const name of Object.keys(OPS) as OpName[]) {
      const e = GRAD_RULES[name];
      const composite = (OPS[name] as { composite?: boolean }).composite === true;
      expect(isNonDiff(e) && e.nonDiff === 'decomposed', name).toBe(composite);
    }
  });
  it('seeds with 1, accumulates uses, gives zero constants for unrelated values', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const z = g.addInput('z', { dtype: 'f32', shape: [3] });
    const [sq] = g.addNode('Mul', [x, x]);
    const [loss] = g.addNode('ReduceSum', [sq], { keepdims: 1 });
    const grads = gradients(g, loss, [x, z, loss]);
    verify(g);
    g.outputs = [grads.get(x)!, grads.get(z)!, grads.get(loss)!];
    const [dx, dz, dl] = interpret(g, new Map([['x', tensor('f32', [2], [3, -1])], ['z', tensor('f32', [3], [1, 2, 3])]]));
    expect(Array.from(dx.data)).toEqual([6, -2]);
    expect(Array.from(dz.data)).toEqual([0, 0, 0]);
    expect(g.isConstant(grads.get(z))).toBe(true);
    expect(Array.from(dl.data)).toEqual([1]);
  });
  it('runs as a pass: gradients of output 0 for every parameter become outputs', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
    const w = g.addParam('w', tensor('f32', [3, 1], [1, 2, 3]));
    const b = g.addParam('b', tensor('f32', [1], [0.5]));
    const [y] = g.addNode('Add', [g.addNode('MatMul', [x, w])[0], b]);
    g.outputs = [g.addNode('ReduceSum', [y], { keepdims: 0 })[0]];
    runPasses(g, [autodiffPass(), deadCodeElimination]);
    expect(g.outputs).toHaveLength(3);
    const [, dw, db] = interpret(g, new Map([['x', tensor('f32', [2, 3], [1, 2, 3, 4, 5, 6])]]));
    expect(Array.from(dw.data)).toEqual([5, 7, 9]);
    expect(Array.from(db.data)).toEqual([2]);
  });
  it('stops at integer values and zero-gradient ops', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [3] });
    const [i] = g.addNode('Cast', [x], { to: 'i32' });
    const [back] = g.addNode('Cast', [i], { to: 'f32' });
    const [fl] = g.addNode('Floor', [x]);
    const [loss] = g.addNode('ReduceSum', [g.addNode('Add', [back, fl])[0]], { keepdims: 0 });
    const dx = gradients(g, loss, [x]).get(x)!;
    expect(g.isConstant(dx)).toBe(true);
  });
});

describe('autodiff: errors', () => {
  it('names the node a gradient cannot flow through', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 4, 4] });
    // A second-order gradient: the backward op of a pool has no rule of its own.
    const [y] = g.addNode('AveragePoolGrad', [x], { kernel_shape: [2, 2], strides: [2, 2], input_shape: [1, 1, 8, 8] }, 'pool_grad');
    const [loss] = g.addNode('ReduceSum', [y], { keepdims: 0 });
    expect(() => gradients(g, loss, [x])).toThrow(KilnError);
    expect(() => gradients(g, loss, [x])).toThrow(/not differentiable.*node 'pool_grad'/);
  });
  it('asks for decomposition when a composite op is reached', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
    const [y] = g.addNode('Softmax', [x], {}, 'sm');
    const [loss] = g.addNode('ReduceMax', [y], { keepdims: 0 });
    expect(() => gradients(g, loss, [x])).toThrow(/decompose.*node 'sm'/);
  });
  it('rejects a non-scalar loss and an integer wrt', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const k = g.addInput('k', { dtype: 'i32', shape: [2] });
    expect(() => gradients(g, x, [x])).toThrow(/float scalar/);
    const [s] = g.addNode('ReduceSum', [x], { keepdims: 0 });
    expect(() => gradients(g, s, [k])).toThrow(/dtype i32/);
  });
  it('reports an unsupported attribute combination', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [4] });
    const [y] = g.addNode('Pad', [x], { pads: [1, -1], mode: 'reflect' }, 'reflect_pad');
    const [loss] = g.addNode('ReduceSum', [y], { keepdims: 0 });
    expect(() => gradients(g, loss, [x])).toThrow(/reflect padding with negative pads.*reflect_pad/);
  });
});

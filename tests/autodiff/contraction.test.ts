// Gradient checks of the contraction rules: MatMul (batched, broadcast, 1-D), Gemm (transposes, alpha, beta,
// C broadcast), Conv (strides, pads, dilations, groups; the ConvWeightGrad op), ConvTranspose and Einsum.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { expectGradOk, op, uniform } from './gradcheck.ts';

describe('autodiff: MatMul', () => {
  it('2-D', () => expectGradOk(op('MatMul', [[2, 3], [3, 4]])));
  it('batched with broadcast batch dims', () => expectGradOk(op('MatMul', [[2, 1, 2, 3], [3, 3, 2]])));
  it('1-D left', () => expectGradOk(op('MatMul', [[3], [2, 3, 4]])));
  it('1-D right', () => expectGradOk(op('MatMul', [[2, 2, 3], [3]])));
  it('both 1-D', () => expectGradOk(op('MatMul', [[4], [4]])));
});

describe('autodiff: Gemm', () => {
  for (const transA of [0, 1]) {
    for (const transB of [0, 1]) {
      it(`transA=${transA} transB=${transB} with alpha, beta, C [n]`, () => {
        const A = transA ? [3, 2] : [2, 3], B = transB ? [4, 3] : [3, 4];
        expectGradOk(op('Gemm', [A, B, [4]], { transA, transB, alpha: 0.7, beta: 1.3 }));
      });
    }
  }
  it('C [m,1]', () => expectGradOk(op('Gemm', [[2, 3], [3, 4], [2, 1]])));
  it('C scalar', () => expectGradOk(op('Gemm', [[2, 3], [3, 4], []], { beta: 0.5 })));
  it('no C', () => expectGradOk(op('Gemm', [[2, 3], [4, 3]], { transB: 1 })));
});

describe('autodiff: Conv', () => {
  it('2-D with bias', () => expectGradOk(op('Conv', [[2, 3, 5, 5], [4, 3, 3, 3], [4]])));
  it('strides and pads', () => expectGradOk(op('Conv', [[1, 2, 5, 6], [3, 2, 3, 2], [3]], { strides: [2, 2], pads: [1, 0, 1, 1] })));
  it('stride that skips rows (output_padding)', () => expectGradOk(op('Conv', [[1, 1, 6, 7], [2, 1, 2, 3]], { strides: [3, 2] })));
  it('dilations', () => expectGradOk(op('Conv', [[1, 2, 7, 6], [2, 2, 2, 3]], { dilations: [2, 2], pads: [1, 1, 1, 1] })));
  it('groups', () => expectGradOk(op('Conv', [[2, 4, 4, 4], [6, 2, 3, 3], [6]], { group: 2, pads: [1, 1, 1, 1] })));
  it('depthwise', () => expectGradOk(op('Conv', [[1, 3, 4, 5], [3, 1, 2, 2]], { group: 3, strides: [2, 1] })));
  it('1-D', () => expectGradOk(op('Conv', [[2, 2, 9], [3, 2, 3], [3]], { strides: [2], pads: [2, 1], dilations: [2] })));
  it('3-D', () => expectGradOk(op('Conv', [[1, 2, 3, 4, 3], [2, 2, 2, 2, 2]], { pads: [0, 1, 0, 1, 0, 1] })));
});

describe('autodiff: ConvTranspose', () => {
  it('2-D with bias', () => expectGradOk(op('ConvTranspose', [[2, 3, 3, 3], [3, 2, 3, 3], [2]])));
  it('strides, pads, output_padding', () => expectGradOk(op('ConvTranspose', [[1, 2, 3, 4], [2, 3, 3, 2]], { strides: [2, 3], pads: [1, 0, 1, 1], output_padding: [1, 2] })));
  it('groups and dilations', () => expectGradOk(op('ConvTranspose', [[1, 4, 3, 3], [4, 1, 2, 2], [2]], { group: 2, dilations: [2, 1] })));
});

describe('autodiff: Einsum', () => {
  it('matmul', () => expectGradOk(op('Einsum', [[2, 3], [3, 4]], { equation: 'ij,jk->ik' })));
  it('batched', () => expectGradOk(op('Einsum', [[2, 2, 3], [2, 3, 4]], { equation: 'bij,bjk->bik' })));
  it('transpose', () => expectGradOk(op('Einsum', [[2, 3]], { equation: 'ij->ji' })));
  it('row sums', () => expectGradOk(op('Einsum', [[2, 3]], { equation: 'ij->i' })));
  it('a label summed in one operand only', () => expectGradOk(op('Einsum', [[2, 3], [4]], { equation: 'ij,k->i' })));
  it('ellipsis with broadcasting', () => expectGradOk(op('Einsum', [[2, 1, 2, 3], [3, 3, 2]], { equation: '...ij,...jk->...ik' })));
  it('three operands', () => expectGradOk(op('Einsum', [[2, 3], [3], [3, 2]], { equation: 'ij,j,jk->ik' })));
  // Diagonals: a label repeated within one operand.
  it('diagonal ii->i', () => expectGradOk(op('Einsum', [[3, 3]], { equation: 'ii->i' })));
  it('trace ii->', () => expectGradOk(op('Einsum', [[3, 3]], { equation: 'ii->' })));
  it('batched diagonal bii->bi', () => expectGradOk(op('Einsum', [[2, 3, 3]], { equation: 'bii->bi' })));
  it('repeated leading label iij->ij', () => expectGradOk(op('Einsum', [[2, 2, 3]], { equation: 'iij->ij' })));
  it('diagonal against another operand ii,ij->j', () => expectGradOk(op('Einsum', [[3, 3], [3, 2]], { equation: 'ii,ij->j' })));
  it('diagonal with an ellipsis ...ii->...i', () => expectGradOk(op('Einsum', [[2, 2, 2]], { equation: '...ii->...i' })));
});

describe('ConvWeightGrad op', () => {
  it('shape rule and a hand-computed value', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 3, 3] });
    const dy = g.addInput('dy', { dtype: 'f32', shape: [1, 1, 2, 2] });
    const [dw] = g.addNode('ConvWeightGrad', [x, dy], { kernel_shape: [2, 2] });
    expect(dw.type.shape).toEqual([1, 1, 2, 2]);
    g.outputs = [dw];
    const xv = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const [out] = interpret(g, new Map([['x', tensor('f32', [1, 1, 3, 3], xv)], ['dy', tensor('f32', [1, 1, 2, 2], [1, 0, 0, 1])]]));
    // dW[a,b] = x[a,b] + x[a+1,b+1]
    expect(Array.from(out.data)).toEqual([1 + 5, 2 + 6, 4 + 8, 5 + 9]);
  });
  it('rejects a dY of the wrong size', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 3, 3] });
    const dy = g.addInput('dy', { dtype: 'f32', shape: [1, 1, 3, 3] });
    expect(() => g.addNode('ConvWeightGrad', [x, dy], { kernel_shape: [2, 2] })).toThrow(/output size/);
  });
  it('matches a naive reference with groups, stride and dilation', () => {
    const g = new Graph();
    const [N, C, M, G] = [2, 4, 6, 2];
    const x = g.addInput('x', { dtype: 'f32', shape: [N, C, 7, 6] });
    const attrs = { kernel_shape: [2, 3], strides: [2, 1], dilations: [1, 2], pads: [1, 0, 0, 1], group: G };
    const oh = Math.floor((7 + 1 - 2) / 2) + 1, ow = Math.floor((6 + 1 - 5) / 1) + 1;
    const dy = g.addInput('dy', { dtype: 'f32', shape: [N, M, oh, ow] });
    g.outputs = g.addNode('ConvWeightGrad', [x, dy], attrs);
    const xv = uniform(N * C * 42, 1), dv = uniform(N * M * oh * ow, 2);
    const [out] = interpret(g, new Map([['x', tensor('f32', [N, C, 7, 6], xv)], ['dy', tensor('f32', [N, M, oh, ow], dv)]]));
    const cg = C / G, mg = M / G;
    for (let m = 0; m < M; m++) for (let c = 0; c < cg; c++) for (let ki = 0; ki < 2; ki++) for (let kj = 0; kj < 3; kj++) {
      let s = 0;
      for (let n = 0; n < N; n++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
        const h = i * 2 - 1 + ki, w = j + kj * 2;
        if (h < 0 || h >= 7 || w < 0 || w >= 6) continue;
        s += dv[((n * M + m) * oh + i) * ow + j] * xv[((n * C + Math.floor(m / mg) * cg + c) * 7 + h) * 6 + w];
      }
      expect(out.data[((m * cg + c) * 2 + ki) * 3 + kj]).toBeCloseTo(s, 4);
    }
  });
});

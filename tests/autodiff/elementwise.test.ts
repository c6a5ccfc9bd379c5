// Gradient checks of the elementwise rules against central finite differences (float64 CPU).
import { describe, expect, it } from 'vitest';
import { tensor } from '../../ir/tensor.ts';
import { expectGradOk, op, uniform, type CaseInput, type GradCase } from './gradcheck.ts';

const S = [2, 3];
const r = (lo: number, hi: number, shape = S) => ({ shape, lo, hi });

const UNARY: Record<string, [CaseInput, Record<string, number | string>?]> = {
  Abs: [S], Neg: [S], Exp: [S], Log: [r(0.2, 3)], Sqrt: [r(0.2, 3)], Reciprocal: [r(0.5, 2)],
  Sin: [S], Cos: [S], Tan: [r(-1.2, 1.2)], Asin: [r(-0.9, 0.9)], Acos: [r(-0.9, 0.9)], Atan: [S],
  Sinh: [S], Cosh: [S], Asinh: [S], Acosh: [r(1.2, 3)], Atanh: [r(-0.9, 0.9)], Erf: [S],
  Relu: [S], Sigmoid: [S], Tanh: [S], Softplus: [S], Softsign: [S],
  LeakyRelu: [S, { alpha: 0.2 }], Elu: [S, { alpha: 0.7 }], Celu: [S, { alpha: 1.5 }], Selu: [S],
  HardSigmoid: [r(-4, 4, [3, 4]), { alpha: 0.3, beta: 0.4 }], HardSwish: [r(-5, 5, [3, 4])],
  ThresholdedRelu: [S, { alpha: 0.5 }], Shrink: [S, { lambd: 0.7, bias: 0.2 }],
  Gelu: [S], Mish: [S], Clip: [r(-2, 2, [3, 4]), { min: -0.5, max: 0.8 }],
  Floor: [r(0.1, 0.9)], Ceil: [r(0.1, 0.9)], Round: [r(0.1, 0.4)], Sign: [S],
};

describe('autodiff: unary elementwise', () => {
  for (const [name, [input, attrs]] of Object.entries(UNARY)) {
    it(name, () => {
      expectGradOk(op(name as Parameters<typeof op>[0], [input], attrs ?? {}));
    });
  }
  it('Gelu tanh approximation', () => expectGradOk(op('Gelu', [S], { approximate: 'tanh' })));
  it('Clip with an open bound', () => expectGradOk(op('Clip', [S], { min: 0 })));
  it('Cast f32 -> f16 -> f32 passes the gradient', () => {
    expectGradOk({ inputs: [S], build: (g, [x]) => g.addNode('Cast', [g.addNode('Cast', [x], { to: 'f16' })[0]], { to: 'f32' })[0] });
  });
  it('zero-gradient ops give exact zeros', () => {
    const res = expectGradOk(op('Floor', [r(0.1, 0.9)]));
    expect(res.analytic[0].every((v) => v === 0)).toBe(true);
  });
});

describe('autodiff: binary elementwise with broadcasting', () => {
  const pairs: [string, CaseInput, CaseInput][] = [
    ['same shapes', [2, 3], [2, 3]],
    ['row vector', [2, 3], [3]],
    ['column and row', [2, 1], [1, 3]],
    ['scalar', [], [2, 3]],
  ];
  for (const opName of ['Add', 'Sub', 'Mul'] as const) {
    for (const [what, a, b] of pairs) it(`${opName} ${what}`, () => expectGradOk(op(opName, [a, b])));
  }
  it('Div', () => expectGradOk(op('Div', [[2, 3], r(0.5, 2, [3])])));
  it('Div broadcast numerator', () => expectGradOk(op('Div', [[3], r(0.5, 2, [2, 3])])));
  it('Pow', () => expectGradOk(op('Pow', [r(0.3, 2, [2, 3]), r(-1.5, 2, [3])])));
  it('Pow with an integer exponent', () => expectGradOk(op('Pow', [[2, 3], tensor('i32', [3], [1, 2, 3])])));
  it('Mod (Python)', () => expectGradOk(op('Mod', [r(-5, 5, [2, 3]), r(0.7, 2, [3])])));
  it('Mod (fmod)', () => expectGradOk(op('Mod', [r(-5, 5, [2, 3]), r(0.7, 2, [3])], { fmod: 1 })));
  it('Max of three with broadcasting', () => expectGradOk(op('Max', [[2, 3], [3], [2, 1]])));
  it('Min of two', () => expectGradOk(op('Min', [[2, 3], [2, 3]])));
  it('Sum of three', () => expectGradOk(op('Sum', [[2, 3], [3], []])));
  it('Mean of three', () => expectGradOk(op('Mean', [[2, 3], [3], [2, 1]])));
  it('PRelu with per-channel slope', () => expectGradOk(op('PRelu', [[2, 3, 2], [3, 1]])));
  it('Where', () => {
    const cond = tensor('bool', [2, 3], [1, 0, 1, 0, 0, 1]);
    expectGradOk(op('Where', [cond, [2, 3], [3]]));
  });
  it('Max ties share the gradient equally', () => {
    const c: GradCase = { inputs: [{ shape: [3], values: [1, 2, 3] }], build: (g, [x]) => g.addNode('Max', [x, x])[0] };
    // The same value twice: each use gets half, the sum is the full gradient.
    expectGradOk(c);
  });
  it('a value used twice accumulates', () => {
    expectGradOk({ inputs: [S], build: (g, [x]) => g.addNode('Mul', [g.addNode('Exp', [x])[0], g.addNode('Sin', [x])[0]])[0] });
  });
  it('uses deterministic inputs', () => expect(uniform(3, 1)).toEqual(uniform(3, 1)));
});

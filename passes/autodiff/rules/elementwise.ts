// Gradient rules of the elementwise ops: d/dx of each unary function times dy, and for broadcasting
// n-ary ops each operand's share summed back to its shape (unbroadcast). Conventions at kinks: Relu, Abs
// and the other piecewise-linear ops take the derivative of the branch that excludes the kink point
// (Relu'(0) = 0, Abs'(0) = 0); Clip passes the gradient where min <= x <= max; ties of Max/Min share it
// equally among the tied operands.
import { isFloat } from '../../../ir/dtype.ts';
import type { Value } from '../../../ir/graph.ts';
import type { ElementwiseOpName } from '../../../ir/ops/index.ts';
import { type GradBuilder, type GradEntry, type InputGrad, zeroGrad } from '../rule.ts';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** A unary op: dx = dy * f'(x, y). */
const unary = (deriv: (g: GradBuilder, x: Value, y: Value) => Value): InputGrad[] => [(g) => g.mul(g.dy(), deriv(g, g.x(0), g.y()))];
/** A unary op whose gradient is dy where a condition on x holds, else 0. */
const gate = (cond: (g: GradBuilder, x: Value) => Value): InputGrad[] => [(g) => g.pass(cond(g, g.x(0)), g.dy())];

const attr = (g: GradBuilder, k: string): number => g.attrs[k] as number;
const sq = (g: GradBuilder, v: Value) => g.mul(v, v);
/** 1 - x^2 */
const oneMinusSq = (g: GradBuilder, v: Value) => g.sub(g.num(1, v), sq(g, v));
const sigmoid = (g: GradBuilder, v: Value) => g.un('Sigmoid', v);
const inBand = (g: GradBuilder, x: Value, lo: number, hi: number) => g.op1('And', [g.op1('GreaterOrEqual', [x, g.num(lo, x)]), g.op1('LessOrEqual', [x, g.num(hi, x)])]);

/** Ops with a mask-per-operand rule: each operand gets dy where it equals the result, split among ties. */
const tieShare: InputGrad = (g, i) => {
  const y = g.y();
  const hit = (k: number) => g.mask(g.eq(g.x(k), y), y);
  const count = g.memo('ties', () => g.node.inputs.map((_, k) => hit(k)).reduce((a, b) => g.add(a, b)));
  return g.toInput(g.div(g.mul(g.dy(), hit(i)), count), i);
};

/** Gelu: x * Phi(x) with Phi the normal CDF (or its tanh approximation). */
function geluDeriv(g: GradBuilder, x: Value): Value {
  if (g.attrs.approximate === 'tanh') {
    // y = 0.5 x (1 + t), t = tanh(u), u = sqrt(2/pi) (x + 0.044715 x^3)
    const x2 = sq(g, x);
    const t = g.un('Tanh', g.scale(g.add(x, g.scale(g.mul(x2, x), 0.044715)), SQRT_2_OVER_PI));
    const du = g.scale(g.add(g.num(1, x), g.scale(x2, 3 * 0.044715)), SQRT_2_OVER_PI);
    return g.scale(g.add(g.add(g.num(1, x), t), g.mul(g.mul(x, oneMinusSq(g, t)), du)), 0.5);
  }
  const cdf = g.scale(g.add(g.num(1, x), g.un('Erf', g.scale(x, Math.SQRT1_2))), 0.5);
  const pdf = g.scale(g.un('Exp', g.scale(sq(g, x), -0.5)), INV_SQRT_2PI);
  return g.add(cdf, g.mul(x, pdf));
}

export const ELEMENTWISE_GRADS: { [K in ElementwiseOpName]: GradEntry } = {
  Abs: unary((g, x) => g.un('Sign', x)),
  Neg: [(g) => g.neg(g.dy())],
  Sign: zeroGrad('piecewise constant'),
  Exp: unary((_g, _x, y) => y),
  Log: [(g) => g.div(g.dy(), g.x(0))],
  Sqrt: [(g) => g.div(g.scale(g.dy(), 0.5), g.y())],
  Reciprocal: unary((g, _x, y) => g.neg(sq(g, y))),
  Sin: unary((g, x) => g.un('Cos', x)),
  Cos: unary((g, x) => g.neg(g.un('Sin', x))),
  Tan: unary((g, _x, y) => g.add(g.num(1, y), sq(g, y))),
  Asin: [(g) => g.div(g.dy(), g.un('Sqrt', oneMinusSq(g, g.x(0))))],
  Acos: [(g) => g.neg(g.div(g.dy(), g.un('Sqrt', oneMinusSq(g, g.x(0)))))],
  Atan: [(g) => g.div(g.dy(), g.add(g.num(1, g.x(0)), sq(g, g.x(0))))],
  Sinh: unary((g, x) => g.un('Cosh', x)),
  Cosh: unary((g, x) => g.un('Sinh', x)),
  Asinh: [(g) => g.div(g.dy(), g.un('Sqrt', g.add(sq(g, g.x(0)), g.num(1, g.x(0)))))],
  Acosh: [(g) => g.div(g.dy(), g.un('Sqrt', g.sub(sq(g, g.x(0)), g.num(1, g.x(0)))))],
  Atanh: [(g) => g.div(g.dy(), oneMinusSq(g, g.x(0)))],
  Floor: zeroGrad('piecewise constant'), Ceil: zeroGrad('piecewise constant'), Round: zeroGrad('piecewise constant'),
  Erf: unary((g, x) => g.scale(g.un('Exp', g.neg(sq(g, x))), 2 / Math.sqrt(Math.PI))),
  Relu: gate((g, x) => g.gt(x, 0)),
  Sigmoid: unary((g, _x, y) => g.mul(y, g.sub(g.num(1, y), y))),
  Tanh: unary((g, _x, y) => oneMinusSq(g, y)),
  Softplus: unary((g, x) => sigmoid(g, x)),
  Softsign: [(g) => g.div(g.dy(), sq(g, g.add(g.num(1, g.x(0)), g.un('Abs', g.x(0)))))],
  LeakyRelu: [(g) => g.where(g.gt(g.x(0), 0), g.dy(), g.scale(g.dy(), attr(g, 'alpha')))],
  // y = alpha (e^x - 1) for x <= 0, so y' = y + alpha there.
  Elu: [(g) => g.where(g.gt(g.x(0), 0), g.dy(), g.mul(g.dy(), g.add(g.y(), g.num(attr(g, 'alpha'), g.y()))))],
  Celu: [(g) => g.where(g.gt(g.x(0), 0), g.dy(), g.mul(g.dy(), g.un('Exp', g.scale(g.x(0), 1 / attr(g, 'alpha')))))],
  Selu: [(g) => g.scale(g.where(g.gt(g.x(0), 0), g.dy(), g.mul(g.dy(), g.scale(g.un('Exp', g.x(0)), attr(g, 'alpha')))), attr(g, 'gamma'))],
  HardSigmoid: [(g) => {
    const z = g.add(g.scale(g.x(0), attr(g, 'alpha')), g.num(attr(g, 'beta'), g.x(0)));
    return g.scale(g.pass(g.op1('And', [g.gt(z, 0), g.lt(z, 1)]), g.dy()), attr(g, 'alpha'));
  }],
  // y = x * clamp(x/6 + 1/2, 0, 1): slope 0 below -3, 1 above 3, x/3 + 1/2 between.
  HardSwish: [(g) => {
    const x = g.x(0);
    const mid = g.add(g.scale(x, 1 / 3), g.num(0.5, x));
    return g.mul(g.dy(), g.where(g.lt(x, -3), g.num(0, x), g.where(g.gt(x, 3), g.num(1, x), mid)));
  }],
  ThresholdedRelu: gate((g, x) => g.gt(x, attr(g, 'alpha'))),
  Shrink: gate((g, x) => g.op1('Or', [g.lt(x, -attr(g, 'lambd')), g.gt(x, attr(g, 'lambd'))])),
  Gelu: unary((g, x) => geluDeriv(g, x)),
  // y = x tanh(sp), sp = softplus(x): y' = tanh(sp) + x (1 - tanh(sp)^2) sigmoid(x)
  Mish: unary((g, x) => {
    const t = g.un('Tanh', g.un('Softplus', x));
    return g.add(t, g.mul(g.mul(x, oneMinusSq(g, t)), sigmoid(g, x)));
  }),
  StopGradient: zeroGrad('stops gradients by definition'),
  Not: zeroGrad('boolean'), IsNaN: zeroGrad('boolean output'), IsInf: zeroGrad('boolean output'),
  Clip: gate((g, x) => inBand(g, x, attr(g, 'min'), attr(g, 'max'))),
  // Float-to-float casts pass the gradient (cast back); casts from or to integers carry none.
  Cast: [(g) => (isFloat(g.x(0).type.dtype) && isFloat(g.y().type.dtype) ? g.op1('Cast', [g.dy()], { to: g.x(0).type.dtype }) : undefined)],

  Add: (g, i) => g.toInput(g.dy(), i),
  Sub: [(g) => g.toInput(g.dy(), 0), (g) => g.toInput(g.neg(g.dy()), 1)],
  Mul: [(g) => g.toInput(g.mul(g.dy(), g.x(1)), 0), (g) => g.toInput(g.mul(g.dy(), g.x(0)), 1)],
  Div: [
    (g) => g.toInput(g.div(g.dy(), g.x(1)), 0),
    // d(a/b)/db = -y / b
    (g) => g.toInput(g.neg(g.div(g.mul(g.dy(), g.y()), g.x(1))), 1),
  ],
  Pow: [
    (g) => {
      const [a, b] = [g.x(0), g.x(1)];
      const bf = b.type.dtype === a.type.dtype ? b : g.op1('Cast', [b], { to: a.type.dtype });
      return g.toInput(g.mul(g.dy(), g.mul(bf, g.op1('Pow', [a, g.sub(bf, g.num(1, bf))]))), 0);
    },
    // d(a^b)/db = y ln a; taken as 0 where a = 0 (the limit for b > 0).
    (g) => {
      const a = g.x(0);
      const d = g.where(g.eq(a, g.num(0, a)), g.num(0, a), g.mul(g.y(), g.un('Log', a)));
      return g.toInput(g.mul(g.dy(), d), 1);
    },
  ],
  // y = a - q b with q = trunc or floor of a / b, piecewise constant: dy/da = 1, dy/db = -q = (y - a) / b.
  Mod: [(g) => g.toInput(g.dy(), 0), (g) => g.toInput(g.mul(g.dy(), g.div(g.sub(g.y(), g.x(0)), g.x(1))), 1)],
  Max: tieShare, Min: tieShare,
  Sum: (g, i) => g.toInput(g.dy(), i),
  Mean: (g, i) => g.toInput(g.scale(g.dy(), 1 / g.node.inputs.length), i),
  // y = x for x >= 0, slope * x below.
  PRelu: [
    (g) => g.toInput(g.where(g.lt(g.x(0), 0), g.mul(g.dy(), g.x(1)), g.dy()), 0),
    (g) => g.toInput(g.pass(g.lt(g.x(0), 0), g.mul(g.dy(), g.x(0))), 1),
  ],
  And: zeroGrad('boolean'), Or: zeroGrad('boolean'), Xor: zeroGrad('boolean'),
  Equal: zeroGrad('comparison'), Less: zeroGrad('comparison'), LessOrEqual: zeroGrad('comparison'),
  Greater: zeroGrad('comparison'), GreaterOrEqual: zeroGrad('comparison'),
  // The mask is a function of the step counter and the element position only; y = x * mask carries x's gradient.
  DropoutMask: zeroGrad('a random mask, piecewise constant in the step counter'),
  Where: [undefined, (g) => g.toInput(g.pass(g.x(0), g.dy()), 1), (g) => g.toInput(g.where(g.x(0), g.num(0, g.dy()), g.dy()), 2)],
};

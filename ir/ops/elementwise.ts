// Elementwise ops: unary math and activations, broadcasting binary math, comparisons, logic, select, cast.
import { shapeFail } from '../errors.ts';
import type { OpDef } from '../op.ts';
import { broadcastShapes } from '../shape.ts';
import { broadcasting, req, sameAsInput } from './common.ts';

const unary = (attrs = {}) => sameAsInput('elementwise', attrs);
const floatUnary = (attrs = {}) => sameAsInput('elementwise', attrs, [1, 1], true);
const alpha = (d: number) => ({ alpha: { type: 'float', default: d } }) as const;

export const ELEMENTWISE_OPS = {
  Abs: unary(), Neg: unary(), Sign: unary(),
  Exp: floatUnary(), Log: floatUnary(), Sqrt: floatUnary(), Reciprocal: floatUnary(),
  Sin: floatUnary(), Cos: floatUnary(), Tan: floatUnary(), Asin: floatUnary(), Acos: floatUnary(), Atan: floatUnary(),
  Sinh: floatUnary(), Cosh: floatUnary(), Asinh: floatUnary(), Acosh: floatUnary(), Atanh: floatUnary(),
  Floor: floatUnary(), Ceil: floatUnary(), Round: floatUnary(), Erf: floatUnary(),
  Relu: unary(), Sigmoid: floatUnary(), Tanh: floatUnary(), Softplus: floatUnary(), Softsign: floatUnary(),
  LeakyRelu: floatUnary(alpha(0.01)),
  Elu: floatUnary(alpha(1)),
  Celu: floatUnary(alpha(1)),
  Selu: floatUnary({ alpha: { type: 'float', default: 1.67326319217681884765625 }, gamma: { type: 'float', default: 1.05070102214813232421875 } }),
  HardSigmoid: floatUnary({ alpha: { type: 'float', default: 0.2 }, beta: { type: 'float', default: 0.5 } }),
  HardSwish: floatUnary(),
  ThresholdedRelu: floatUnary(alpha(1)),
  Shrink: unary({ bias: { type: 'float', default: 0 }, lambd: { type: 'float', default: 0.5 } }),
  /** approximate: 'none' (erf) or 'tanh'. */
  Gelu: floatUnary({ approximate: { type: 'string', default: 'none' } }),
  Mish: floatUnary(),
  /** Identity whose gradient is zero (e.g. softmax's max shift, which cancels mathematically). */
  StopGradient: unary(),
  Not: broadcasting([1, 1], 'bool', {}, ['bool']),
  IsNaN: { kind: 'elementwise', inputs: [1, 1], attrs: {}, infer: (i) => [{ dtype: 'bool', shape: req(i, 0).shape }] },
  IsInf: {
    kind: 'elementwise', inputs: [1, 1],
    attrs: { detect_negative: { type: 'int', default: 1 }, detect_positive: { type: 'int', default: 1 } },
    infer: (i) => [{ dtype: 'bool', shape: req(i, 0).shape }],
  },
  /** Clamp to [min, max]; the bounds are attributes (static). */
  Clip: unary({ min: { type: 'float', default: -Infinity }, max: { type: 'float', default: Infinity } }),
  Cast: { kind: 'elementwise', inputs: [1, 1], attrs: { to: { type: 'dtype' } }, infer: (i, a) => [{ dtype: a.to as 'f32', shape: req(i, 0).shape }] },

  Add: broadcasting([2, 2]), Sub: broadcasting([2, 2]), Mul: broadcasting([2, 2]), Div: broadcasting([2, 2]),
  Pow: {
    kind: 'elementwise', inputs: [2, 2], attrs: {},
    infer: (i) => [{ dtype: req(i, 0).dtype, shape: broadcastShapes(req(i, 0).shape, req(i, 1).shape) }],
  },
  /** fmod=1: C fmod (sign of dividend); fmod=0: Python mod (sign of divisor). */
  Mod: broadcasting([2, 2], undefined, { fmod: { type: 'int', default: 0 } }),
  Max: broadcasting([1, 64]), Min: broadcasting([1, 64]), Sum: broadcasting([1, 64]), Mean: broadcasting([1, 64]),
  PRelu: broadcasting([2, 2]),
  And: broadcasting([2, 2], 'bool', {}, ['bool']), Or: broadcasting([2, 2], 'bool', {}, ['bool']), Xor: broadcasting([2, 2], 'bool', {}, ['bool']),
  Equal: broadcasting([2, 2], 'bool'), Less: broadcasting([2, 2], 'bool'), LessOrEqual: broadcasting([2, 2], 'bool'),
  Greater: broadcasting([2, 2], 'bool'), GreaterOrEqual: broadcasting([2, 2], 'bool'),
  /**
   * Dropout's scaled keep mask of attribute `shape` (kernels in runtime/cpu/kernels/dropout.ts): element i
   * is 1 / (1 - ratio) when a counter-based hash of (seed, step, i) keeps it (probability 1 - ratio), else 0.
   * Input: the step counter (one element, any numeric dtype), so each train step draws a new mask without
   * recompiling and the same step always gives the same mask. Opaque: it reads the element position, so it is
   * no pointwise map of its input.
   */
  DropoutMask: {
    kind: 'opaque', inputs: [1, 1],
    attrs: { shape: { type: 'ints' }, ratio: { type: 'float', default: 0.5 }, seed: { type: 'int', default: 0 }, dtype: { type: 'dtype', default: 'f32' } },
    infer: (i, a) => {
      const step = req(i, 0), shape = a.shape as readonly number[], ratio = a.ratio as number;
      if (step.shape.some((d) => d !== 1)) shapeFail(`the step counter must have one element, got shape [${step.shape}]`);
      if (!(ratio >= 0 && ratio <= 1)) shapeFail(`ratio must be in [0, 1], got ${ratio}`);
      if (shape.some((d) => d < 0)) shapeFail(`shape [${shape}] has a negative dim`);
      if (a.dtype !== 'f32' && a.dtype !== 'f16') shapeFail(`dtype must be a float type, got ${a.dtype}`);
      return [{ dtype: a.dtype as 'f32', shape: [...shape] }];
    },
  },
  Where: {
    kind: 'elementwise', inputs: [3, 3], attrs: {},
    infer: (i) => {
      const [c, x, y] = [req(i, 0), req(i, 1), req(i, 2)];
      if (c.dtype !== 'bool') shapeFail(`condition must be bool, got ${c.dtype}`);
      if (x.dtype !== y.dtype) shapeFail(`branches differ in dtype: ${x.dtype} vs ${y.dtype}`);
      return [{ dtype: x.dtype, shape: broadcastShapes(c.shape, x.shape, y.shape) }];
    },
  },
} as const satisfies Record<string, OpDef>;

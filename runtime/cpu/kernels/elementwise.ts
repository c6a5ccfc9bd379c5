// CPU kernels of the elementwise ops: one scalar function per op, mapped over broadcast inputs. The common
// ops and broadcasts run tight loops of the same expressions instead (elementwise-fast.ts).
import type { ElementwiseOpName, OpName } from '../../../ir/ops/index.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import type { Attrs } from '../../../ir/op.ts';
import { type CpuKernel, mapN } from '../kernel.ts';
import { erf } from '../math.ts';
import { dropoutMask } from './dropout.ts';
import { fastElementwise } from './elementwise-fast.ts';

type Scalar = (a: Attrs) => (...v: number[]) => number;

const f = (g: (x: number) => number): Scalar => () => g;
const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number) => (x > 20 ? x : Math.log1p(Math.exp(x)));
/** Round half to even, as ONNX Round. */
const roundEven = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};
const num = (a: Attrs, k: string) => a[k] as number;

/** Every pointwise op; DropoutMask (which reads the element position) has its own kernel. */
const SCALAR: { [K in Exclude<ElementwiseOpName, 'DropoutMask'>]: Scalar } = {
  Abs: f(Math.abs), Neg: f((x) => -x), Sign: f(Math.sign),
  Exp: f(Math.exp), Log: f(Math.log), Sqrt: f(Math.sqrt), Reciprocal: f((x) => 1 / x),
  Sin: f(Math.sin), Cos: f(Math.cos), Tan: f(Math.tan), Asin: f(Math.asin), Acos: f(Math.acos), Atan: f(Math.atan),
  Sinh: f(Math.sinh), Cosh: f(Math.cosh), Asinh: f(Math.asinh), Acosh: f(Math.acosh), Atanh: f(Math.atanh),
  Floor: f(Math.floor), Ceil: f(Math.ceil), Round: f(roundEven), Erf: f(erf),
  Relu: f((x) => (x > 0 ? x : 0)), Sigmoid: f(sigmoid), Tanh: f(Math.tanh), Softplus: f(softplus),
  Softsign: f((x) => x / (1 + Math.abs(x))),
  LeakyRelu: (a) => (x) => (x >= 0 ? x : num(a, 'alpha') * x),
  Elu: (a) => (x) => (x >= 0 ? x : num(a, 'alpha') * Math.expm1(x)),
  Celu: (a) => (x) => Math.max(0, x) + Math.min(0, num(a, 'alpha') * Math.expm1(x / num(a, 'alpha'))),
  Selu: (a) => (x) => num(a, 'gamma') * (x > 0 ? x : num(a, 'alpha') * Math.expm1(x)),
  HardSigmoid: (a) => (x) => Math.max(0, Math.min(1, num(a, 'alpha') * x + num(a, 'beta'))),
  HardSwish: f((x) => x * Math.max(0, Math.min(1, x / 6 + 0.5))),
  ThresholdedRelu: (a) => (x) => (x > num(a, 'alpha') ? x : 0),
  Shrink: (a) => (x) => (x < -num(a, 'lambd') ? x + num(a, 'bias') : x > num(a, 'lambd') ? x - num(a, 'bias') : 0),
  Gelu: (a) =>
    a.approximate === 'tanh'
      ? (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))
      : (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  Mish: f((x) => x * Math.tanh(softplus(x))),
  StopGradient: f((x) => x),
  Not: f((x) => (x ? 0 : 1)),
  IsNaN: f((x) => (Number.isNaN(x) ? 1 : 0)),
  IsInf: (a) => (x) => ((x === Infinity && a.detect_positive) || (x === -Infinity && a.detect_negative) ? 1 : 0),
  Clip: (a) => (x) => Math.min(Math.max(x, num(a, 'min')), num(a, 'max')),
  Cast: (a) => (a.to === 'bool' ? (x) => (x !== 0 ? 1 : 0) : (x) => (a.to === 'f32' || a.to === 'f16' ? x : Math.trunc(x))),
  Add: f2((x, y) => x + y), Sub: f2((x, y) => x - y), Mul: f2((x, y) => x * y), Div: f2((x, y) => x / y),
  Pow: f2(Math.pow),
  Mod: (a) => (a.fmod ? (x, y) => x % y : (x, y) => { const r = x % y; return r !== 0 && (r < 0) !== (y < 0) ? r + y : r; }),
  Max: () => (...v) => Math.max(...v), Min: () => (...v) => Math.min(...v),
  Sum: () => (...v) => v.reduce((s, x) => s + x, 0), Mean: () => (...v) => v.reduce((s, x) => s + x, 0) / v.length,
  PRelu: f2((x, s) => (x < 0 ? s * x : x)),
  And: f2((x, y) => (x && y ? 1 : 0)), Or: f2((x, y) => (x || y ? 1 : 0)), Xor: f2((x, y) => ((x ? 1 : 0) ^ (y ? 1 : 0))),
  Equal: f2((x, y) => (x === y ? 1 : 0)), Less: f2((x, y) => (x < y ? 1 : 0)), LessOrEqual: f2((x, y) => (x <= y ? 1 : 0)),
  Greater: f2((x, y) => (x > y ? 1 : 0)), GreaterOrEqual: f2((x, y) => (x >= y ? 1 : 0)),
  Where: () => (c, x, y) => (c ? x : y),
};

/** The generic per-element function of an op (tests compare the fast loops against it). */
export const scalarOf = (op: keyof typeof SCALAR, a: Attrs): ((...v: number[]) => number) => SCALAR[op](a);

function f2(g: (x: number, y: number) => number): Scalar {
  return () => g;
}

/** Integer division truncates toward zero for integer dtypes. */
const intDiv: CpuKernel = (xs, _a, out) => [mapN(xs as never, out[0], (x, y) => Math.trunc(x / y))];

export const ELEMENTWISE_KERNELS = {
  ...(Object.fromEntries(
    Object.entries(SCALAR).map(([op, s]) => {
      const k: CpuKernel = (xs, a, out) => {
        if (op === 'Div' && out[0].dtype !== 'f32' && out[0].dtype !== 'f16') return intDiv(xs, a, out);
        const given = xs.filter((x) => x !== undefined) as Tensor[];
        return [fastElementwise(op as OpName, given, a, out[0]) ?? mapN(given, out[0], s(a))];
      };
      return [op, k];
    }),
  ) as { [K in keyof typeof SCALAR]: CpuKernel }),
  DropoutMask: dropoutMask,
} satisfies { [K in ElementwiseOpName]: CpuKernel };

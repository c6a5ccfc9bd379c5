// ONNX elementwise ops: most map one-to-one; Clip's bounds and Pow's mixed dtypes need care.
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import { scalar, type Tensor } from '../../../ir/tensor.ts';
import type { OnnxConverter } from '../context.ts';
import { direct } from './util.ts';

const SAME_NAME = [
  'Abs', 'Neg', 'Sign', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Sin', 'Cos', 'Tan', 'Asin', 'Acos', 'Atan', 'Sinh', 'Cosh',
  'Asinh', 'Acosh', 'Atanh', 'Floor', 'Ceil', 'Round', 'Erf', 'Relu', 'Sigmoid', 'Tanh', 'Softplus', 'Softsign',
  'LeakyRelu', 'Elu', 'Celu', 'Selu', 'HardSigmoid', 'HardSwish', 'ThresholdedRelu', 'Shrink', 'Gelu', 'Mish', 'Not',
  'IsNaN', 'IsInf', 'Cast', 'Add', 'Sub', 'Mul', 'Div', 'Mod', 'Max', 'Min', 'Sum', 'Mean', 'PRelu', 'And', 'Or',
  'Xor', 'Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual', 'Where',
] as const;

/** Clip: bounds are attributes before opset 11 and optional inputs after; runtime bounds become Max/Min. */
const clip: OnnxConverter = (ctx, n) => {
  const [x, lo, hi] = n.inputs;
  if (ctx.opset < 11) return ctx.emit('Clip', [x], { min: (n.attrs.min as number) ?? -Infinity, max: (n.attrs.max as number) ?? Infinity });
  const loT = ctx.constValue(lo), hiT = ctx.constValue(hi);
  if ((lo && !loT) || (hi && !hiT)) {
    let y = x as Value;
    if (lo) y = ctx.emit1('Max', [y, lo]);
    if (hi) y = ctx.emit1('Min', [y, hi]);
    return [y];
  }
  return ctx.emit('Clip', [x], { min: loT ? loT.data[0] : -Infinity, max: hiT ? hiT.data[0] : Infinity });
};

/** Pow with an exponent of another dtype: cast the exponent to the base's dtype. */
const pow: OnnxConverter = (ctx, n) => {
  const [x, y] = n.inputs as [Value, Value];
  if (!y) throw new KilnError('ONNX_INVALID', 'Pow needs input 1 (Y, the exponent)', { node: n.name, op: n.opType });
  const e = y.type.dtype === x.type.dtype ? y : ctx.emit1('Cast', [y], { to: x.type.dtype });
  return ctx.emit('Pow', [x, e]);
};

const CONSTANT_ATTRS: Record<string, (v: unknown) => Tensor> = {
  value: (v) => v as Tensor,
  value_float: (v) => scalar('f32', v as number),
  value_int: (v) => scalar('i32', v as number),
  value_floats: (v) => ({ dtype: 'f32', shape: [(v as number[]).length], data: Float32Array.from(v as number[]) }),
  value_ints: (v) => ({ dtype: 'i32', shape: [(v as number[]).length], data: Int32Array.from(v as number[]) }),
};

export const ELEMENTWISE_CONVERTERS: Record<string, OnnxConverter> = {
  ...Object.fromEntries(SAME_NAME.map((op) => [op, direct(op)])),
  Clip: clip,
  Pow: pow,
  Identity: (_ctx, n) => [n.inputs[0]],
  /** Inference: Dropout is the identity and its mask all true. */
  Dropout: (ctx, n) => {
    const x = n.inputs[0] as Value;
    if (n.outputCount < 2) return [x];
    ctx.reserve(n.opType, [x.type.shape]);
    const mask = new Uint8Array(x.type.shape.reduce((a, b) => a * b, 1)).fill(1);
    return [x, ctx.constant({ dtype: 'bool', shape: x.type.shape, data: mask }, 'mask')];
  },
  Constant: (ctx, n) => {
    const [k, v] = Object.entries(n.attrs)[0] ?? [];
    const make = k === undefined ? undefined : CONSTANT_ATTRS[k];
    if (!make || (k === 'value' && (typeof v !== 'object' || v === null || !('data' in v)))) {
      throw new KilnError('ONNX_UNSUPPORTED', `Constant with attribute '${k}' is not supported`, { node: n.name, op: n.opType });
    }
    return [ctx.constant(make(v), 'value')];
  },
};

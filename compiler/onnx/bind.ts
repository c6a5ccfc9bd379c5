// Binding graph inputs at import: an input given a value becomes a constant, so what it decides (a shape,
// an axis, an If condition such as Equal(sample_rate, 16000), a Loop's trip count) folds away and the
// model compiles statically. Values come as tensors, or as plain numbers / lists / booleans that take the
// input's declared dtype and shape (`importOnnx(bytes, { bind: { sr: 16000 } })`, `--bind sr=16000`).
import { isFloat } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import { fmt, numel, sameShape } from '../../ir/shape.ts';
import { fmtType, type Tensor, tensor, type TensorType } from '../../ir/tensor.ts';

export type BindValue = number | boolean | readonly number[] | Tensor;
export type Bindings = ReadonlyMap<string, Tensor> | Readonly<Record<string, BindValue>>;

const isTensor = (v: BindValue): v is Tensor => typeof v === 'object' && 'data' in v && 'dtype' in v;

/** The bindings by input name (a Map or a plain object; an object's own keys only). */
export function bindingMap(bind: Bindings | undefined): Map<string, BindValue> {
  if (!bind) return new Map();
  return bind instanceof Map ? new Map(bind) : new Map(Object.entries(bind as Record<string, BindValue>));
}

/** The constant a bound input becomes: the tensor itself, or the numbers in the input's dtype and shape. */
export function boundTensor(name: string, v: BindValue, type: TensorType, path?: string): Tensor {
  if (isTensor(v)) {
    if (v.dtype !== type.dtype || !sameShape(v.shape, type.shape)) {
      throw new KilnError('INPUT', `bound value for input '${name}' is ${fmtType(v)}, the input is ${fmtType(type)}`, { path });
    }
    return v;
  }
  const values = typeof v === 'boolean' ? [v ? 1 : 0] : typeof v === 'number' ? [v] : [...v];
  if (values.length !== numel(type.shape)) {
    throw new KilnError('INPUT', `bound value for input '${name}' has ${values.length} element${values.length === 1 ? '' : 's'}, the input is ${fmtType(type)} (${numel(type.shape)} in shape ${fmt(type.shape)})`, { path });
  }
  const bad = values.find((x) => !Number.isFinite(x) || (!isFloat(type.dtype) && !Number.isInteger(x)) || (type.dtype === 'bool' && x !== 0 && x !== 1));
  if (bad !== undefined) throw new KilnError('INPUT', `bound value ${bad} for input '${name}' is not a ${type.dtype} value`, { path });
  return tensor(type.dtype, type.shape, values);
}

/** Every bound name must be a graph input (a misspelt one would be silently ignored). */
export function checkBindingsUsed(bound: ReadonlyMap<string, BindValue>, inputs: ReadonlySet<string>, path?: string): void {
  const unknown = [...bound.keys()].filter((k) => !inputs.has(k));
  if (unknown.length === 0) return;
  throw new KilnError('USAGE', `bound input${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} not among the model's inputs (${[...inputs].map((k) => `'${k}'`).join(', ') || 'none'})`, { path });
}

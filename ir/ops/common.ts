// Building blocks for op-table entries: the shape rules most ops share.
import type { DType } from '../dtype.ts';
import { isFloat } from '../dtype.ts';
import { shapeFail } from '../errors.ts';
import type { AttrSpec, Attrs, InputTypes, OpDef, OpKind } from '../op.ts';
import { broadcastShapes } from '../shape.ts';
import type { TensorType } from '../tensor.ts';

type AttrSchema = Readonly<Record<string, AttrSpec>>;

export const req = (i: InputTypes, k: number): TensorType => i[k] ?? shapeFail(`input ${k} is required`);

export function requireFloat(t: TensorType, what = 'input'): void {
  if (!isFloat(t.dtype)) shapeFail(`${what} must be a float tensor, got ${t.dtype}`);
}

export function requireSameDType(ts: readonly TensorType[]): DType {
  const d = ts[0].dtype;
  for (const t of ts) if (t.dtype !== d) shapeFail(`inputs must share a dtype, got ${ts.map((x) => x.dtype).join(', ')}`);
  return d;
}

/** Same shape and dtype as input 0. */
export function sameAsInput(kind: OpKind, attrs: AttrSchema = {}, inputs: readonly [number, number] = [1, 1], floatOnly = false): OpDef {
  return {
    kind,
    inputs,
    attrs,
    infer: (i) => {
      const x = req(i, 0);
      if (floatOnly) requireFloat(x);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  };
}

/** Broadcasting n-ary elementwise op; the result dtype is the common input dtype or `outDType`. */
export function broadcasting(arity: readonly [number, number], outDType?: DType, attrs: AttrSchema = {}, inDTypes?: readonly DType[]): OpDef {
  return {
    kind: 'elementwise',
    inputs: arity,
    attrs,
    infer: (i: InputTypes, _a: Attrs) => {
      const ts = i.filter((t): t is TensorType => t !== undefined);
      const d = requireSameDType(ts);
      if (inDTypes && !inDTypes.includes(d)) shapeFail(`input dtype ${d} not supported (needs ${inDTypes.join('|')})`);
      return [{ dtype: outDType ?? d, shape: broadcastShapes(...ts.map((t) => t.shape)) }];
    },
  };
}

// Element-wise comparison with the tolerance rule of the ONNX test data and of the fixtures:
// |got - want| <= atol + rtol * |want|, NaN equals NaN; integers and bools must be equal.
import type { Tensor } from '../ir/tensor.ts';
import { isFloat } from '../ir/dtype.ts';
import { sameShape } from '../ir/shape.ts';

export interface Tolerance { rtol: number; atol: number }
export const ONNX_TOLERANCE: Tolerance = { rtol: 1e-3, atol: 1e-5 };

export interface Mismatch { index: number; got: number; want: number }

/** Undefined when equal within tolerance; otherwise a description of the first difference. */
export function compareTensors(got: Tensor, want: Tensor, tol: Tolerance = ONNX_TOLERANCE): string | undefined {
  if (!sameShape(got.shape, want.shape)) return `shape [${got.shape}] differs from expected [${want.shape}]`;
  const exact = !isFloat(want.dtype);
  let worst: Mismatch | undefined;
  let count = 0;
  for (let i = 0; i < want.data.length; i++) {
    const g = got.data[i], w = want.data[i];
    const ok = exact ? g === w : (Number.isNaN(w) ? Number.isNaN(g) : g === w || Math.abs(g - w) <= tol.atol + tol.rtol * Math.abs(w));
    if (!ok) {
      count++;
      if (!worst) worst = { index: i, got: g, want: w };
    }
  }
  return worst ? `${count} of ${want.data.length} values differ; first at index ${worst.index}: got ${worst.got}, want ${worst.want}` : undefined;
}

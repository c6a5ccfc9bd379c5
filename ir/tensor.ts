// A concrete tensor: dtype, static shape and row-major data. Used for initializers, constants and runs.
import { allocArray, type DType, type TypedArray } from './dtype.ts';
import { numel, type Shape } from './shape.ts';

export interface TensorType {
  readonly dtype: DType;
  readonly shape: Shape;
}

export interface Tensor extends TensorType {
  readonly data: TypedArray;
}

/** Bytes a tensor of this type holds on the host (the element size of the array allocArray makes for it). */
export const hostBytes = (t: TensorType): number => numel(t.shape) * allocArray(t.dtype, 0).BYTES_PER_ELEMENT;

export function tensor(dtype: DType, shape: Shape, data?: TypedArray | ArrayLike<number>): Tensor {
  const n = numel(shape);
  const arr = allocArray(dtype, n);
  if (data) {
    if (data.length !== n) throw new Error(`tensor data has ${data.length} elements, shape [${shape}] needs ${n}`);
    arr.set(data as ArrayLike<number>);
  }
  return { dtype, shape: [...shape], data: arr };
}

export const scalar = (dtype: DType, v: number): Tensor => tensor(dtype, [], [v]);

export const typeOf = (t: TensorType): TensorType => ({ dtype: t.dtype, shape: [...t.shape] });

export const fmtType = (t: TensorType): string => `${t.dtype}[${t.shape.join(',')}]`;

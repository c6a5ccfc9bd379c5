// Element types of the IR. ONNX int64 is narrowed to i32 at import (with a range check), double to f32.

export type DType = 'f32' | 'f16' | 'i32' | 'u32' | 'bool';

export type TypedArray = Float32Array | Int32Array | Uint32Array | Uint8Array;

interface DTypeInfo {
  bytes: number;
  float: boolean;
  make: (n: number) => TypedArray;
}

export const DTYPES: { readonly [K in DType]: DTypeInfo } = {
  f32: { bytes: 4, float: true, make: (n) => new Float32Array(n) },
  // f16 values live in Float32Array on the CPU, rounded to half precision where produced.
  f16: { bytes: 2, float: true, make: (n) => new Float32Array(n) },
  i32: { bytes: 4, float: false, make: (n) => new Int32Array(n) },
  u32: { bytes: 4, float: false, make: (n) => new Uint32Array(n) },
  bool: { bytes: 1, float: false, make: (n) => new Uint8Array(n) },
};

export const isFloat = (d: DType): boolean => DTYPES[d].float;
export const allocArray = (d: DType, n: number): TypedArray => DTYPES[d].make(n);

export const I32_MIN = -2147483648;
export const I32_MAX = 2147483647;

// Element types of the IR. ONNX int64 is narrowed to i32 at import (with a range check), double to f32;
// int8 and uint8 stay 8-bit (i8, u8) for quantized models.

export type DType = 'f32' | 'f16' | 'i32' | 'u32' | 'i8' | 'u8' | 'bool';

export type FloatArray = Float32Array | Float64Array;
export type TypedArray = FloatArray | Int32Array | Uint32Array | Int8Array | Uint8Array;

export const isFloatArray = (a: ArrayLike<number>): a is FloatArray => a instanceof Float32Array || a instanceof Float64Array;

let wideFloats = false;

/**
 * Runs `fn` with float tensors held in Float64Array, so the CPU interpreter computes in double precision
 * (used by gradient checks against finite differences). Not reentrant across async boundaries.
 */
export function withFloat64<T>(fn: () => T): T {
  const prev = wideFloats;
  wideFloats = true;
  try {
    return fn();
  } finally {
    wideFloats = prev;
  }
}

/** A float array of the current precision (Float32Array, or Float64Array inside withFloat64). */
export const floatArray = (n: number): FloatArray => (wideFloats ? new Float64Array(n) : new Float32Array(n));

/** Whether a scratch float array has the current precision and at least n elements. */
export const fitsFloatScratch = (a: FloatArray, n: number): boolean =>
  a.length >= n && (a instanceof Float64Array) === wideFloats;

interface DTypeInfo {
  bytes: number;
  float: boolean;
  make: (n: number) => TypedArray;
}

export const DTYPES: { readonly [K in DType]: DTypeInfo } = {
  f32: { bytes: 4, float: true, make: floatArray },
  // f16 values live in Float32Array on the CPU (not rounded to half precision).
  f16: { bytes: 2, float: true, make: floatArray },
  i32: { bytes: 4, float: false, make: (n) => new Int32Array(n) },
  u32: { bytes: 4, float: false, make: (n) => new Uint32Array(n) },
  // Quantized tensors (ONNX INT8/UINT8): stores wrap modulo 2^8 like the typed arrays.
  i8: { bytes: 1, float: false, make: (n) => new Int8Array(n) },
  u8: { bytes: 1, float: false, make: (n) => new Uint8Array(n) },
  bool: { bytes: 1, float: false, make: (n) => new Uint8Array(n) },
};

/** Every IR dtype, in DTYPES order: the list validators check dtype names against. */
export const DTYPE_NAMES = Object.keys(DTYPES) as DType[];

export const isFloat = (d: DType): boolean => DTYPES[d].float;
export const allocArray = (d: DType, n: number): TypedArray => DTYPES[d].make(n);

export const I32_MIN = -2147483648;
export const I32_MAX = 2147483647;

/** Value range of each integer dtype (saturation bounds of QuantizeLinear and Cast checks). */
export const INT_RANGE: { readonly [K in DType]?: readonly [number, number] } = {
  i8: [-128, 127],
  u8: [0, 255],
  i32: [I32_MIN, I32_MAX],
  u32: [0, 4294967295],
};

// A small safetensors reader for the runtime: only the storage types the GPU buffers hold (F32, I32,
// U32, and F16 for weights compiled with precision 'f16', kept as their bit patterns two to a 32-bit word,
// as the GPU buffer holds them), and I8/U8 for quantized weights, whose GPU buffers hold them packed. The full reader with narrowing lives in compiler/safetensors.ts.
import type { TypedArray } from '../ir/dtype.ts';
import { KilnError } from '../ir/errors.ts';

export interface StoredTensor {
  /** safetensors dtype code: F32, I32, U32, I8, U8 or F16 (whose data is a Uint32Array of packed halves, padded to a whole word). */
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: TypedArray;
}

type ArrayClass = (new (b: ArrayBuffer, o: number, n: number) => TypedArray) & { readonly BYTES_PER_ELEMENT: number };

const ARRAYS: Record<string, ArrayClass> = {
  F32: Float32Array,
  I32: Int32Array,
  U32: Uint32Array,
  I8: Int8Array,
  U8: Uint8Array,
};

/** Parses safetensors bytes; arrays view the bytes when aligned, else copy. */
export function readWeights(bytes: Uint8Array, path?: string): Map<string, StoredTensor> {
  const bad = (what: string): never => {
    throw new KilnError('ARTIFACT', `invalid weights file: ${what}`, { path });
  };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = bytes.length >= 8 ? Number(dv.getBigUint64(0, true)) : bad('too short');
  if (hlen > bytes.length - 8) bad(`header length ${hlen} exceeds the file size`);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + hlen)));
  } catch {
    return bad('header is not JSON');
  }
  const base = 8 + hlen;
  const out = new Map<string, StoredTensor>();
  for (const [name, e] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const half = e?.dtype === 'F16';
    const Arr = half ? Float32Array : (ARRAYS[e?.dtype] ?? bad(`tensor '${name}' has dtype ${e?.dtype} (expected F32, I32, U32, I8, U8 or F16)`));
    const n = e.shape.reduce((a, b) => a * b, 1);
    const [begin, end] = e.data_offsets;
    if (end - begin !== n * (half ? 2 : Arr.BYTES_PER_ELEMENT) || begin < 0 || base + end > bytes.length) bad(`tensor '${name}' has data_offsets [${begin},${end}] that do not fit shape [${e.shape}]`);
    if (half) {
      const words = new Uint8Array(4 * Math.ceil(n / 2));
      words.set(bytes.subarray(base + begin, base + end));
      out.set(name, { dtype: e.dtype, shape: e.shape, data: new Uint32Array(words.buffer) });
      continue;
    }
    const at = bytes.byteOffset + base + begin;
    const data = at % Arr.BYTES_PER_ELEMENT === 0 ? new Arr(bytes.buffer as ArrayBuffer, at, n) : new Arr(bytes.slice(base + begin, base + end).buffer, 0, n);
    out.set(name, { dtype: e.dtype, shape: e.shape, data });
  }
  return out;
}

// Buffers of f16 values (weights compiled with precision 'f16'): decoding their binary16 words on readback.

import { halfValue } from '../../ir/half.ts';

export { halfValue as f16Value };

/** The first n f16 values of a buffer's bytes, as f32. */
export function decodeHalves(bytes: Uint8Array, n: number): Float32Array {
  const h = new Uint16Array(bytes.buffer, bytes.byteOffset, n);
  return Float32Array.from(h, halfValue);
}

// Buffers of f16 values (weights compiled with precision 'f16'): decoding their binary16 words on readback.

/** The number a binary16 bit pattern holds. */
export function f16Value(h: number): number {
  const sign = h & 0x8000 ? -1 : 1, e = (h >>> 10) & 0x1f, m = h & 0x3ff;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15));
}

/** The first n f16 values of a buffer's bytes, as f32. */
export function decodeHalves(bytes: Uint8Array, n: number): Float32Array {
  const h = new Uint16Array(bytes.buffer, bytes.byteOffset, n);
  return Float32Array.from(h, f16Value);
}

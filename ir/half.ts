// IEEE binary16, the one implementation kiln has: numbers to bit patterns (rounded to nearest even via
// their f32 value, as a float32 buffer holds them; subnormals, infinities and NaN kept) and bit patterns
// back to numbers. Used by the ONNX reader and writer, safetensors, the f16 GPU path and the runtime.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The binary16 bits of x, rounded to nearest even (via its f32 value). */
export function halfBits(x: number): number {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  const man = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (man ? 0x200 : 0); // infinity, or a quiet NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow
  if (e <= 0) {
    // Subnormal (or zero): the implicit 1 joins the mantissa, shifted right by 1 - e more places.
    if (e < -10) return sign;
    const m = man | 0x800000, shift = 14 - e;
    const half = 1 << (shift - 1), rest = m & ((1 << shift) - 1);
    let r = m >>> shift;
    if (rest > half || (rest === half && r & 1)) r++;
    return sign | r;
  }
  let r = (e << 10) | (man >>> 13);
  const rest = man & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && r & 1)) r++; // a carry into the exponent is still right (up to infinity)
  return sign | r;
}

/** The number a binary16 bit pattern holds. */
export function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1, e = (h >>> 10) & 0x1f, m = h & 0x3ff;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15));
}

// Half precision for weights stored as f16 on the GPU (compile option precision 'f16'): IEEE binary16 bit
// patterns from numbers, rounded to nearest even, with subnormals, infinities and NaN.
import type { TypedArray } from '../../ir/dtype.ts';

export { f16Value } from '../../runtime/webgpu/half.ts';

/** The unit roundoff of f16 (half an ulp of 1): a weight rounded to f16 is within this relative error. */
export const F16_UNIT_ROUNDOFF = 2 ** -11;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The binary16 bits of x, rounded to nearest even (via its f32 value). */
export function f16Bits(x: number): number {
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

/** The largest finite f16. */
export const F16_MAX = 65504;

/** The f16 storage of float data: bit patterns two to a 32-bit word (little-endian, as buffers are), padded to whole words. */
export function toF16Storage(data: TypedArray): Uint32Array {
  const out = new Uint16Array(data.length + (data.length & 1));
  for (let i = 0; i < data.length; i++) out[i] = f16Bits(Number(data[i]));
  return new Uint32Array(out.buffer);
}

// Half precision for weights stored as f16 on the GPU (compile option precision 'f16'): their packed
// storage, f16's bounds, and the binary16 conversions (ir/half.ts) under the names the f16 path uses.
import type { TypedArray } from '../../ir/dtype.ts';
import { halfBits } from '../../ir/half.ts';

export { halfBits as f16Bits, halfValue as f16Value } from '../../ir/half.ts';

/** The unit roundoff of f16 (half an ulp of 1): a weight rounded to f16 is within this relative error. */
export const F16_UNIT_ROUNDOFF = 2 ** -11;

/** The largest finite f16. */
export const F16_MAX = 65504;

/** The f16 storage of float data: bit patterns two to a 32-bit word (little-endian, as buffers are), padded to whole words. */
export function toF16Storage(data: TypedArray): Uint32Array {
  const out = new Uint16Array(data.length + (data.length & 1));
  for (let i = 0; i < data.length; i++) out[i] = halfBits(Number(data[i]));
  return new Uint32Array(out.buffer);
}

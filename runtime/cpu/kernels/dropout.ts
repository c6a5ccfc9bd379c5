// Dropout's counter-based generator (DropoutMask): a PCG-style integer mix of (seed, step, element index)
// in u32 arithmetic. The WGSL lowering (compiler/wgsl/lower/dropout.ts) writes out the same steps, so
// both backends draw bit-identical masks; the helpers below fix the constants both sides use.
import type { Attrs } from '../../../ir/op.ts';
import type { CpuKernel } from '../kernel.ts';
import { alloc, inp } from '../kernel.ts';

/** One round of an LCG step followed by PCG's xorshift-multiply output permutation: a bijection on u32. */
export function mix32(v: number): number {
  const s = (Math.imul(v, 747796405) + 2891336453) >>> 0;
  const w = Math.imul((s >>> ((s >>> 28) + 4)) ^ s, 277803737) >>> 0;
  return ((w >>> 22) ^ w) >>> 0;
}

/** Per-run key of a mask: distinct steps give distinct keys for one seed. */
export const maskKey = (seed: number, step: number): number => mix32((seed >>> 0) ^ mix32(step));

/** The element's 24-bit uniform draw in [0, 2^24). */
export const draw = (key: number, i: number): number => mix32((mix32(i) + key) >>> 0) >>> 8;

/** Draws below the threshold are dropped: P(drop) = threshold / 2^24 = ratio, rounded to 24 bits. */
export const dropThreshold = (ratio: number): number => Math.round(Math.min(1, Math.max(0, ratio)) * 16777216);

/** The kept value 1 / (1 - ratio) as an f32 (0 when everything is dropped). */
export const keepScale = (ratio: number): number => (ratio >= 1 ? 0 : Math.fround(1 / (1 - ratio)));

/**
 * The step counter as a u32, the way WGSL converts it: floats truncate and clamp to [0, 2^32 - 256]
 * (the largest f32 below 2^32), integers wrap.
 */
export function stepU32(v: number, dtype: string): number {
  if (dtype === 'f32' || dtype === 'f16') return Math.min(Math.max(Math.trunc(v), 0), 4294967040) >>> 0;
  return v >>> 0;
}

export const dropoutMask: CpuKernel = (xs, a: Attrs, out) => {
  const step = inp(xs, 0);
  const r = alloc(out[0]);
  const key = maskKey(a.seed as number, stepU32(step.data[0], step.dtype));
  const threshold = dropThreshold(a.ratio as number), scale = keepScale(a.ratio as number);
  const data = r.data;
  for (let i = 0; i < data.length; i++) data[i] = draw(key, i) >= threshold ? scale : 0;
  return [r];
};

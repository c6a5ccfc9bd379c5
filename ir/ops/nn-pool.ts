// Window geometry of the pooling ops (MaxPool, AveragePool, LpPool, MaxUnpool): attribute defaults,
// validation and output sizes, shared by the shape rules and the CPU kernels.
import { shapeFail } from '../errors.ts';
import type { Attrs } from '../op.ts';
import { fmt, type Shape } from '../shape.ts';

export interface PoolGeom {
  /** Input spatial dims (the dims after N and C). */
  readonly spatial: number[];
  readonly kernel: number[];
  readonly strides: number[];
  readonly dilations: number[];
  readonly padsBegin: number[];
  readonly padsEnd: number[];
  /** Output spatial dims. */
  readonly out: number[];
}

/** An ints attribute of length `r`, or `fill` repeated when empty. */
function perDim(a: Attrs, key: string, r: number, fill: number, len = r): number[] {
  const v = (a[key] as readonly number[] | undefined) ?? [];
  if (v.length === 0) return new Array<number>(len).fill(fill);
  if (v.length !== len) shapeFail(`${key} ${fmt(v)} must have ${len} values for ${r} spatial dims`);
  return [...v];
}

/** Kernel, strides, dilations and pads read from attributes and checked against input shape `x`. */
export function poolWindow(x: Shape, a: Attrs): Omit<PoolGeom, 'out'> {
  const kernel = [...(a.kernel_shape as readonly number[])];
  const r = kernel.length;
  if (x.length !== r + 2) shapeFail(`input ${fmt(x)} must be N x C x ${r} spatial dims to match kernel_shape ${fmt(kernel)}`);
  const strides = perDim(a, 'strides', r, 1);
  const dilations = perDim(a, 'dilations', r, 1);
  const pads = perDim(a, 'pads', r, 0, 2 * r);
  if (kernel.some((k) => k < 1)) shapeFail(`kernel_shape ${fmt(kernel)} must be positive`);
  if (strides.some((s) => s < 1)) shapeFail(`strides ${fmt(strides)} must be positive`);
  if (dilations.some((d) => d < 1)) shapeFail(`dilations ${fmt(dilations)} must be positive`);
  if (pads.some((p) => p < 0)) shapeFail(`pads ${fmt(pads)} must not be negative`);
  return { spatial: x.slice(2), kernel, strides, dilations, padsBegin: pads.slice(0, r), padsEnd: pads.slice(r) };
}

/** Full geometry of a pooling window over `x`; ceil_mode rounds the output size up (last window must start inside). */
export function poolGeometry(x: Shape, a: Attrs): PoolGeom {
  const w = poolWindow(x, a);
  const ceil = (a.ceil_mode as number | undefined ?? 0) !== 0;
  const out = w.spatial.map((n, d) => {
    const span = (w.kernel[d] - 1) * w.dilations[d] + 1;
    const room = n + w.padsBegin[d] + w.padsEnd[d] - span;
    if (room < 0) shapeFail(`window ${span} (kernel ${w.kernel[d]}, dilation ${w.dilations[d]}) exceeds padded input dim ${d + 2} of ${fmt(x)}`);
    let o = (ceil ? Math.ceil(room / w.strides[d]) : Math.floor(room / w.strides[d])) + 1;
    if (ceil && (o - 1) * w.strides[d] >= n + w.padsBegin[d]) o--;
    return o;
  });
  return { ...w, out };
}

/** Explicit pads for ONNX auto_pad SAME_UPPER / SAME_LOWER: output size ceil(n / stride). */
export function samePads(spatial: Shape, kernel: readonly number[], strides: readonly number[], dilations: readonly number[], lower: boolean): number[] {
  const r = spatial.length;
  const pads = new Array<number>(2 * r).fill(0);
  spatial.forEach((n, d) => {
    const o = Math.ceil(n / strides[d]);
    const total = Math.max(0, (o - 1) * strides[d] + (kernel[d] - 1) * dilations[d] + 1 - n);
    const small = Math.floor(total / 2);
    pads[d] = lower ? total - small : small;
    pads[d + r] = total - pads[d];
  });
  return pads;
}

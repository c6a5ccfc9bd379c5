// Exact integer convolution for ConvInteger and QLinearConv, as im2col out of views and one i32 MatMul:
// the zero-padded input is sliced once per kernel tap (start tap*dilation, step stride), the taps are
// stacked next to the channels, and the [group, M/g, C/g*taps] weight matrix multiplies the stack. Every
// step is a movement op or an i32 MatMul, so the accumulation is exact in i32 on every backend.
import type { Value } from '../../../ir/graph.ts';
import { numel } from '../../../ir/shape.ts';
import type { ImportContext } from '../context.ts';
import type { ConvAttrs } from './contraction.ts';

/** Every kernel tap as a coordinate tuple, in row-major order (the order of W's trailing dims). */
export function kernelTaps(kernel: readonly number[]): number[][] {
  return kernel.reduce<number[][]>((taps, k) => taps.flatMap((t) => Array.from({ length: k }, (_, i) => [...t, i])), [[]]);
}

/** Output spatial size of one dim: floor((in + pads - effective kernel) / stride) + 1. */
export const convOutSize = (size: number, k: number, stride: number, dilation: number, pad: number): number =>
  Math.floor((size + pad - ((k - 1) * dilation + 1)) / stride) + 1;

/** Y[N, M, out...] = conv(x, w) with x [N, C, in...] and w [M, C/group, k...], both i32, zero padding. */
export function intConv(ctx: ImportContext, x: Value, w: Value, c: ConvAttrs, pads: readonly number[]): Value {
  const [n, ch, ...spatial] = x.type.shape;
  const m = w.type.shape[0];
  const nd = c.nd;
  const out = spatial.map((s, d) => convOutSize(s, c.kernel[d], c.strides[d], c.dilations[d], pads[d] + pads[d + nd]));
  const padded = pads.some((p) => p !== 0)
    ? ctx.emit1('Pad', [x], { pads: [0, 0, ...pads.slice(0, nd), 0, 0, ...pads.slice(nd)], mode: 'constant', value: 0 })
    : x;
  const axes = spatial.map((_, d) => d + 2);
  const taps = kernelTaps(c.kernel).map((tap) => {
    const starts = tap.map((t, d) => t * c.dilations[d]);
    const ends = starts.map((s, d) => s + (out[d] - 1) * c.strides[d] + 1);
    const slice = ctx.emit1('Slice', [padded], { starts, ends, axes, steps: c.strides });
    return ctx.emit1('Unsqueeze', [slice], { axes: [2] });
  });
  const stacked = taps.length === 1 ? taps[0] : ctx.emit1('Concat', taps, { axis: 2 });
  const g = c.group, k = (ch / g) * taps.length, p = numel(out);
  const cols = ctx.emit1('Reshape', [stacked], { shape: [n, g, k, p] });
  const wm = ctx.emit1('Reshape', [w], { shape: [g, m / g, k] });
  const y = ctx.emit1('MatMul', [wm, cols]);
  return ctx.emit1('Reshape', [y], { shape: [n, m, ...out] });
}

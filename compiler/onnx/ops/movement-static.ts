// ONNX ops whose result is known at import time because kiln's shapes are static (Shape, Size, EyeLike,
// ConstantOfShape) or because their inputs are constants (Range, NonZero; Compress needs a constant
// condition). They become constants, or a Gather with constant indices.
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import { numel, stridesOf } from '../../../ir/shape.ts';
import { scalar, type Tensor, tensor } from '../../../ir/tensor.ts';
import { type ImportContext, type OnnxConverter, type OnnxNode } from '../context.ts';
import { onnxElemToDType } from '../tensor.ts';

const x0 = (n: OnnxNode): Value => n.inputs[0] as Value;
const ints1d = (vals: number[]): Tensor => tensor('i32', [vals.length], vals);

const shape: OnnxConverter = (ctx, n) => {
  const dims = x0(n).type.shape, r = dims.length;
  const clampAt = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
  const start = clampAt((n.attrs.start as number | undefined) ?? 0), end = clampAt((n.attrs.end as number | undefined) ?? r);
  return [ctx.constant(ints1d(dims.slice(start, Math.max(start, end))), 'shape')];
};

const constantOfShape: OnnxConverter = (ctx, n) => {
  const dims = ctx.staticInts(n, 0, 'shape') ?? [];
  const v = n.attrs.value as Tensor | undefined;
  ctx.reserve(n.opType, [dims]);
  const t = tensor(v?.dtype ?? 'f32', dims);
  t.data.fill(v ? v.data[0] : 0);
  return [ctx.constant(t, 'value')];
};

const range: OnnxConverter = (ctx, n) => {
  const [start, limit, delta] = [0, 1, 2].map((i) => ctx.requireStatic(n, i, ['start', 'limit', 'delta'][i]));
  const [s, l, d] = [start.data[0], limit.data[0], delta.data[0]];
  if (d === 0) throw new KilnError('ONNX_INVALID', 'Range delta is 0', { node: n.name, op: n.opType });
  const count = Math.max(Math.ceil((l - s) / d), 0);
  ctx.reserve(n.opType, [[count]]);
  return [ctx.constant(tensor(start.dtype, [count], Array.from({ length: count }, (_, i) => s + i * d)), 'range')];
};

const eyeLike: OnnxConverter = (ctx, n) => {
  const x = x0(n), [rows, cols] = x.type.shape, k = (n.attrs.k as number | undefined) ?? 0;
  if (x.type.shape.length !== 2) throw new KilnError('ONNX_INVALID', `EyeLike needs a 2-D input, got [${x.type.shape}]`, { node: n.name, op: n.opType });
  const code = n.attrs.dtype as number | undefined;
  const dtype = code === undefined ? x.type.dtype : onnxElemToDType(code);
  if (!dtype) throw new KilnError('ONNX_UNSUPPORTED', `EyeLike dtype ${code} is not supported`, { node: n.name, op: n.opType });
  ctx.reserve(n.opType, [[rows, cols]]);
  const t = tensor(dtype, [rows, cols]);
  for (let i = 0; i < rows; i++) if (i + k >= 0 && i + k < cols) t.data[i * cols + i + k] = 1;
  return [ctx.constant(t, 'eye')];
};

/** Coordinates of the non-zero elements, [rank, count]. */
function nonZeroOf(t: Tensor): Tensor {
  const st = stridesOf(t.shape), hits: number[] = [];
  t.data.forEach((v, p) => { if (v !== 0) hits.push(p); });
  const out = tensor('i32', [t.shape.length, hits.length]);
  hits.forEach((p, j) => st.forEach((s, d) => { out.data[d * hits.length + j] = Math.floor(p / s) % t.shape[d]; }));
  return out;
}

const compress: OnnxConverter = (ctx, n) => {
  const cond = ctx.requireStatic(n, 1, 'condition (its values fix the output size)');
  const axis = n.attrs.axis as number | undefined;
  let x = x0(n);
  if (axis === undefined) x = ctx.emit1('Reshape', [x], { shape: [numel(x.type.shape)] });
  const idx: number[] = [];
  cond.data.forEach((v, i) => { if (v) idx.push(i); });
  return ctx.emit('Gather', [x, ctx.constant(ints1d(idx), 'indices')], { axis: axis ?? 0 });
};

export const STATIC_CONVERTERS: Record<string, OnnxConverter> = {
  Shape: shape,
  Size: (ctx, n) => [ctx.constant(scalar('i32', numel(x0(n).type.shape)), 'size')],
  ConstantOfShape: constantOfShape,
  Range: range,
  EyeLike: eyeLike,
  NonZero: (ctx, n) => [ctx.constant(nonZeroOf(ctx.requireStatic(n, 0, 'NonZero input (its values fix the output size)')), 'nonzero')],
  Compress: compress,
};

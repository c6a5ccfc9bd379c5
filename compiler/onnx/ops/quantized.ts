// ONNX quantization ops as exact decompositions into IR primitives over i8/u8/i32/f32 tensors:
//   QuantizeLinear       y = Cast<q>(Clip(Round(x / scale) + zp, qmin, qmax))     (Round is half to even)
//   DequantizeLinear     y = Cast<f>(Cast<i32>(x) - Cast<i32>(zp)) * scale
//   DynamicQuantizeLinear the ONNX function body: u8 scale/zero point from min(x, 0) and max(x, 0)
//   MatMulInteger        MatMul over i32 operands with the zero points subtracted (exact i32 accumulation)
//   ConvInteger          the same with the im2col convolution of int-conv.ts
//   QLinearMatMul/Conv   requantize(acc) = Cast<q>(Clip(Round(f32(acc) * (sa * sb / sy)) + zy, qmin, qmax)),
//                        the multiplier computed as ONNX Runtime does (a_scale * b_scale / y_scale)
// Per-axis scales and zero points are 1-D and reshaped to broadcast along their axis.
import { type DType, INT_RANGE } from '../../../ir/dtype.ts';
import type { Value } from '../../../ir/graph.ts';
import { scalar } from '../../../ir/tensor.ts';
import { attrOr, fail, type ImportContext, type OnnxConverter, type OnnxNode, unsupported } from '../context.ts';
import { ONNX_DTYPE_NAMES, onnxElemToDType } from '../tensor.ts';
import { convAttrs, convPads } from './contraction.ts';
import { intConv } from './int-conv.ts';

const QUANTIZED: ReadonlySet<DType> = new Set(['i8', 'u8']);
const FLOATS: ReadonlySet<DType> = new Set(['f32', 'f16']);

const need = (n: OnnxNode, i: number, what: string): Value => n.inputs[i] ?? fail(n, `${n.opType} needs ${what} (input ${i})`);

const cast = (ctx: ImportContext, v: Value, to: DType): Value => (v.type.dtype === to ? v : ctx.emit1('Cast', [v], { to }));
const num = (ctx: ImportContext, dtype: DType, v: number): Value => ctx.constant(scalar(dtype, v), 'q');

/** The dtype a quantized output takes: its zero point's, else output_dtype, else uint8 (the ONNX default). */
function quantizedDType(n: OnnxNode, zp: Value | undefined): DType {
  const code = attrOr<number>(n, 'output_dtype', 0);
  const d = code === 0 ? undefined : onnxElemToDType(code);
  if (code !== 0 && (!d || !QUANTIZED.has(d))) unsupported(n, `output_dtype ${ONNX_DTYPE_NAMES[code] ?? code} is not supported (int8 and uint8 are)`);
  if (zp && d && zp.type.dtype !== d) fail(n, `y_zero_point has dtype ${zp.type.dtype} but output_dtype is ${d}`);
  return zp?.type.dtype ?? d ?? 'u8';
}

function requireQuantized(n: OnnxNode, v: Value, what: string): void {
  if (!QUANTIZED.has(v.type.dtype)) unsupported(n, `${what} must be int8 or uint8, got ${v.type.dtype} ${JSON.stringify(v.type.shape)}`);
}

function requireFloat(n: OnnxNode, v: Value, what: string): void {
  if (!FLOATS.has(v.type.dtype)) fail(n, `${what} must be float, got ${v.type.dtype}`);
}

/** A zero point must have the dtype of the tensor it belongs to. */
function checkZeroPoint(n: OnnxNode, zp: Value | undefined, dtype: DType, what: string): void {
  if (zp && zp.type.dtype !== dtype) fail(n, `${what} has dtype ${zp.type.dtype} but the quantized tensor is ${dtype}`);
}

/**
 * A per-tensor (scalar or one-element) or per-axis (1-D of the axis' size) parameter, shaped to broadcast
 * against a tensor of shape `shape` along `axis`.
 */
function alongAxis(ctx: ImportContext, n: OnnxNode, p: Value, shape: readonly number[], axis: number, what: string): Value {
  const ps = p.type.shape;
  if (ps.length === 0 || (ps.length === 1 && ps[0] === 1)) return p;
  const r = shape.length;
  const ax = axis < 0 ? axis + r : axis;
  if (ps.length !== 1) unsupported(n, `${what} of shape ${JSON.stringify(ps)} (blocked quantization) is not supported: only scalars and 1-D per-axis tensors are`);
  if (ax < 0 || ax >= r) fail(n, `axis ${axis} is out of range for rank ${r}`);
  if (ps[0] !== shape[ax]) fail(n, `${what} has ${ps[0]} entries but axis ${ax} of ${JSON.stringify(shape)} has size ${shape[ax]}`);
  return ctx.emit1('Reshape', [p], { shape: shape.map((d, k) => (k === ax ? d : 1)) });
}

/** Cast<q>(Clip(Round(v) + zp, qmin, qmax)) for a float v: the saturating, half-to-even end of quantization. */
function saturate(ctx: ImportContext, v: Value, zp: Value | undefined, q: DType): Value {
  const [lo, hi] = INT_RANGE[q]!;
  let r = ctx.emit1('Round', [v]);
  if (zp) r = ctx.emit1('Add', [r, cast(ctx, zp, v.type.dtype)]);
  return ctx.emit1('Cast', [ctx.emit1('Clip', [r], { min: lo, max: hi })], { to: q });
}

function rejectBlocks(n: OnnxNode): void {
  if (attrOr<number>(n, 'block_size', 0) !== 0) unsupported(n, 'blocked quantization (block_size) is not supported');
}

const quantizeLinear: OnnxConverter = (ctx, n) => {
  rejectBlocks(n);
  const x = need(n, 0, 'x'), s = need(n, 1, 'y_scale'), zp = n.inputs[2];
  requireFloat(n, x, 'x');
  requireFloat(n, s, 'y_scale');
  const q = quantizedDType(n, zp);
  if (!QUANTIZED.has(q)) unsupported(n, `y_zero_point must be int8 or uint8, got ${q}`);
  const axis = attrOr<number>(n, 'axis', 1);
  const scaled = ctx.emit1('Div', [x, cast(ctx, alongAxis(ctx, n, s, x.type.shape, axis, 'y_scale'), x.type.dtype)]);
  return [saturate(ctx, scaled, zp && alongAxis(ctx, n, zp, x.type.shape, axis, 'y_zero_point'), q)];
};

const dequantizeLinear: OnnxConverter = (ctx, n) => {
  rejectBlocks(n);
  const x = need(n, 0, 'x'), s = need(n, 1, 'x_scale'), zp = n.inputs[2];
  if (!QUANTIZED.has(x.type.dtype) && x.type.dtype !== 'i32') unsupported(n, `x must be int8, uint8 or int32, got ${x.type.dtype}`);
  requireFloat(n, s, 'x_scale');
  checkZeroPoint(n, zp, x.type.dtype, 'x_zero_point');
  const axis = attrOr<number>(n, 'axis', 1);
  const xc = centered(ctx, x, zp && alongAxis(ctx, n, zp, x.type.shape, axis, 'x_zero_point'));
  return [ctx.emit1('Mul', [cast(ctx, xc, s.type.dtype), alongAxis(ctx, n, s, x.type.shape, axis, 'x_scale')])];
};

/** The ONNX function body of DynamicQuantizeLinear (uint8, range widened to include 0). */
const dynamicQuantizeLinear: OnnxConverter = (ctx, n) => {
  const x = need(n, 0, 'x');
  requireFloat(n, x, 'x');
  const f = x.type.dtype;
  const zero = num(ctx, f, 0);
  const lo = ctx.emit1('Min', [ctx.emit1('ReduceMin', [x], { axes: [], keepdims: 0 }), zero]);
  const hi = ctx.emit1('Max', [ctx.emit1('ReduceMax', [x], { axes: [], keepdims: 0 }), zero]);
  const scale = ctx.emit1('Div', [ctx.emit1('Sub', [hi, lo]), num(ctx, f, 255)]);
  const zpFloat = ctx.emit1('Clip', [ctx.emit1('Sub', [zero, ctx.emit1('Div', [lo, scale])])], { min: 0, max: 255 });
  const zp = ctx.emit1('Cast', [ctx.emit1('Round', [zpFloat])], { to: 'u8' });
  return [saturate(ctx, ctx.emit1('Div', [x, scale]), zp, 'u8'), scale, zp];
};

/** Cast<i32>(v) - Cast<i32>(zp), zp already shaped to broadcast. */
function centered(ctx: ImportContext, v: Value, zp: Value | undefined): Value {
  const wide = cast(ctx, v, 'i32');
  return zp ? ctx.emit1('Sub', [wide, cast(ctx, zp, 'i32')]) : wide;
}

/** A's zero point: a scalar, or one per row ([M], ONNX Runtime's per-row form) as [M, 1]. */
function rowZeroPoint(ctx: ImportContext, n: OnnxNode, a: Value, zp: Value | undefined): Value | undefined {
  if (!zp || zp.type.shape.length !== 1 || zp.type.shape[0] === 1) return zp;
  const rows = a.type.shape.length >= 2 ? a.type.shape[a.type.shape.length - 2] : 1;
  if (zp.type.shape[0] !== rows) fail(n, `a_zero_point has ${zp.type.shape[0]} entries but A ${JSON.stringify(a.type.shape)} has ${rows} rows`);
  return ctx.emit1('Reshape', [zp], { shape: [rows, 1] });
}

/** B's zero point: a scalar, or one per column ([N]), which broadcasts as it is. */
function columnZeroPoint(n: OnnxNode, b: Value, zp: Value | undefined): Value | undefined {
  if (!zp || zp.type.shape.length !== 1 || zp.type.shape[0] === 1) return zp;
  const cols = b.type.shape[b.type.shape.length - 1];
  if (b.type.shape.length < 2 || zp.type.shape[0] !== cols) fail(n, `b_zero_point has ${zp.type.shape[0]} entries but B ${JSON.stringify(b.type.shape)} has ${cols} columns`);
  return zp;
}

/** (A - a_zp) x (B - b_zp) in i32. */
function integerMatMul(ctx: ImportContext, n: OnnxNode, a: Value, b: Value, aZp: Value | undefined, bZp: Value | undefined): Value {
  requireQuantized(n, a, 'A');
  requireQuantized(n, b, 'B');
  checkZeroPoint(n, aZp, a.type.dtype, 'a_zero_point');
  checkZeroPoint(n, bZp, b.type.dtype, 'b_zero_point');
  return ctx.emit1('MatMul', [centered(ctx, a, rowZeroPoint(ctx, n, a, aZp)), centered(ctx, b, columnZeroPoint(n, b, bZp))]);
}

/** (X - x_zp) conv (W - w_zp) in i32; x_zp per tensor, w_zp per tensor or per output channel. */
function integerConv(ctx: ImportContext, n: OnnxNode, x: Value, w: Value, xZp: Value | undefined, wZp: Value | undefined): Value {
  requireQuantized(n, x, 'x');
  requireQuantized(n, w, 'w');
  checkZeroPoint(n, xZp, x.type.dtype, 'x_zero_point');
  checkZeroPoint(n, wZp, w.type.dtype, 'w_zero_point');
  if (xZp && xZp.type.shape.some((d) => d !== 1)) unsupported(n, `x_zero_point must be a scalar, got ${JSON.stringify(xZp.type.shape)}`);
  const rank = x.type.shape.length;
  if (rank < 3 || rank > 5 || w.type.shape.length !== rank) fail(n, `x ${JSON.stringify(x.type.shape)} and w ${JSON.stringify(w.type.shape)} must be [N,C,spatial...] and [M,C/group,k...] with 1 to 3 spatial dims`);
  // convAttrs and convPads read X and W as inputs 0 and 1 (QLinearConv has them at 0 and 3).
  const geom: OnnxNode = { ...n, inputs: [x, w] };
  const c = convAttrs(geom);
  const [m, cg] = w.type.shape;
  if (c.group < 1 || cg * c.group !== x.type.shape[1] || m % c.group !== 0) fail(n, `x ${JSON.stringify(x.type.shape)} and w ${JSON.stringify(w.type.shape)} do not match with group ${c.group}`);
  const wc = centered(ctx, w, wZp && alongAxis(ctx, n, wZp, w.type.shape, 0, 'w_zero_point'));
  return intConv(ctx, centered(ctx, x, xZp), wc, c, convPads(geom, c));
}

/** Cast<q>(Clip(Round(f32(acc) * multiplier) + zp)): an i32 accumulator back to the quantized output. */
function requantize(ctx: ImportContext, acc: Value, multiplier: Value, zp: Value | undefined, q: DType): Value {
  return saturate(ctx, ctx.emit1('Mul', [cast(ctx, acc, 'f32'), cast(ctx, multiplier, 'f32')]), zp, q);
}

/** a_scale * b_scale / y_scale, in f32, the order ONNX Runtime computes it in. */
const multiplier = (ctx: ImportContext, sa: Value, sb: Value, sy: Value): Value =>
  ctx.emit1('Div', [ctx.emit1('Mul', [cast(ctx, sa, 'f32'), cast(ctx, sb, 'f32')]), cast(ctx, sy, 'f32')]);

function outputZeroPoint(n: OnnxNode, zp: Value | undefined): DType {
  if (!zp) fail(n, `${n.opType} needs y_zero_point`);
  if (!QUANTIZED.has(zp!.type.dtype)) unsupported(n, `y_zero_point must be int8 or uint8, got ${zp!.type.dtype}`);
  if (zp!.type.shape.some((d) => d !== 1)) unsupported(n, `y_zero_point must be a scalar, got ${JSON.stringify(zp!.type.shape)}`);
  return zp!.type.dtype;
}

function scalarScale(n: OnnxNode, s: Value, what: string): void {
  requireFloat(n, s, what);
  if (s.type.shape.some((d) => d !== 1)) unsupported(n, `${what} must be a scalar, got ${JSON.stringify(s.type.shape)}`);
}

const matMulInteger: OnnxConverter = (ctx, n) => [integerMatMul(ctx, n, need(n, 0, 'A'), need(n, 1, 'B'), n.inputs[2], n.inputs[3])];

const convInteger: OnnxConverter = (ctx, n) => [integerConv(ctx, n, need(n, 0, 'x'), need(n, 1, 'w'), n.inputs[2], n.inputs[3])];

const qLinearMatMul: OnnxConverter = (ctx, n) => {
  const a = need(n, 0, 'a'), sa = need(n, 1, 'a_scale'), b = need(n, 3, 'b'), sb = need(n, 4, 'b_scale'), sy = need(n, 6, 'y_scale');
  scalarScale(n, sa, 'a_scale');
  scalarScale(n, sy, 'y_scale');
  requireFloat(n, sb, 'b_scale');
  const q = outputZeroPoint(n, n.inputs[7]);
  const acc = integerMatMul(ctx, n, a, b, n.inputs[2], n.inputs[5]);
  const sbCols = columnZeroPoint(n, b, sb);
  return [requantize(ctx, acc, multiplier(ctx, sa, sbCols!, sy), n.inputs[7], q)];
};

const qLinearConv: OnnxConverter = (ctx, n) => {
  const x = need(n, 0, 'x'), sx = need(n, 1, 'x_scale'), w = need(n, 3, 'w'), sw = need(n, 4, 'w_scale'), sy = need(n, 6, 'y_scale');
  const bias = n.inputs[8];
  scalarScale(n, sx, 'x_scale');
  scalarScale(n, sy, 'y_scale');
  requireFloat(n, sw, 'w_scale');
  const q = outputZeroPoint(n, n.inputs[7]);
  let acc = integerConv(ctx, n, x, w, n.inputs[2], n.inputs[5]);
  const channel = (p: Value, what: string) => alongAxis(ctx, n, p, acc.type.shape, 1, what);
  if (bias) {
    if (bias.type.dtype !== 'i32') fail(n, `B must be int32, got ${bias.type.dtype}`);
    acc = ctx.emit1('Add', [acc, channel(bias, 'B')]);
  }
  return [requantize(ctx, acc, multiplier(ctx, sx, channel(sw, 'w_scale'), sy), n.inputs[7], q)];
};

export const QUANTIZED_CONVERTERS: Record<string, OnnxConverter> = {
  QuantizeLinear: quantizeLinear,
  DequantizeLinear: dequantizeLinear,
  DynamicQuantizeLinear: dynamicQuantizeLinear,
  MatMulInteger: matMulInteger,
  ConvInteger: convInteger,
  QLinearMatMul: qLinearMatMul,
  QLinearConv: qLinearConv,
};

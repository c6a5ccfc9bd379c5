// ONNX nn ops: pools (auto_pad resolved to explicit pads here), MaxUnpool (static output_shape), and the
// normalizations, with BatchNormalization's opset differences (spatial, training outputs) resolved.
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import type { AttrValue } from '../../../ir/op.ts';
import { samePads } from '../../../ir/ops/nn-pool.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { attrOr, fail, type ImportContext, type OnnxConverter, type OnnxNode } from '../context.ts';
import { direct, passAttrs } from './util.ts';

const unsupported = (n: OnnxNode, msg: string): never => {
  throw new KilnError('ONNX_UNSUPPORTED', msg, { node: n.name, op: n.opType });
};

/** Window attributes with auto_pad turned into explicit pads (ceil_mode is moot once pads are SAME/VALID). */
function windowAttrs(n: OnnxNode, x: Value, dilated = true): Record<string, AttrValue> {
  const kernel = n.attrs.kernel_shape as number[] | undefined;
  if (!kernel) fail(n, 'kernel_shape is required');
  const r = kernel.length;
  if (x.type.shape.length !== r + 2) fail(n, `input rank ${x.type.shape.length} does not match kernel_shape of ${r} dims`);
  const ones = new Array<number>(r).fill(1);
  const strides = attrOr<number[]>(n, 'strides', ones);
  const dilations = dilated ? attrOr<number[]>(n, 'dilations', ones) : ones;
  const autoPad = attrOr<string>(n, 'auto_pad', 'NOTSET');
  const out: Record<string, AttrValue> = { kernel_shape: kernel, strides: strides.length ? strides : ones };
  if (dilated) out.dilations = dilations.length ? dilations : ones;
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    out.pads = samePads(x.type.shape.slice(2), kernel, out.strides as number[], dilated ? (out.dilations as number[]) : ones, autoPad === 'SAME_LOWER');
    if ('ceil_mode' in n.attrs) out.ceil_mode = 0;
  } else if (autoPad === 'VALID') {
    out.pads = new Array<number>(2 * r).fill(0);
    if ('ceil_mode' in n.attrs) out.ceil_mode = 0;
  } else if (autoPad === 'NOTSET') {
    const pads = attrOr<number[]>(n, 'pads', []);
    out.pads = pads.length ? pads : new Array<number>(2 * r).fill(0);
  } else {
    fail(n, `unknown auto_pad '${autoPad}'`);
  }
  return out;
}

/** A pool: the node's own attributes (ceil_mode, count_include_pad, p, ...) with the resolved window. */
const pool = (op: 'MaxPool' | 'AveragePool' | 'LpPool', extra: (n: OnnxNode) => Record<string, AttrValue> = () => ({})): OnnxConverter => (ctx, n) => {
  const x = n.inputs[0] as Value;
  return ctx.emit(op, [x], { ...passAttrs(n, op, {}, ['auto_pad']), ...windowAttrs(n, x), ...extra(n) });
};

const maxUnpool: OnnxConverter = (ctx, n) => {
  const [x, idx] = n.inputs as Value[];
  const outputShape = ctx.staticInts(n, 2, 'output_shape') ?? [];
  const { kernel_shape, strides, pads } = windowAttrs(n, x, false);
  return ctx.emit('MaxUnpool', [x, idx], { kernel_shape, strides, pads, output_shape: outputShape });
};

/**
 * BatchNormalization: opset < 9 may set spatial=0 (per-activation stats, unsupported beyond rank 2); before
 * opset 14 extra outputs mean training mode (mean/var outputs are the running stats; saved stats unsupported).
 */
const batchNorm: OnnxConverter = (ctx, n) => {
  const x = n.inputs[0] as Value;
  if (ctx.opset < 9 && attrOr<number>(n, 'spatial', 1) === 0 && x.type.shape.length > 2) unsupported(n, 'spatial=0 (per-activation statistics) is not supported');
  const training = ctx.opset >= 14 ? attrOr<number>(n, 'training_mode', 0) : n.outputCount > 1 ? 1 : 0;
  if (n.outputCount > 3) unsupported(n, 'the saved_mean / saved_var training outputs are not supported');
  const attrs = { epsilon: attrOr<number>(n, 'epsilon', 1e-5), momentum: attrOr<number>(n, 'momentum', 0.9), training_mode: training ? 1 : 0 };
  // Opset 15 lets scale/B (T1) and mean/var (T2) differ from X's dtype; the IR op takes one dtype.
  const ins = n.inputs.map((v, i) => (i > 0 && v && v.type.dtype !== x.type.dtype ? ctx.emit1('Cast', [v], { to: x.type.dtype }) : v));
  return ctx.emit('BatchNormalization', ins, attrs);
};

/** MVN: negative axes are allowed from opset 13; the IR op normalizes them itself. */
const mvn: OnnxConverter = (ctx, n) => ctx.emit('MeanVarianceNormalization', [n.inputs[0]], { axes: attrOr<number[]>(n, 'axes', [0, 2, 3]) });

/** Repeats each of the G values of a constant [G] tensor C/G times (opset 18 per-group scale to per channel). */
function perChannel(ctx: ImportContext, n: OnnxNode, v: Value, groups: number, channels: number): Value {
  if (v.type.shape[0] === channels) return v;
  const t = ctx.constValue(v);
  if (!t) unsupported(n, `a per-group scale/bias of shape [${groups}] must be constant to expand to ${channels} channels`);
  const k = channels / groups;
  const data = Float32Array.from({ length: channels }, (_, c) => (t as Tensor).data[Math.floor(c / k)]);
  return ctx.constant({ dtype: v.type.dtype, shape: [channels], data }, 'per_channel');
}

const groupNorm: OnnxConverter = (ctx, n) => {
  const [x, scale, bias] = n.inputs as Value[];
  const g = n.attrs.num_groups as number | undefined;
  if (g === undefined) fail(n, 'num_groups is required');
  const c = x.type.shape[1];
  if (c % g !== 0) fail(n, `num_groups ${g} does not divide ${c} channels`);
  const attrs = passAttrs(n, 'GroupNormalization');
  return ctx.emit('GroupNormalization', [x, perChannel(ctx, n, scale, g, c), perChannel(ctx, n, bias, g, c)], attrs);
};

export const NN_CONVERTERS: Record<string, OnnxConverter> = {
  MaxPool: pool('MaxPool', (n) => ({ indices: n.outputCount > 1 ? 1 : 0 })),
  AveragePool: pool('AveragePool'),
  LpPool: pool('LpPool', (n) => ({ p: Math.round(attrOr<number>(n, 'p', 2)) })),
  GlobalAveragePool: direct('GlobalAveragePool'),
  GlobalMaxPool: direct('GlobalMaxPool'),
  MaxUnpool: maxUnpool,
  BatchNormalization: batchNorm,
  InstanceNormalization: direct('InstanceNormalization'),
  LayerNormalization: direct('LayerNormalization'),
  GroupNormalization: groupNorm,
  MeanVarianceNormalization: mvn,
  LpNormalization: direct('LpNormalization'),
  LRN: direct('LRN'),
};

// nn ops to ONNX: pools and normalizations map one to one, with these differences: MaxPool's and
// MaxUnpool's indices are int64 in ONNX; MaxUnpool's output_shape is an input; GroupNormalization at the
// exported opset takes per-group scale and bias, so kiln's per-channel ones must be constant and equal
// within each group (then one value per group is written).
import type { NnOpName } from '../../../ir/ops/index.ts';
import { ONNX_DTYPE } from '../schema.ts';
import { irAttrs, type ExportRule, type ExportTable } from '../export-context.ts';
import { ONNX_ELEM } from '../export-tensor.ts';
import { direct, ins, outs } from './util.ts';

const maxPool: ExportRule = (ctx, n) => {
  const [y, indices] = outs(ctx, n);
  if (!indices) {
    ctx.emit('MaxPool', ins(ctx, n), [y], irAttrs(n, ['indices']));
    return;
  }
  const idx = ctx.fresh(`${n.name}_indices_int64`);
  ctx.emit('MaxPool', ins(ctx, n), [y, idx], irAttrs(n, ['indices']));
  ctx.emit('Cast', [idx], [indices], { to: { i: ONNX_DTYPE.INT32 } });
};

const maxUnpool: ExportRule = (ctx, n) => {
  const [x, i] = n.inputs;
  const shape = n.attrs.output_shape as number[];
  const inputs = [ctx.name(x), ctx.cast(ctx.name(i), ONNX_DTYPE.INT64, 'indices_int64'), shape.length ? ctx.int64s(shape, 'output_shape') : ''];
  ctx.emit('MaxUnpool', inputs, outs(ctx, n), irAttrs(n, ['output_shape']));
};

const groupNorm: ExportRule = (ctx, n) => {
  const [x, scale, bias] = n.inputs;
  const groups = n.attrs.num_groups as number, c = x!.type.shape[1], per = c / groups;
  if (n.attrs.stash_type !== 1) ctx.fail(`GroupNormalization stash_type ${n.attrs.stash_type} needs opset 21`);
  const perGroup = (v: typeof scale, what: string): string => {
    const t = v ? ctx.graph.constants.get(v) : undefined;
    const vals = t ? Array.from({ length: groups }, (_, g) => t.data[g * per]) : [];
    if (!t || t.data.some((d, k) => d !== vals[Math.floor(k / per)])) {
      ctx.fail(`GroupNormalization ${what} must be constant and equal within each of the ${groups} groups (ONNX opset 20 takes one value per group)`);
    }
    return ctx.constant(vals, ONNX_ELEM[v!.type.dtype], what);
  };
  ctx.emit('GroupNormalization', [ctx.name(x), perGroup(scale, 'scale'), perGroup(bias, 'bias')], outs(ctx, n), irAttrs(n, ['stash_type']));
};

export const NN_EXPORT: ExportTable<NnOpName> = {
  MaxPool: maxPool,
  AveragePool: direct(),
  LpPool: direct(),
  GlobalAveragePool: direct(),
  GlobalMaxPool: direct(),
  MaxUnpool: maxUnpool,
  BatchNormalization: direct(),
  InstanceNormalization: direct(),
  LayerNormalization: direct(),
  GroupNormalization: groupNorm,
  MeanVarianceNormalization: direct(),
  LpNormalization: direct(),
  LRN: direct(),
};

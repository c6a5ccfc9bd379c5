// Gradient rules of the nn family (pools), of the recurrent ops and of the backward-only ops. MaxPool and
// AveragePool emit their grad ops (MaxPoolGrad: dy goes to the window's first maximum, as MaxPool picks it);
// the global pools broadcast dy back over the spatial dims (GlobalMaxPool shares it among tied maxima).
// MaxUnpool's gradient gathers dy at the pooling indices; LpPool scatters through AveragePoolGrad. Normalizations and recurrent ops are composite.
import type { Value } from '../../../ir/graph.ts';
import { numel } from '../../../ir/shape.ts';
import type { GradOpName, NnOpName, RecurrentOpName } from '../../../ir/ops/index.ts';
import { decomposeFirst, type GradBuilder, type GradEntry, notDifferentiable } from '../rule.ts';

const WINDOW_KEYS = ['kernel_shape', 'strides', 'pads', 'dilations', 'ceil_mode'] as const;
const windowAttrs = (g: GradBuilder) => Object.fromEntries(WINDOW_KEYS.map((k) => [k, g.attrs[k]]));
const spatialAxes = (g: GradBuilder) => g.x(0).type.shape.slice(2).map((_, k) => k + 2);

/**
 * LpPool, y = (sum_window |x|^p)^(1/p): dx = sum over the windows holding x of dy / y^(p-1), times
 * sign(x) |x|^(p-1) (0 where y = 0). The window sum is AveragePoolGrad (count_include_pad 0) of the
 * per-window term times its count of in-input elements, which is LpPool p=1 of ones (a constant after folding).
 */
function lpPoolGrad(g: GradBuilder): Value {
  const x = g.x(0), y = g.y(), p = g.attrs.p as number, w = windowAttrs(g);
  const zero = g.num(0, y);
  const perWindow = g.where(g.eq(y, zero), zero, g.div(g.dy(), g.op1('Pow', [y, g.num(p - 1, y)])));
  const counts = g.op1('LpPool', [g.expand(g.num(1, x), x.type.shape)], { ...w, p: 1 });
  const spread = g.op1('AveragePoolGrad', [g.mul(perWindow, counts)], { ...w, count_include_pad: 0, input_shape: [...x.type.shape] });
  return g.mul(spread, g.mul(g.un('Sign', x), g.op1('Pow', [g.un('Abs', x), g.num(p - 1, x)])));
}

export const NN_GRADS: { [K in NnOpName]: GradEntry } = {
  MaxPool: [(g) => g.op1('MaxPoolGrad', [g.x(0), g.dy(0)], windowAttrs(g))],
  AveragePool: [(g) => g.op1('AveragePoolGrad', [g.dy()], {
    ...windowAttrs(g), count_include_pad: g.attrs.count_include_pad as number, input_shape: [...g.x(0).type.shape],
  })],
  LpPool: [lpPoolGrad],
  GlobalAveragePool: [(g) => {
    const s = g.x(0).type.shape;
    return g.scale(g.expand(g.dy(), s), 1 / s.slice(2).reduce((a, b) => a * b, 1));
  }],
  GlobalMaxPool: [(g) => {
    const x = g.x(0), s = x.type.shape;
    const hit = g.mask(g.eq(x, g.y()), x);
    return g.div(g.mul(g.expand(g.dy(), s), hit), g.expand(g.sumKeep(hit, spatialAxes(g)), s));
  }],
  // Indices address the implied (unpadded) output shape, flattened.
  MaxUnpool: [(g) => {
    const x = g.x(0), out = g.y().type.shape, k = g.attrs.kernel_shape as number[];
    const st = (g.attrs.strides as number[]).length ? (g.attrs.strides as number[]) : k.map(() => 1);
    const p = (g.attrs.pads as number[]).length ? (g.attrs.pads as number[]) : [...k, ...k].map(() => 0);
    const implied = [x.type.shape[0], x.type.shape[1], ...x.type.shape.slice(2).map((n, d) => (n - 1) * st[d] - p[d] - p[d + k.length] + k[d])];
    const dy = implied.every((d, j) => d === out[j]) ? g.dy() : g.op1('Slice', [g.dy()], { starts: implied.map(() => 0), ends: implied });
    return g.op1('Gather', [g.reshape(dy, [numel(implied)]), g.x(1)], { axis: 0 });
  }, undefined],
  BatchNormalization: decomposeFirst, InstanceNormalization: decomposeFirst, LayerNormalization: decomposeFirst,
  GroupNormalization: decomposeFirst, MeanVarianceNormalization: decomposeFirst, LpNormalization: decomposeFirst,
  LRN: decomposeFirst,
};

export const RECURRENT_GRADS: { [K in RecurrentOpName]: GradEntry } = {
  RNN: decomposeFirst, GRU: decomposeFirst, LSTM: decomposeFirst,
};

export const GRAD_OP_GRADS: { [K in GradOpName]: GradEntry } = {
  ConvWeightGrad: notDifferentiable('second-order gradients are not supported'),
  MaxPoolGrad: notDifferentiable('second-order gradients are not supported'),
  AveragePoolGrad: notDifferentiable('second-order gradients are not supported'),
};

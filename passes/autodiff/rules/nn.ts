// Gradient rules of the nn family (pools), of the recurrent ops and of the backward-only ops. MaxPool and
// AveragePool emit their grad ops (MaxPoolGrad: dy goes to the window's first maximum, as MaxPool picks it);
// the global pools broadcast dy back over the spatial dims (GlobalMaxPool shares it among tied maxima).
// MaxUnpool's gradient gathers dy at the pooling indices. Normalizations and recurrent ops are composite.
import { numel } from '../../../ir/shape.ts';
import type { GradOpName, NnOpName, RecurrentOpName } from '../../../ir/ops/index.ts';
import { decomposeFirst, type GradBuilder, type GradEntry, notDifferentiable } from '../rule.ts';

const WINDOW_KEYS = ['kernel_shape', 'strides', 'pads', 'dilations', 'ceil_mode'] as const;
const windowAttrs = (g: GradBuilder) => Object.fromEntries(WINDOW_KEYS.map((k) => [k, g.attrs[k]]));
const spatialAxes = (g: GradBuilder) => g.x(0).type.shape.slice(2).map((_, k) => k + 2);

export const NN_GRADS: { [K in NnOpName]: GradEntry } = {
  MaxPool: [(g) => g.op1('MaxPoolGrad', [g.x(0), g.dy(0)], windowAttrs(g))],
  AveragePool: [(g) => g.op1('AveragePoolGrad', [g.dy()], {
    ...windowAttrs(g), count_include_pad: g.attrs.count_include_pad as number, input_shape: [...g.x(0).type.shape],
  })],
  LpPool: notDifferentiable('LpPool has no gradient rule yet'),
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

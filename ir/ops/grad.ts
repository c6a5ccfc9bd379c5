// Backward-only ops that gradient rules emit where primitives would be awkward (e.g. pooling and
// convolution-weight gradients). Each is a full op: shape rule here, CPU kernel, WGSL lowering.
//   ConvWeightGrad(X, dY)   d loss / d W of Conv(X, W) with the same strides/pads/dilations/group
//   MaxPoolGrad(X, dY)      d loss / d X of MaxPool(X): each dY goes to its window's first maximum
//   AveragePoolGrad(dY)     d loss / d X of AveragePool over an input of shape `input_shape`
import { shapeFail } from '../errors.ts';
import type { AttrSpec, OpDef } from '../op.ts';
import { fmt, sameShape } from '../shape.ts';
import { req, requireFloat, requireSameDType } from './common.ts';
import { convGeom } from './contraction.ts';
import { poolGeometry } from './nn-pool.ts';

const WINDOW = {
  kernel_shape: { type: 'ints' },
  strides: { type: 'ints', default: [] },
  pads: { type: 'ints', default: [] },
  dilations: { type: 'ints', default: [] },
  ceil_mode: { type: 'int', default: 0 },
} as const satisfies Record<string, AttrSpec>;

/** dY must have the pooled shape of an input of shape `x`. */
function requirePooled(x: readonly number[], dy: readonly number[], a: Parameters<OpDef['infer']>[1]): void {
  const want = [x[0], x[1], ...poolGeometry(x, a).out];
  if (!sameShape(dy, want)) shapeFail(`dY ${fmt(dy)} must have the pooled shape ${fmt(want)} of input ${fmt(x)}`);
}

export const GRAD_OPS = {
  /** dW[m, c, k..] = sum over n and output positions o of dY[n, m, o] * X[n, group(m) * C/group + c, o*stride - pad + k*dilation]. */
  ConvWeightGrad: {
    kind: 'contraction',
    inputs: [2, 2],
    attrs: {
      kernel_shape: { type: 'ints' },
      strides: { type: 'ints', default: [] },
      pads: { type: 'ints', default: [] },
      dilations: { type: 'ints', default: [] },
      group: { type: 'int', default: 1 },
    },
    infer: (i, a) => {
      const x = req(i, 0), dy = req(i, 1);
      requireFloat(x);
      requireSameDType([x, dy]);
      const k = a.kernel_shape as readonly number[], nd = k.length, group = a.group as number;
      if (x.shape.length !== nd + 2 || dy.shape.length !== nd + 2) shapeFail(`X ${fmt(x.shape)} and dY ${fmt(dy.shape)} must be [N,C,${nd} spatial dims]`);
      if (group < 1 || x.shape[1] % group !== 0 || dy.shape[1] % group !== 0) shapeFail(`group ${group} must divide the channels of X ${fmt(x.shape)} and dY ${fmt(dy.shape)}`);
      if (x.shape[0] !== dy.shape[0]) shapeFail(`batch of X ${fmt(x.shape)} and dY ${fmt(dy.shape)} differ`);
      const g = convGeom([0, 0, ...k], a, nd);
      const out = x.shape.slice(2).map((n, d) => Math.floor((n + g.padsBegin[d] + g.padsEnd[d] - (k[d] - 1) * g.dilations[d] - 1) / g.strides[d]) + 1);
      if (!sameShape(out, dy.shape.slice(2))) shapeFail(`dY ${fmt(dy.shape)} does not have the convolution's output size ${fmt(out)}`);
      return [{ dtype: x.dtype, shape: [dy.shape[1], x.shape[1] / group, ...k] }];
    },
  },
  MaxPoolGrad: {
    kind: 'opaque',
    inputs: [2, 2],
    attrs: WINDOW,
    infer: (i, a) => {
      const x = req(i, 0), dy = req(i, 1);
      requireFloat(x);
      requireSameDType([x, dy]);
      requirePooled(x.shape, dy.shape, a);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  },
  /** count_include_pad as AveragePool's. */
  AveragePoolGrad: {
    kind: 'opaque',
    inputs: [1, 1],
    attrs: { ...WINDOW, count_include_pad: { type: 'int', default: 0 }, input_shape: { type: 'ints' } },
    infer: (i, a) => {
      const dy = req(i, 0), x = a.input_shape as readonly number[];
      requireFloat(dy);
      requirePooled(x, dy.shape, a);
      return [{ dtype: dy.dtype, shape: [...x] }];
    },
  },
} as const satisfies Record<string, OpDef>;

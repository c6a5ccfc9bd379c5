// nn ops: windowed pools (MaxPool, AveragePool, LpPool, MaxUnpool), global pools, and the normalizations
// (BatchNormalization, InstanceNormalization, LayerNormalization, GroupNormalization, MVN, LpNormalization,
// LRN). Norms are composite: they decompose into primitives before codegen; the CPU runs them directly.
import { shapeFail } from '../errors.ts';
import type { Attrs, AttrSpec, InputTypes, OpDef } from '../op.ts';
import { fmt, normAxis, sameShape, type Shape } from '../shape.ts';
import type { TensorType } from '../tensor.ts';
import { req, requireFloat } from './common.ts';
import { poolGeometry } from './nn-pool.ts';

type AttrSchema = Readonly<Record<string, AttrSpec>>;

/** Window attributes shared by the pools; empty lists mean all-ones strides/dilations and zero pads. */
const WINDOW: AttrSchema = {
  kernel_shape: { type: 'ints' },
  strides: { type: 'ints', default: [] },
  pads: { type: 'ints', default: [] },
  dilations: { type: 'ints', default: [] },
  ceil_mode: { type: 'int', default: 0 },
};

const pooledShape = (x: TensorType, a: Attrs): number[] => [x.shape[0], x.shape[1], ...poolGeometry(x.shape, a).out];

/** A windowed pool with one output of the input's dtype. */
function windowPool(extra: AttrSchema, floatOnly: boolean): OpDef {
  return {
    kind: 'opaque',
    inputs: [1, 1],
    attrs: { ...WINDOW, ...extra },
    infer: (i, a) => {
      const x = req(i, 0);
      if (floatOnly) requireFloat(x);
      return [{ dtype: x.dtype, shape: pooledShape(x, a) }];
    },
  };
}

/** Global pools reduce every spatial dim to 1. */
const globalPool: OpDef = {
  kind: 'reduce',
  inputs: [1, 1],
  attrs: {},
  infer: (i) => {
    const x = req(i, 0);
    if (x.shape.length < 3) shapeFail(`input ${fmt(x.shape)} must be N x C x spatial dims`);
    return [{ dtype: x.dtype, shape: x.shape.map((d, k) => (k < 2 ? d : 1)) }];
  },
};

/** Checks that optional/required per-channel inputs `idx` have shape [C]. */
function requireChannelVectors(i: InputTypes, idx: readonly number[], c: number, names: readonly string[]): void {
  idx.forEach((k, n) => {
    const t = i[k];
    if (t && !sameShape(t.shape, [c])) shapeFail(`${names[n]} must have shape [${c}] (channels), got ${fmt(t.shape)}`);
  });
}

/** An input float tensor of rank >= `rank`, with every present input sharing its dtype. */
function floatInput(i: InputTypes, rank: number, what = 'N x C x ...'): TensorType {
  const x = req(i, 0);
  requireFloat(x);
  if (x.shape.length < rank) shapeFail(`input ${fmt(x.shape)} must have rank >= ${rank} (${what})`);
  for (const t of i) if (t && t.dtype !== x.dtype) shapeFail(`inputs must share the dtype ${x.dtype}, got ${t.dtype}`);
  return x;
}

/** The shape of a normalized-statistics output: dims before `axis` kept, the rest 1. */
export const statShape = (x: Shape, axis: number): number[] => x.map((d, k) => (k < axis ? d : 1));

/** Scale/bias must broadcast to X without growing it. */
function requireBroadcastsTo(t: TensorType | undefined, x: Shape, what: string): void {
  if (!t) return;
  const off = x.length - t.shape.length;
  if (off < 0 || t.shape.some((d, k) => d !== 1 && d !== x[off + k])) shapeFail(`${what} ${fmt(t.shape)} does not broadcast to input ${fmt(x)}`);
}

export const NN_OPS = {
  /** indices=1 adds a second output: the flat input index (i32) of each maximum; storage_order=1 counts it column-major over spatial dims. */
  MaxPool: {
    kind: 'opaque',
    inputs: [1, 1],
    attrs: { ...WINDOW, storage_order: { type: 'int', default: 0 }, indices: { type: 'int', default: 0 } },
    infer: (i, a) => {
      const x = req(i, 0);
      if (x.dtype === 'bool') shapeFail('MaxPool needs a numeric input, got bool');
      const y = { dtype: x.dtype, shape: pooledShape(x, a) };
      return a.indices ? [y, { dtype: 'i32', shape: y.shape }] : [y];
    },
  },
  /** count_include_pad=1 divides by the window size clipped to the padded input, else by the count of real elements. */
  AveragePool: windowPool({ count_include_pad: { type: 'int', default: 0 } }, true),
  /** (sum |x|^p)^(1/p) over each window. */
  LpPool: windowPool({ p: { type: 'int', default: 2 } }, true),
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  /** Scatters X into zeros at the flat indices I; output_shape (full shape) or, when empty, the shape the window implies. */
  MaxUnpool: {
    kind: 'opaque',
    inputs: [2, 2],
    attrs: {
      kernel_shape: { type: 'ints' },
      strides: { type: 'ints', default: [] },
      pads: { type: 'ints', default: [] },
      output_shape: { type: 'ints', default: [] },
    },
    infer: (i, a) => {
      const [x, idx] = [req(i, 0), req(i, 1)];
      if (idx.dtype !== 'i32') shapeFail(`indices must be i32, got ${idx.dtype}`);
      if (!sameShape(x.shape, idx.shape)) shapeFail(`indices ${fmt(idx.shape)} must have the shape of X ${fmt(x.shape)}`);
      const geom = poolGeometry(x.shape, { ...a, dilations: [], ceil_mode: 0 });
      const implied = [x.shape[0], x.shape[1], ...geom.spatial.map((n, d) => (n - 1) * geom.strides[d] - geom.padsBegin[d] - geom.padsEnd[d] + geom.kernel[d])];
      const given = a.output_shape as readonly number[];
      if (given.length === 0) return [{ dtype: x.dtype, shape: implied }];
      if (given.length !== x.shape.length) shapeFail(`output_shape ${fmt(given)} must have rank ${x.shape.length}`);
      if (given[0] !== x.shape[0] || given[1] !== x.shape[1]) shapeFail(`output_shape ${fmt(given)} must keep N and C of ${fmt(x.shape)}`);
      return [{ dtype: x.dtype, shape: [...given] }];
    },
  },

  /**
   * Inputs X, scale, B, mean, var (per channel, axis 1). training_mode=0: normalize with the given stats.
   * training_mode=1: normalize with the batch stats (biased variance over every axis but 1) and also output the
   * running stats mean*momentum + batch*(1-momentum).
   */
  BatchNormalization: {
    kind: 'opaque',
    composite: true,
    inputs: [5, 5],
    attrs: { epsilon: { type: 'float', default: 1e-5 }, momentum: { type: 'float', default: 0.9 }, training_mode: { type: 'int', default: 0 } },
    infer: (i, a) => {
      const x = floatInput(i, 2);
      const c = x.shape[1];
      requireChannelVectors(i, [1, 2, 3, 4], c, ['scale', 'B', 'mean', 'var']);
      const y = { dtype: x.dtype, shape: x.shape };
      const stat = { dtype: x.dtype, shape: [c] };
      return a.training_mode ? [y, stat, stat] : [y];
    },
  },
  /** Per (n, c) normalization over the spatial dims, then per-channel scale and B. */
  InstanceNormalization: {
    kind: 'opaque',
    composite: true,
    inputs: [3, 3],
    attrs: { epsilon: { type: 'float', default: 1e-5 } },
    infer: (i) => {
      const x = floatInput(i, 3);
      requireChannelVectors(i, [1, 2], x.shape[1], ['scale', 'B']);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  },
  /**
   * Normalizes over dims [axis, rank); Scale and optional B broadcast to X. Outputs Y, Mean and InvStdDev (the
   * last two with shape X.shape[:axis] + 1s, f32 when stash_type=1). The CPU accumulates statistics in f64.
   */
  LayerNormalization: {
    kind: 'opaque',
    composite: true,
    inputs: [2, 3],
    attrs: { axis: { type: 'int', default: -1 }, epsilon: { type: 'float', default: 1e-5 }, stash_type: { type: 'int', default: 1 } },
    infer: (i, a) => {
      const x = floatInput(i, 1, 'any rank >= 1');
      const axis = normAxis(a.axis as number, x.shape.length);
      requireBroadcastsTo(i[1], x.shape, 'Scale');
      requireBroadcastsTo(i[2], x.shape, 'B');
      const stat = { dtype: a.stash_type === 1 ? 'f32' as const : x.dtype, shape: statShape(x.shape, axis) };
      return [{ dtype: x.dtype, shape: x.shape }, stat, stat];
    },
  },
  /** Normalizes each of num_groups channel groups per sample; scale and bias are per channel ([C]). */
  GroupNormalization: {
    kind: 'opaque',
    composite: true,
    inputs: [3, 3],
    attrs: { num_groups: { type: 'int' }, epsilon: { type: 'float', default: 1e-5 }, stash_type: { type: 'int', default: 1 } },
    infer: (i, a) => {
      const x = floatInput(i, 2);
      const g = a.num_groups as number;
      if (g < 1 || x.shape[1] % g !== 0) shapeFail(`num_groups ${g} must divide the channel count ${x.shape[1]} of ${fmt(x.shape)}`);
      requireChannelVectors(i, [1, 2], x.shape[1], ['scale', 'bias']);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  },
  /** (X - mean) / (sqrt(var) + 1e-9) with mean and biased variance over `axes`. */
  MeanVarianceNormalization: {
    kind: 'opaque',
    composite: true,
    inputs: [1, 1],
    attrs: { axes: { type: 'ints', default: [0, 2, 3] } },
    infer: (i, a) => {
      const x = floatInput(i, 0);
      const axes = (a.axes as readonly number[]).map((ax) => normAxis(ax, x.shape.length));
      if (new Set(axes).size !== axes.length) shapeFail(`axes ${fmt(a.axes as readonly number[])} name an axis twice`);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  },
  /** X divided by its L1 (p=1) or L2 (p=2) norm along `axis`. */
  LpNormalization: {
    kind: 'opaque',
    composite: true,
    inputs: [1, 1],
    attrs: { axis: { type: 'int', default: -1 }, p: { type: 'int', default: 2 } },
    infer: (i, a) => {
      const x = floatInput(i, 1, 'any rank >= 1');
      normAxis(a.axis as number, x.shape.length);
      if (a.p !== 1 && a.p !== 2) shapeFail(`p must be 1 or 2, got ${a.p}`);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  },
  /** Local response normalization across channels: x / (bias + alpha/size * sum of squares in the window)^beta. */
  LRN: {
    kind: 'opaque',
    composite: true,
    inputs: [1, 1],
    attrs: {
      size: { type: 'int' },
      alpha: { type: 'float', default: 1e-4 },
      beta: { type: 'float', default: 0.75 },
      bias: { type: 'float', default: 1 },
    },
    infer: (i, a) => {
      const x = floatInput(i, 2);
      if ((a.size as number) < 1) shapeFail(`size must be positive, got ${a.size}`);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  },
} as const satisfies Record<string, OpDef>;

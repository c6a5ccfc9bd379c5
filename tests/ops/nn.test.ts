// nn ops: pool and normalization shape rules, and CPU kernels against naive reference loops written here.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { samePads } from '../../ir/ops/nn-pool.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { ImportContext, type OnnxAttr } from '../../compiler/onnx/context.ts';
import { NN_CONVERTERS } from '../../compiler/onnx/ops/nn.ts';

/** Runs one op on concrete inputs through a graph and the interpreter; returns all outputs. */
function run(op: OpName, inputs: Tensor[], attrs: Record<string, AttrValue> = {}): Tensor[] {
  const g = new Graph();
  const vs = inputs.map((t, i) => g.addInput(`x${i}`, { dtype: t.dtype, shape: t.shape }));
  g.outputs = g.addNode(op, vs, attrs, 'n');
  return interpret(g, new Map(inputs.map((t, i) => [`x${i}`, t])));
}

const shapeOf = (op: OpName, shapes: number[][], attrs: Record<string, AttrValue> = {}): number[][] => {
  const g = new Graph();
  const vs = shapes.map((s, i) => g.addInput(`x${i}`, { dtype: 'f32', shape: s }));
  return g.addNode(op, vs, attrs, 'n').map((v) => [...v.type.shape]);
};

/** Deterministic pseudo-random values in [-2, 2). */
function rand(shape: number[], seed = 1): Tensor {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 4 - 2;
  });
  return tensor('f32', shape, data);
}

const close = (got: Tensor, want: ArrayLike<number>, tol = 1e-5): void => {
  expect(got.data.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got.data[i] - want[i])).toBeLessThanOrEqual(tol + tol * Math.abs(want[i]));
};

interface Pool2d { k: [number, number]; s: [number, number]; p: [number, number, number, number]; d: [number, number]; ceil: boolean }

/** Naive 2-D pool over an N x C x H x W tensor: windows read through an explicit padded coordinate check. */
function refPool2d(x: Tensor, o: Pool2d, kind: 'max' | 'avg' | 'avgpad'): { shape: number[]; data: number[] } {
  const [N, C, H, W] = x.shape;
  const size = (n: number, k: number, s: number, pb: number, pe: number, d: number) => {
    const room = n + pb + pe - ((k - 1) * d + 1);
    let out = (o.ceil ? Math.ceil(room / s) : Math.floor(room / s)) + 1;
    if (o.ceil && (out - 1) * s >= n + pb) out--;
    return out;
  };
  const OH = size(H, o.k[0], o.s[0], o.p[0], o.p[2], o.d[0]), OW = size(W, o.k[1], o.s[1], o.p[1], o.p[3], o.d[1]);
  const data: number[] = [];
  for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    let m = -Infinity, sum = 0, cnt = 0, padCnt = 0;
    for (let i = 0; i < o.k[0]; i++) for (let j = 0; j < o.k[1]; j++) {
      const h = oh * o.s[0] - o.p[0] + i * o.d[0], w = ow * o.s[1] - o.p[1] + j * o.d[1];
      if (h >= -o.p[0] && h < H + o.p[2] && w >= -o.p[1] && w < W + o.p[3]) padCnt++;
      if (h < 0 || h >= H || w < 0 || w >= W) continue;
      const v = x.data[((n * C + c) * H + h) * W + w];
      m = Math.max(m, v); sum += v; cnt++;
    }
    data.push(kind === 'max' ? m : sum / (kind === 'avg' ? cnt : padCnt));
  }
  return { shape: [N, C, OH, OW], data };
}

const poolAttrs = (o: Pool2d) => ({ kernel_shape: o.k, strides: o.s, pads: o.p, dilations: o.d, ceil_mode: o.ceil ? 1 : 0 });

describe('pool shape rules', () => {
  it('computes output sizes from kernel, strides, pads, dilations and ceil_mode', () => {
    expect(shapeOf('MaxPool', [[1, 3, 32, 32]], { kernel_shape: [5, 5], strides: [3, 3] })).toEqual([[1, 3, 10, 10]]);
    expect(shapeOf('AveragePool', [[1, 1, 4, 4]], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 })).toEqual([[1, 1, 2, 2]]);
    expect(shapeOf('MaxPool', [[1, 1, 4, 4]], { kernel_shape: [2, 2], dilations: [2, 2] })).toEqual([[1, 1, 2, 2]]);
    expect(shapeOf('MaxPool', [[2, 3, 7]], { kernel_shape: [3], pads: [1, 1], strides: [2], indices: 1 })).toEqual([[2, 3, 4], [2, 3, 4]]);
    // ceil_mode drops a last window that would start in the end padding.
    expect(shapeOf('MaxPool', [[1, 1, 4, 4]], { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 1, 1], ceil_mode: 1 })).toEqual([[1, 1, 2, 2]]);
    expect(shapeOf('GlobalAveragePool', [[2, 3, 5, 4, 2]])).toEqual([[2, 3, 1, 1, 1]]);
  });

  it('rejects a kernel that does not match the input rank, and a window larger than the input', () => {
    expect(() => shapeOf('MaxPool', [[1, 3, 8, 8]], { kernel_shape: [2] })).toThrowError(/\[SHAPE\].*kernel_shape.*op MaxPool, node 'n'/);
    expect(() => shapeOf('AveragePool', [[1, 1, 2, 2]], { kernel_shape: [3, 3] })).toThrowError(/\[SHAPE\].*exceeds/);
    expect(() => shapeOf('GlobalMaxPool', [[3, 4]])).toThrowError(/\[SHAPE\]/);
  });

  it('SAME pads put the odd element at the end (upper) or the start (lower)', () => {
    expect(samePads([32, 32], [2, 2], [1, 1], [1, 1], false)).toEqual([0, 0, 1, 1]);
    expect(samePads([32, 32], [2, 2], [1, 1], [1, 1], true)).toEqual([1, 1, 0, 0]);
    expect(samePads([5, 5], [3, 3], [2, 2], [1, 1], false)).toEqual([1, 1, 1, 1]);
  });
});

describe('pool CPU kernels', () => {
  const cases: Pool2d[] = [
    { k: [3, 3], s: [1, 1], p: [0, 0, 0, 0], d: [1, 1], ceil: false },
    { k: [3, 2], s: [2, 1], p: [1, 0, 2, 1], d: [1, 1], ceil: false },
    { k: [3, 3], s: [2, 2], p: [1, 1, 1, 1], d: [1, 1], ceil: true },
    { k: [2, 2], s: [1, 2], p: [1, 1, 1, 1], d: [2, 2], ceil: true },
  ];
  const x = rand([2, 3, 7, 6]);
  cases.forEach((o, ci) => {
    it(`MaxPool and AveragePool match a naive loop (case ${ci})`, () => {
      const mx = refPool2d(x, o, 'max');
      const [y] = run('MaxPool', [x], poolAttrs(o));
      expect(y.shape).toEqual(mx.shape);
      close(y, mx.data);
      close(run('AveragePool', [x], poolAttrs(o))[0], refPool2d(x, o, 'avg').data);
      close(run('AveragePool', [x], { ...poolAttrs(o), count_include_pad: 1 })[0], refPool2d(x, o, 'avgpad').data);
    });
  });

  it('MaxPool indices are flat input indices, row- or column-major over spatial dims', () => {
    const x = tensor('f32', [1, 2, 3, 3], [...Array(18).keys()]);
    const [y, i] = run('MaxPool', [x], { kernel_shape: [2, 2], indices: 1 });
    expect(Array.from(y.data)).toEqual([4, 5, 7, 8, 13, 14, 16, 17]);
    expect(Array.from(i.data)).toEqual([4, 5, 7, 8, 13, 14, 16, 17]);
    expect(i.dtype).toBe('i32');
    const [, ic] = run('MaxPool', [x], { kernel_shape: [2, 2], indices: 1, storage_order: 1 });
    // (h, w) -> w * 3 + h within a plane; plane 1 adds 9.
    expect(Array.from(ic.data)).toEqual([4, 7, 5, 8, 13, 16, 14, 17]);
  });

  it('LpPool is the p-norm of each window (1-D)', () => {
    const x = tensor('f32', [1, 1, 4], [1, -2, 3, -4]);
    close(run('LpPool', [x], { kernel_shape: [2], p: 2 })[0], [Math.sqrt(5), Math.sqrt(13), 5]);
    close(run('LpPool', [x], { kernel_shape: [2], strides: [2], p: 1 })[0], [3, 7]);
  });

  it('global pools reduce every spatial dim', () => {
    const x = tensor('f32', [1, 2, 2, 2], [1, 2, 3, 4, -1, -5, 0, -2]);
    expect(Array.from(run('GlobalAveragePool', [x])[0].data)).toEqual([2.5, -2]);
    expect(Array.from(run('GlobalMaxPool', [x])[0].data)).toEqual([4, 0]);
  });

  it('MaxUnpool scatters values to their indices (implied and explicit output shape)', () => {
    const x = tensor('f32', [1, 1, 2, 2], [5, 6, 7, 8]);
    const idx = tensor('i32', [1, 1, 2, 2], [5, 7, 13, 15]);
    const [y] = run('MaxUnpool', [x, idx], { kernel_shape: [2, 2], strides: [2, 2] });
    expect(y.shape).toEqual([1, 1, 4, 4]);
    expect(Array.from(y.data)).toEqual([0, 0, 0, 0, 0, 5, 0, 6, 0, 0, 0, 0, 0, 7, 0, 8]);
    const [z] = run('MaxUnpool', [x, idx], { kernel_shape: [2, 2], strides: [2, 2], output_shape: [1, 1, 5, 5] });
    expect(z.shape).toEqual([1, 1, 5, 5]);
    // Indices address the implied 4x4 plane; in the 5x5 output each value keeps its (row, col).
    expect(Array.from(z.data)).toEqual([0, 0, 0, 0, 0, 0, 5, 0, 6, 0, 0, 0, 0, 0, 0, 0, 7, 0, 8, 0, 0, 0, 0, 0, 0]);
  });
});

/** Naive normalization reference: mean and biased variance of the elements `member(i)` selects. */
function stats(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length };
}

describe('norm shape rules', () => {
  it('infers outputs, including LayerNormalization statistics and BatchNormalization training outputs', () => {
    expect(shapeOf('LayerNormalization', [[2, 3, 4], [3, 4], [4]], { axis: 1 })).toEqual([[2, 3, 4], [2, 1, 1], [2, 1, 1]]);
    expect(shapeOf('BatchNormalization', [[2, 3, 4], [3], [3], [3], [3]], { training_mode: 1 })).toEqual([[2, 3, 4], [3], [3]]);
    expect(shapeOf('BatchNormalization', [[2, 3], [3], [3], [3], [3]])).toEqual([[2, 3]]);
  });

  it('rejects mismatched per-channel inputs and bad axes', () => {
    expect(() => shapeOf('BatchNormalization', [[2, 3, 4], [4], [3], [3], [3]])).toThrowError(/\[SHAPE\].*scale must have shape \[3\]/);
    expect(() => shapeOf('InstanceNormalization', [[2, 3, 4], [3], [2]])).toThrowError(/\[SHAPE\].*B must/);
    expect(() => shapeOf('LayerNormalization', [[2, 3], [2]], { axis: -1 })).toThrowError(/\[SHAPE\].*does not broadcast/);
    expect(() => shapeOf('GroupNormalization', [[2, 6, 4], [6], [6]], { num_groups: 4 })).toThrowError(/\[SHAPE\].*divide/);
    expect(() => shapeOf('MeanVarianceNormalization', [[2, 3]], { axes: [0, 2] })).toThrowError(/\[SHAPE\].*out of range/);
  });
});

describe('norm CPU kernels', () => {
  const x = rand([2, 3, 2, 2], 7);
  const at = (n: number, c: number, k: number) => x.data[(n * 3 + c) * 4 + k];

  it('BatchNormalization inference and training mode', () => {
    const scale = tensor('f32', [3], [1, 2, 0.5]), bias = tensor('f32', [3], [0, 1, -1]);
    const mean = tensor('f32', [3], [0.1, -0.2, 0.3]), variance = tensor('f32', [3], [1, 0.5, 2]);
    const eps = 1e-3;
    const [y] = run('BatchNormalization', [x, scale, bias, mean, variance], { epsilon: eps });
    const want = Array.from(x.data, (v, i) => { const c = Math.floor(i / 4) % 3; return (v - mean.data[c]) / Math.sqrt(variance.data[c] + eps) * scale.data[c] + bias.data[c]; });
    close(y, want);
    const [yt, rm, rv] = run('BatchNormalization', [x, scale, bias, mean, variance], { epsilon: eps, training_mode: 1, momentum: 0.8 });
    const per = [0, 1, 2].map((c) => stats([0, 1].flatMap((n) => [0, 1, 2, 3].map((k) => at(n, c, k)))));
    close(yt, Array.from(x.data, (v, i) => { const c = Math.floor(i / 4) % 3; return (v - per[c].mean) / Math.sqrt(per[c].variance + eps) * scale.data[c] + bias.data[c]; }));
    close(rm, per.map((p, c) => mean.data[c] * 0.8 + p.mean * 0.2));
    close(rv, per.map((p, c) => variance.data[c] * 0.8 + p.variance * 0.2));
  });

  it('InstanceNormalization normalizes each (n, c) plane', () => {
    const scale = tensor('f32', [3], [1, 2, 3]), bias = tensor('f32', [3], [0.5, 0, -0.5]);
    const [y] = run('InstanceNormalization', [x, scale, bias], { epsilon: 0.01 });
    close(y, Array.from(x.data, (v, i) => {
      const p = Math.floor(i / 4), c = p % 3, s = stats([0, 1, 2, 3].map((k) => x.data[p * 4 + k]));
      return (v - s.mean) / Math.sqrt(s.variance + 0.01) * scale.data[c] + bias.data[c];
    }));
  });

  it('LayerNormalization over the last two dims, with Mean and InvStdDev', () => {
    const x3 = rand([2, 3, 4], 3), scale = rand([4], 5), bias = rand([3, 4], 9);
    const [y, mean, inv] = run('LayerNormalization', [x3, scale, bias], { axis: -2, epsilon: 1e-5 });
    const s = [0, 1].map((n) => stats(Array.from(x3.data.slice(n * 12, n * 12 + 12))));
    close(mean, s.map((t) => t.mean));
    close(inv, s.map((t) => 1 / Math.sqrt(t.variance + 1e-5)));
    close(y, Array.from(x3.data, (v, i) => (v - s[Math.floor(i / 12)].mean) / Math.sqrt(s[Math.floor(i / 12)].variance + 1e-5) * scale.data[i % 4] + bias.data[i % 12]));
  });

  it('GroupNormalization normalizes channel groups', () => {
    const x6 = rand([1, 4, 3], 11), scale = tensor('f32', [4], [1, 2, 3, 4]), bias = tensor('f32', [4], [0, 0, 1, 1]);
    const [y] = run('GroupNormalization', [x6, scale, bias], { num_groups: 2, epsilon: 1e-5 });
    const s = [0, 1].map((g) => stats(Array.from(x6.data.slice(g * 6, g * 6 + 6))));
    close(y, Array.from(x6.data, (v, i) => { const g = Math.floor(i / 6), c = Math.floor(i / 3); return (v - s[g].mean) / Math.sqrt(s[g].variance + 1e-5) * scale.data[c] + bias.data[c]; }));
  });

  it('MeanVarianceNormalization over axes 0, 2, 3', () => {
    const [y] = run('MeanVarianceNormalization', [x]);
    const per = [0, 1, 2].map((c) => stats([0, 1].flatMap((n) => [0, 1, 2, 3].map((k) => at(n, c, k)))));
    close(y, Array.from(x.data, (v, i) => { const c = Math.floor(i / 4) % 3; return (v - per[c].mean) / (Math.sqrt(per[c].variance) + 1e-9); }));
  });

  it('LpNormalization along an axis', () => {
    const t = tensor('f32', [2, 2], [3, 1, 4, -1]);
    close(run('LpNormalization', [t], { axis: 0, p: 2 })[0], [0.6, 1 / Math.SQRT2, 0.8, -1 / Math.SQRT2]);
    close(run('LpNormalization', [t], { axis: 1, p: 1 })[0], [0.75, 0.25, 0.8, -0.2]);
  });

  it('LRN sums squares over a channel window', () => {
    const t = tensor('f32', [1, 4, 1, 1], [1, 2, 3, 4]);
    const [y] = run('LRN', [t], { size: 3, alpha: 0.3, beta: 0.75, bias: 2 });
    const sq = [1 + 4, 1 + 4 + 9, 4 + 9 + 16, 9 + 16];
    close(y, [1, 2, 3, 4].map((v, c) => v / (2 + (0.3 / 3) * sq[c]) ** 0.75));
  });
});

describe('ONNX nn converters', () => {
  const convert = (op: string, opset: number, shapes: number[][], attrs: Record<string, OnnxAttr>, outputCount = 1, consts: Record<number, Tensor> = {}) => {
    const g = new Graph();
    const ctx = new ImportContext(g, opset, 'n');
    const inputs = shapes.map((s, i) => (consts[i] ? g.addConstant(consts[i], `c${i}`) : g.addInput(`x${i}`, { dtype: 'f32', shape: s })));
    const outs = NN_CONVERTERS[op](ctx, { name: 'n', opType: op, inputs, attrs, outputCount });
    return { g, outs, node: g.nodes[g.nodes.length - 1] };
  };

  it('resolves auto_pad to explicit pads and keeps the SAME output size', () => {
    const { node, outs } = convert('MaxPool', 12, [[1, 3, 32, 32]], { kernel_shape: [2, 2], auto_pad: 'SAME_LOWER' });
    expect(node.attrs.pads).toEqual([1, 1, 0, 0]);
    expect(outs[0]?.type.shape).toEqual([1, 3, 32, 32]);
    const avg = convert('AveragePool', 11, [[1, 1, 5, 5]], { kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER' });
    expect(avg.outs[0]?.type.shape).toEqual([1, 1, 3, 3]);
    expect(convert('MaxPool', 12, [[1, 1, 5, 5]], { kernel_shape: [2, 2] }, 2).outs.map((v) => v?.type.dtype)).toEqual(['f32', 'i32']);
  });

  it('BatchNormalization: training outputs by opset, spatial=0 rejected', () => {
    const s = [[2, 3, 4], [3], [3], [3], [3]];
    expect(convert('BatchNormalization', 15, s, { training_mode: 1 }, 3).node.attrs.training_mode).toBe(1);
    expect(convert('BatchNormalization', 9, s, {}, 3).node.attrs.training_mode).toBe(1);
    expect(convert('BatchNormalization', 15, s, {}, 1).node.attrs.training_mode).toBe(0);
    expect(() => convert('BatchNormalization', 7, s, { spatial: 0 })).toThrowError(/ONNX_UNSUPPORTED.*spatial/);
  });

  it('GroupNormalization expands constant per-group scale and bias to channels', () => {
    const consts = { 1: tensor('f32', [2], [2, 3]), 2: tensor('f32', [2], [0, 1]) };
    const { node, g } = convert('GroupNormalization', 18, [[1, 4, 3], [2], [2]], { num_groups: 2 }, 1, consts);
    expect(Array.from(g.constants.get(node.inputs[1]!)!.data)).toEqual([2, 2, 3, 3]);
    expect(Array.from(g.constants.get(node.inputs[2]!)!.data)).toEqual([0, 0, 1, 1]);
  });

  it('MaxUnpool needs a static output_shape', () => {
    const g = new Graph();
    const ctx = new ImportContext(g, 11, 'n');
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 2, 2] }), i = g.addInput('i', { dtype: 'i32', shape: [1, 1, 2, 2] });
    const shape = g.addInput('s', { dtype: 'i32', shape: [4] });
    expect(() => NN_CONVERTERS.MaxUnpool(ctx, { name: 'n', opType: 'MaxUnpool', inputs: [x, i, shape], attrs: { kernel_shape: [2, 2] }, outputCount: 1 }))
      .toThrowError(/STATIC_INPUT.*output_shape.*graph input 's'/);
    const s2 = g.addConstant(tensor('i32', [4], [1, 1, 5, 5]), 's2');
    const [y] = NN_CONVERTERS.MaxUnpool(ctx, { name: 'n', opType: 'MaxUnpool', inputs: [x, i, s2], attrs: { kernel_shape: [2, 2], strides: [2, 2] }, outputCount: 1 });
    expect(y?.type.shape).toEqual([1, 1, 5, 5]);
  });
});

// Movement ops: shape rules (and rejected shapes), CPU kernels against naive reference loops or hand-worked
// values, and the ONNX converters' opset handling (attributes before, inputs after).
import { describe, expect, it } from 'vitest';
import type { DType } from '../../ir/dtype.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { stridesOf } from '../../ir/shape.ts';
import { type Tensor, tensor } from '../../ir/tensor.ts';
import { ImportContext, type OnnxAttr } from '../../compiler/onnx/context.ts';
import { CONVERTERS } from '../../compiler/onnx/ops/index.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';

const iota = (n: number, dtype: DType = 'f32'): number[] => Array.from({ length: n }, (_, i) => (dtype === 'f32' ? i + 0.5 : i));

/** Runs one op on concrete inputs through the interpreter. */
function run(op: OpName, ins: Tensor[], attrs: Record<string, AttrValue> = {}): Tensor[] {
  const g = new Graph();
  const vs = ins.map((t, i) => g.addInput(`x${i}`, t));
  g.outputs = g.addNode(op, vs, attrs);
  return interpret(g, new Map(ins.map((t, i) => [`x${i}`, t])));
}
const run1 = (op: OpName, ins: Tensor[], attrs: Record<string, AttrValue> = {}): Tensor => run(op, ins, attrs)[0];
const vals = (t: Tensor): number[] => Array.from(t.data);

function shapeOf(op: OpName, shapes: number[][], attrs: Record<string, AttrValue> = {}, dtypes: DType[] = []): number[][] {
  const g = new Graph();
  const vs = shapes.map((s, i) => g.addInput(`x${i}`, { dtype: dtypes[i] ?? 'f32', shape: s }));
  return g.addNode(op, vs, attrs).map((v) => [...v.type.shape]);
}

/** Coordinates of flat index p in shape. */
const coords = (p: number, shape: readonly number[]): number[] => stridesOf(shape).map((s, d) => Math.floor(p / s) % shape[d]);
const flat = (c: readonly number[], shape: readonly number[]): number => c.reduce((a, v, d) => a + v * stridesOf(shape)[d], 0);

describe('movement shape rules', () => {
  it('infers shapes', () => {
    expect(shapeOf('Reshape', [[2, 3, 4]], { shape: [4, -1] })).toEqual([[4, 6]]);
    expect(shapeOf('Transpose', [[2, 3, 4]])).toEqual([[4, 3, 2]]);
    expect(shapeOf('Expand', [[3, 1]], { shape: [2, 1, 6] })).toEqual([[2, 3, 6]]);
    expect(shapeOf('Slice', [[20, 10, 5]], { starts: [0, 10], ends: [3, -1000], axes: [0, 1], steps: [1, -3] })).toEqual([[3, 4, 5]]);
    expect(shapeOf('Slice', [[20, 10, 5]], { starts: [1], ends: [2147483647], axes: [1] })).toEqual([[20, 9, 5]]);
    expect(shapeOf('Pad', [[2, 3]], { pads: [1, -1, 0, 2] })).toEqual([[3, 4]]);
    expect(shapeOf('Concat', [[2, 3], [2, 5]], { axis: -1 })).toEqual([[2, 8]]);
    expect(shapeOf('Split', [[6, 2]], { split: [1, 0, 5] })).toEqual([[1, 2], [0, 2], [5, 2]]);
    expect(shapeOf('Squeeze', [[1, 3, 1]])).toEqual([[3]]);
    expect(shapeOf('Unsqueeze', [[3, 4]], { axes: [-1, 0] })).toEqual([[1, 3, 4, 1]]);
    expect(shapeOf('Flatten', [[2, 3, 4]], { axis: 0 })).toEqual([[1, 24]]);
    expect(shapeOf('Gather', [[5, 4, 3], [2, 2]], { axis: 1 }, ['f32', 'i32'])).toEqual([[5, 2, 2, 3]]);
    expect(shapeOf('GatherND', [[2, 3, 4], [2, 5, 1]], { batch_dims: 1 }, ['f32', 'i32'])).toEqual([[2, 5, 4]]);
    expect(shapeOf('OneHot', [[2, 3], [2]], { depth: 4, axis: 1 }, ['i32', 'f32'])).toEqual([[2, 4, 3]]);
    expect(shapeOf('DepthToSpace', [[1, 8, 2, 3]], { blocksize: 2 })).toEqual([[1, 2, 4, 6]]);
    expect(shapeOf('SpaceToDepth', [[1, 2, 4, 6]], { blocksize: 2 })).toEqual([[1, 8, 2, 3]]);
  });

  it('rejects bad shapes with the op and node named', () => {
    expect(() => shapeOf('Reshape', [[2, 3]], { shape: [4, -1] })).toThrowError(/\[SHAPE\].*cannot reshape \[2,3\].*op Reshape/);
    expect(() => shapeOf('Concat', [[2, 3], [3, 3]], { axis: 1 })).toThrowError(/\[SHAPE\].*cannot concat/);
    expect(() => shapeOf('Squeeze', [[2, 3]], { axes: [0] })).toThrowError(/size is not 1/);
    expect(() => shapeOf('Split', [[6]], { split: [2, 2] })).toThrowError(/do not sum/);
    expect(() => shapeOf('Transpose', [[2, 3]], { perm: [0, 0] })).toThrowError(/not a permutation/);
    expect(() => shapeOf('Gather', [[2, 3], [2]], {}, ['f32', 'f32'])).toThrowError(/indices must be integers/);
    expect(() => shapeOf('Expand', [[3, 2]], { shape: [4, 3] })).toThrowError(/do not broadcast/);
    expect(() => shapeOf('DepthToSpace', [[1, 6, 2, 2]], { blocksize: 2 })).toThrowError(/not divisible/);
  });
});

describe('movement CPU kernels', () => {
  it('Transpose matches a naive loop', () => {
    const x = tensor('f32', [2, 3, 4], iota(24)), perm = [1, 2, 0];
    const y = run1('Transpose', [x], { perm });
    expect(y.shape).toEqual([3, 4, 2]);
    for (let p = 0; p < 24; p++) {
      const c = coords(p, y.shape), src = [0, 0, 0];
      perm.forEach((q, d) => { src[q] = c[d]; });
      expect(y.data[p]).toBe(x.data[flat(src, x.shape)]);
    }
  });

  it('Slice with negative steps and clamped ends matches a naive loop', () => {
    const x = tensor('i32', [5, 6], iota(30, 'i32'));
    const y = run1('Slice', [x], { starts: [-1, 1], ends: [-2147483648, 100], axes: [0, 1], steps: [-2, 2] });
    const want: number[] = [];
    for (let i = 4; i >= 0; i -= 2) for (let j = 1; j < 6; j += 2) want.push(i * 6 + j);
    expect(y.shape).toEqual([3, 3]);
    expect(vals(y)).toEqual(want);
  });

  it('Pad modes (hand-worked 1-D and 2-D cases)', () => {
    const x = tensor('f32', [4], [1, 2, 3, 4]);
    const pad = (mode: string) => vals(run1('Pad', [x], { pads: [3, 2], mode, value: 9 }));
    expect(pad('constant')).toEqual([9, 9, 9, 1, 2, 3, 4, 9, 9]);
    expect(pad('edge')).toEqual([1, 1, 1, 1, 2, 3, 4, 4, 4]);
    expect(pad('reflect')).toEqual([4, 3, 2, 1, 2, 3, 4, 3, 2]);
    expect(pad('wrap')).toEqual([2, 3, 4, 1, 2, 3, 4, 1, 2]);
    const m = tensor('f32', [2, 2], [1, 2, 3, 4]);
    expect(vals(run1('Pad', [m], { pads: [0, 1, 1, -1] }))).toEqual([0, 1, 0, 3, 0, 0]);
  });

  it('Expand and Tile', () => {
    const x = tensor('f32', [3, 1], [1, 2, 3]);
    expect(vals(run1('Expand', [x], { shape: [2, 1, 2] }))).toEqual([1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3]);
    const t = run1('Tile', [tensor('f32', [2, 2], [1, 2, 3, 4])], { repeats: [2, 3] });
    expect(t.shape).toEqual([4, 6]);
    for (let p = 0; p < 24; p++) {
      const [i, j] = coords(p, [4, 6]);
      expect(t.data[p]).toBe([1, 2, 3, 4][(i % 2) * 2 + (j % 2)]);
    }
  });

  it('Concat then Split round-trips', () => {
    const a = tensor('f32', [2, 1, 3], iota(6)), b = tensor('f32', [2, 2, 3], iota(12).map((v) => -v));
    const c = run1('Concat', [a, b], { axis: 1 });
    expect(c.shape).toEqual([2, 3, 3]);
    expect(vals(c).slice(0, 9)).toEqual([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, -3.5, -4.5, -5.5]);
    const [a2, e, b2] = run('Split', [c], { axis: 1, split: [1, 0, 2] });
    expect(vals(a2)).toEqual(vals(a));
    expect(e.shape).toEqual([2, 0, 3]);
    expect(vals(b2)).toEqual(vals(b));
  });

  it('DepthToSpace (DCR and CRD) and SpaceToDepth match the reshape-transpose definition', () => {
    const [n, c, h, w, bs] = [1, 8, 2, 3, 2];
    const x = tensor('f32', [n, c, h, w], iota(48));
    for (const mode of ['DCR', 'CRD']) {
      const y = run1('DepthToSpace', [x], { blocksize: bs, mode });
      for (let p = 0; p < 48; p++) {
        const [, co, yy, xx] = coords(p, y.shape);
        const [bi, bj] = [yy % bs, xx % bs];
        const ci = mode === 'DCR' ? (bi * bs + bj) * (c / 4) + co : co * bs * bs + bi * bs + bj;
        expect(y.data[p]).toBe(x.data[flat([0, ci, Math.floor(yy / bs), Math.floor(xx / bs)], x.shape)]);
      }
      if (mode === 'DCR') expect(vals(run1('SpaceToDepth', [y], { blocksize: bs }))).toEqual(vals(x));
    }
  });

  it('Trilu keeps a triangle', () => {
    const x = tensor('i32', [3, 4], iota(12, 'i32').map((v) => v + 1));
    expect(vals(run1('Trilu', [x], { upper: 1, k: 1 }))).toEqual([0, 2, 3, 4, 0, 0, 7, 8, 0, 0, 0, 12]);
    expect(vals(run1('Trilu', [x], { upper: 0, k: -1 }))).toEqual([0, 0, 0, 0, 5, 0, 0, 0, 9, 10, 0, 0]);
  });

  it('Gather, GatherElements and GatherND with negative indices', () => {
    const x = tensor('f32', [3, 2], [1, 2, 3, 4, 5, 6]);
    expect(vals(run1('Gather', [x, tensor('i32', [2], [-1, 0])], { axis: 0 }))).toEqual([5, 6, 1, 2]);
    expect(vals(run1('Gather', [x, tensor('i32', [1], [1])], { axis: 1 }))).toEqual([2, 4, 6]);
    expect(vals(run1('GatherElements', [x, tensor('i32', [2, 2], [0, -1, 2, 0])], { axis: 0 }))).toEqual([1, 6, 5, 2]);
    const d = tensor('f32', [2, 2, 2], iota(8, 'i32'));
    expect(vals(run1('GatherND', [d, tensor('i32', [2, 2], [0, 1, 1, 0])]))).toEqual([2, 3, 4, 5]);
    expect(vals(run1('GatherND', [d, tensor('i32', [2, 1], [1, 0])], { batch_dims: 1 }))).toEqual([2, 3, 4, 5]);
    expect(() => run1('Gather', [x, tensor('i32', [1], [3])])).toThrowError(/out of range/);
  });

  it('ScatterElements and ScatterND with reductions', () => {
    const x = tensor('f32', [1, 5], [1, 2, 3, 4, 5]);
    const idx = tensor('i32', [1, 2], [1, 1]), u = tensor('f32', [1, 2], [1.5, 2]);
    expect(vals(run1('ScatterElements', [x, idx, u], { axis: 1, reduction: 'add' }))).toEqual([1, 5.5, 3, 4, 5]);
    expect(vals(run1('ScatterElements', [x, idx, u], { axis: 1, reduction: 'mul' }))).toEqual([1, 6, 3, 4, 5]);
    expect(vals(run1('ScatterElements', [x, tensor('i32', [1, 2], [-1, 0]), u], { axis: 1 }))).toEqual([2, 2, 3, 4, 1.5]);
    const d = tensor('f32', [3, 2], [1, 2, 3, 4, 5, 6]);
    const nd = run1('ScatterND', [d, tensor('i32', [2, 1], [2, 0]), tensor('f32', [2, 2], [7, 8, 9, 10])], { reduction: 'max' });
    expect(vals(nd)).toEqual([9, 10, 3, 4, 7, 8]);
  });

  it('OneHot and ReverseSequence', () => {
    const oh = run1('OneHot', [tensor('i32', [3], [0, -1, 7]), tensor('f32', [2], [0, 5])], { depth: 3, axis: 0 });
    expect(oh.shape).toEqual([3, 3]);
    expect(vals(oh)).toEqual([5, 0, 0, 0, 0, 0, 0, 5, 0]);
    const x = tensor('f32', [3, 2], [1, 2, 3, 4, 5, 6]); // time x batch
    expect(vals(run1('ReverseSequence', [x, tensor('i32', [2], [3, 2])]))).toEqual([5, 4, 3, 2, 1, 6]);
  });

  it('Resize: nearest, linear (half_pixel), cubic, and crop extrapolation against hand values', () => {
    const x = tensor('f32', [1, 1, 2, 2], [1, 2, 3, 4]);
    const rs = (attrs: Record<string, AttrValue>) => vals(run1('Resize', [x], { sizes: [1, 1, 4, 4], scales: [1, 1, 2, 2], ...attrs }));
    expect(rs({ mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }))
      .toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    // half_pixel: output 0..3 maps to -0.25, 0.25, 0.75, 1.25 (edge-clamped).
    const lin = [1, 1.25, 1.75, 2];
    const want = lin.flatMap((r) => lin.map((c) => (r - 1) * 2 + c));
    expect(rs({ mode: 'linear' })).toEqual(want);
    const cubic = rs({ mode: 'cubic', coordinate_transformation_mode: 'align_corners' });
    expect(cubic[0]).toBeCloseTo(1, 6);
    expect(cubic[15]).toBeCloseTo(4, 6);
    const crop = vals(run1('Resize', [x], { sizes: [1, 1, 1, 3], scales: [1, 1, 0.5, 1.5], roi: [0, 0, 0, 0, 1, 1, 1, 1.5], mode: 'linear', coordinate_transformation_mode: 'tf_crop_and_resize', extrapolation_value: -7 }));
    expect(crop).toEqual([2, 2.75, -7]);
  });
});

/** Imports one ONNX node through its converter with constant inputs, returning the folded outputs. */
function convert(opType: string, opset: number, ins: Tensor[], attrs: Record<string, OnnxAttr> = {}, outputCount = 1, runtime = [0]): Tensor[] {
  const g = new Graph();
  const ctx = new ImportContext(g, opset, 'n');
  const vs: (Value | undefined)[] = ins.map((t, i) => (runtime.includes(i) ? g.addInput(`x${i}`, t) : g.addConstant(t, `c${i}`)));
  const outs = CONVERTERS[opType](ctx, { name: 'n', opType, inputs: vs, attrs, outputCount }) as Value[];
  g.outputs = outs;
  return interpret(g, new Map(runtime.map((i) => [`x${i}`, ins[i]])));
}

describe('movement ONNX converters', () => {
  const x = tensor('f32', [2, 3], [1, 2, 3, 4, 5, 6]);
  const i64 = (v: number[]) => tensor('i32', [v.length], v);

  it('Slice: attributes before opset 10, inputs after', () => {
    expect(vals(convert('Slice', 9, [x], { starts: [1], ends: [3], axes: [1] })[0])).toEqual([2, 3, 5, 6]);
    expect(vals(convert('Slice', 13, [x, i64([2]), i64([0]), i64([1]), i64([-1])])[0])).toEqual([3, 2, 6, 5]);
  });

  it('Reshape applies the 0 copy rule unless allowzero', () => {
    expect(convert('Reshape', 14, [x, i64([0, -1])])[0].shape).toEqual([2, 3]);
    expect(convert('Reshape', 14, [tensor('f32', [0, 3]), i64([3, 0])], { allowzero: 1 })[0].shape).toEqual([3, 0]);
  });

  it('Squeeze/Unsqueeze axes by opset, Split by num_outputs', () => {
    const y = tensor('f32', [1, 3], [1, 2, 3]);
    expect(convert('Squeeze', 11, [y], { axes: [0] })[0].shape).toEqual([3]);
    expect(convert('Squeeze', 13, [y, i64([0])])[0].shape).toEqual([3]);
    expect(convert('Unsqueeze', 13, [y, i64([-1])])[0].shape).toEqual([1, 3, 1]);
    const parts = convert('Split', 18, [tensor('f32', [5], [1, 2, 3, 4, 5])], { num_outputs: 2 }, 2);
    expect(parts.map(vals)).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('Pad with axes input (opset 18) and constant value', () => {
    const y = convert('Pad', 18, [x, i64([1, 0]), tensor('f32', [], [7]), i64([1])]);
    expect(vals(y[0])).toEqual([7, 1, 2, 3, 7, 4, 5, 6]);
  });

  it('folds Shape, Range, NonZero and turns Compress into a Gather', () => {
    expect(vals(convert('Shape', 15, [tensor('f32', [3, 4, 5])], { start: -2 })[0])).toEqual([4, 5]);
    expect(vals(convert('Range', 11, [tensor('i32', [], [10]), tensor('i32', [], [4]), tensor('i32', [], [-3])], {}, 1, [])[0])).toEqual([10, 7]);
    const nz = convert('NonZero', 13, [tensor('bool', [2, 2], [1, 0, 1, 1])], {}, 1, [])[0];
    expect(nz.shape).toEqual([2, 3]);
    expect(vals(nz)).toEqual([0, 1, 1, 0, 0, 1]);
    expect(vals(convert('Compress', 11, [x, tensor('bool', [3], [0, 1, 1])], { axis: 1 })[0])).toEqual([2, 3, 5, 6]);
    expect(() => convert('Range', 11, [tensor('i32', [], [0]), tensor('i32', [], [4]), tensor('i32', [], [1])])).toThrowError(/STATIC_INPUT.*start/);
  });

  it('Resize from scales and Upsample', () => {
    const s = tensor('f32', [4], [1, 1, 0.5, 0.5]);
    const img = tensor('f32', [1, 1, 2, 4], iota(8, 'i32'));
    const r = convert('Resize', 13, [img, tensor('f32', [0]), s], { mode: 'nearest' }, 1, [0]);
    expect(r[0].shape).toEqual([1, 1, 1, 2]);
    const up = convert('Upsample', 9, [tensor('f32', [1, 1, 1, 2], [1, 2]), tensor('f32', [4], [1, 1, 2, 2])]);
    expect(vals(up[0])).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
  });
});

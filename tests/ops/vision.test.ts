// Vision ops (GridSample, RoiAlign, Det and their backward ops): shape rules and rejected shapes, CPU kernels
// against values worked out here by hand from the ONNX operator definitions, and the ONNX converters
// (opset-16 mode names, RoiAlign's opset-10 default, refusals naming node, op and shapes).
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import type { DType } from '../../ir/dtype.ts';
import { Graph } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { type Tensor, tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { reflect, roundHalfEven } from '../../runtime/cpu/kernels/grid-sample.ts';
import { kilnError } from '../support/kiln-error.ts';
import { buildModel, f32Info } from '../support/onnx-builder.ts';

function run1(op: OpName, ins: Tensor[], attrs: Record<string, AttrValue> = {}): number[] {
  const g = new Graph();
  const vs = ins.map((t, i) => g.addInput(`x${i}`, t));
  g.outputs = g.addNode(op, vs, attrs);
  return Array.from(interpret(g, new Map(ins.map((t, i) => [`x${i}`, t])))[0].data);
}

function shapeOf(op: OpName, shapes: number[][], attrs: Record<string, AttrValue> = {}, dtypes: DType[] = []): number[] {
  const g = new Graph();
  const vs = shapes.map((s, i) => g.addInput(`x${i}`, { dtype: dtypes[i] ?? 'f32', shape: s }));
  return [...g.addNode(op, vs, attrs)[0].type.shape];
}

const close = (got: number[], want: number[]) => got.forEach((v, i) => expect(v, `element ${i}`).toBeCloseTo(want[i], 6));

/** X = [[1, 2], [3, 4]] as [1, 1, 2, 2] sampled at the given (x, y) normalized points (grid [1, 1, P, 2]). */
const sample2x2 = (points: [number, number][], attrs: Record<string, AttrValue>) =>
  run1('GridSample', [tensor('f32', [1, 1, 2, 2], [1, 2, 3, 4]), tensor('f32', [1, 1, points.length, 2], points.flat())], attrs);

describe('vision shape rules', () => {
  it('GridSample: [N,C,H,W] and grid [N,Ho,Wo,2] give [N,C,Ho,Wo]', () => {
    expect(shapeOf('GridSample', [[2, 3, 5, 6], [2, 4, 7, 2]])).toEqual([2, 3, 4, 7]);
    expect(shapeOf('GridSampleGradX', [[2, 3, 4, 7], [2, 4, 7, 2]], { input_shape: [2, 3, 5, 6] })).toEqual([2, 3, 5, 6]);
    expect(shapeOf('GridSampleGradGrid', [[2, 3, 4, 7], [2, 3, 5, 6], [2, 4, 7, 2]])).toEqual([2, 4, 7, 2]);
  });
  it('GridSample refuses a grid whose last dim is not 2, rank-5 X, a batch mismatch and unknown modes', () => {
    expect(() => shapeOf('GridSample', [[1, 1, 4, 4], [1, 3, 3, 3]])).toThrow(/grid must be \[N,Ho,Wo,2\]/);
    expect(() => shapeOf('GridSample', [[1, 1, 2, 4, 4], [1, 2, 3, 3, 3]])).toThrow(/4-D/);
    expect(() => shapeOf('GridSample', [[2, 1, 4, 4], [1, 3, 3, 2]])).toThrow(/batch/);
    expect(() => shapeOf('GridSample', [[1, 1, 4, 4], [1, 3, 3, 2]], { mode: 'area' })).toThrow(/unknown mode 'area'/);
    expect(() => shapeOf('GridSample', [[1, 1, 4, 4], [1, 3, 3, 2]], { padding_mode: 'wrap' })).toThrow(/unknown padding_mode 'wrap'/);
    expect(() => shapeOf('GridSampleGradX', [[1, 1, 3, 2], [1, 3, 3, 2]], { input_shape: [1, 1, 4, 4] })).toThrow(/dY/);
  });
  it('RoiAlign: rois [R,4] and batch_indices [R] give [R,C,oh,ow]', () => {
    expect(shapeOf('RoiAlign', [[1, 3, 8, 8], [5, 4], [5]], { output_height: 2, output_width: 3 }, ['f32', 'f32', 'i32'])).toEqual([5, 3, 2, 3]);
    expect(shapeOf('RoiAlignGrad', [[5, 3, 2, 3], [5, 4], [5]], { output_height: 2, output_width: 3, input_shape: [1, 3, 8, 8] }, ['f32', 'f32', 'i32'])).toEqual([1, 3, 8, 8]);
    expect(shapeOf('RoiAlignGrad', [[5, 3, 2, 3], [5, 4], [5], [1, 3, 8, 8]], { mode: 'max', output_height: 2, output_width: 3, input_shape: [1, 3, 8, 8] }, ['f32', 'f32', 'i32', 'f32'])).toEqual([1, 3, 8, 8]);
  });
  it('RoiAlignGrad takes X exactly in mode max, of input_shape', () => {
    const attrs = { output_height: 2, output_width: 3, input_shape: [1, 3, 8, 8] };
    expect(() => shapeOf('RoiAlignGrad', [[5, 3, 2, 3], [5, 4], [5]], { ...attrs, mode: 'max' }, ['f32', 'f32', 'i32'])).toThrow(/mode max needs X/);
    expect(() => shapeOf('RoiAlignGrad', [[5, 3, 2, 3], [5, 4], [5], [1, 3, 8, 8]], attrs, ['f32', 'f32', 'i32', 'f32'])).toThrow(/mode 'avg' takes no X/);
    expect(() => shapeOf('RoiAlignGrad', [[5, 3, 2, 3], [5, 4], [5], [1, 3, 8, 7]], { ...attrs, mode: 'max' }, ['f32', 'f32', 'i32', 'f32'])).toThrow(/must have input_shape \[1,3,8,8\]/);
  });
  it('RoiAlign refuses malformed rois, batch_indices and modes', () => {
    expect(() => shapeOf('RoiAlign', [[1, 3, 8, 8], [5, 5], [5]], {}, ['f32', 'f32', 'i32'])).toThrow(/rois must be \[num_rois,4\]/);
    expect(() => shapeOf('RoiAlign', [[1, 3, 8, 8], [5, 4], [4]], {}, ['f32', 'f32', 'i32'])).toThrow(/batch_indices \[4\] must be \[5\]/);
    expect(() => shapeOf('RoiAlign', [[1, 3, 8, 8], [5, 4], [5]])).toThrow(/must be integers/);
    expect(() => shapeOf('RoiAlign', [[1, 3, 8], [5, 4], [5]], {}, ['f32', 'f32', 'i32'])).toThrow(/4-D/);
    expect(() => shapeOf('RoiAlign', [[1, 3, 8, 8], [5, 4], [5]], { mode: 'median' }, ['f32', 'f32', 'i32'])).toThrow(/unknown mode 'median'/);
  });
  it('Det: [..., M, M] gives [...]; non-square is refused', () => {
    expect(shapeOf('Det', [[3, 4, 4]])).toEqual([3]);
    expect(shapeOf('Det', [[4, 4]])).toEqual([]);
    expect(shapeOf('DetGrad', [[2, 3, 3], [2]])).toEqual([2, 3, 3]);
    expect(() => shapeOf('Det', [[3, 4]])).toThrow(/square/);
    expect(() => shapeOf('Det', [[4]])).toThrow(/square/);
    expect(() => shapeOf('DetGrad', [[2, 3, 3], [3]])).toThrow(/dY/);
  });
});

describe('GridSample CPU kernel', () => {
  it('linear, zeros: pixel edges map to -1 and 1; taps outside read 0', () => {
    // (0, 0) is the centre (x = y = 0.5); (-1, -1) is x = y = -0.5: a quarter of X[0,0]; (1, -1) a quarter of X[0,1].
    close(sample2x2([[0, 0], [-1, -1], [1, -1]], {}), [2.5, 0.25, 0.5]);
  });
  it('linear, align_corners: -1 and 1 are the corner pixels', () => {
    // (0.5, -1): x = 0.75, y = 0 -> 0.25 * 1 + 0.75 * 2.
    close(sample2x2([[-1, -1], [1, 1], [0, 0], [0.5, -1]], { align_corners: 1 }), [1, 4, 2.5, 1.75]);
  });
  it('linear, border: taps clamp to the edge, coordinates beyond the extent to the last pixel', () => {
    // (-1, -1): x = y = -0.5, taps -1 and 0 both read pixel 0. (2, 0): x = 2.5 clamps to 1, y = 0.5: (2 + 4) / 2.
    close(sample2x2([[-1, -1], [2, 0]], { padding_mode: 'border' }), [1, 3]);
  });
  it('linear, reflection: coordinates and taps reflect at the pixel edges', () => {
    // (1.5, -1): x = 2 reflects at 1.5 to 1; y = -0.5, its tap -1 reflects to 0 -> X[0, 1] = 2.
    // (2, 0): x = 2.5 reflects to 0.5, y = 0.5: the centre.
    close(sample2x2([[1.5, -1], [2, 0]], { padding_mode: 'reflection' }), [2, 2.5]);
  });
  it('nearest rounds half to even; a tap outside reads 0', () => {
    // (0, 0): x = y = 0.5 round to 0. (0.5, 0.5): x = y = 1. (-1, 0): x = -0.5 rounds to 0. (1.1, 0): x = 1.6 rounds to 2, outside.
    close(sample2x2([[0, 0], [0.5, 0.5], [-1, 0], [1.1, 0]], { mode: 'nearest' }), [1, 4, 1, 0]);
  });
  it('cubic (a = -0.75): weights at t = 0.5 are far(1.5) = -0.09375 and near(0.5) = 0.59375', () => {
    // zeros: only taps 0 and 1 of each axis read pixels: 0.59375^2 * (1 + 2 + 3 + 4).
    close(sample2x2([[0, 0]], { mode: 'cubic' }), [0.59375 * 0.59375 * 10]);
    // border: the outer taps read the edge pixels, so each axis weighs its two pixels 0.5 / 0.5.
    close(sample2x2([[0, 0]], { mode: 'cubic', padding_mode: 'border' }), [2.5]);
  });
  it('samples each batch and channel from its own image', () => {
    const x = tensor('f32', [2, 2, 2, 2], [1, 2, 3, 4, 10, 20, 30, 40, 5, 6, 7, 8, 50, 60, 70, 80]);
    const grid = tensor('f32', [2, 1, 1, 2], [-1, -1, 1, 1]);
    close(run1('GridSample', [x, grid], { align_corners: 1 }), [1, 10, 8, 80]);
  });
  it('reflect folds repeatedly and reports the slope; roundHalfEven', () => {
    expect(reflect(2.5, -0.5, 1.5)).toEqual([0.5, -1]);
    expect(reflect(4, -0.5, 1.5)).toEqual([0, 1]);
    expect(reflect(-1.5, -0.5, 1.5)).toEqual([0.5, -1]);
    expect(reflect(-3, -0.5, 1.5)).toEqual([1, 1]);
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 1.2].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 1]);
  });
});

describe('RoiAlign CPU kernel', () => {
  // X[y][x] = 4y + x is linear, so every in-image bilinear sample is exact.
  const ramp = (n = 1) => tensor('f32', [n, 1, 4, 4], Array.from({ length: 16 * n }, (_, i) => (i % 16) + 100 * Math.floor(i / 16)));
  const rois = (...r: number[][]) => tensor('f32', [r.length, 4], r.flat());
  const batch = (...b: number[]) => tensor('i32', [b.length], b);

  it('half_pixel shifts the roi by -0.5; output_half_pixel does not', () => {
    // half_pixel: samples at y, x in {0, 1}: (0 + 1 + 4 + 5) / 4. output_half_pixel: at {0.5, 1.5}: 4 * 1 + 1.
    close(run1('RoiAlign', [ramp(), rois([0, 0, 2, 2]), batch(0)], { sampling_ratio: 2 }), [2.5]);
    close(run1('RoiAlign', [ramp(), rois([0, 0, 2, 2]), batch(0)], { sampling_ratio: 2, coordinate_transformation_mode: 'output_half_pixel' }), [5]);
  });
  it('sampling_ratio 0 takes ceil(bin size) samples per axis; bins split the roi', () => {
    // One 3 x 3 bin: samples at 0.5, 1.5, 2.5 -> mean 1.5 per axis: 4 * 1.5 + 1.5.
    close(run1('RoiAlign', [ramp(), rois([0, 0, 3, 3]), batch(0)], { coordinate_transformation_mode: 'output_half_pixel' }), [7.5]);
    // 1 x 2 bins of a 2 x 2 roi with one sample each: (0.5, 1.0) and (1.5, 1.0) -> x = 0.5, 1.5 at y = 1.
    close(run1('RoiAlign', [ramp(), rois([0, 0, 2, 2]), batch(0)], { output_width: 2, sampling_ratio: 1, coordinate_transformation_mode: 'output_half_pixel' }), [4.5, 5.5]);
  });
  it('max takes the largest weighted neighbour of each sample, then the largest sample', () => {
    // Samples (0.5, 0.5) .. (1.5, 1.5), each a quarter of its neighbours: max(0.25 * 5, 0.25 * 6, 0.25 * 9, 0.25 * 10).
    close(run1('RoiAlign', [ramp(), rois([0, 0, 2, 2]), batch(0)], { mode: 'max', sampling_ratio: 2, coordinate_transformation_mode: 'output_half_pixel' }), [2.5]);
  });
  it('reads the image of each roi batch index; scales rois; samples outside read 0, near the edge clamp', () => {
    close(run1('RoiAlign', [ramp(2), rois([0, 0, 2, 2], [0, 0, 2, 2]), batch(1, 0)], { sampling_ratio: 2 }), [102.5, 2.5]);
    close(run1('RoiAlign', [ramp(), rois([0, 0, 4, 4]), batch(0)], { sampling_ratio: 2, spatial_scale: 0.5 }), [2.5]);
    close(run1('RoiAlign', [ramp(), rois([10, 10, 12, 12]), batch(0)], { sampling_ratio: 1 }), [0]);
    // One sample at (3.5, 3.5): past the last pixel but within one, clamped onto X[3][3] = 15.
    close(run1('RoiAlign', [ramp(), rois([3, 3, 4, 4]), batch(0)], { sampling_ratio: 1, coordinate_transformation_mode: 'output_half_pixel' }), [15]);
  });
  it('RoiAlignGrad spreads dY / count onto the samples\' neighbours', () => {
    // half_pixel, 2 x 2 samples at integer points (0|1, 0|1), each weight 1 on one pixel; count 4.
    const dx = run1('RoiAlignGrad', [tensor('f32', [1, 1, 1, 1], [8]), rois([0, 0, 2, 2]), batch(0)], { sampling_ratio: 2, input_shape: [1, 1, 4, 4] });
    close(dx, [2, 2, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('Det CPU kernel', () => {
  it('2x2, 3x3, a row swap and a singular matrix', () => {
    close(run1('Det', [tensor('f32', [2, 2], [1, 2, 3, 4])]), [-2]);
    close(run1('Det', [tensor('f32', [3, 3], [2, 0, 1, 1, 3, 2, 1, 1, 4])]), [18]);
    close(run1('Det', [tensor('f32', [3, 2, 2], [1, 2, 3, 4, 0, 1, 1, 0, 1, 2, 2, 4])]), [-2, -1, 0]);
    close(run1('Det', [tensor('f32', [1, 1], [7])]), [7]);
  });
  it('DetGrad is dY times the cofactor matrix, also for a singular matrix', () => {
    close(run1('DetGrad', [tensor('f32', [2, 2, 2], [1, 2, 3, 4, 1, 2, 2, 4]), tensor('f32', [2], [2, 1])]), [8, -6, -4, 2, 4, -2, -2, 1]);
    // det * inv^T for [[2,0,1],[1,3,2],[1,1,4]] (det 18): its cofactors.
    close(run1('DetGrad', [tensor('f32', [3, 3], [2, 0, 1, 1, 3, 2, 1, 1, 4]), tensor('f32', [], [1])]), [10, -2, -2, 1, 7, -2, -3, -3, 6]);
  });
});

describe('vision ONNX converters', () => {
  const str = (name: string, s: string) => ({ name, type: 3, s: new TextEncoder().encode(s) });
  const unshaped = (name: string) => ({ name, type: { tensor_type: { elem_type: 1 } } });
  const gridModel = (xDims: number[], gridDims: number[], attrs: object[], opset = 16) => buildModel({
    opset,
    nodes: [{ op: 'GridSample', inputs: ['x', 'grid'], outputs: ['y'], name: 'gs1', attrs }],
    inputs: [f32Info('x', xDims), f32Info('grid', gridDims)],
    outputs: [unshaped('y')],
  });

  it('maps the opset-16 mode names bilinear and bicubic to linear and cubic', () => {
    for (const [onnx, ir] of [['bilinear', 'linear'], ['bicubic', 'cubic'], ['nearest', 'nearest']]) {
      const { graph } = importOnnx(gridModel([1, 1, 4, 4], [1, 2, 2, 2], [str('mode', onnx)]));
      expect(graph.nodes.find((n) => n.op === 'GridSample')?.attrs.mode).toBe(ir);
    }
    const { graph } = importOnnx(gridModel([1, 1, 4, 4], [1, 2, 2, 2], [str('mode', 'cubic')], 20));
    expect(graph.nodes.find((n) => n.op === 'GridSample')?.attrs.mode).toBe('cubic');
  });
  it('refuses rank-5 GridSample, a bad grid and unknown modes, naming node and op', () => {
    const rank5 = kilnError(() => importOnnx(gridModel([1, 1, 2, 4, 4], [1, 2, 2, 2, 3], [], 20)));
    expect(rank5.message).toMatch(/4-D/);
    expect(rank5.message).toContain("node 'gs1'");
    expect(rank5.message).toContain('GridSample');
    const grid3 = kilnError(() => importOnnx(gridModel([1, 1, 4, 4], [1, 2, 2, 3], [])));
    expect(grid3.message).toMatch(/grid must be \[N,Ho,Wo,2\]/);
    expect(grid3.message).toContain('GridSample');
    expect(kilnError(() => importOnnx(gridModel([1, 1, 4, 4], [1, 2, 2, 2], [str('padding_mode', 'wrap')]))).message).toMatch(/padding_mode 'wrap'/);
  });
  it('RoiAlign before opset 16 defaults to output_half_pixel', () => {
    const roiModel = (opset: number) => buildModel({
      opset,
      nodes: [{ op: 'RoiAlign', inputs: ['x', 'rois', 'idx'], outputs: ['y'], name: 'ra1' }],
      inputs: [f32Info('x', [1, 1, 4, 4]), f32Info('rois', [2, 4]), { name: 'idx', type: { tensor_type: { elem_type: 7, shape: { dim: [{ dim_value: 2 }] } } } }],
      outputs: [unshaped('y')],
    });
    const mode = (opset: number) => importOnnx(roiModel(opset)).graph.nodes.find((n) => n.op === 'RoiAlign')?.attrs.coordinate_transformation_mode;
    expect(mode(10)).toBe('output_half_pixel');
    expect(mode(16)).toBe('half_pixel');
  });
});

describe('vision run-time errors', () => {
  it('a RoiAlign batch index outside [0, N) is an INDEX error naming the node', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 2, 2] });
    g.outputs = g.addNode('RoiAlign', [x, g.addConstant(tensor('f32', [1, 4], [0, 0, 1, 1]), 'rois'), g.addConstant(tensor('i32', [1], [3]), 'idx')], {}, 'roi1');
    const e = kilnError(() => interpret(g, new Map([['x', tensor('f32', [1, 1, 2, 2], [1, 2, 3, 4])]])));
    expect(e.code).toBe('INDEX');
    expect(e.message).toMatch(/batch index 3 of roi 0 is outside \[0, 1\)/);
    expect(e.message).toContain("node 'roi1'");
  });
});

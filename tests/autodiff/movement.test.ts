// Gradient checks of the movement rules: views, Slice (strided, negative steps), Pad, Concat/Split, Tile,
// DepthToSpace/SpaceToDepth, Trilu, and the index-driven ops (Gather as an embedding, scatters, OneHot...).
import { describe, expect, it } from 'vitest';
import { tensor } from '../../ir/tensor.ts';
import type { AttrValue } from '../../ir/op.ts';
import { expectGradOk, gradCheck, op, uniform } from './gradcheck.ts';

const i32 = (shape: number[], v: number[]) => tensor('i32', shape, v);

describe('autodiff: views and copies', () => {
  it('Reshape', () => expectGradOk(op('Reshape', [[2, 3, 2]], { shape: [3, -1] })));
  it('Flatten', () => expectGradOk(op('Flatten', [[2, 3, 2]], { axis: 2 })));
  it('Squeeze', () => expectGradOk(op('Squeeze', [[2, 1, 3]], { axes: [1] })));
  it('Unsqueeze', () => expectGradOk(op('Unsqueeze', [[2, 3]], { axes: [0, 3] })));
  it('Transpose', () => expectGradOk(op('Transpose', [[2, 3, 4]], { perm: [2, 0, 1] })));
  it('Transpose reversed', () => expectGradOk(op('Transpose', [[2, 3, 4]])));
  it('Expand', () => expectGradOk(op('Expand', [[3, 1]], { shape: [2, 3, 4] })));
  it('Slice step 1', () => expectGradOk(op('Slice', [[4, 5]], { starts: [1, -3], ends: [3, 100], axes: [0, 1] })));
  it('Slice step 2', () => expectGradOk(op('Slice', [[7, 3]], { starts: [1], ends: [6], axes: [0], steps: [2] })));
  it('Slice step 3 with a remainder', () => expectGradOk(op('Slice', [[3, 8]], { starts: [0], ends: [8], axes: [1], steps: [3] })));
  it('Slice negative step', () => expectGradOk(op('Slice', [[6, 2]], { starts: [-2], ends: [0], axes: [0], steps: [-2] })));
  it('Slice reversed whole axis', () => expectGradOk(op('Slice', [[2, 5]], { starts: [-1], ends: [-100], axes: [1], steps: [-1] })));
  it('Slice empty', () => expectGradOk({ inputs: [[3, 4]], build: (g, [x]) => g.addNode('Concat', [g.addNode('Slice', [x], { starts: [2], ends: [2], axes: [0] })[0], x], { axis: 0 })[0] }));
  it('Pad constant', () => expectGradOk(op('Pad', [[2, 3]], { pads: [1, 0, 2, 3], value: 1.5 })));
  it('Pad with negative pads (crop)', () => expectGradOk(op('Pad', [[4, 5]], { pads: [-1, 2, 0, -2] })));
  for (const mode of ['edge', 'reflect', 'wrap']) {
    it(`Pad ${mode}`, () => expectGradOk(op('Pad', [[3, 4]], { pads: [2, 1, 1, 3], mode })));
  }
  it('Concat of three', () => expectGradOk(op('Concat', [[2, 1], [2, 3], [2, 2]], { axis: -1 })));
  it('Split, one output unused', () => expectGradOk({
    inputs: [[5, 2]],
    build: (g, [x]) => {
      const [a, , c] = g.addNode('Split', [x], { axis: 0, split: [2, 1, 2] });
      return g.addNode('Mul', [a, g.addNode('Exp', [c])[0]])[0];
    },
  }));
  it('Tile', () => expectGradOk(op('Tile', [[2, 3]], { repeats: [2, 3] })));
  it('DepthToSpace DCR', () => expectGradOk(op('DepthToSpace', [[1, 8, 2, 3]], { blocksize: 2 })));
  it('DepthToSpace CRD', () => expectGradOk(op('DepthToSpace', [[2, 8, 2, 1]], { blocksize: 2, mode: 'CRD' })));
  it('SpaceToDepth', () => expectGradOk(op('SpaceToDepth', [[1, 2, 4, 6]], { blocksize: 2 })));
  it('Trilu', () => expectGradOk(op('Trilu', [[2, 3, 4]], { upper: 0, k: 1 })));
});

describe('autodiff: index-driven ops', () => {
  it('Gather as an embedding (repeated indices accumulate)', () => expectGradOk(op('Gather', [[5, 3], i32([2, 3], [0, 4, 1, 4, 4, -5])])));
  it('Gather on axis 1', () => expectGradOk(op('Gather', [[2, 4, 3], i32([2], [3, -1])], { axis: 1 })));
  it('Gather with scalar index', () => expectGradOk(op('Gather', [[4, 3], i32([], [2])])));
  it('GatherElements', () => expectGradOk(op('GatherElements', [[3, 4], i32([3, 2], [0, 3, 1, 1, 2, -1])], { axis: 1 })));
  it('GatherND', () => expectGradOk(op('GatherND', [[3, 4, 2], i32([3, 2], [0, 1, 2, 3, 0, 1])])));
  it('GatherND batch_dims 1 (repeated tuples accumulate)', () => expectGradOk(op('GatherND', [[2, 3, 4], i32([2, 3, 1], [0, 2, 0, 1, 1, -1])], { batch_dims: 1 })));
  it('GatherND batch_dims 2, full tuples', () => expectGradOk(op('GatherND', [[2, 2, 3, 2], i32([2, 2, 2], [0, 1, 2, 0, 1, 1, 0, 0])], { batch_dims: 2 })));
  it('GatherND batch_dims 1, several tuples per batch', () => expectGradOk(op('GatherND', [[2, 3, 2, 2], i32([2, 2, 2, 2], [0, 1, 2, 1, 0, 1, 0, 1, 1, 0, 2, 1, 2, 1, 1, 0])], { batch_dims: 1 })));
  it('ScatterElements (none): data and updates', () => expectGradOk(op('ScatterElements', [[3, 4], i32([2, 4], [0, 1, 2, 0, 2, 0, 1, 1]), [2, 4]])));
  it('ScatterElements (add) with duplicates', () => expectGradOk(op('ScatterElements', [[3, 4], i32([2, 2], [1, 1, 3, 3]), [2, 2]], { axis: 1, reduction: 'add' })));
  it('ScatterND (none)', () => expectGradOk(op('ScatterND', [[4, 3], i32([2, 1], [3, 1]), [2, 3]])));
  it('ScatterND (add)', () => expectGradOk(op('ScatterND', [[4, 3], i32([3, 2], [0, 0, 3, 2, 0, 0]), [3]], { reduction: 'add' })));
  it('OneHot values', () => expectGradOk(op('OneHot', [i32([2, 2], [0, 3, 2, -1]), [2]], { depth: 4 })));
  it('ReverseSequence', () => expectGradOk(op('ReverseSequence', [[4, 3, 2], i32([3], [4, 1, 2])], { batch_axis: 1, time_axis: 0 })));
});

describe('autodiff: scatter reductions mul / max / min', () => {
  // Duplicate targets; the values are spread so that no two compete within the finite-difference step.
  const dupE = i32([2, 3], [1, 1, 3, 1, 0, 1]);
  const dupN = i32([3, 1], [2, 0, 2]);
  for (const reduction of ['max', 'min']) {
    it(`ScatterElements (${reduction}) with duplicates`, () => expectGradOk(op('ScatterElements', [[2, 4], dupE, [2, 3]], { axis: 1, reduction })));
    it(`ScatterND (${reduction}) with duplicates`, () => expectGradOk(op('ScatterND', [[3, 2], dupN, [3, 2]], { reduction })));
  }
  it('ScatterElements (mul) with duplicates', () => expectGradOk(op('ScatterElements', [[2, 4], dupE, [2, 3]], { axis: 1, reduction: 'mul' })));
  it('ScatterND (mul) with duplicates', () => expectGradOk(op('ScatterND', [[3, 2], dupN, [3, 2]], { reduction: 'mul' })));
  // Zeros in the updates: one zero at a target (the others' product survives), two zeros (all zero), and a zero data element.
  it('ScatterElements (mul) with zero factors', () => expectGradOk(op('ScatterElements', [
    { shape: [1, 4], values: [2, 0, 1.5, -1] }, i32([1, 5], [0, 0, 2, 2, 3]), { shape: [1, 5], values: [0, 3, 0, 0, 2] },
  ], { axis: 1, reduction: 'mul' })));
  it('ScatterND (mul) with zero factors', () => expectGradOk(op('ScatterND', [
    { shape: [3], values: [0.5, 2, -3] }, i32([4, 1], [0, 0, 1, 1]), { shape: [4], values: [0, -2, 0, 0] },
  ], { reduction: 'mul' })));
  // Ties: the data element wins over an equal update; among equal updates the first one wins.
  it('max ties go to data, then to the first update', () => {
    const r = gradCheck(op('ScatterElements', [
      { shape: [3], values: [5, 1, 1] }, i32([4], [0, 1, 1, 2]), { shape: [4], values: [5, 4, 4, 1] },
    ], { reduction: 'max' }));
    const w = uniform(3, 107, -1, 1); // the loss weights gradCheck draws (seed 7 + 100)
    expect(r.analytic[0]).toEqual([w[0], 0, w[2]]);
    expect(r.analytic[1]).toEqual([0, w[1], 0, 0]);
  });
});

/** A Resize case from shape to sizes (scales = sizes / shape unless given). */
const resize = (shape: number[], sizes: number[], attrs: Record<string, AttrValue> = {}) =>
  op('Resize', [shape], { sizes, scales: sizes.map((n, k) => n / shape[k]), ...attrs });

describe('autodiff: Resize', () => {
  it('nearest upsample (round_prefer_floor, half_pixel)', () => expectGradOk(resize([1, 2, 3, 2], [1, 2, 6, 5])));
  it('nearest downsample, asymmetric floor', () => expectGradOk(resize([1, 1, 5, 6], [1, 1, 2, 4], { coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' })));
  it('nearest round_prefer_ceil, tf_half_pixel_for_nn', () => expectGradOk(resize([2, 1, 3, 3], [2, 1, 7, 4], { coordinate_transformation_mode: 'tf_half_pixel_for_nn', nearest_mode: 'round_prefer_ceil' })));
  it('linear half_pixel upsample', () => expectGradOk(resize([1, 2, 3, 4], [1, 2, 5, 7], { mode: 'linear' })));
  it('linear align_corners', () => expectGradOk(resize([1, 1, 3, 3], [1, 1, 5, 4], { mode: 'linear', coordinate_transformation_mode: 'align_corners' })));
  it('linear pytorch_half_pixel downsample, 1-D', () => expectGradOk(resize([2, 2, 7], [2, 2, 3], { mode: 'linear', coordinate_transformation_mode: 'pytorch_half_pixel' })));
  it('linear half_pixel_symmetric with an odd scale', () => expectGradOk(op('Resize', [[1, 1, 4, 3]], { sizes: [1, 1, 6, 5], scales: [1, 1, 1.6, 1.7], mode: 'linear', coordinate_transformation_mode: 'half_pixel_symmetric' })));
  it('cubic half_pixel', () => expectGradOk(resize([1, 1, 4, 4], [1, 1, 6, 7], { mode: 'cubic' })));
  it('cubic exclude_outside, A = -0.5', () => expectGradOk(resize([1, 2, 4, 3], [1, 2, 3, 6], { mode: 'cubic', exclude_outside: 1, cubic_coeff_a: -0.5 })));
  it('tf_crop_and_resize with extrapolation', () => expectGradOk(resize([1, 1, 4, 4], [1, 1, 3, 5], {
    mode: 'linear', coordinate_transformation_mode: 'tf_crop_and_resize', roi: [0, 0, -0.2, 0.1, 1, 1, 0.8, 1.3], extrapolation_value: 2.5,
  })));
  it('resizes the batch and channel axes too', () => expectGradOk(resize([2, 3, 2], [3, 3, 4], { mode: 'linear' })));
});

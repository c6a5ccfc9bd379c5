// Gradient checks of the vision rules (central finite differences on the CPU interpreter, float64):
// GridSample in X and grid for every mode and padding, with and without align_corners, grid points
// inside and outside [-1, 1]; RoiAlign (avg and max) in X for both coordinate modes and sample counts; Det in
// its input, batched, including a singular matrix.
import { describe, expect, it } from 'vitest';
import { tensor } from '../../ir/tensor.ts';
import { expectGradOk, op } from './gradcheck.ts';

const X = [1, 2, 3, 4], GRID = { shape: [1, 2, 3, 2], lo: -1.3, hi: 1.3 };
const rois = tensor('f32', [3, 4], [0.3, 0.2, 2.7, 3.1, 1.1, 0.4, 3.6, 2.2, -0.6, 1.5, 2.2, 4.4]);
const batch = tensor('i32', [3], [1, 0, 1]);

describe('autodiff: GridSample', () => {
  for (const mode of ['linear', 'cubic', 'nearest']) {
    for (const padding_mode of ['zeros', 'border', 'reflection']) {
      for (const align_corners of [0, 1]) {
        it(`${mode}, ${padding_mode}, align_corners ${align_corners}`, () => expectGradOk(op('GridSample', [X, GRID], { mode, padding_mode, align_corners })));
      }
    }
  }
  it('batches and channels', () => expectGradOk(op('GridSample', [[2, 3, 4, 3], { shape: [2, 2, 2, 2], lo: -1.1, hi: 1.1 }], { padding_mode: 'border' })));
  it('nearest has no grid gradient: it is piecewise constant in the grid', () => {
    const r = expectGradOk(op('GridSample', [X, GRID], { mode: 'nearest' }));
    expect(r.analytic[1].every((v) => v === 0)).toBe(true);
  });
});

describe('autodiff: RoiAlign', () => {
  it('avg, half_pixel, sampling_ratio 0 (ceil of the bin size)', () => expectGradOk(op('RoiAlign', [[2, 2, 5, 4], rois, batch], { output_height: 2, output_width: 2 })));
  it('avg, output_half_pixel, sampling_ratio 2, scaled rois', () => expectGradOk(op('RoiAlign', [[2, 1, 4, 4], rois, batch], { output_height: 2, output_width: 3, sampling_ratio: 2, spatial_scale: 0.8, coordinate_transformation_mode: 'output_half_pixel' })));
  it('max, half_pixel, sampling_ratio 0: dY reaches each bin\'s largest weighted neighbour', () => expectGradOk(op('RoiAlign', [[2, 2, 5, 4], rois, batch], { mode: 'max', output_height: 2, output_width: 2 })));
  it('max, output_half_pixel, sampling_ratio 2, scaled rois', () => expectGradOk(op('RoiAlign', [[2, 1, 4, 4], rois, batch], { mode: 'max', output_height: 2, output_width: 3, sampling_ratio: 2, spatial_scale: 0.8, coordinate_transformation_mode: 'output_half_pixel' })));
});

describe('autodiff: Det', () => {
  it('3x3', () => expectGradOk(op('Det', [[3, 3]])));
  it('batched 4x4 and 1x1', () => {
    expectGradOk(op('Det', [[2, 4, 4]]));
    expectGradOk(op('Det', [[3, 1, 1]]));
  });
  it('a singular matrix (the cofactors stay defined)', () => expectGradOk(op('Det', [{ shape: [3, 3], values: [1, 2, 3, 2, 4, 6, 0.5, -1, 2] }])));
});

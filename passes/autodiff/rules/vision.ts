// Gradient rules of the vision family; each emits a backward-only op (ir/ops/vision.ts).
//   GridSample  d/dX for every mode and padding (GridSampleGradX scatters dY through the sampling
//               weights); d/dgrid for linear and cubic (GridSampleGradGrid: the weights' derivatives);
//               nearest is piecewise constant in the grid, so its grid gradient is zero.
//   RoiAlign    d/dX (RoiAlignGrad): avg spreads each dY over its bin's samples; max routes it to the bin's
//               largest weighted neighbour (read from X). rois and batch_indices have no gradient: the bin
//               layout depends on them through floor and ceil.
//   Det         d det(A) / dA = det(A) * inv(A)^T, the cofactor matrix (DetGrad; defined for singular A too).
import type { VisionOpName } from '../../../ir/ops/index.ts';
import { type GradBuilder, type GradEntry, notDifferentiable } from '../rule.ts';

const sampling = (g: GradBuilder) => ({ mode: g.attrs.mode, padding_mode: g.attrs.padding_mode, align_corners: g.attrs.align_corners });
const secondOrder = notDifferentiable('second-order gradients are not supported');

export const VISION_GRADS: { [K in VisionOpName]: GradEntry } = {
  GridSample: [
    (g) => g.op1('GridSampleGradX', [g.dy(), g.x(1)], { ...sampling(g), input_shape: [...g.x(0).type.shape] }),
    (g) => (g.attrs.mode === 'nearest' ? undefined : g.op1('GridSampleGradGrid', [g.dy(), g.x(0), g.x(1)], sampling(g))),
  ],
  RoiAlign: [
    (g) => {
      const inputs = [g.dy(), g.x(1), g.x(2), ...(g.attrs.mode === 'max' ? [g.x(0)] : [])];
      return g.op1('RoiAlignGrad', inputs, { ...g.attrs, input_shape: [...g.x(0).type.shape] });
    },
    undefined,
    undefined,
  ],
  Det: [(g) => g.op1('DetGrad', [g.x(0), g.dy()])],
  GridSampleGradX: secondOrder,
  GridSampleGradGrid: secondOrder,
  RoiAlignGrad: secondOrder,
  DetGrad: secondOrder,
};

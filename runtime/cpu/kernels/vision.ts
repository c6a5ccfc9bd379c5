// CPU kernels of the vision family (ir/ops/vision.ts).
import type { VisionOpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';
import { DET, DET_GRAD } from './det.ts';
import { GRID_SAMPLE, GRID_SAMPLE_GRAD_GRID, GRID_SAMPLE_GRAD_X } from './grid-sample.ts';
import { ROI_ALIGN, ROI_ALIGN_GRAD } from './roi-align.ts';

export const VISION_KERNELS: { [K in VisionOpName]: CpuKernel } = {
  GridSample: GRID_SAMPLE,
  GridSampleGradX: GRID_SAMPLE_GRAD_X,
  GridSampleGradGrid: GRID_SAMPLE_GRAD_GRID,
  RoiAlign: ROI_ALIGN,
  RoiAlignGrad: ROI_ALIGN_GRAD,
  Det: DET,
  DetGrad: DET_GRAD,
};

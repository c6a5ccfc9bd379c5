// WGSL lowerings of the vision family (ir/ops/vision.ts).
import type { VisionOpName } from '../../../ir/ops/index.ts';
import type { Lowering } from '../kernel.ts';
import { DET_LOWERINGS } from './det.ts';
import { GRID_SAMPLE_LOWERINGS } from './grid-sample.ts';
import { ROI_ALIGN_LOWERINGS } from './roi-align.ts';

export const VISION_LOWERINGS: { [K in VisionOpName]: Lowering } = {
  ...GRID_SAMPLE_LOWERINGS,
  ...ROI_ALIGN_LOWERINGS,
  ...DET_LOWERINGS,
};

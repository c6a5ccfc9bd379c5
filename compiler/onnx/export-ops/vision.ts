// Vision ops to ONNX (opset 20, whose GridSample mode names are the IR's): GridSample and Det as they are,
// RoiAlign with its batch_indices cast to int64; their backward-only ops are refused by name.
import type { VisionOpName } from '../../../ir/ops/index.ts';
import { ONNX_DTYPE } from '../schema.ts';
import { irAttrs, type ExportTable } from '../export-context.ts';
import { direct, outs } from './util.ts';

const backward = (what: string) => ({ unsupported: `${what} is a backward-only op of kiln's train step; export the forward graph` });

export const VISION_EXPORT: ExportTable<VisionOpName> = {
  GridSample: direct(),
  Det: direct(),
  RoiAlign: (ctx, n) => {
    const [x, rois, idx] = n.inputs.map((v) => ctx.name(v));
    ctx.emit('RoiAlign', [x, rois, ctx.cast(idx, ONNX_DTYPE.INT64, 'batch_indices_int64')], outs(ctx, n), irAttrs(n));
  },
  GridSampleGradX: backward('GridSampleGradX'),
  GridSampleGradGrid: backward('GridSampleGradGrid'),
  RoiAlignGrad: backward('RoiAlignGrad'),
  DetGrad: backward('DetGrad'),
};

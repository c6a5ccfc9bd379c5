// ONNX GridSample (opsets 16, 20, 22), RoiAlign (10, 16) and Det (11) to the IR ops of the same names.
// GridSample's opset-16 mode names (bilinear, bicubic) become the IR's (linear, cubic); RoiAlign before
// opset 16 had no coordinate_transformation_mode and behaved as output_half_pixel.
import { KilnError } from '../../../ir/errors.ts';
import type { OnnxConverter, OnnxNode } from '../context.ts';
import { passAttrs } from './util.ts';

const GRID_SAMPLE_MODE_NAMES: Readonly<Record<string, string>> = { bilinear: 'linear', bicubic: 'cubic' };

const refuse = (n: OnnxNode, msg: string): never => {
  throw new KilnError('ONNX_UNSUPPORTED', msg, { node: n.name, op: n.opType, shapes: n.inputs.map((v) => v?.type.shape) });
};

const gridSample: OnnxConverter = (ctx, n) => {
  const rank = n.inputs[0]?.type.shape.length;
  if (rank !== 4) refuse(n, `GridSample supports 4-D X [N,C,H,W] only (2-D sampling), got rank ${rank}`);
  const attrs = passAttrs(n, 'GridSample');
  const mode = attrs.mode as string | undefined;
  if (mode !== undefined) attrs.mode = GRID_SAMPLE_MODE_NAMES[mode] ?? mode;
  return ctx.emit('GridSample', n.inputs, attrs);
};

const roiAlign: OnnxConverter = (ctx, n) => {
  const attrs = passAttrs(n, 'RoiAlign');
  if (ctx.opset < 16 && attrs.coordinate_transformation_mode === undefined) attrs.coordinate_transformation_mode = 'output_half_pixel';
  return ctx.emit('RoiAlign', n.inputs, attrs);
};

export const VISION_CONVERTERS: Record<string, OnnxConverter> = {
  GridSample: gridSample,
  RoiAlign: roiAlign,
  Det: (ctx, n) => ctx.emit('Det', n.inputs, passAttrs(n, 'Det')),
};

// ONNX movement ops. Static inputs (shapes, axes, pads, starts/ends, repeats, split sizes) become IR
// attributes here, and opset differences (attribute before, input after) are resolved so each IR op has
// one meaning. Import-time-constant ops are in movement-static.ts, Resize/Upsample in movement-resize.ts.
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import { fail, type ImportContext, type OnnxConverter, type OnnxNode } from '../context.ts';
import { RESIZE_CONVERTERS } from './movement-resize.ts';
import { STATIC_CONVERTERS } from './movement-static.ts';
import { direct } from './util.ts';

const x0 = (n: OnnxNode): Value => n.inputs[0] as Value;
const rankOf = (n: OnnxNode): number => x0(n).type.shape.length;
const ints = (n: OnnxNode, k: string): number[] | undefined => n.attrs[k] as number[] | undefined;
const unsupported = (n: OnnxNode, msg: string): never => {
  throw new KilnError('ONNX_UNSUPPORTED', msg, { node: n.name, op: n.opType });
};

/** A static list that is an attribute before `opset` and input `i` from then on. */
function attrOrInput(ctx: ImportContext, n: OnnxNode, opset: number, key: string, i: number): number[] | undefined {
  return ctx.opset < opset ? ints(n, key) : ctx.staticInts(n, i, key);
}

const reshape: OnnxConverter = (ctx, n) => {
  const target = ctx.staticInts(n, 1, 'shape') ?? unsupported(n, 'Reshape needs a shape input');
  const from = x0(n).type.shape, allowZero = (n.attrs.allowzero as number | undefined) ?? 0;
  if (!allowZero && target.some((d, i) => d === 0 && i >= from.length)) fail(n, `shape [${target}] copies a dim (0) that [${from}] lacks`);
  return ctx.emit('Reshape', [x0(n)], { shape: target.map((d, i) => (d === 0 && !allowZero ? from[i] : d)) });
};

const slice: OnnxConverter = (ctx, n) => {
  const get = (key: string, i: number) => attrOrInput(ctx, n, 10, key, i);
  const starts = get('starts', 1) ?? [], ends = get('ends', 2) ?? [];
  return ctx.emit('Slice', [x0(n)], { starts, ends, axes: get('axes', 3) ?? [], steps: ctx.opset < 10 ? [] : (get('steps', 4) ?? []) });
};

/** Pad: attributes before opset 11; then pads, constant_value and (opset 18) axes inputs. */
const pad: OnnxConverter = (ctx, n) => {
  const r = rankOf(n), mode = (n.attrs.mode as string | undefined) ?? 'constant';
  if (ctx.opset < 11) return ctx.emit('Pad', [x0(n)], { pads: ints(n, 'pads') ?? [], mode, value: (n.attrs.value as number | undefined) ?? 0 });
  let pads = ctx.staticInts(n, 1, 'pads') ?? [];
  const value = n.inputs[2] ? ctx.requireStatic(n, 2, 'constant_value').data[0] ?? 0 : 0;
  const axes = ctx.staticInts(n, 3, 'axes');
  if (axes) {
    const full = new Array<number>(2 * r).fill(0);
    axes.forEach((a, k) => {
      const ax = a < 0 ? a + r : a;
      full[ax] = pads[k];
      full[ax + r] = pads[k + axes.length];
    });
    pads = full;
  }
  return ctx.emit('Pad', [x0(n)], { pads, mode, value });
};

/** Split sizes: attribute (< 13) or input (>= 13), else num_outputs (18) or equal parts per output. */
const split: OnnxConverter = (ctx, n) => {
  const r = rankOf(n), axis = (n.attrs.axis as number | undefined) ?? 0;
  const dim = x0(n).type.shape[axis < 0 ? axis + r : axis];
  let sizes = attrOrInput(ctx, n, 13, 'split', 1);
  if (!sizes || sizes.length === 0) {
    const parts = (n.attrs.num_outputs as number | undefined) ?? n.outputCount;
    const each = Math.ceil(dim / parts);
    if (n.attrs.num_outputs === undefined && dim % parts !== 0) unsupported(n, `cannot split dim ${dim} into ${parts} equal parts`);
    sizes = Array.from({ length: parts }, (_, k) => Math.max(0, Math.min(each, dim - k * each)));
  }
  return ctx.emit('Split', [x0(n)], { axis, split: sizes });
};

/** Squeeze / Unsqueeze: axes attribute before opset 13, input after. */
const axesOp = (op: 'Squeeze' | 'Unsqueeze'): OnnxConverter => (ctx, n) => {
  const axes = attrOrInput(ctx, n, 13, 'axes', 1);
  if (op === 'Unsqueeze' && !axes) unsupported(n, 'Unsqueeze needs axes');
  return ctx.emit(op, [x0(n)], { axes: axes ?? [] });
};

const oneHot: OnnxConverter = (ctx, n) => {
  const depth = Math.trunc(ctx.requireStatic(n, 1, 'depth').data[0]);
  return ctx.emit('OneHot', [x0(n), n.inputs[2]], { depth, axis: (n.attrs.axis as number | undefined) ?? -1 });
};

export const MOVEMENT_CONVERTERS: Record<string, OnnxConverter> = {
  Reshape: reshape,
  Transpose: direct('Transpose'),
  Expand: (ctx, n) => ctx.emit('Expand', [x0(n)], { shape: ctx.staticInts(n, 1, 'shape') ?? [] }),
  Slice: slice,
  Pad: pad,
  Concat: direct('Concat'),
  Split: split,
  Squeeze: axesOp('Squeeze'),
  Unsqueeze: axesOp('Unsqueeze'),
  Flatten: direct('Flatten'),
  Gather: direct('Gather'),
  GatherElements: direct('GatherElements'),
  GatherND: direct('GatherND'),
  ScatterElements: direct('ScatterElements'),
  Scatter: (ctx, n) => ctx.emit('ScatterElements', n.inputs, { axis: (n.attrs.axis as number | undefined) ?? 0 }),
  ScatterND: direct('ScatterND'),
  Tile: (ctx, n) => ctx.emit('Tile', [x0(n)], { repeats: ctx.staticInts(n, 1, 'repeats') ?? [] }),
  DepthToSpace: direct('DepthToSpace'),
  SpaceToDepth: direct('SpaceToDepth'),
  Trilu: (ctx, n) => ctx.emit('Trilu', [x0(n)], { upper: (n.attrs.upper as number | undefined) ?? 1, k: ctx.staticInts(n, 1, 'k')?.[0] ?? 0 }),
  OneHot: oneHot,
  ReverseSequence: direct('ReverseSequence'),
  ...STATIC_CONVERTERS,
  ...RESIZE_CONVERTERS,
};

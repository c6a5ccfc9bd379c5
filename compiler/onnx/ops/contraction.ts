// ONNX contraction ops. MatMul, Gemm and Einsum map directly; Conv and ConvTranspose resolve auto_pad,
// kernel_shape and output_shape into explicit IR attributes (strides, dilations, pads, output_padding).
import type { Value } from '../../../ir/graph.ts';
import type { AttrValue } from '../../../ir/op.ts';
import { attrOr, fail, type OnnxConverter, type OnnxNode } from '../context.ts';
import { direct } from './util.ts';

export interface ConvAttrs {
  nd: number;
  kernel: number[];
  strides: number[];
  dilations: number[];
  group: number;
}

/** The attributes every (transposed) convolution shares, with ONNX defaults filled in. */
export function convAttrs(n: OnnxNode): ConvAttrs {
  const x = n.inputs[0], w = n.inputs[1];
  if (!x || !w) fail(n, 'Conv needs X and W');
  const nd = x.type.shape.length - 2;
  const kernel = w.type.shape.slice(2);
  const ks = attrOr<number[]>(n, 'kernel_shape', kernel);
  if (ks.length !== nd || ks.some((k, i) => k !== kernel[i])) fail(n, `kernel_shape [${ks}] does not match weight shape [${w.type.shape}]`);
  const ones = new Array<number>(nd).fill(1);
  return { nd, kernel, strides: attrOr(n, 'strides', ones), dilations: attrOr(n, 'dilations', ones), group: attrOr(n, 'group', 1) };
}

/** Splits a total padding into [begin, end]: SAME_UPPER puts the odd unit at the end, SAME_LOWER at the start. */
const split = (total: number, mode: string): [number, number] =>
  mode === 'SAME_LOWER' ? [Math.ceil(total / 2), Math.floor(total / 2)] : [Math.floor(total / 2), Math.ceil(total / 2)];

function explicitPads(n: OnnxNode, nd: number): number[] {
  const pads = attrOr<number[]>(n, 'pads', new Array<number>(2 * nd).fill(0));
  if (pads.length !== 2 * nd) fail(n, `pads must have ${2 * nd} entries, got [${pads}]`);
  return pads;
}

const effK = (c: ConvAttrs, d: number) => (c.kernel[d] - 1) * c.dilations[d] + 1;

/** Explicit pads [begin..., end...] of a convolution from its pads or auto_pad attribute. */
export function convPads(n: OnnxNode, c: ConvAttrs): number[] {
  const mode = attrOr<string>(n, 'auto_pad', 'NOTSET');
  const inShape = (n.inputs[0] as Value).type.shape.slice(2);
  let pads: number[];
  if (mode === 'NOTSET') pads = explicitPads(n, c.nd);
  else if (mode === 'VALID') pads = new Array<number>(2 * c.nd).fill(0);
  else if (mode === 'SAME_UPPER' || mode === 'SAME_LOWER') {
    const pairs = inShape.map((size, d) => {
      const out = Math.ceil(size / c.strides[d]);
      return split(Math.max(0, (out - 1) * c.strides[d] + effK(c, d) - size), mode);
    });
    pads = [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])];
  } else fail(n, `unknown auto_pad '${mode}'`);
  return pads;
}

const conv: OnnxConverter = (ctx, n) => {
  const c = convAttrs(n);
  const attrs: Record<string, AttrValue> = { strides: c.strides, dilations: c.dilations, pads: convPads(n, c), group: c.group };
  return ctx.emit('Conv', n.inputs, attrs);
};

const convTranspose: OnnxConverter = (ctx, n) => {
  const c = convAttrs(n);
  const mode = attrOr<string>(n, 'auto_pad', 'NOTSET');
  const inShape = (n.inputs[0] as Value).type.shape.slice(2);
  const outputPadding = attrOr<number[]>(n, 'output_padding', new Array<number>(c.nd).fill(0)).slice();
  if (outputPadding.length !== c.nd) fail(n, `output_padding must have ${c.nd} entries, got [${outputPadding}]`);
  // Size with no padding at all; an output_shape or SAME padding trims it down to the target.
  const full = inShape.map((size, d) => c.strides[d] * (size - 1) + outputPadding[d] + effK(c, d));
  const given = n.attrs.output_shape as number[] | undefined;
  if (given !== undefined && !(Array.isArray(given) && given.every((d) => typeof d === 'number'))) fail(n, `attribute 'output_shape' must be a list of ints, got ${JSON.stringify(given)}`);
  let target: number[] | undefined;
  if (given) target = given.slice(-c.nd);
  else if (mode === 'SAME_UPPER' || mode === 'SAME_LOWER') target = inShape.map((size, d) => size * c.strides[d]);
  let pads: number[];
  if (target) {
    const pairs = target.map((t, d) => {
      const total = full[d] - t;
      if (total >= 0) return split(total, mode === 'SAME_UPPER' ? 'SAME_UPPER' : 'SAME_LOWER'); // the ONNX spec's rule
      outputPadding[d] -= total; // the target is larger than the full output: extend at the end
      return [0, 0];
    });
    pads = [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])];
  } else if (mode === 'VALID') pads = new Array<number>(2 * c.nd).fill(0);
  else if (mode === 'NOTSET') pads = explicitPads(n, c.nd);
  else fail(n, `unknown auto_pad '${mode}'`);
  const attrs: Record<string, AttrValue> = { strides: c.strides, dilations: c.dilations, pads, group: c.group, output_padding: outputPadding };
  return ctx.emit('ConvTranspose', n.inputs, attrs);
};

export const CONTRACTION_CONVERTERS: Record<string, OnnxConverter> = {
  MatMul: direct('MatMul'),
  Gemm: direct('Gemm'),
  Einsum: direct('Einsum'),
  Conv: conv,
  ConvTranspose: convTranspose,
};

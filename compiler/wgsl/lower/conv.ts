// Conv and ConvTranspose in WGSL (1 to 3 spatial dims, groups, strides, dilations, pads, optional bias).
// Conv is an implicit GEMM on the matmul kernels (matmul.ts picks the variant): per (image, group), C[outCh, outPos] = W[outCh, (c, kpos)]
// times the im2col matrix, whose elements are gathered from X on the fly (zero in the padding); with few output
// channels per group (depthwise) it is a direct kernel, one invocation per output element.
// ConvTranspose is in conv-transpose.ts.
import { convGeom } from '../../../ir/ops/contraction.ts';
import { numel } from '../../../ir/shape.ts';
import { isContiguous } from '../../../ir/view.ts';
import type { LowerContext, Lowering, TensorRef } from '../kernel.ts';
import { coordNames, coords, lit, offsetExpr } from '../wgsl.ts';
import { gemmKernel } from './matmul.ts';

/** Bias of output channel `ch`, or nothing. */
export const biasTerm = (bias: TensorRef | undefined, ch: string) => (bias ? ` + ${bias.load(offsetExpr(bias.view, [ch]))}` : '');

/** Below this many output channels per group (depthwise convs), a GEMM tile would be mostly idle rows. */
export const DIRECT_BELOW_CHANNELS = 4;

/** What every Conv and ConvTranspose lowering reads first: operands, geometry, channels per group, spatial sizes. */
export function convSetup(ctx: LowerContext) {
  const [x, w, bias] = ctx.inputs;
  const out = ctx.outputs[0];
  const nd = x!.view.shape.length - 2;
  const group = ctx.node.attrs.group as number;
  const c = x!.view.shape[1], m = out.view.shape[1];
  return {
    x: x!, w: w!, bias, out, T: out.elem, nd, g: convGeom(w!.view.shape, ctx.node.attrs, nd), group,
    c, m, cg: c / group, mg: m / group, inSp: x!.view.shape.slice(2), outSp: out.view.shape.slice(2),
  };
}

export const convLowering: Lowering = (ctx) => {
  const { x, w, bias, out, T, nd, g, group, m, cg, mg, inSp, outSp } = convSetup(ctx);
  if (mg < DIRECT_BELOW_CHANNELS) return convDirect(ctx);
  const kSize = numel(g.kernel), outSize = numel(outSp);
  const ks = coordNames(nd, 'k'), os = coordNames(nd, 'o');
  // X coordinate along spatial dim d: o*stride - padBegin + k*dilation; out of range means padding.
  const pos = (d: number) => `${os[d]} * ${g.strides[d]} - ${g.padsBegin[d]} + ${ks[d]} * ${g.dilations[d]}`;
  // A contiguous W is the matrix [M, (C/group) * kernel] as it lies: (row, k) is one offset, no index split.
  const contiguousW = isContiguous(w!.view);
  const decls = `${contiguousW ? '' : `
// W viewed as [group, M/group, (C/group) * kernel]: element (row, k) of group g.
fn conv_weight(grp: i32, row: i32, k: i32) -> ${T} {
  let ch = k / ${kSize};
  ${coords(`k % ${kSize}`, g.kernel, 'k')}
  return ${w!.load(offsetExpr(w!.view, [`grp * ${mg} + row`, 'ch', ...ks]))};
}`}
// X[n, g*C/group + ch, i...], zero outside the input (the padding).
fn conv_input_at(n: i32, grp: i32, ch: i32, ${inSp.map((_, d) => `i${d}: i32`).join(', ')}) -> ${T} {
  if (${inSp.map((n, d) => `i${d} < 0 || i${d} >= ${n}`).join(' || ')}) { return ${lit(0, T)}; }
  return ${x!.load(offsetExpr(x!.view, ['n', `grp * ${cg} + ch`, ...inSp.map((_, d) => `i${d}`)]))};
}
// The im2col matrix of image n, group g: element (k, col) = X[n, g*C/group + k / kernel, window position].
fn conv_input(n: i32, grp: i32, k: i32, col: i32) -> ${T} {
  ${coords(`k % ${kSize}`, g.kernel, 'k')}
  ${coords('col', outSp, 'o')}
  return conv_input_at(n, grp, k / ${kSize}, ${inSp.map((_, d) => pos(d)).join(', ')});
}`;
  // The register kernels' hoisted gather: a column's window origin once per column, a k's channel and
  // kernel tap once per k (the tiled kernel stages B through conv_input).
  const gatherB = {
    column: (col: string, tag: string) => `${coords(col, outSp, `o${tag}x`)}\n  ${inSp.map((_, d) => `let w${tag}x${d} = o${tag}x${d} * ${g.strides[d]} - ${g.padsBegin[d]};`).join(' ')}`,
    step: (k: string) => `let kch = ${k} / ${kSize};\n      ${coords(`${k} % ${kSize}`, g.kernel, 'kq')}`,
    load: (tag: string) => `conv_input_at(img, grp, kch, ${inSp.map((_, d) => `w${tag}x${d} + kq${d} * ${g.dilations[d]}`).join(', ')})`,
  };
  return gemmKernel({
    elem: T, batch: out.view.shape[0] * group, m: mg, n: outSize, k: cg * kSize, gatherB,
    prologue: `let img = batch / ${group};\n  let grp = batch % ${group};`,
    loadA: contiguousW ? (row, k) => w!.load(`${w!.view.offset ? `${w!.view.offset} + ` : ''}(grp * ${mg} + ${row}) * ${cg * kSize} + ${k}`) : (row, k) => `conv_weight(grp, ${row}, ${k})`,
    loadB: (k, col) => `conv_input(img, grp, ${k}, ${col})`,
    store: (row, col, acc) => out.store(`((img * ${m}) + grp * ${mg} + ${row}) * ${outSize} + ${col}`, `${acc}${biasTerm(bias, `grp * ${mg} + ${row}`)}`),
    decls,
  });
};

/** One invocation per output element: sums its window over the group's input channels. */
const convDirect: Lowering = (ctx) => {
  const { x, w, bias, out, T, nd, g, cg, mg, inSp } = convSetup(ctx);
  const oc = coordNames(nd + 2);
  const loops = g.kernel.map((kn, d) => `for (var k${d} = 0; k${d} < ${kn}; k${d}++) {
      let i${d} = ${oc[d + 2]} * ${g.strides[d]} - ${g.padsBegin[d]} + k${d} * ${g.dilations[d]};
      if (i${d} < 0 || i${d} >= ${inSp[d]}) { continue; }`);
  const xAt = offsetExpr(x!.view, ['c0', 'grp * ' + cg + ' + cc', ...inSp.map((_, d) => `i${d}`)]);
  const wAt = offsetExpr(w!.view, ['c1', 'cc', ...g.kernel.map((_, d) => `k${d}`)]);
  const body = `// Direct convolution: this output element's window summed over the group's input channels.
  ${coords('idx', out.view.shape)}
  let grp = c1 / ${mg};
  var acc = ${lit(0, T)};
  for (var cc = 0; cc < ${cg}; cc++) {
    ${loops.join('\n    ')}
      acc += ${x!.load(xAt)} * ${w!.load(wAt)};
    ${'}'.repeat(nd)}
  }
  ${out.store('idx', `acc${biasTerm(bias, 'c1')}`)}`;
  return { body, invocations: numel(out.view.shape) };
};

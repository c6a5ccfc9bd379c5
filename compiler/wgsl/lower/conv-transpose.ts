// ConvTranspose in WGSL (1 to 3 spatial dims, groups, strides, dilations, pads, output_padding, bias), on the
// contraction kernels (matmul.ts picks the variant) by the shape of its taps: one implicit GEMM per output
// phase for a strided undilated one, one product per output position for a single input position, else one
// implicit GEMM over every tap (those that do not land read 0); with few output channels per group, a direct
// kernel, one invocation per output element.
import { numel } from '../../../ir/shape.ts';
import { isContiguous } from '../../../ir/view.ts';
import type { Lowering } from '../kernel.ts';
import { coordNames, coords, lit, offsetExpr } from '../wgsl.ts';
import { biasTerm, convSetup, DIRECT_BELOW_CHANNELS } from './conv.ts';
import { gemmKernel } from './matmul.ts';

/**
 * ConvTranspose as an implicit GEMM per (image, group): C[outCh, outPos] = W'[outCh, (c, kpos)] times a
 * gathered B, where B(k, col) is X at i = (o + padBegin - kpos*dilation) / stride when that divides evenly
 * and lies in the input (else 0) - the direct kernel's taps, register-blocked. Few output channels per
 * group keep the direct kernel.
 */
export const convTransposeLowering: Lowering = (ctx) => {
  const setup = convSetup(ctx);
  if (setup.mg < DIRECT_BELOW_CHANNELS) return convTransposeDirect(ctx);
  if (setup.inSp.every((d) => d === 1)) return convTransposeFromPoint(ctx);
  if (setup.g.dilations.every((d) => d === 1) && setup.g.strides.some((st) => st > 1)) return convTransposePhased(ctx);
  const { x, w, bias, out, T, nd, g, group, m, cg, mg, inSp, outSp } = setup;
  const kSize = numel(g.kernel), outSize = numel(outSp);
  const ks = coordNames(nd, 'k');
  const contiguousW = isContiguous(w!.view);
  // t = o + padBegin - k*dilation lands on input i = t / stride when t is a non-negative multiple of stride in range.
  const tap = (d: number, t: string) => `${t} < 0 || ${t} % ${g.strides[d]} != 0 || ${t} / ${g.strides[d]} >= ${inSp[d]}`;
  const decls = `${contiguousW ? '' : `
// W [C, M/group, kernel] viewed per group as [M/group, (C/group) * kernel]: element (row, k) of group g.
fn convt_weight(grp: i32, row: i32, k: i32) -> ${T} {
  let ch = k / ${kSize};
  ${coords(`k % ${kSize}`, g.kernel, 'k')}
  return ${w!.load(offsetExpr(w!.view, [`grp * ${cg} + ch`, 'row', ...ks]))};
}`}
// X[n, g*C/group + ch, t / stride] where t lands on the input, else 0.
fn convt_input_at(n: i32, grp: i32, ch: i32, ${inSp.map((_, d) => `t${d}: i32`).join(', ')}) -> ${T} {
  if (${inSp.map((_, d) => tap(d, `t${d}`)).join(' || ')}) { return ${lit(0, T)}; }
  return ${x!.load(offsetExpr(x!.view, ['n', `grp * ${cg} + ch`, ...inSp.map((_, d) => `t${d} / ${g.strides[d]}`)]))};
}
fn convt_input(n: i32, grp: i32, k: i32, col: i32) -> ${T} {
  ${coords(`k % ${kSize}`, g.kernel, 'k')}
  ${coords('col', outSp, 'o')}
  return convt_input_at(n, grp, k / ${kSize}, ${inSp.map((_, d) => `o${d} + ${g.padsBegin[d]} - k${d} * ${g.dilations[d]}`).join(', ')});
}`;
  const gatherB = {
    column: (col: string, tag: string) => `${coords(col, outSp, `o${tag}x`)}\n  ${inSp.map((_, d) => `let t${tag}x${d} = o${tag}x${d} + ${g.padsBegin[d]};`).join(' ')}`,
    step: (k: string) => `let kch = ${k} / ${kSize};\n      ${coords(`${k} % ${kSize}`, g.kernel, 'kq')}`,
    load: (tag: string) => `convt_input_at(img, grp, kch, ${inSp.map((_, d) => `t${tag}x${d} - kq${d} * ${g.dilations[d]}`).join(', ')})`,
  };
  return gemmKernel({
    elem: T, batch: out.view.shape[0] * group, m: mg, n: outSize, k: cg * kSize, gatherB,
    prologue: `let img = batch / ${group};\n  let grp = batch % ${group};`,
    loadA: contiguousW
      // W [C, M/group, taps] as it lies: (row, k) is W[grp * C/group + k / taps, row, k % taps], one offset.
      ? (row, k) => w!.load(`${w!.view.offset ? `${w!.view.offset} + ` : ''}(grp * ${cg} + ${k} / ${kSize}) * ${mg * kSize} + ${row} * ${kSize} + ${k} % ${kSize}`)
      : (row, k) => `convt_weight(grp, ${row}, ${k})`,
    loadB: (k, col) => `convt_input(img, grp, ${k}, ${col})`,
    store: (row, col, acc) => out.store(`((img * ${m}) + grp * ${mg} + ${row}) * ${outSize} + ${col}`, `${acc}${biasTerm(bias, `grp * ${mg} + ${row}`)}`),
    decls,
  });
};

/**
 * A strided, undilated ConvTranspose as one implicit GEMM per (image, group, output phase): the outputs o
 * with o = q (mod stride) receive exactly the taps k = r, r + stride, ... with r = (q + padBegin) mod stride,
 * from inputs i = u - j + (q + padBegin - r) / stride for o = q + stride * u and tap k = r + stride * j. So
 * each phase contracts over C/group * ceil(kernel / stride) taps, none of them wasted on a stride that does not
 * divide (a stride-2 4x4 kernel: 4 taps per output instead of 16). Taps past the kernel and inputs out of
 * range read 0; columns past an output edge (phases differ in length by one) are not stored.
 */
const convTransposePhased: Lowering = (ctx) => {
  const { x, w, bias, out, T, g, group, m, cg, mg, inSp, outSp } = convSetup(ctx);
  const phases = numel(g.strides), outSize = numel(outSp);
  const U = outSp.map((o, d) => Math.ceil(o / g.strides[d])), J = g.kernel.map((k, d) => Math.ceil(k / g.strides[d]));
  const taps = numel(J), cols = numel(U);
  const dims = inSp.map((_, d) => d);
  const list = (f: (d: number) => string) => dims.map(f).join(', ');
  const decls = `
// Tap j of phase residue r: W[grp*C/group + c, row, r + stride*j], 0 past the kernel.
fn convp_weight(grp: i32, row: i32, k: i32, ${list((d) => `r${d}: i32`)}) -> ${T} {
  let ch = k / ${taps};
  ${coords(`k % ${taps}`, J, 'j')}
  ${dims.map((d) => `let t${d} = r${d} + ${g.strides[d]} * j${d};`).join(' ')}
  if (${dims.map((d) => `t${d} >= ${g.kernel[d]}`).join(' || ')}) { return ${lit(0, T)}; }
  return ${w!.load(offsetExpr(w!.view, ['grp * ' + cg + ' + ch', 'row', ...dims.map((d) => `t${d}`)]))};
}
// X[n, grp*C/group + ch, i], 0 outside the input.
fn convp_input_at(n: i32, grp: i32, ch: i32, ${list((d) => `i${d}: i32`)}) -> ${T} {
  if (${dims.map((d) => `i${d} < 0 || i${d} >= ${inSp[d]}`).join(' || ')}) { return ${lit(0, T)}; }
  return ${x!.load(offsetExpr(x!.view, ['n', `grp * ${cg} + ch`, ...dims.map((d) => `i${d}`)]))};
}
// B(k, col) of the phase with input offsets b: tap j of channel k / taps at column u.
fn convp_input(n: i32, grp: i32, k: i32, col: i32, ${list((d) => `b${d}: i32`)}) -> ${T} {
  ${coords(`k % ${taps}`, J, 'j')}
  ${coords('col', U, 'u')}
  return convp_input_at(n, grp, k / ${taps}, ${list((d) => `u${d} - j${d} + b${d}`)});
}`;
  // The phase: residues q of the outputs, their tap residues r and input offsets b.
  const prologue = `let img = batch / ${group * phases};
  let grp = (batch / ${phases}) % ${group};
  ${coords(`batch % ${phases}`, g.strides, 'pq')}
  ${dims.map((d) => `let pr${d} = (pq${d} + ${g.padsBegin[d]}) % ${g.strides[d]}; let pb${d} = (pq${d} + ${g.padsBegin[d]} - pr${d}) / ${g.strides[d]};`).join('\n  ')}`;
  const gatherB = {
    column: (col: string, tag: string) => `${coords(col, U, `u${tag}x`)}\n  ${dims.map((d) => `let v${tag}x${d} = u${tag}x${d} + pb${d};`).join(' ')}`,
    step: (k: string) => `let kch = ${k} / ${taps};\n      ${coords(`${k} % ${taps}`, J, 'kj')}`,
    load: (tag: string) => `convp_input_at(img, grp, kch, ${list((d) => `v${tag}x${d} - kj${d}`)})`,
  };
  const store = (row: string, col: string, acc: string) => {
    const o = dims.map((d) => `pq${d} + ${g.strides[d]} * su${d}`);
    const flat = o.reduce((f, od, d) => (d === 0 ? `(${od})` : `(${f}) * ${outSp[d]} + ${od}`), '');
    return `{ ${coords(col, U, 'su')}
    if (${dims.map((d) => `${o[d]} < ${outSp[d]}`).join(' && ')}) { ${out.store(`((img * ${m}) + grp * ${mg} + ${row}) * ${outSize} + ${flat}`, `${acc}${biasTerm(bias, `grp * ${mg} + ${row}`)}`)} } }`;
  };
  const rs = list((d) => `pr${d}`), bs = list((d) => `pb${d}`);
  return gemmKernel({
    elem: T, batch: out.view.shape[0] * group * phases, m: mg, n: cols, k: cg * taps, gatherB, prologue,
    loadA: (row, k) => `convp_weight(grp, ${row}, ${k}, ${rs})`,
    loadB: (k, col) => `convp_input(img, grp, ${k}, ${col}, ${bs})`,
    store,
    decls,
  });
};

/**
 * A ConvTranspose of a single input position (a generator's first layer, 1x1 -> kernel): output o gets
 * exactly tap t = o + padBegin (when inside the kernel, which dilation must divide), so it is one product per
 * output position and group: out[n, m, o] = sum_c W[c, m, t] X[n, c], with the images as columns.
 */
const convTransposeFromPoint: Lowering = (ctx) => {
  const { x, w, bias, out, T, g, group, m, cg, mg, outSp } = convSetup(ctx);
  const n = x.view.shape[0], outSize = numel(outSp);
  const dims = outSp.map((_, d) => d);
  const decls = `
// Tap t of output position o: W[grp*C/group + c, row, t], 0 when o + padBegin is not a tap of the kernel.
fn convq_weight(grp: i32, row: i32, c: i32, ${dims.map((d) => `t${d}: i32`).join(', ')}) -> ${T} {
  if (${dims.map((d) => `t${d} % ${g.dilations[d]} != 0 || t${d} / ${g.dilations[d]} >= ${g.kernel[d]}`).join(' || ')}) { return ${lit(0, T)}; }
  return ${w!.load(offsetExpr(w!.view, ['grp * ' + cg + ' + c', 'row', ...dims.map((d) => `t${d} / ${g.dilations[d]}`)]))};
}`;
  const prologue = `let grp = batch % ${group};
  let pos = batch / ${group};
  ${coords('pos', outSp, 'po')}
  ${dims.map((d) => `let pt${d} = po${d} + ${g.padsBegin[d]};`).join(' ')}`;
  const taps = dims.map((d) => `pt${d}`).join(', ');
  return gemmKernel({
    elem: T, batch: outSize * group, m: mg, n, k: cg, prologue,
    loadA: (row, k) => `convq_weight(grp, ${row}, ${k}, ${taps})`,
    loadB: (k, col) => x!.load(offsetExpr(x!.view, [col, `grp * ${cg} + ${k}`, ...dims.map(() => '0')])),
    store: (row, col, acc) => out.store(`(${col} * ${m} + grp * ${mg} + ${row}) * ${outSize} + pos`, `${acc}${biasTerm(bias, `grp * ${mg} + ${row}`)}`),
    decls,
  });
};

/** One invocation per output element: gathers every (input channel, kernel offset) that lands on it. */
const convTransposeDirect: Lowering = (ctx) => {
  const { x, w, bias, out, T, nd, g, cg, mg, inSp } = convSetup(ctx);
  const oc = coordNames(nd + 2);
  // Output position o receives X at i = (o + padBegin - k*dilation) / stride when that divides evenly and is in range.
  const loops = g.kernel.map((kn, d) => `for (var k${d} = 0; k${d} < ${kn}; k${d}++) {
      let t${d} = ${oc[d + 2]} + ${g.padsBegin[d]} - k${d} * ${g.dilations[d]};
      if (t${d} < 0 || t${d} % ${g.strides[d]} != 0 || t${d} / ${g.strides[d]} >= ${inSp[d]}) { continue; }
      let i${d} = t${d} / ${g.strides[d]};`);
  const xAt = offsetExpr(x!.view, ['c0', 'ch', ...inSp.map((_, d) => `i${d}`)]);
  const wAt = offsetExpr(w!.view, ['ch', 'mo', ...g.kernel.map((_, d) => `k${d}`)]);
  const body = `// Transposed convolution: gather every (input channel, kernel offset) that lands on this output element.
  ${coords('idx', out.view.shape)}
  let grp = c1 / ${mg};
  let mo = c1 % ${mg};
  var acc = ${lit(0, T)};
  for (var cc = 0; cc < ${cg}; cc++) {
    let ch = grp * ${cg} + cc;
    ${loops.join('\n    ')}
      acc += ${x!.load(xAt)} * ${w!.load(wAt)};
    ${'}'.repeat(nd)}
  }
  ${out.store('idx', `acc${biasTerm(bias, 'c1')}`)}`;
  return { body, invocations: numel(out.view.shape) };
};

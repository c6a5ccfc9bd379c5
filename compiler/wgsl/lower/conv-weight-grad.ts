// ConvWeightGrad as an implicit GEMM on the matmul kernels: per group, dW[outCh, (c, tap)] sums over
// k = (image, output position) the product dY[image, outCh, position] * X[image, c, position * stride - pad
// + tap * dilation] (zero in the padding). K is images * output positions, long, so the kernels' Kahan-merged
// k slabs keep the sum as accurate as the one-loop-per-element kernel it replaces. With few output channels
// per group (depthwise), where a GEMM tile would be mostly idle rows, grad.ts's direct kernel runs instead.
import { convGeom } from '../../../ir/ops/contraction.ts';
import { numel } from '../../../ir/shape.ts';
import type { Lowering, TensorRef } from '../kernel.ts';
import { coordNames, coords, lit, offsetExpr } from '../wgsl.ts';
import { DIRECT_BELOW_CHANNELS } from './conv.ts';
import { gemmKernel } from './matmul.ts';

export function convWeightGradGemm(direct: Lowering): Lowering {
  return (ctx) => {
    const x = ctx.inputs[0] as TensorRef, dy = ctx.inputs[1] as TensorRef, dw = ctx.outputs[0];
    const a = ctx.node.attrs, kernel = a.kernel_shape as number[], nd = kernel.length, group = a.group as number;
    const [n, c] = x.view.shape, m = dy.view.shape[1], cg = c / group, mg = m / group;
    if (mg < DIRECT_BELOW_CHANNELS) return direct(ctx);
    const g = convGeom([0, 0, ...kernel], a, nd);
    const outSp = dy.view.shape.slice(2), inSp = x.view.shape.slice(2);
    const outSize = numel(outSp), kSize = numel(kernel), T = dw.elem;
    const os = coordNames(nd, 'o'), ks = coordNames(nd, 't');
    const decls = `
// A(row, k) = dY[k / positions, grp * ${mg} + row, k % positions].
fn cwg_dy(grp: i32, row: i32, k: i32) -> ${T} {
  let img = k / ${outSize};
  ${coords(`k % ${outSize}`, outSp, 'o')}
  return ${dy.load(offsetExpr(dy.view, ['img', `grp * ${mg} + row`, ...os]))};
}
// B(k, col) = X[k / positions, grp * ${cg} + col / taps, window position of (k % positions, col % taps)], zero in the padding.
fn cwg_x(grp: i32, k: i32, col: i32) -> ${T} {
  let img = k / ${outSize};
  ${coords(`k % ${outSize}`, outSp, 'o')}
  ${coords(`col % ${kSize}`, kernel, 't')}
  ${inSp.map((_, d) => `let i${d} = ${os[d]} * ${g.strides[d]} - ${g.padsBegin[d]} + ${ks[d]} * ${g.dilations[d]};`).join(' ')}
  if (${inSp.map((s, d) => `i${d} < 0 || i${d} >= ${s}`).join(' || ')}) { return ${lit(0, T)}; }
  return ${x.load(offsetExpr(x.view, ['img', `grp * ${cg} + col / ${kSize}`, ...inSp.map((_, d) => `i${d}`)]))};
}`;
    return gemmKernel({
      elem: T, batch: group, m: mg, n: cg * kSize, k: n * outSize, decls,
      prologue: 'let grp = batch;',
      loadA: (row, k) => `cwg_dy(grp, ${row}, ${k})`,
      loadB: (k, col) => `cwg_x(grp, ${k}, ${col})`,
      // dW is [M, C/group, taps...], contiguous: (grp * mg + row, col) is one offset.
      store: (row, col, acc) => dw.store(`(grp * ${mg} + ${row}) * ${cg * kSize} + ${col}`, acc),
    });
  };
}

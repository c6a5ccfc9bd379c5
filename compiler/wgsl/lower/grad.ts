// WGSL lowerings of the backward-only ops, one invocation per output element (a gather formulation, no
// atomics): MaxPoolGrad and AveragePoolGrad visit every window that covers an input element (recomputing
// the window's first maximum, or its divisor); ConvWeightGrad sums dY * X over batch and output positions (the
// direct kernel for depthwise convs; conv-weight-grad.ts's implicit GEMM otherwise).
import { convGeom } from '../../../ir/ops/contraction.ts';
import type { GradOpName } from '../../../ir/ops/index.ts';
import { poolGeometry, type PoolGeom } from '../../../ir/ops/nn-pool.ts';
import { numel } from '../../../ir/shape.ts';
import type { Lowering, LowerContext, TensorRef } from '../kernel.ts';
import { coordNames, coords, offsetExpr } from '../wgsl.ts';
import { convWeightGradGemm } from './conv-weight-grad.ts';

const input = (ctx: LowerContext, i: number) => ctx.inputs[i] as TensorRef;
const dims = (r: number) => Array.from({ length: r }, (_, d) => d);

/**
 * Loops over the kernel taps `w0..` of element x (coords c2..); for each tap whose window position `o0..`
 * exists (the element sits at that tap of window o), runs `body`. `k` is the tap's linear index.
 */
function coveringWindows(g: PoolGeom, body: string): string {
  const sp = dims(g.spatial.length);
  const num = sp.map((d) => `let n${d} = c${d + 2} + ${g.padsBegin[d]} - w${d} * ${g.dilations[d]};`);
  const ok = sp.map((d) => `n${d} >= 0 && n${d} % ${g.strides[d]} == 0 && n${d} / ${g.strides[d]} < ${g.out[d]}`).join(' && ');
  return `for (var k = 0; k < ${numel(g.kernel)}; k++) {
    ${coords('k', g.kernel, 'w')}
    ${num.join('\n    ')}
    if (${ok}) {
      ${sp.map((d) => `let o${d} = n${d} / ${g.strides[d]};`).join(' ')}
      ${body}
    }
  }`;
}

/** Loops over the taps `u0..` (linear index t) of window o0..; names the tap's input coords p0.. and `inside`, `in_pad`. */
function windowTaps(g: PoolGeom, body: string): string {
  const sp = dims(g.spatial.length);
  return `for (var t = 0; t < ${numel(g.kernel)}; t++) {
        ${coords('t', g.kernel, 'u')}
        ${sp.map((d) => `let p${d} = o${d} * ${g.strides[d]} - ${g.padsBegin[d]} + u${d} * ${g.dilations[d]};`).join(' ')}
        let inside = ${sp.map((d) => `p${d} >= 0 && p${d} < ${g.spatial[d]}`).join(' && ')};
        let in_pad = ${sp.map((d) => `p${d} >= ${-g.padsBegin[d]} && p${d} < ${g.spatial[d] + g.padsEnd[d]}`).join(' && ')};
        ${body}
      }`;
}

const spatialOf = (prefix: string, r: number) => coordNames(r, prefix);

const MAX_POOL_GRAD: Lowering = (ctx) => {
  const x = input(ctx, 0), dy = input(ctx, 1), dx = ctx.outputs[0];
  const g = poolGeometry(x.view.shape, ctx.node.attrs), r = g.spatial.length;
  const dyAt = offsetExpr(dy.view, ['c0', 'c1', ...spatialOf('o', r)]);
  const xAt = offsetExpr(x.view, ['c0', 'c1', ...spatialOf('p', r)]);
  const body = `// The first maximum of window o, as MaxPool picks it.
      var m = 0.0;
      var arg = -1;
      ${windowTaps(g, `if (inside) { let v = ${x.load(xAt)}; if (v > m || arg < 0) { m = v; arg = t; } }`)}
      if (arg == k) { acc += ${dy.load(dyAt)}; }`;
  return {
    body: `// MaxPoolGrad: each input element sums dY of the windows whose first maximum it is.
  ${coords('idx', x.view.shape)}
  var acc = 0.0;
  ${coveringWindows(g, body)}
  ${dx.name}[idx] = acc;`,
    invocations: numel(x.view.shape),
  };
};

const AVERAGE_POOL_GRAD: Lowering = (ctx) => {
  const dy = input(ctx, 0), dx = ctx.outputs[0];
  const g = poolGeometry(dx.view.shape, ctx.node.attrs), r = g.spatial.length;
  const divisor = ctx.node.attrs.count_include_pad ? 'padded' : 'count';
  const body = `var count = 0.0;
      var padded = 0.0;
      ${windowTaps(g, 'if (inside) { count += 1.0; }\n        if (in_pad) { padded += 1.0; }')}
      acc += ${dy.load(offsetExpr(dy.view, ['c0', 'c1', ...spatialOf('o', r)]))} / ${divisor};`;
  return {
    body: `// AveragePoolGrad: each input element sums dY / window size over the windows that cover it.
  ${coords('idx', dx.view.shape)}
  var acc = 0.0;
  ${coveringWindows(g, body)}
  ${dx.name}[idx] = acc;`,
    invocations: numel(dx.view.shape),
  };
};

const CONV_WEIGHT_GRAD: Lowering = (ctx) => {
  const x = input(ctx, 0), dy = input(ctx, 1), dw = ctx.outputs[0];
  const a = ctx.node.attrs, k = a.kernel_shape as number[], nd = k.length, group = a.group as number;
  const geo = convGeom([0, 0, ...k], a, nd);
  const [n, c] = x.view.shape, m = dy.view.shape[1], cg = c / group, mg = m / group;
  const out = dy.view.shape.slice(2), sp = dims(nd);
  const pos = sp.map((d) => `let p${d} = o${d} * ${geo.strides[d]} - ${geo.padsBegin[d]} + c${d + 2} * ${geo.dilations[d]};`);
  const inside = sp.map((d) => `p${d} >= 0 && p${d} < ${x.view.shape[d + 2]}`).join(' && ');
  return {
    body: `// ConvWeightGrad: dW[m, ci, k..] sums dY[n, m, o..] * X[n, group(m) * ${cg} + ci, o * stride - pad + k * dilation].
  ${coords('idx', dw.view.shape)}
  let cin = (c0 / ${mg}) * ${cg} + c1;
  var acc = 0.0;
  for (var b = 0; b < ${n}; b++) {
    for (var q = 0; q < ${numel(out)}; q++) {
      ${coords('q', out, 'o')}
      ${pos.join(' ')}
      if (${inside}) {
        acc += ${dy.load(offsetExpr(dy.view, ['b', 'c0', ...spatialOf('o', nd)]))} * ${x.load(offsetExpr(x.view, ['b', 'cin', ...spatialOf('p', nd)]))};
      }
    }
  }
  ${dw.store('idx', 'acc')}`,
    invocations: numel(dw.view.shape),
  };
};

export const GRAD_LOWERINGS: { [K in GradOpName]: Lowering } = {
  ConvWeightGrad: convWeightGradGemm(CONV_WEIGHT_GRAD),
  MaxPoolGrad: MAX_POOL_GRAD,
  AveragePoolGrad: AVERAGE_POOL_GRAD,
};

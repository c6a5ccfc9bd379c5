// WGSL for the pools: windowed MaxPool (optionally with argmax indices), AveragePool and LpPool (one invocation
// per output element walking its window), the global pools (axis reductions over the spatial dims) and
// MaxUnpool (one workgroup zeroes the output, then scatters). Geometry comes from ir/ops/nn-pool.ts.
import type { Attrs } from '../../../ir/op.ts';
import { poolGeometry, type PoolGeom } from '../../../ir/ops/nn-pool.ts';
import { numel, stridesOf } from '../../../ir/shape.ts';
import type { KernelSource, Lowering, LowerContext, TensorRef } from '../kernel.ts';
import type { View } from '../../../ir/view.ts';
import { coordNames, coords, lit, offsetExpr } from '../wgsl.ts';
import { FOLDS } from './reduce.ts';
import { axisReduction } from './reduce-rows.ts';

const input = (ctx: LowerContext, i = 0) => ctx.inputs[i] as TensorRef;
const sumTerms = (terms: string[]) => (terms.length ? terms.join(' + ') : '0');
/** `e * k`, without the multiplication when k is 1. */
const times = (e: string, k: number) => (k === 1 ? e : `${e} * ${k}`);

/**
 * Statements shared by the windowed pools: output coordinates, the (n, c) plane offset, and a loop over the
 * window that names the input coordinates `x0..` of each tap and whether it is inside the input (`inside`)
 * and (withPad) inside the padded input (`in_pad`). `tap` is the loop body.
 */
function windowLoop(x: TensorRef, g: PoolGeom, outShape: readonly number[], tap: string, withPad = false): string {
  const r = g.spatial.length;
  const sp = Array.from({ length: r }, (_, d) => d);
  const oc = coordNames(outShape.length, 'o');
  const plane: View = { shape: x.view.shape.slice(0, 2), strides: x.view.strides.slice(0, 2), offset: x.view.offset };
  const tapCoords = sp.map((d) => `let x${d} = ${times(oc[d + 2], g.strides[d])}${g.padsBegin[d] ? ` - ${g.padsBegin[d]}` : ''} + ${times(`w${d}`, g.dilations[d])};`);
  const inside = sp.map((d) => `x${d} >= 0 && x${d} < ${g.spatial[d]}`).join(' && ');
  const inPad = sp.map((d) => `x${d} >= ${-g.padsBegin[d]} && x${d} < ${g.spatial[d] + g.padsEnd[d]}`).join(' && ');
  return `${coords('idx', outShape, 'o')}
  let plane = ${offsetExpr(plane, oc.slice(0, 2))};
  for (var t = 0; t < ${numel(g.kernel)}; t++) {
    ${coords('t', g.kernel, 'w').replaceAll('\n  ', '\n    ')}
    ${tapCoords.join('\n    ')}
    let inside = ${inside};${withPad ? `\n    let in_pad = ${inPad};` : ''}
    ${tap}
  }`;
}

/** Flat offset of tap (x0..) in the input view. */
const tapOffset = (x: TensorRef, r: number) =>
  sumTerms(['plane', ...Array.from({ length: r }, (_, d) => (x.view.strides[d + 2] === 0 ? '' : times(`x${d}`, x.view.strides[d + 2]))).filter(Boolean)]);

const MAX_POOL: Lowering = (ctx) => {
  const x = input(ctx), [y, ind] = ctx.outputs;
  const a = ctx.node.attrs;
  const g = poolGeometry(x.view.shape, a);
  const r = g.spatial.length;
  // The argmax index counts over the logical (contiguous) input: plane * spatial size + spatial offset.
  const spatialStrides = a.storage_order ? g.spatial.map((_, d) => numel(g.spatial.slice(0, d))) : stridesOf(g.spatial);
  const spatialOff = sumTerms(spatialStrides.map((s, d) => times(`x${d}`, s)));
  const init = x.elem === 'f32' ? lit(-Infinity, 'f32') : x.elem === 'i32' ? lit(-2147483648, 'i32') : '0u';
  const tap = `if (inside) {
      let v = ${x.load(tapOffset(x, r))};
      if (v > m || arg < 0) { m = v; arg = ${spatialOff}; }
    }`;
  // With no tap inside the input the CPU's -Infinity stays for floats and becomes 0 for integers.
  const value = x.elem === 'f32' ? 'm' : `select(m, ${lit(0, x.elem)}, arg < 0)`;
  const writeIndex = ind ? `\n  ${ind.name}[idx] = select((o0 * ${x.view.shape[1]} + o1) * ${numel(g.spatial)} + arg, -1, arg < 0);` : '';
  return {
    body: `// MaxPool ${g.kernel.join('x')} window: one invocation per output element.
  var m = ${init};
  var arg = -1;
  ${windowLoop(x, g, y.view.shape, tap)}
  ${y.store('idx', value)}${writeIndex}`,
    invocations: numel(y.view.shape),
  };
};

const AVERAGE_POOL: Lowering = (ctx) => {
  const x = input(ctx), y = ctx.outputs[0];
  const g = poolGeometry(x.view.shape, ctx.node.attrs);
  const includePad = ctx.node.attrs.count_include_pad !== 0;
  const divisor = includePad ? 'padded' : 'count';
  const tap = `${includePad ? 'if (in_pad) { padded += 1.0; }\n    ' : ''}if (inside) { s += ${x.load(tapOffset(x, g.spatial.length))};${includePad ? '' : ' count += 1.0;'} }`;
  return {
    body: `// AveragePool ${g.kernel.join('x')} window: one invocation per output element.
  var s = 0.0;
  var ${divisor} = 0.0;
  ${windowLoop(x, g, y.view.shape, tap, includePad)}
  ${y.store('idx', `s / ${divisor}`)}`,
    invocations: numel(y.view.shape),
  };
};

const LP_POOL: Lowering = (ctx) => {
  const x = input(ctx), y = ctx.outputs[0];
  const g = poolGeometry(x.view.shape, ctx.node.attrs);
  const p = ctx.node.attrs.p as number;
  const term = p === 1 ? 'abs(v)' : p === 2 ? 'v * v' : `pow(abs(v), ${lit(p, 'f32')})`;
  const fin = p === 1 ? 's' : p === 2 ? 'sqrt(s)' : `pow(s, ${lit(1 / p, 'f32')})`;
  const tap = `if (inside) { let v = ${x.load(tapOffset(x, g.spatial.length))}; s += ${term}; }`;
  return {
    body: `// LpPool (p=${p}) ${g.kernel.join('x')} window: one invocation per output element.
  var s = 0.0;
  ${windowLoop(x, g, y.view.shape, tap)}
  ${y.store('idx', fin)}`,
    invocations: numel(y.view.shape),
  };
};

/** Global pools reduce every spatial axis of each (n, c) plane. */
const globalPool = (fold: typeof FOLDS.ReduceMean): Lowering => (ctx) => {
  const x = input(ctx);
  const axes = x.view.shape.map((_, i) => i).slice(2);
  return axisReduction(x, ctx.outputs[0], axes, fold, ctx.node.op, ctx.features);
};

const UNPOOL_WG = 256;

/** The shape MaxUnpool's indices address (before output_shape pads it), as the CPU kernel computes it. */
function impliedShape(x: readonly number[], a: Attrs): number[] {
  const g = poolGeometry(x, { ...a, dilations: [], ceil_mode: 0 });
  return [x[0], x[1], ...g.spatial.map((n, d) => (n - 1) * g.strides[d] - g.padsBegin[d] - g.padsEnd[d] + g.kernel[d])];
}

/**
 * MaxUnpool in one workgroup (zeroing and scattering need a barrier between them): invocations zero the
 * output in strides, then each scatters its share of X to the flat indices. Indices outside the implied
 * shape are skipped (the CPU throws); duplicate indices keep one of their values.
 */
const MAX_UNPOOL: Lowering = (ctx): KernelSource => {
  const x = input(ctx), ind = input(ctx, 1), y = ctx.outputs[0];
  const implied = impliedShape(x.view.shape, ctx.node.attrs);
  const outStrides = stridesOf(y.view.shape);
  const xs = x.view.shape, n = numel(xs), outN = numel(y.view.shape);
  const cs = coordNames(xs.length);
  const place = sumTerms(implied.map((_, d) => `u${d} * ${outStrides[d]}`));
  const entry = `@compute @workgroup_size(${UNPOOL_WG})
fn main(@builtin(local_invocation_index) lid: u32) {
  // MaxUnpool: one workgroup zeroes the output, then scatters X to the flat indices I.
  for (var i = i32(lid); i < ${outN}; i += ${UNPOOL_WG}) { ${y.name}[i] = ${lit(0, y.elem)}; }
  storageBarrier();
  for (var idx = i32(lid); idx < ${n}; idx += ${UNPOOL_WG}) {
    ${coords('idx', xs)}
    let t = ${ind.load(offsetExpr(ind.view, cs))};
    if (t < 0 || t >= ${numel(implied)}) { continue; }
    ${coords('t', implied, 'u')}
    ${y.name}[${place}] = ${x.load(offsetExpr(x.view, cs))};
  }
}`;
  return { entry, workgroups: [1, 1, 1], workgroupSize: UNPOOL_WG };
};

export const POOL_LOWERINGS = {
  MaxPool: MAX_POOL,
  AveragePool: AVERAGE_POOL,
  LpPool: LP_POOL,
  GlobalAveragePool: globalPool(FOLDS.ReduceMean),
  GlobalMaxPool: globalPool(FOLDS.ReduceMax),
  MaxUnpool: MAX_UNPOOL,
} satisfies Record<string, Lowering>;

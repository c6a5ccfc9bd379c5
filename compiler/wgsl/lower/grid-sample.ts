// WGSL lowerings of GridSample and its gradients, the same sampling rules as the CPU kernel
// (runtime/cpu/kernels/grid-sample.ts): `gs_axis` maps one normalized coordinate to its taps (indices, -1
// for a zero, weights and their derivatives wrt the coordinate), specialized here to the node's mode,
// padding and align_corners. Gather formulations, no atomics:
//   GridSample          one invocation per output element, summing wy * wx * X over its tap pairs;
//   GridSampleGradGrid  one per grid point, summing over channels and taps;
//   GridSampleGradX     one per (n, c) image: clears its dX image, then adds every grid point's share in
//                       order (the image is that invocation's alone, so the adds do not race).
import type { Attrs } from '../../../ir/op.ts';
import { numel } from '../../../ir/shape.ts';
import type { Lowering } from '../kernel.ts';
import { coords } from '../wgsl.ts';
import { input, read } from './movement-util.ts';

const TAPS: Readonly<Record<string, number>> = { nearest: 1, linear: 2, cubic: 4 };

/** Statements filling taps.idx / w / dw from x (pixel coordinate), f = floor(x), t = x - f and dxdg. */
const TAP_FILL: Readonly<Record<string, string>> = {
  nearest: 'taps.idx[0] = gs_tap(i32(trunc(x)), len); taps.w[0] = 1.0; taps.dw[0] = 0.0;',
  linear: `taps.idx[0] = gs_tap(i32(f), len); taps.idx[1] = gs_tap(i32(f) + 1, len);
  taps.w[0] = 1.0 - t; taps.w[1] = t;
  taps.dw[0] = -dxdg; taps.dw[1] = dxdg;`,
  cubic: `for (var k = 0; k < 4; k++) { taps.idx[k] = gs_tap(i32(f) + k - 1, len); }
  taps.w[0] = gs_far(t + 1.0); taps.w[1] = gs_near(t); taps.w[2] = gs_near(1.0 - t); taps.w[3] = gs_far(2.0 - t);
  taps.dw[0] = gs_far_d(t + 1.0) * dxdg; taps.dw[1] = gs_near_d(t) * dxdg; taps.dw[2] = -gs_near_d(1.0 - t) * dxdg; taps.dw[3] = -gs_far_d(2.0 - t) * dxdg;`,
};

/** A tap index as read under each padding (lo, hi: the extent of the axis). */
const TAP_INDEX: Readonly<Record<string, string>> = {
  zeros: 'return select(-1, i, i >= 0 && i < len);',
  border: 'return clamp(i, 0, len - 1);',
  reflection: 'let e = gs_extent(len); return i32(trunc(gs_reflect(f32(i), e.x, e.y).x));',
};

/** What a coordinate outside the extent becomes under each padding (zeros leaves it). */
const OUTSIDE: Readonly<Record<string, string>> = {
  zeros: '',
  border: 'if (x < e.x || x > e.y) { x = clamp(x, 0.0, n - 1.0); dxdg = 0.0; }',
  reflection: 'if (x < e.x || x > e.y) { let r = gs_reflect(x, e.x, e.y); x = r.x; dxdg = dxdg * r.y; }',
};

/** Module-scope WGSL: the taps struct and gs_axis for the node's attributes. */
export function gridSampleDecls(a: Attrs): string {
  const mode = a.mode as string, pad = a.padding_mode as string, align = a.align_corners === 1, n = TAPS[mode];
  return `struct GsTaps { idx: array<i32, ${n}>, w: array<f32, ${n}>, dw: array<f32, ${n}> }
const GS_A = -0.75;
fn gs_far(d: f32) -> f32 { return ((GS_A * d - 5.0 * GS_A) * d + 8.0 * GS_A) * d - 4.0 * GS_A; }
fn gs_far_d(d: f32) -> f32 { return (3.0 * GS_A * d - 10.0 * GS_A) * d + 8.0 * GS_A; }
fn gs_near(d: f32) -> f32 { return ((GS_A + 2.0) * d - (GS_A + 3.0)) * d * d + 1.0; }
fn gs_near_d(d: f32) -> f32 { return (3.0 * (GS_A + 2.0) * d - 2.0 * (GS_A + 3.0)) * d; }
// The extent a pixel coordinate is kept in: pixel centres (align_corners) or pixel edges.
fn gs_extent(len: i32) -> vec2<f32> { ${align ? 'return vec2<f32>(0.0, f32(len) - 1.0);' : 'return vec2<f32>(-0.5, f32(len) - 0.5);'} }
// x reflected into [lo, hi] as often as needed, and d result / d x.
fn gs_reflect(x: f32, lo: f32, hi: f32) -> vec2<f32> {
  let span = hi - lo;
  if (span <= 0.0) { return vec2<f32>(lo, 0.0); }
  if (x >= lo && x <= hi) { return vec2<f32>(x, 1.0); }
  let below = x < lo;
  let dist = select(x - hi, lo - x, below);
  let m = floor(dist / span);
  let r = dist - m * span;
  let even = m - 2.0 * floor(m * 0.5) == 0.0;
  if (below == even) { return vec2<f32>(lo + r, select(1.0, -1.0, below)); }
  return vec2<f32>(hi - r, select(-1.0, 1.0, below));
}
fn gs_tap(i: i32, len: i32) -> i32 { ${TAP_INDEX[pad]} }
fn gs_axis(g: f32, len: i32) -> GsTaps {
  let n = f32(len);
  let e = gs_extent(len);
  var x = ${align ? '(g + 1.0) * 0.5 * (n - 1.0)' : '((g + 1.0) * n - 1.0) * 0.5'};
  var dxdg = ${align ? '(n - 1.0) * 0.5' : 'n * 0.5'};
  ${mode === 'nearest' ? 'x = round(x); dxdg = 0.0;' : ''}
  ${OUTSIDE[pad]}
  let f = floor(x);
  let t = x - f;
  var taps: GsTaps;
  ${TAP_FILL[mode]}
  return taps;
}`;
}

/** Loops over the tap pairs of `ty` x `tx` that read a pixel (iy, ix >= 0), running `body`. */
const tapPairs = (n: number, body: string) => `for (var a = 0; a < ${n}; a++) {
    let iy = ty.idx[a];
    if (iy < 0) { continue; }
    for (var b = 0; b < ${n}; b++) {
      let ix = tx.idx[b];
      if (ix < 0) { continue; }
      ${body}
    }
  }`;

const GRID_SAMPLE: Lowering = (ctx) => {
  const x = input(ctx, 0), grid = input(ctx, 1), out = ctx.outputs[0], a = ctx.node.attrs, [, , h, w] = x.view.shape;
  return {
    decls: gridSampleDecls(a),
    body: `// GridSample: the weighted taps of this output's grid point
  ${coords('idx', out.view.shape)}
  var tx = gs_axis(${read(grid, ['c0', 'c2', 'c3', '0'])}, ${w});
  var ty = gs_axis(${read(grid, ['c0', 'c2', 'c3', '1'])}, ${h});
  var acc = 0.0;
  ${tapPairs(TAPS[a.mode as string], `acc += ty.w[a] * tx.w[b] * ${read(x, ['c0', 'c1', 'iy', 'ix'])};`)}
  ${out.name}[idx] = acc;`,
    invocations: numel(out.view.shape),
  };
};

const GRID_SAMPLE_GRAD_GRID: Lowering = (ctx) => {
  const dy = input(ctx, 0), x = input(ctx, 1), grid = input(ctx, 2), out = ctx.outputs[0], a = ctx.node.attrs;
  const [, c, h, w] = x.view.shape, points = grid.view.shape.slice(0, 3);
  return {
    decls: gridSampleDecls(a),
    body: `// GridSampleGradGrid: dY * X through the differentiated weights, over channels and taps
  ${coords('idx', points)}
  var tx = gs_axis(${read(grid, ['c0', 'c1', 'c2', '0'])}, ${w});
  var ty = gs_axis(${read(grid, ['c0', 'c1', 'c2', '1'])}, ${h});
  var gx = 0.0;
  var gy = 0.0;
  for (var ch = 0; ch < ${c}; ch++) {
    let d = ${read(dy, ['c0', 'ch', 'c1', 'c2'])};
    ${tapPairs(TAPS[a.mode as string], `let v = d * ${read(x, ['c0', 'ch', 'iy', 'ix'])};
      gx += v * ty.w[a] * tx.dw[b];
      gy += v * ty.dw[a] * tx.w[b];`)}
  }
  ${out.name}[2 * idx] = gx;
  ${out.name}[2 * idx + 1] = gy;`,
    invocations: numel(points),
  };
};

const GRID_SAMPLE_GRAD_X: Lowering = (ctx) => {
  const dy = input(ctx, 0), grid = input(ctx, 1), out = ctx.outputs[0], a = ctx.node.attrs;
  const [n, c, h, w] = out.view.shape, [, ho, wo] = grid.view.shape;
  return {
    decls: gridSampleDecls(a),
    body: `// GridSampleGradX: this invocation's (n, c) image of dX, summed over every grid point
  ${coords('idx', [n, c])}
  let base = idx * ${h * w};
  for (var k = 0; k < ${h * w}; k++) { ${out.name}[base + k] = 0.0; }
  for (var p = 0; p < ${ho * wo}; p++) {
    let q0 = p / ${wo};
    let q1 = p % ${wo};
    var tx = gs_axis(${read(grid, ['c0', 'q0', 'q1', '0'])}, ${w});
    var ty = gs_axis(${read(grid, ['c0', 'q0', 'q1', '1'])}, ${h});
    let d = ${read(dy, ['c0', 'c1', 'q0', 'q1'])};
    ${tapPairs(TAPS[a.mode as string], `${out.name}[base + iy * ${w} + ix] += d * ty.w[a] * tx.w[b];`)}
  }`,
    invocations: n * c,
  };
};

export const GRID_SAMPLE_LOWERINGS = { GridSample: GRID_SAMPLE, GridSampleGradX: GRID_SAMPLE_GRAD_X, GridSampleGradGrid: GRID_SAMPLE_GRAD_GRID };

// WGSL lowerings of RoiAlign and RoiAlignGrad, the same geometry as the CPU kernel
// (runtime/cpu/kernels/roi-align.ts): `ra_geom` reads roi r (start, bin size, samples per bin, avg divisor),
// `ra_sample` gives a sample's 4 bilinear neighbours and weights. The rois are run-time data, so the
// sample counts (sampling_ratio 0: ceil(bin size)) are loop bounds read in the kernel.
//   RoiAlign      one invocation per output element;
//   RoiAlignGrad  one per (n, c) image of dX: clears it, then adds the share of every roi of batch n (the
//                 image is that invocation's alone, so the adds do not race); mode max reads X (input 3)
//                 to find each bin's largest weighted neighbour.
// A batch index outside [0, N) is flagged in the status buffer and clamped.
import type { Attrs } from '../../../ir/op.ts';
import { numel } from '../../../ir/shape.ts';
import type { LowerContext, Lowering, TensorRef } from '../kernel.ts';
import { coords, lit } from '../wgsl.ts';
import { input, read, readIndex } from './movement-util.ts';

/** Module-scope WGSL: roi geometry and bilinear samples for an [N, C, h, w] input. */
function roiDecls(rois: TensorRef, a: Attrs, h: number, w: number): string {
  const halfPixel = a.coordinate_transformation_mode === 'half_pixel', ratio = a.sampling_ratio as number;
  const scale = lit(a.spatial_scale as number, 'f32'), off = halfPixel ? '0.5' : '0.0';
  const oh = a.output_height as number, ow = a.output_width as number;
  const corner = (k: number) => `${read(rois, ['r', String(k)])} * ${scale} - ${off}`;
  const samples = (size: string, bins: number) => (ratio > 0 ? `${ratio}` : `i32(ceil(${size} / ${bins}.0))`);
  return `struct RaGeom { y0: f32, x0: f32, bh: f32, bw: f32, gh: i32, gw: i32, count: f32 }
struct RaSample { y: vec2<i32>, x: vec2<i32>, w: vec4<f32> }
fn ra_geom(r: i32) -> RaGeom {
  var g: RaGeom;
  g.x0 = ${corner(0)};
  g.y0 = ${corner(1)};
  var rw = ${corner(2)} - g.x0;
  var rh = ${corner(3)} - g.y0;
  ${halfPixel ? '' : 'rw = max(rw, 1.0); rh = max(rh, 1.0);'}
  g.bh = rh / ${oh}.0;
  g.bw = rw / ${ow}.0;
  g.gh = ${samples('rh', oh)};
  g.gw = ${samples('rw', ow)};
  g.count = f32(max(g.gh * g.gw, 1));
  return g;
}
// Neighbours (low, high) along an axis of length n and the fraction; ok false more than a pixel outside.
fn ra_axis(v: f32, n: i32) -> vec4<f32> {
  if (v < -1.0 || v > f32(n)) { return vec4<f32>(0.0, 0.0, 0.0, 0.0); }
  let c = max(v, 0.0);
  let low = i32(floor(c));
  if (low >= n - 1) { return vec4<f32>(f32(n - 1), f32(n - 1), 0.0, 1.0); }
  return vec4<f32>(f32(low), f32(low + 1), c - f32(low), 1.0);
}
fn ra_sample(y: f32, x: f32) -> RaSample {
  let ay = ra_axis(y, ${h});
  let ax = ra_axis(x, ${w});
  var s: RaSample;
  s.y = vec2<i32>(i32(ay.x), i32(ay.y));
  s.x = vec2<i32>(i32(ax.x), i32(ax.y));
  let ly = ay.z; let lx = ax.z; let hy = 1.0 - ly; let hx = 1.0 - lx;
  s.w = vec4<f32>(hy * hx, hy * lx, ly * hx, ly * lx) * (ay.w * ax.w);
  return s;
}`;
}

/** The loops over the samples of bin (ph, pw) of geometry g, naming each sample `s`. */
const binSamples = (ph: string, pw: string, body: string) => `for (var iy = 0; iy < g.gh; iy++) {
    let y = g.y0 + f32(${ph}) * g.bh + (f32(iy) + 0.5) * g.bh / f32(g.gh);
    for (var ix = 0; ix < g.gw; ix++) {
      let s = ra_sample(y, g.x0 + f32(${pw}) * g.bw + (f32(ix) + 0.5) * g.bw / f32(g.gw));
      ${body}
    }
  }`;

/** Roi r's batch index, flagged when outside [0, n) and clamped. */
function batchIndex(ctx: LowerContext, ind: TensorRef, r: string, n: number): string {
  const check = ctx.check ? ctx.check(`rb_raw < 0 || rb_raw >= ${n}`) : '';
  return `let rb_raw = ${readIndex(ind, [r])};\n  ${check}\n  let rb = clamp(rb_raw, 0, ${n - 1});`;
}

/** The 4 neighbour values of sample s in image (b, ch) of x. */
const neighbours = (x: TensorRef, b: string, ch: string) =>
  `vec4<f32>(${read(x, [b, ch, 's.y.x', 's.x.x'])}, ${read(x, [b, ch, 's.y.x', 's.x.y'])}, ${read(x, [b, ch, 's.y.y', 's.x.x'])}, ${read(x, [b, ch, 's.y.y', 's.x.y'])})`;

const POOL_BODY: Readonly<Record<string, { init: string; step: string; result: string }>> = {
  avg: { init: 'var acc = 0.0;', step: 'acc += dot(s.w, v);', result: 'acc / g.count' },
  max: {
    init: 'var acc = 0.0;\n  var first = true;',
    step: 'let wv = s.w * v;\n      let m = max(max(wv.x, wv.y), max(wv.z, wv.w));\n      acc = select(max(acc, m), m, first);\n      first = false;',
    result: 'acc',
  },
};

const ROI_ALIGN: Lowering = (ctx) => {
  const x = input(ctx, 0), rois = input(ctx, 1), ind = input(ctx, 2), out = ctx.outputs[0], a = ctx.node.attrs;
  const [n, , h, w] = x.view.shape, pool = POOL_BODY[a.mode as string];
  return {
    decls: roiDecls(rois, a, h, w),
    body: `// RoiAlign: the ${a.mode} of the bilinear samples of this output's bin
  ${coords('idx', out.view.shape)}
  ${batchIndex(ctx, ind, 'c0', n)}
  let g = ra_geom(c0);
  ${pool.init}
  ${binSamples('c2', 'c3', `let v = ${neighbours(x, 'rb', 'c1')};\n      ${pool.step}`)}
  ${out.name}[idx] = ${pool.result};`,
    invocations: numel(out.view.shape),
  };
};

/** Flat offset in an h x w image of neighbour k (0..3: (y0,x0), (y0,x1), (y1,x0), (y1,x1)) of sample s. */
const neighbourAt = (k: number, w: number) => `s.y.${'xxyy'[k]} * ${w} + s.x.${'xyxy'[k]}`;

/** How a bin's d reaches dX (as the CPU kernel's POOL_GRAD): avg adds d / count times each weight; max finds
 *  the first (sample, neighbour) with the largest weighted X value and adds d times its weight there.
 *  `d` is what scales dY into d. */
function binGrad(mode: string, x: TensorRef | undefined, out: string, w: number): { d: string; init: string; step: string; done: string } {
  if (mode === 'avg') {
    const add = (k: number) => `${out}[base + ${neighbourAt(k, w)}] += d * s.w.${'xyzw'[k]};`;
    return { d: ' / g.count', init: '', step: [0, 1, 2, 3].map(add).join('\n      '), done: '' };
  }
  const pick = (k: number) => `if (at < 0 || wv.${'xyzw'[k]} > best) { best = wv.${'xyzw'[k]}; at = ${neighbourAt(k, w)}; weight = s.w.${'xyzw'[k]}; }`;
  return {
    d: '',
    init: 'var best = 0.0;\n      var at = -1;\n      var weight = 0.0;',
    step: [`let wv = s.w * ${neighbours(x!, 'c0', 'c1')};`, ...[0, 1, 2, 3].map(pick)].join('\n      '),
    done: `if (at >= 0) { ${out}[base + at] += d * weight; }`,
  };
}

const ROI_ALIGN_GRAD: Lowering = (ctx) => {
  const dy = input(ctx, 0), rois = input(ctx, 1), ind = input(ctx, 2), out = ctx.outputs[0], a = ctx.node.attrs;
  const [n, c, h, w] = out.view.shape, [r, , oh, ow] = dy.view.shape;
  const route = binGrad(a.mode as string, ctx.inputs[3] && input(ctx, 3), out.name, w);
  return {
    decls: roiDecls(rois, a, h, w),
    body: `// RoiAlignGrad (${a.mode}): this invocation's (n, c) image of dX, summed over the rois of batch n
  ${coords('idx', [n, c])}
  let base = idx * ${h * w};
  for (var k = 0; k < ${h * w}; k++) { ${out.name}[base + k] = 0.0; }
  for (var r = 0; r < ${r}; r++) {
    ${batchIndex(ctx, ind, 'r', n)}
    if (rb != c0) { continue; }
    let g = ra_geom(r);
    for (var bin = 0; bin < ${oh * ow}; bin++) {
      let ph = bin / ${ow};
      let pw = bin % ${ow};
      let d = ${read(dy, ['r', 'c1', 'ph', 'pw'])}${route.d};
      ${route.init}
      ${binSamples('ph', 'pw', route.step)}
      ${route.done}
    }
  }`,
    invocations: n * c,
  };
};

export const ROI_ALIGN_LOWERINGS = { RoiAlign: ROI_ALIGN, RoiAlignGrad: ROI_ALIGN_GRAD };

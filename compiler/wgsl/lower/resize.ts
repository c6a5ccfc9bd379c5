// WGSL lowering of Resize. Shapes are static, so the taps of every axis (which input coordinates an output
// coordinate reads, with which weights) are computed here, with the same rules as the CPU kernel, and
// emitted as constant tables. The kernel sums the product of the per-axis weights over all tap
// combinations (1 for nearest, 2 for linear, 4 for cubic per resized axis); axes that copy through are read
// directly, and nearest without weights is a plain gather (exact for integers).
import type { Attrs } from '../../../ir/op.ts';
import type { Lowering } from '../kernel.ts';
import { cast, coordNames, coords, lit } from '../wgsl.ts';
import { count, input, read } from './movement-util.ts';

interface Axis { inLen: number; outLen: number; scale: number; roi: [number, number] }

/** Input coordinate of output coordinate x; `outF` is the unrounded output length scale * inLen. */
const COORD: Record<string, (x: number, ax: Axis, outF: number) => number> = {
  half_pixel: (x, a) => (x + 0.5) / a.scale - 0.5,
  half_pixel_symmetric: (x, a, outF) => (a.inLen / 2) * (1 - a.outLen / outF) + (x + 0.5) / a.scale - 0.5,
  pytorch_half_pixel: (x, a) => (a.outLen > 1 ? (x + 0.5) / a.scale - 0.5 : 0),
  align_corners: (x, a, outF) => (outF === 1 ? 0 : (x * (a.inLen - 1)) / (outF - 1)),
  asymmetric: (x, a) => x / a.scale,
  tf_half_pixel_for_nn: (x, a) => (x + 0.5) / a.scale,
  tf_crop_and_resize: (x, a, outF) => {
    const [s, e] = a.roi;
    return outF === 1 ? 0.5 * (s + e) * (a.inLen - 1) : s * (a.inLen - 1) + (x * (e - s) * (a.inLen - 1)) / (outF - 1);
  },
};

/** Whether nearest rounding moves from floor(x) to floor(x) + 1 at fraction t. */
const ROUND_UP: Record<string, (t: number) => boolean> = {
  round_prefer_floor: (t) => t > 0.5,
  round_prefer_ceil: (t) => t >= 0.5,
  floor: () => false,
  ceil: (t) => t > 0,
};

/** Tap offsets from floor(x) and their weights at fraction t. */
function kernelTaps(a: Attrs, t: number): { offs: number[]; ws: number[] } {
  if (a.mode === 'nearest') return { offs: [ROUND_UP[a.nearest_mode as string](t) ? 1 : 0], ws: [1] };
  if (a.mode === 'linear') return { offs: [0, 1], ws: [1 - t, t] };
  const A = a.cubic_coeff_a as number;
  const near = (d: number) => ((A + 2) * d - (A + 3)) * d * d + 1; // |d| <= 1
  const far = (d: number) => ((A * d - 5 * A) * d + 8 * A) * d - 4 * A; // 1 < |d| < 2
  return { offs: [-1, 0, 1, 2], ws: [far(t + 1), near(t), near(1 - t), far(2 - t)] };
}

interface Taps { n: number; idx: number[]; w: number[]; outside: boolean[] }

function axisTaps(ax: Axis, a: Attrs): Taps {
  const map = COORD[a.coordinate_transformation_mode as string], outF = ax.scale * ax.inLen;
  const crop = a.coordinate_transformation_mode === 'tf_crop_and_resize';
  const taps: Taps = { n: a.mode === 'nearest' ? 1 : a.mode === 'linear' ? 2 : 4, idx: [], w: [], outside: [] };
  for (let x = 0; x < ax.outLen; x++) {
    const xi = map(x, ax, outF), f = Math.floor(xi);
    const { offs, ws } = kernelTaps(a, xi - f);
    if (a.exclude_outside) {
      offs.forEach((o, k) => { if (f + o < 0 || f + o >= ax.inLen) ws[k] = 0; });
      const sum = ws.reduce((p, q) => p + q, 0);
      if (sum !== 0) ws.forEach((v, k) => { ws[k] = v / sum; });
    }
    offs.forEach((o, k) => {
      taps.idx.push(Math.min(Math.max(f + o, 0), ax.inLen - 1));
      taps.w.push(ws[k]);
    });
    taps.outside.push(crop && (xi < 0 || xi > ax.inLen - 1));
  }
  return taps;
}

/** Every output coordinate reads only its own input coordinate with total weight 1. */
function isIdentity(t: Taps, inLen: number): boolean {
  if (t.outside.length !== inLen) return false;
  for (let x = 0; x < inLen; x++) {
    let own = 0;
    for (let k = 0; k < t.n; k++) {
      const w = t.w[x * t.n + k];
      if (t.idx[x * t.n + k] === x) own += w;
      else if (w !== 0) return false;
    }
    if (own !== 1) return false;
  }
  return true;
}

const table = (name: string, type: 'i32' | 'f32' | 'u32', vals: readonly number[]) =>
  `const ${name} = array<${type}, ${vals.length}>(${vals.map((v) => lit(v, type)).join(', ')});`;

export const resize: Lowering = (ctx) => {
  const x = input(ctx, 0), out = ctx.outputs[0], shape = out.view.shape, a = ctx.node.attrs, r = shape.length;
  if (count(shape) === 0) return { body: '', invocations: 0 };
  const scales = a.scales as readonly number[], roi = a.roi as readonly number[];
  const decls: string[] = [], outside: string[] = [], loops: string[] = [], weights: string[] = [];
  const src = coordNames(r);
  let depth = 0;
  for (let d = 0; d < r; d++) {
    const t = axisTaps({ inLen: x.view.shape[d], outLen: shape[d], scale: scales[d], roi: [roi[d] ?? 0, roi[d + r] ?? 1] }, a);
    if (t.outside.some(Boolean)) {
      decls.push(table(`rs_out${d}`, 'u32', t.outside.map(Number)));
      outside.push(`rs_out${d}[c${d}] != 0u`);
    } else if (isIdentity(t, x.view.shape[d])) continue;
    decls.push(table(`rs_i${d}`, 'i32', t.idx));
    src[d] = `i${d}`;
    const pos = t.n === 1 ? `c${d}` : `c${d} * ${t.n} + k${d}`;
    if (t.n > 1) loops.push(`${'  '.repeat(depth++)}for (var k${d} = 0; k${d} < ${t.n}; k${d}++) {`);
    loops.push(`${'  '.repeat(depth)}let i${d} = rs_i${d}[${pos}];`);
    if (t.w.some((w) => w !== 1)) {
      decls.push(table(`rs_w${d}`, 'f32', t.w));
      weights.push(`rs_w${d}[${pos}]`);
    }
  }
  const body = ['// resize: sum the weighted taps of every resized axis', coords('idx', shape)];
  if (outside.length) body.push(`if (${outside.join(' || ')}) { ${out.name}[idx] = ${lit(a.extrapolation_value as number, out.elem)}; return; }`);
  if (weights.length === 0 && depth === 0) {
    body.push(...loops, `${out.name}[idx] = ${read(x, src)};`);
  } else {
    const inner = '  '.repeat(depth);
    // A zero weight skips its tap, as on the CPU (0 * inf would be NaN).
    body.push('var acc = 0.0;', ...loops, `${inner}let w = ${weights.join(' * ')};`, `${inner}if (w != 0.0) { acc += w * ${cast(read(x, src), x.elem, 'f32')}; }`);
    for (let k = depth - 1; k >= 0; k--) body.push(`${'  '.repeat(k)}}`);
    body.push(`${out.name}[idx] = ${cast('acc', 'f32', out.elem)};`);
  }
  return { decls: decls.join('\n'), body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

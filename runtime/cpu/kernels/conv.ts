// Conv and ConvTranspose on the CPU, every case viewed as 3-D (im2col.ts).
// Conv is im2col + GEMM per (batch, group); ConvTranspose is GEMM (W^T X) + col2im, the adjoint of the same map.
import { fitsFloatScratch, floatArray, type FloatArray } from '../../../ir/dtype.ts';
import { numel } from '../../../ir/shape.ts';
import type { Tensor, TensorType } from '../../../ir/tensor.ts';
import type { Attrs } from '../../../ir/op.ts';
import { poolGeometry } from '../../../ir/ops/nn-pool.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';
import { type Clamp, convSimd, type InnerPool, MAX_PACKED_A, packedWeightBytes } from '../wasm/conv-simd.ts';
import { simdGemm } from '../wasm/gemm-simd.ts';
import { gemm, gemmConfig } from './gemm.ts';
import { PANEL_ROWS } from './gemm-pack.ts';
import { col2im, geo3, type Geo3, im2col, isPointwise } from './im2col.ts';
import { inside2d, maxPool } from './pool.ts';

let scratch: FloatArray = new Float32Array(1 << 16);
/** Column matrices are built a slab of lines at a time, of at most about this many elements (4 MB); tests shrink it. */
export const convSlab = { elements: 1 << 20 };
const slabLines = (rows: number, g: Geo3) => Math.max(1, Math.floor(convSlab.elements / (rows * g.col[2])));
function colBuffer(n: number): FloatArray {
  if (!fitsFloatScratch(scratch, n)) scratch = floatArray(n);
  return scratch;
}

/** Output initialised with the per-channel bias (zeros without one). */
function withBias(out: Tensor, bias: Tensor | undefined): Tensor {
  const r = alloc(out);
  if (bias) {
    const per = numel(out.shape.slice(2)), ch = out.shape[1];
    for (let i = 0, o = 0; i < out.shape[0]; i++) for (let c = 0; c < ch; c++, o += per) r.data.fill(bias.data[c], o, o + per);
  }
  return r;
}

/** A max pool applied to a Conv's output in the same step: its attributes and output type. */
export interface PoolAfter {
  readonly attrs: Attrs;
  readonly type: TensorType;
}

/**
 * Conv with an optional output clamp and max pool after it (a Relu and a MaxPool that the interpreter's schedule
 * fused into it); returns the last one's output. The SIMD kernel applies both in its memory where it can.
 */
export function convClamped(xs: readonly (Tensor | undefined)[], a: Attrs, out: readonly TensorType[], clamp?: Clamp, pool?: PoolAfter): Tensor[] {
  const x = inp(xs, 0), w = inp(xs, 1), bias = xs[2];
  const g = geo3(x.shape.slice(2), out[0].shape.slice(2), w.shape, a);
  const group = a.group as number, [n, c] = x.shape, m = w.shape[0];
  const f32 = [x, w, bias ?? x].every((t) => t.data instanceof Float32Array);
  const fits = (group === 1 || m / group >= PANEL_ROWS) && packedWeightBytes(m / group, numel(w.shape.slice(1))) <= MAX_PACKED_A;
  const s = gemmConfig.simd && f32 && fits ? simdGemm() : null;
  const run = (simd: NonNullable<typeof s>, y: Tensor, inner?: InnerPool) => {
    const d = (t: Tensor) => t.data as Float32Array;
    return convSimd(simd, { g, n, c, m, group, x: d(x), w: d(w), bias: bias && d(bias), y: d(y), clamp, pool: inner });
  };
  const inner = s && pool ? innerPool(out[0], pool) : undefined;
  if (s && pool && inner) {
    const y = alloc(pool.type);
    if (run(s, y, inner)) return [y];
  }
  let y = s ? alloc(out[0]) : undefined;
  if (!s || !run(s, y!)) {
    y = convGemm(x, w, bias, g, group, out[0]);
    if (clamp) clampInPlace(y.data as FloatArray, clamp);
  }
  return pool ? [maxPool([y!], pool.attrs, [pool.type])[0]] : [y!];
}

/** The pool's window in the SIMD kernel's terms, when it is a 2-D one inside its input. */
function innerPool(convOut: TensorType, pool: PoolAfter): InnerPool | undefined {
  const pg = poolGeometry(convOut.shape, pool.attrs);
  if (!inside2d(pg)) return undefined;
  return { kH: pg.kernel[0], kW: pg.kernel[1], sH: pg.strides[0], sW: pg.strides[1], oH: pg.out[0], oW: pg.out[1] };
}

export const conv: CpuKernel = (xs, a, out) => convClamped(xs, a, out);

/** v > lo ? min(v, hi) : lo over the array, in place. */
function clampInPlace(d: FloatArray, { lo, hi }: Clamp): void {
  for (let i = 0; i < d.length; i++) { const v = d[i]; d[i] = v > lo ? (v < hi ? v : hi) : lo; }
}

/** Conv through im2col and gemm (any float dtype, any group count), bias included. */
function convGemm(x: Tensor, w: Tensor, bias: Tensor | undefined, g: Geo3, group: number, outType: TensorType): Tensor {
  const y = withBias(outType as Tensor, bias);
  const [n, c] = x.shape, m = w.shape[0];
  const cg = c / group, mg = m / group;
  const inSize = numel(g.img), outSize = numel(g.col), kdim = cg * numel(g.k);
  const xd = x.data as FloatArray, wd = w.data as FloatArray, yd = y.data as FloatArray;
  const lines = g.col[0] * g.col[1], oW = g.col[2];
  const step = slabLines(kdim, g), direct = isPointwise(g);
  // Whole images fit a slab: one product per group over as many images as fit, columns [image, pixel] written
  // to each image's output through column segments (the weights are packed once per product, not per image).
  const perSlab = Math.floor(convSlab.elements / (kdim * outSize));
  if (!direct && perSlab >= 2 && n > 1) {
    const nb = Math.min(n, perSlab);
    const col = colBuffer(kdim * nb * outSize);
    for (let gi = 0; gi < group; gi++) {
      const wv = { data: wd, off: gi * mg * kdim, rs: kdim, cs: 1 };
      for (let b0 = 0; b0 < n; b0 += nb) {
        const cnt = Math.min(nb, n - b0), ld = cnt * outSize;
        for (let b = b0; b < b0 + cnt; b++) im2col(g, cg, 0, lines, xd, (b * c + gi * cg) * inSize, col, ld, (b - b0) * outSize);
        gemm(mg, ld, kdim, 1, wv, { data: col, off: 0, rs: ld, cs: 1 }, yd, (b0 * m + gi * mg) * outSize, outSize, true, { len: outSize, stride: m * outSize });
      }
    }
    return y;
  }
  const col = direct ? yd : colBuffer(kdim * Math.min(lines, step) * oW);
  for (let b = 0; b < n; b++) {
    for (let gi = 0; gi < group; gi++) {
      const xOff = (b * c + gi * cg) * inSize, yOff = (b * m + gi * mg) * outSize;
      const wv = { data: wd, off: gi * mg * kdim, rs: kdim, cs: 1 };
      if (direct) {
        gemm(mg, outSize, kdim, 1, wv, { data: xd, off: xOff, rs: inSize, cs: 1 }, yd, yOff, outSize, true);
        continue;
      }
      for (let l0 = 0; l0 < lines; l0 += step) {
        const l1 = Math.min(lines, l0 + step), cols = (l1 - l0) * oW;
        im2col(g, cg, l0, l1, xd, xOff, col);
        gemm(mg, cols, kdim, 1, wv, { data: col, off: 0, rs: cols, cs: 1 }, yd, yOff + l0 * oW, outSize, true);
      }
    }
  }
  return y;
}

export const convTranspose: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), w = inp(xs, 1);
  const y = withBias(out[0] as Tensor, xs[2]);
  // The transposed conv's output is the image and its input the column grid of the matching conv.
  const g = geo3(out[0].shape.slice(2), x.shape.slice(2), w.shape, a);
  const group = a.group as number;
  const [n, c] = x.shape, m = out[0].shape[1];
  const cg = c / group, mg = m / group;
  const inSize = numel(g.col), outSize = numel(g.img), kdim = mg * numel(g.k);
  const xd = x.data as FloatArray, wd = w.data as FloatArray, yd = y.data as FloatArray;
  const lines = g.col[0] * g.col[1], iW = g.col[2];
  const step = slabLines(kdim, g), direct = isPointwise(g);
  const col = direct ? yd : colBuffer(kdim * Math.min(lines, step) * iW);
  for (let b = 0; b < n; b++) {
    for (let gi = 0; gi < group; gi++) {
      const xOff = (b * c + gi * cg) * inSize, yOff = (b * m + gi * mg) * outSize;
      // W_g^T: rows gi*cg.. of W viewed as [cg, kdim], transposed.
      const wt = { data: wd, off: gi * cg * kdim, rs: 1, cs: kdim };
      if (direct) {
        gemm(kdim, inSize, cg, 1, wt, { data: xd, off: xOff, rs: inSize, cs: 1 }, yd, yOff, outSize, true);
        continue;
      }
      for (let l0 = 0; l0 < lines; l0 += step) {
        const l1 = Math.min(lines, l0 + step), cols = (l1 - l0) * iW;
        gemm(kdim, cols, cg, 1, wt, { data: xd, off: xOff + l0 * iW, rs: inSize, cs: 1 }, col, 0, cols, false);
        col2im(g, mg, l0, l1, col, yd, yOff);
      }
    }
  }
  return [y];
};

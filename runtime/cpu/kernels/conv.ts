// Conv and ConvTranspose on the CPU: every case is viewed as 3-D (missing leading spatial dims get size 1).
// Conv is im2col + GEMM per (batch, group); ConvTranspose is GEMM (W^T X) + col2im, the adjoint of the same map.
import { fitsFloatScratch, floatArray, type FloatArray } from '../../../ir/dtype.ts';
import { convGeom } from '../../../ir/ops/contraction.ts';
import type { Attrs } from '../../../ir/op.ts';
import { numel, type Shape } from '../../../ir/shape.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';
import { gemm } from './gemm.ts';

/** Image (padded-input) dims, column (sliding-window position) dims, kernel, stride, dilation, begin pads. */
interface Geo3 {
  readonly img: number[];
  readonly col: number[];
  readonly k: number[];
  readonly s: number[];
  readonly d: number[];
  readonly p: number[];
}

const pad3 = (v: readonly number[], fill: number): number[] => [...new Array<number>(3 - v.length).fill(fill), ...v];

function geo3(img: Shape, col: Shape, w: Shape, a: Attrs): Geo3 {
  const g = convGeom(w, a, img.length);
  return { img: pad3(img, 1), col: pad3(col, 1), k: pad3(g.kernel, 1), s: pad3(g.strides, 1), d: pad3(g.dilations, 1), p: pad3(g.padsBegin, 0) };
}

/** 1x1 kernel, stride 1, no padding, image and column grids alike: the input itself is the column matrix. */
const isPointwise = (g: Geo3) =>
  g.k.every((x) => x === 1) && g.s.every((x) => x === 1) && g.p.every((x) => x === 0) && g.img.every((x, i) => x === g.col[i]);

let scratch: FloatArray = new Float32Array(1 << 16);
/** Column matrices are built a slab of lines at a time, of at most about this many elements (4 MB); tests shrink it. */
export const convSlab = { elements: 1 << 20 };
const slabLines = (rows: number, g: Geo3) => Math.max(1, Math.floor(convSlab.elements / (rows * g.col[2])));
function colBuffer(n: number): FloatArray {
  if (!fitsFloatScratch(scratch, n)) scratch = floatArray(n);
  return scratch;
}

/** Valid column range [lo, hi) along one axis for kernel offset `ko` (img index = col*s - p + ko). */
function span(cols: number, s: number, p: number, ko: number, img: number): [number, number] {
  const lo = Math.min(cols, Math.max(0, Math.ceil((p - ko) / s)));
  const hi = Math.min(cols, Math.floor((img - 1 + p - ko) / s) + 1);
  return [lo, Math.max(lo, hi)];
}

/**
 * Walks every (channel, kernel offset) row and the column lines [l0, l1) (a line = one (od, oh) pair) of a 3-D
 * sliding window, calling `run(q, base, lo, hi)` per line: columns [lo, hi) map to image offsets base + ow*sW,
 * the rest are padding. `q` is the line's offset in a column matrix of row stride `ld` (default (l1-l0)*oW)
 * whose block starts at column `q0`.
 */
function forEachRow(
  g: Geo3, channels: number, l0: number, l1: number, run: (q: number, base: number, lo: number, hi: number) => void,
  ld = (l1 - l0) * g.col[2], q0 = 0,
): void {
  const [iD, iH, iW] = g.img, [, oH, oW] = g.col, [kD, kH, kW] = g.k;
  const [sD, sH, sW] = g.s, [dD, dH, dW] = g.d, [pD, pH, pW] = g.p;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    for (let kd = 0; kd < kD; kd++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++, row++) {
          const [lo, hi] = span(oW, sW, pW, kw * dW, iW);
          let q = q0 + row * ld;
          for (let line = l0; line < l1; line++, q += oW) {
            const od = Math.floor(line / oH), oh = line - od * oH;
            const id = od * sD - pD + kd * dD, ih = oh * sH - pH + kh * dH;
            if (id < 0 || id >= iD || ih < 0 || ih >= iH) { run(q, 0, 0, 0); continue; }
            run(q, ((c * iD + id) * iH + ih) * iW - pW + kw * dW, lo, hi);
          }
        }
      }
    }
  }
}

/** im2col of a 2-D window (depth 1) as plain loops: no call per line, which costs more than a short line's copy. */
function im2col2d(g: Geo3, channels: number, l0: number, l1: number, x: FloatArray, xOff: number, col: FloatArray, ld: number, q0: number): void {
  const [, iH, iW] = g.img, oW = g.col[2], [, kH, kW] = g.k, [, sH, sW] = g.s, [, dH, dW] = g.d, [, pH, pW] = g.p;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++, row++) {
        const [lo, hi] = span(oW, sW, pW, kw * dW, iW);
        let q = q0 + row * ld;
        for (let oh = l0; oh < l1; oh++, q += oW) {
          const ih = oh * sH - pH + kh * dH;
          if (ih < 0 || ih >= iH) { for (let ow = 0; ow < oW; ow++) col[q + ow] = 0; continue; }
          const b = xOff + (c * iH + ih) * iW - pW + kw * dW;
          for (let ow = 0; ow < lo; ow++) col[q + ow] = 0;
          if (sW === 1) for (let ow = lo; ow < hi; ow++) col[q + ow] = x[b + ow];
          else for (let ow = lo; ow < hi; ow++) col[q + ow] = x[b + ow * sW];
          for (let ow = hi; ow < oW; ow++) col[q + ow] = 0;
        }
      }
    }
  }
}

/** col[(c,kd,kh,kw), (od,oh,ow)] = img[c, od*sD-pD+kd*dD, ...] or 0 in the padding (row stride ld, from column q0). */
function im2col(g: Geo3, channels: number, l0: number, l1: number, x: FloatArray, xOff: number, col: FloatArray, ld?: number, q0?: number): void {
  const oW = g.col[2], sW = g.s[2];
  if (g.img[0] === 1 && g.col[0] === 1 && g.k[0] === 1) return im2col2d(g, channels, l0, l1, x, xOff, col, ld ?? (l1 - l0) * oW, q0 ?? 0);
  forEachRow(g, channels, l0, l1, (q, base, lo, hi) => {
    for (let ow = 0; ow < lo; ow++) col[q + ow] = 0;
    const b = xOff + base;
    // Short lines copy element by element: a subarray per line costs more than the copy.
    if (hi <= lo) { /* all padding */ } else if (sW === 1 && hi - lo >= 64) col.set(x.subarray(b + lo, b + hi), q + lo);
    else if (sW === 1) for (let ow = lo; ow < hi; ow++) col[q + ow] = x[b + ow];
    else for (let ow = lo; ow < hi; ow++) col[q + ow] = x[b + ow * sW];
    for (let ow = hi; ow < oW; ow++) col[q + ow] = 0;
  }, ld, q0);
}

/** The adjoint of im2col: img[...] += col[...] over every window position. */
function col2im(g: Geo3, channels: number, l0: number, l1: number, col: FloatArray, y: FloatArray, yOff: number): void {
  const sW = g.s[2];
  forEachRow(g, channels, l0, l1, (q, base, lo, hi) => {
    const b = yOff + base;
    for (let ow = lo; ow < hi; ow++) y[b + ow * sW] += col[q + ow];
  });
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

export const conv: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), w = inp(xs, 1);
  const y = withBias(out[0] as Tensor, xs[2]);
  const g = geo3(x.shape.slice(2), out[0].shape.slice(2), w.shape, a);
  const group = a.group as number;
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
    return [y];
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
  return [y];
};

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

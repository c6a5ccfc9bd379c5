// The sliding-window view of Conv and ConvTranspose, every case seen as 3-D (missing leading spatial dims get
// size 1): im2col writes the column matrix [(channel, kernel offset), (od, oh, ow)] of an image, col2im adds one back.
import type { FloatArray } from '../../../ir/dtype.ts';
import { convGeom } from '../../../ir/ops/contraction.ts';
import type { Attrs } from '../../../ir/op.ts';
import type { Shape } from '../../../ir/shape.ts';

/** Image (padded-input) dims, column (sliding-window position) dims, kernel, stride, dilation, begin pads. */
export interface Geo3 {
  readonly img: number[];
  readonly col: number[];
  readonly k: number[];
  readonly s: number[];
  readonly d: number[];
  readonly p: number[];
}

const pad3 = (v: readonly number[], fill: number): number[] => [...new Array<number>(3 - v.length).fill(fill), ...v];

export function geo3(img: Shape, col: Shape, w: Shape, a: Attrs): Geo3 {
  const g = convGeom(w, a, img.length);
  return { img: pad3(img, 1), col: pad3(col, 1), k: pad3(g.kernel, 1), s: pad3(g.strides, 1), d: pad3(g.dilations, 1), p: pad3(g.padsBegin, 0) };
}

/** 1x1 kernel, stride 1, no padding, image and column grids alike: the input itself is the column matrix. */
export const isPointwise = (g: Geo3) =>
  g.k.every((x) => x === 1) && g.s.every((x) => x === 1) && g.p.every((x) => x === 0) && g.img.every((x, i) => x === g.col[i]);

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
export function im2col(g: Geo3, channels: number, l0: number, l1: number, x: FloatArray, xOff: number, col: FloatArray, ld?: number, q0?: number): void {
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
export function col2im(g: Geo3, channels: number, l0: number, l1: number, col: FloatArray, y: FloatArray, yOff: number): void {
  const sW = g.s[2];
  forEachRow(g, channels, l0, l1, (q, base, lo, hi) => {
    const b = yOff + base;
    for (let ow = lo; ow < hi; ow++) y[b + ow * sW] += col[q + ow];
  });
}

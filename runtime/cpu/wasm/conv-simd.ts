// Float32 Conv on the WebAssembly SIMD micro-kernel, the bias and an optional clamp (a Relu fused by the
// interpreter's schedule) added in the kernel's store. Two ways to B, both inside the kernel's memory:
// - implicit (stride 1, depth 1): each image is copied once into a zero-padded plane per channel; output column
//   j = oh * Wp + ow over the padded width Wp, so row (c, kh, kw) of the column matrix is the plane itself read
//   from offset c*Hp*Wp + kh*dH*Wp + kw*dW, and the kernel takes those row offsets from a table. The Wp - oW
//   columns per line that wrap past the right edge are computed and dropped; no column matrix is written.
//   A max pool after the conv (2-D, windows inside) can run on the tile too, so only the pooled output leaves.
// - im2col (any other window): per chunk of output columns (whole images side by side, or lines of one large
//   image) im2col writes the rows of B straight into the memory at the row-major kernel's stride, and the tile's
//   rows are copied out to the NCHW output as they are.
// Either way the group's weights are packed once as A, the whole k extent is one block (no partial sums to merge),
// and the memory grows to fit the layout. Accumulation is float32, as in the SIMD GEMM.
import { PANEL_ROWS, packPanelsA } from '../kernels/gemm-pack.ts';
import { type Geo3, im2col } from '../kernels/im2col.ts';
import { ensureBytes, NR, ROW_PAD, type Simd } from './gemm-simd.ts';

/** An output clamp: v > lo ? min(v, hi) : lo (a Relu is [0, Infinity], NaN becoming 0 as Relu's loop does). */
export interface Clamp {
  readonly lo: number;
  readonly hi: number;
}

/** A chunk's column matrix, and its output tile, stay under about this many floats (1 MB, cache-resident); tests shrink it. */
export const convChunk = { floats: 1 << 18 };

/** Tests and benchmarks turn the implicit path off to run (and time) the im2col one. */
export const convOptions = { implicit: true };

/** Weights packed larger than this (bytes) take the general GEMM path instead of growing the memory further. */
export const MAX_PACKED_A = 32 << 20;

export interface ConvOperands {
  readonly g: Geo3;
  /** Batch, input channels, output channels, groups. */
  readonly n: number;
  readonly c: number;
  readonly m: number;
  readonly group: number;
  readonly x: Float32Array;
  readonly w: Float32Array;
  readonly bias?: Float32Array;
  readonly y: Float32Array;
  readonly clamp?: Clamp;
  /** A 2-D max pool of the (clamped) output, windows inside it: y then holds the pooled output instead. */
  readonly pool?: InnerPool;
}

/** Window, stride and output size of a max pool (2-D, every window inside its input). */
export interface InnerPool {
  readonly kH: number;
  readonly kW: number;
  readonly sH: number;
  readonly sW: number;
  readonly oH: number;
  readonly oW: number;
}

const align = (bytes: number) => Math.ceil(bytes / 64) * 64;
const prod = (v: readonly number[]) => v[0] * v[1] * v[2];

/** Bytes the packed weights of one group take (callers check MAX_PACKED_A). */
export const packedWeightBytes = (mg: number, kdim: number) => Math.ceil(mg / PANEL_ROWS) * PANEL_ROWS * kdim * 4;

/**
 * y = clamp(conv(x, w) + bias) (then pooled), every operand float32. False, with nothing done, where a pool is
 * asked for and cannot be applied here (only the implicit path pools, and only whole images in one chunk), or
 * the memory cannot grow to the layout.
 */
export function convSimd(s: Simd, o: ConvOperands): boolean {
  const { g } = o;
  const flat = g.img[0] === 1 && g.col[0] === 1 && g.k[0] === 1 && g.s.every((x) => x === 1);
  // The wrapped columns cost (Wp - oW) / oW of the product: worth it against building a column matrix while small.
  const implicit = convOptions.implicit && flat && g.col[2] + (g.k[2] - 1) * g.d[2] <= 2 * g.col[2];
  if (o.pool && !(implicit && implicitLines(o) >= g.col[1])) return false;
  return implicit ? convImplicit(s, o) : convIm2col(s, o);
}

/** Output lines per product of the implicit path: the tile [mg, lines * Wp] within the chunk budget. */
function implicitLines(o: ConvOperands): number {
  const g = o.g, mp = Math.ceil(o.m / o.group / PANEL_ROWS), Wp = g.col[2] + (g.k[2] - 1) * g.d[2];
  return Math.max(1, Math.min(g.col[1], Math.floor(convChunk.floats / (mp * PANEL_ROWS * Wp))));
}

/** The bias of group gi (zero-padded to whole panels) and the clamp into the memory. */
function epilogue(mem: Float32Array, o: ConvOperands, gi: number, rows: number, biasAt: number, clampAt: number): void {
  const mg = o.m / o.group;
  for (let r = 0; r < rows; r++) mem[(biasAt >> 2) + r] = o.bias && r < mg ? o.bias[gi * mg + r] : 0;
  if (o.clamp) { mem[clampAt >> 2] = o.clamp.lo; mem[(clampAt >> 2) + 1] = o.clamp.hi; }
}

function convImplicit(s: Simd, o: ConvOperands): boolean {
  const { g, n, c, m, group, x, w, y } = o;
  const cg = c / group, mg = m / group, mp = Math.ceil(mg / PANEL_ROWS);
  const [, iH, iW] = g.img, [, oH, oW] = g.col, [, kH, kW] = g.k, [, dH, dW] = g.d, [, pH, pW] = g.p;
  const Hp = oH + (kH - 1) * dH, Wp = oW + (kW - 1) * dW, plane = Hp * Wp;
  const kdim = cg * kH * kW, inSize = iH * iW, outSize = oH * oW;
  const linesPer = implicitLines(o), pool = o.pool;
  const tw = Math.ceil((linesPer * Wp) / NR) * NR;
  // Memory: packed weights, clamp [lo, hi], bias, the row table, the padded image (plus a tile's width of slack
  // for the wrapped columns of the last line), the tile, the chunk's output lines gathered [mg, lines * oW].
  const clampAt = align(packedWeightBytes(mg, kdim)), biasAt = clampAt + 16, tabAt = align(biasAt + mp * PANEL_ROWS * 4);
  const xAt = align(tabAt + kdim * 4), xFloats = cg * plane + tw + NR, cAt = align(xAt + xFloats * 4);
  const outAt = align(cAt + mp * PANEL_ROWS * tw * 4);
  if (!ensureBytes(s, outAt + (mg * linesPer * oW + 4) * 4)) return false; // + a vector: the 2x2 pool's spill
  const mem = s.f32, i32 = new Int32Array(s.mem.buffer), x0 = xAt >> 2, out0 = outAt >> 2;
  for (let ci = 0, q = tabAt >> 2; ci < cg; ci++) {
    for (let kh = 0; kh < kH; kh++) for (let kw = 0; kw < kW; kw++) i32[q++] = (ci * plane + kh * dH * Wp + kw * dW) * 4;
  }
  mem.fill(0, x0, x0 + xFloats);
  const kernel = o.clamp ? s.kernelTableClamp : s.kernelTableBias;
  const rowLo = Math.max(0, -pH), rowHi = Math.min(iH, Hp - pH), colHi = Math.min(iW, Wp - pW);
  for (let gi = 0; gi < group; gi++) {
    packPanelsA(mem, 0, { data: w, off: gi * mg * kdim, rs: kdim, cs: 1 }, 0, mg, 0, kdim);
    epilogue(mem, o, gi, mp * PANEL_ROWS, biasAt, clampAt);
    for (let b = 0; b < n; b++) {
      const xOff = (b * c + gi * cg) * inSize, yOff = (b * m + gi * mg) * outSize;
      const pooled = pool ? pool.oH * pool.oW : 0;
      if (pH === 0 && pW === 0 && Wp === iW && Hp === iH) mem.set(x.subarray(xOff, xOff + cg * inSize), x0);
      else {
        for (let ci = 0; ci < cg; ci++) {
          for (let ih = rowLo; ih < rowHi; ih++) {
            const src = xOff + ci * inSize + ih * iW, dst = x0 + ci * plane + (ih + pH) * Wp + pW;
            for (let iw = 0; iw < colHi; iw++) mem[dst + iw] = x[src + iw];
          }
        }
      }
      for (let l0 = 0; l0 < oH; l0 += linesPer) {
        const l1 = Math.min(oH, l0 + linesPer);
        const len = (l1 - l0) * oW;
        kernel(kdim, mp, Math.ceil(((l1 - l0) * Wp) / NR), 0, xAt + l0 * Wp * 4, cAt, tw * 4, tabAt, biasAt, clampAt);
        if (pool) { // the whole image is this chunk
          if (pool.kH === 2 && pool.kW === 2 && pool.sH === 2 && pool.sW === 2) s.maxPool2x2(mg, pool.oH, Math.ceil(pool.oW / 4), cAt, tw * 4, Wp * 4, outAt, pool.oW * 4);
          else s.maxPool(mg, pool.oH, pool.oW, pool.kH, pool.kW, pool.sH * Wp * 4, pool.sW * 4, cAt, tw * 4, Wp * 4, outAt);
          y.set(mem.subarray(out0, out0 + mg * pooled), (b * m + gi * mg) * pooled);
          continue;
        }
        s.copy2d(mg, tw * 4, len * 4, l1 - l0, Wp * 4, oW * 4, oW * 4, cAt, outAt);
        if (len === outSize) y.set(mem.subarray(out0, out0 + mg * outSize), yOff);
        else for (let r = 0; r < mg; r++) y.set(mem.subarray(out0 + r * len, out0 + (r + 1) * len), yOff + r * outSize + l0 * oW);
      }
    }
  }
  return true;
}

function convIm2col(s: Simd, o: ConvOperands): boolean {
  const { g, n, c, m, group, x, w, y } = o;
  const cg = c / group, mg = m / group;
  const inSize = prod(g.img), outSize = prod(g.col), kdim = cg * prod(g.k);
  const lines = g.col[0] * g.col[1], oW = g.col[2];
  const mp = Math.ceil(mg / PANEL_ROWS);
  const budget = convChunk.floats;
  const maxCols = Math.max(NR, Math.floor(Math.min(budget / kdim - ROW_PAD, budget / (mp * PANEL_ROWS)) / NR) * NR);
  // Whole images per chunk, or (0) chunks of lines of one image.
  const images = outSize <= maxCols ? Math.min(n, Math.floor(maxCols / outSize)) : 0;
  const linesPer = Math.max(1, Math.floor(maxCols / oW));
  const widest = images ? images * outSize : Math.min(lines, linesPer) * oW;
  const tw = Math.ceil(widest / NR) * NR, ldb = tw + ROW_PAD;
  // Memory: packed weights, the clamp's [lo, hi] and the group's bias (zero-padded to whole panels), B rows, the tile.
  const aAt = 0, clampAt = align(packedWeightBytes(mg, kdim)), biasAt = clampAt + 16;
  const bAt = align(biasAt + mp * PANEL_ROWS * 4), cAt = bAt + align(kdim * ldb * 4);
  if (!ensureBytes(s, cAt + mp * PANEL_ROWS * tw * 4)) return false;
  const mem = s.f32, b0f = bAt >> 2, c0f = cAt >> 2;
  const kernel = o.clamp ? s.kernelRowsClamp : s.kernelRowsBias;
  const product = (cols: number) => kernel(kdim, mp, Math.ceil(cols / NR), aAt, bAt, cAt, tw * 4, ldb * 4, biasAt, clampAt);
  for (let gi = 0; gi < group; gi++) {
    packPanelsA(mem, aAt >> 2, { data: w, off: gi * mg * kdim, rs: kdim, cs: 1 }, 0, mg, 0, kdim);
    epilogue(mem, o, gi, mp * PANEL_ROWS, biasAt, clampAt);
    const store = (to: number, yo: number, len: number) => copyOut(mem, to, tw, y, yo, outSize, mg, len);
    if (images) {
      for (let b0 = 0; b0 < n; b0 += images) {
        const cnt = Math.min(images, n - b0);
        for (let b = 0; b < cnt; b++) im2col(g, cg, 0, lines, x, ((b0 + b) * c + gi * cg) * inSize, mem, ldb, b0f + b * outSize);
        product(cnt * outSize);
        for (let b = 0; b < cnt; b++) store(c0f + b * outSize, ((b0 + b) * m + gi * mg) * outSize, outSize);
      }
      continue;
    }
    for (let b = 0; b < n; b++) {
      const xOff = (b * c + gi * cg) * inSize, yOff = (b * m + gi * mg) * outSize;
      for (let l0 = 0; l0 < lines; l0 += linesPer) {
        const l1 = Math.min(lines, l0 + linesPer);
        im2col(g, cg, l0, l1, x, xOff, mem, ldb, b0f);
        product((l1 - l0) * oW);
        store(c0f, yOff + l0 * oW, (l1 - l0) * oW);
      }
    }
  }
  return true;
}

/** rows x len of the tile (row stride tw) into y (row stride ldy). */
function copyOut(t: Float32Array, to: number, tw: number, y: Float32Array, yo: number, ldy: number, rows: number, len: number): void {
  for (let r = 0; r < rows; r++, to += tw, yo += ldy) {
    if (len >= 64) y.set(t.subarray(to, to + len), yo);
    else for (let j = 0; j < len; j++) y[yo + j] = t[to + j];
  }
}

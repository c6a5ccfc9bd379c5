// The blocked GEMM core shared by MatMul, Gemm, Conv (im2col) and ConvTranspose (col2im): A and B panels are
// packed into contiguous scratch (KC x NC of B, MC x KC of A), and a 4x4 register-blocked micro-kernel runs the k loop.
// Float32 operands take the WebAssembly SIMD kernels (wasm/gemm-simd.ts) where they exist; this JS kernel (float64
// accumulation) serves float64 interpretation, engines without wasm SIMD, and products too small to pay the call;
// under 4 rows against a row-major B^T it takes plain dot products instead (no packing of B for one row).
import { fitsFloatScratch, floatArray, type FloatArray } from '../../../ir/dtype.ts';
import { gemmSimd, simdGemm } from '../wasm/gemm-simd.ts';
import { PANEL_ROWS, packPanelsA } from './gemm-pack.ts';

/** A strided float32 matrix view: element (i, j) is data[off + i * rs + j * cs]. */
export interface MatView {
  readonly data: FloatArray;
  readonly off: number;
  readonly rs: number;
  readonly cs: number;
}

const MR = PANEL_ROWS, NR = 4;
const KC = 256, MC = 96, NC = 1024;

// Scratch panels, grown on demand and reused across calls (the interpreter is single-threaded).
let packA: FloatArray = new Float32Array(MC * KC);
let packB: FloatArray = new Float32Array(KC * NC);
const edge = new Float64Array(MR * NR);

/** Which kernels gemm may use; tests and benchmarks turn the SIMD one off to compare. */
export const gemmConfig = { simd: true };

/** Products of fewer multiply-adds than this stay in JS (the wasm call and the tile copy cost more). */
const SIMD_MIN_MACS = 2048;

/**
 * Columns of C in segments: column j is at (j / len) * stride + j % len, so one product can write several
 * images' outputs (a batched convolution: [M, batch * pixels] into [batch, M, pixels]).
 */
export interface ColumnSegments {
  readonly len: number;
  readonly stride: number;
}

/**
 * C[cOff + i*ldc + j] = alpha * sum_k A(i,k) B(k,j) (+ C when `accumulate`), for i < m, j < n; with `seg`,
 * column j of C lies at segment offset (j / seg.len) * seg.stride + j % seg.len instead.
 */
export function gemm(
  m: number, n: number, k: number, alpha: number,
  a: MatView, b: MatView, c: FloatArray, cOff: number, ldc: number, accumulate: boolean, seg?: ColumnSegments,
): void {
  if (m === 0 || n === 0) return;
  if (gemmConfig.simd && k > 0 && m * n * k >= SIMD_MIN_MACS && c instanceof Float32Array && a.data instanceof Float32Array && b.data instanceof Float32Array) {
    const s = simdGemm();
    if (s) return gemmSimd(s, m, n, k, alpha, a, b, c, cOff, ldc, accumulate, seg);
  }
  // A few rows against B^T stored row-major (a Linear layer at batch 1): dot products of contiguous rows, no packing.
  if (m < 4 && a.cs === 1 && b.rs === 1 && k >= 16) return rowDots(m, n, k, alpha, a, b, c, cOff, ldc, accumulate, seg);
  if (!seg || seg.len >= n) return gemmJs(m, n, k, alpha, a, b, c, cOff, ldc, accumulate);
  for (let j = 0, t = 0; j < n; j += seg.len, t++) {
    gemmJs(m, Math.min(seg.len, n - j), k, alpha, a, { ...b, off: b.off + j * b.cs }, c, cOff + t * seg.stride, ldc, accumulate);
  }
}

/** C(i, j) = alpha * dot(A row i, B column j) (+ C) where both are contiguous in k; four columns at a time. */
function rowDots(
  m: number, n: number, k: number, alpha: number,
  a: MatView, b: MatView, c: FloatArray, cOff: number, ldc: number, accumulate: boolean, seg?: ColumnSegments,
): void {
  const ad = a.data, bd = b.data, cs = b.cs;
  const at = (j: number) => (seg ? Math.floor(j / seg.len) * seg.stride + (j % seg.len) : j);
  for (let i = 0; i < m; i++) {
    const ao = a.off + i * a.rs, co = cOff + i * ldc;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = b.off + j * cs, b1 = b0 + cs, b2 = b1 + cs, b3 = b2 + cs;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = ad[ao + p];
        s0 += x * bd[b0 + p]; s1 += x * bd[b1 + p]; s2 += x * bd[b2 + p]; s3 += x * bd[b3 + p];
      }
      const o0 = co + at(j), o1 = co + at(j + 1), o2 = co + at(j + 2), o3 = co + at(j + 3);
      c[o0] = (accumulate ? c[o0] : 0) + alpha * s0; c[o1] = (accumulate ? c[o1] : 0) + alpha * s1;
      c[o2] = (accumulate ? c[o2] : 0) + alpha * s2; c[o3] = (accumulate ? c[o3] : 0) + alpha * s3;
    }
    for (; j < n; j++) {
      const bo = b.off + j * cs;
      let s0 = 0;
      for (let p = 0; p < k; p++) s0 += ad[ao + p] * bd[bo + p];
      const o = co + at(j);
      c[o] = (accumulate ? c[o] : 0) + alpha * s0;
    }
  }
}

/** The pure-JS kernel (float64 accumulation), whatever the operands. */
export function gemmJs(
  m: number, n: number, k: number, alpha: number,
  a: MatView, b: MatView, c: FloatArray, cOff: number, ldc: number, accumulate: boolean,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOff + i * ldc, cOff + i * ldc + n);
    return;
  }
  if (m === 1 && b.cs === 1) return rowsTimesB(m, n, k, alpha, a, b, c, cOff, ldc, accumulate);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanelsB(b, pc, kc, jc, nc);
      const add = accumulate || pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packScratchA(a, ic, mc, pc, kc);
        for (let j0 = 0; j0 < nc; j0 += NR) {
          const w = Math.min(NR, nc - j0);
          for (let i0 = 0; i0 < mc; i0 += MR) {
            const h = Math.min(MR, mc - i0);
            micro(kc, packA, i0 * kc, packB, j0 * kc, c, cOff + (ic + i0) * ldc + jc + j0, ldc, h, w, alpha, add);
          }
        }
      }
    }
  }
}

let rowAcc = new Float64Array(1024);

/** A single row of A (vector-matrix product): packing would cost as much as the product, so stream B row by row. */
function rowsTimesB(
  m: number, n: number, k: number, alpha: number,
  a: MatView, b: MatView, c: FloatArray, cOff: number, ldc: number, accumulate: boolean,
): void {
  if (rowAcc.length < n) rowAcc = new Float64Array(n);
  const acc = rowAcc, bd = b.data, ad = a.data;
  for (let i = 0; i < m; i++) {
    acc.fill(0, 0, n);
    for (let p = 0; p < k; p++) {
      const x = ad[a.off + i * a.rs + p * a.cs];
      const o = b.off + p * b.rs;
      for (let j = 0; j < n; j++) acc[j] += x * bd[o + j];
    }
    const co = cOff + i * ldc;
    if (accumulate) for (let j = 0; j < n; j++) c[co + j] += alpha * acc[j];
    else for (let j = 0; j < n; j++) c[co + j] = alpha * acc[j];
  }
}

/** B rows [p0, p0+kc), cols [j0, j0+nc) into NR-wide panels, k-major inside a panel, zero-padded. */
function packPanelsB(b: MatView, p0: number, kc: number, j0: number, nc: number): void {
  const need = kc * Math.ceil(nc / NR) * NR;
  if (!fitsFloatScratch(packB, need)) packB = floatArray(need);
  const dst = packB, src = b.data, rs = b.rs, cs = b.cs;
  let q = 0;
  for (let jp = 0; jp < nc; jp += NR) {
    const w = Math.min(NR, nc - jp);
    let o = b.off + p0 * rs + (j0 + jp) * cs;
    if (w === NR) {
      for (let p = 0; p < kc; p++, o += rs, q += 4) {
        dst[q] = src[o]; dst[q + 1] = src[o + cs]; dst[q + 2] = src[o + 2 * cs]; dst[q + 3] = src[o + 3 * cs];
      }
    } else {
      for (let p = 0; p < kc; p++, o += rs) for (let c = 0; c < NR; c++) dst[q++] = c < w ? src[o + c * cs] : 0;
    }
  }
}

/** A rows [i0, i0+mc), cols [p0, p0+kc) into the scratch panels (gemm-pack.ts). */
function packScratchA(a: MatView, i0: number, mc: number, p0: number, kc: number): void {
  const need = kc * Math.ceil(mc / MR) * MR;
  if (!fitsFloatScratch(packA, need)) packA = floatArray(need);
  packPanelsA(packA, 0, a, i0, mc, p0, kc);
}

/** One MR x NR tile of C over kc steps; accumulates in float64 registers, writes the valid h x w part. */
function micro(
  kc: number, ap: FloatArray, ai: number, bp: FloatArray, bi: number,
  c: FloatArray, co: number, ldc: number, h: number, w: number, alpha: number, add: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++, ai += 4, bi += 4) {
    const a0 = ap[ai], a1 = ap[ai + 1], a2 = ap[ai + 2], a3 = ap[ai + 3];
    const b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (h === MR && w === NR) {
    const o0 = co, o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
    if (add) {
      c[o0] += alpha * c00; c[o0 + 1] += alpha * c01; c[o0 + 2] += alpha * c02; c[o0 + 3] += alpha * c03;
      c[o1] += alpha * c10; c[o1 + 1] += alpha * c11; c[o1 + 2] += alpha * c12; c[o1 + 3] += alpha * c13;
      c[o2] += alpha * c20; c[o2 + 1] += alpha * c21; c[o2 + 2] += alpha * c22; c[o2 + 3] += alpha * c23;
      c[o3] += alpha * c30; c[o3 + 1] += alpha * c31; c[o3 + 2] += alpha * c32; c[o3 + 3] += alpha * c33;
    } else {
      c[o0] = alpha * c00; c[o0 + 1] = alpha * c01; c[o0 + 2] = alpha * c02; c[o0 + 3] = alpha * c03;
      c[o1] = alpha * c10; c[o1 + 1] = alpha * c11; c[o1 + 2] = alpha * c12; c[o1 + 3] = alpha * c13;
      c[o2] = alpha * c20; c[o2 + 1] = alpha * c21; c[o2 + 2] = alpha * c22; c[o2 + 3] = alpha * c23;
      c[o3] = alpha * c30; c[o3 + 1] = alpha * c31; c[o3 + 2] = alpha * c32; c[o3 + 3] = alpha * c33;
    }
    return;
  }
  const t = edge;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23; t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let r = 0; r < h; r++) {
    for (let j = 0; j < w; j++) {
      const o = co + r * ldc + j;
      c[o] = (add ? c[o] : 0) + alpha * t[r * NR + j];
    }
  }
}

/** Reference-quality fallback for non-float dtypes: C = alpha * A B (+ C), float64 accumulation. */
export function gemmAny(
  m: number, n: number, k: number, alpha: number,
  a: { data: ArrayLike<number>; off: number; rs: number; cs: number },
  b: { data: ArrayLike<number>; off: number; rs: number; cs: number },
  c: { [i: number]: number }, cOff: number, ldc: number, accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[a.off + i * a.rs + p * a.cs] * b.data[b.off + p * b.rs + j * b.cs];
      const o = cOff + i * ldc + j;
      c[o] = (accumulate ? c[o] : 0) + alpha * s;
    }
  }
}

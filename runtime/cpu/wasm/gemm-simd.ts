// The float32 GEMM on WebAssembly SIMD, in one WebAssembly.Memory (the GEMM's blocks fit its initial size; the
// convolution, conv-simd.ts, grows it to its own layout):
// - panels: per KC-deep block, JS packs A into 4-row k-major panels and copies row-major B as it is (a memcpy per
//   row; other layouts are packed into 8-column panels); the 4x8 micro-kernel (eight f32x4 accumulators; per k
//   step two B vector loads, four A splat loads, eight mul+add) writes an MC x NC tile, which JS merges into C
//   with alpha, accumulation and column segments.
// - dot: where A's rows and B's columns are both contiguous in k (B^T row-major: a Linear layer's weight), rows
//   are copied as they are and a dot kernel (four B rows a pass, lane sums at the end) fills the tile.
// - kernels with an epilogue (bias, clamp) and rows read through a table of offsets, and the tile operations of
//   tile-ops.ts, serve the convolution.
// Accumulation is float32 (within a KC block for panels), as in other f32 GEMMs. Unavailable (null) where
// WebAssembly or its SIMD is missing (WebAssembly.validate on the module) or compiling is refused.
import type { ColumnSegments, MatView } from '../kernels/gemm.ts';
import { PANEL_ROWS, packPanelsA } from '../kernels/gemm-pack.ts';
import { buildModule, emitter, I32, op, V128 } from './module.ts';
import { copy2dBody, maxPool2x2Body, maxPoolBody } from './tile-ops.ts';

export const MR = PANEL_ROWS, NR = 8;
export const KC = 256, MC = 128, NC = 1024;

/** Row-major B is held with rows this much longer than the tile, so that a panel's rows do not share cache sets. */
export const ROW_PAD = 16;
const A_BYTES = MC * KC * 4, B_BYTES = KC * (NC + ROW_PAD) * 4, C_BYTES = MC * NC * 4;
const A_AT = 0, B_AT = A_BYTES, C_AT = A_BYTES + B_BYTES;
const PAGES = Math.ceil((A_BYTES + B_BYTES + C_BYTES) / 65536);

/** What a kernel does to a tile row's accumulators before storing them: nothing, add a per-row bias, or add and clamp. */
export type Epilogue = 'none' | 'bias' | 'clamp';

/**
 * Where a kernel finds row p of B: NR-wide k-major panels, plain rows of stride ldb, or rows at byte offsets read
 * from a table of i32 (tab[p]; an implicit convolution's rows are windows into one image at shifted offsets).
 */
export type BLayout = 'panels' | 'rows' | 'table';

/**
 * kernel(kc, mPanels, nPanels, aAt, bAt, cAt, ldcBytes[, ldbBytes | tabAt][, biasAt, clampAt]): tile[i, j] =
 * sum_p A[i, p] B[p, j] over the panels, panel jp of B at column jp*NR. With an epilogue, tile row i gets + bias[i]
 * (floats at biasAt), then with 'clamp' is clamped to [lo, hi] (two floats at clampAt) as pmin(hi, pmax(lo, v)):
 * v > lo ? min(v, hi) : lo, NaN becoming lo.
 */
function kernelBody(layout: BLayout, epi: Epilogue = 'none'): { params: number[]; locals: number[]; body: number[] } {
  const [kc, mp, np, ap, bp, cp, ldc, ldb] = [0, 1, 2, 3, 4, 5, 6, 7], tabAt = ldb;
  const nParams = (layout === 'panels' ? 7 : 8) + (epi === 'none' ? 0 : 2), biasAt = nParams - 2, clampAt = nParams - 1;
  const base = nParams;
  const [jp, ip, p, a, b, c, bj, e, t] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((x) => x + base);
  const acc = [9, 10, 11, 12, 13, 14, 15, 16].map((x) => x + base), vb0 = base + 17, vb1 = base + 18, va = base + 19;
  const vlo = base + 20, vhi = base + 21;
  const { body, emit } = emitter();
  if (epi === 'clamp') emit(op.get(clampAt), op.load32Splat(0), op.set(vlo), op.get(clampAt), op.load32Splat(4), op.set(vhi));
  emit(op.i32(0), op.set(jp));
  emit(op.block, op.loop); // over B panels
  emit(op.get(jp), op.get(np), op.geU, op.brIf(1));
  if (layout !== 'panels') emit(op.get(bp), op.get(jp), op.i32(5), op.shl, op.add, op.set(bj)); // bp + jp*32
  else emit(op.get(bp), op.get(jp), op.get(kc), op.mul, op.i32(5), op.shl, op.add, op.set(bj)); // bp + jp*kc*32
  emit(op.i32(0), op.set(ip));
  emit(op.block, op.loop); // over A panels
  emit(op.get(ip), op.get(mp), op.geU, op.brIf(1));
  emit(op.get(ap), op.get(ip), op.get(kc), op.mul, op.i32(4), op.shl, op.add, op.set(a)); // ap + ip*kc*16
  emit(op.get(bj), op.set(b));
  if (layout === 'table') emit(op.get(tabAt), op.set(t));
  for (const r of acc) emit(op.v128Zero, op.set(r));
  emit(op.get(kc), op.set(p));
  emit(op.loop); // over k
  if (layout === 'table') emit(op.get(bj), op.get(t), op.i32Load(0), op.add, op.set(b), op.get(t), op.i32(4), op.add, op.set(t));
  emit(op.get(b), op.v128Load(0), op.set(vb0), op.get(b), op.v128Load(16), op.set(vb1));
  for (let r = 0; r < MR; r++) {
    emit(op.get(a), op.load32Splat(4 * r), op.set(va));
    emit(op.get(acc[2 * r]), op.get(va), op.get(vb0), op.f32x4Mul, op.f32x4Add, op.set(acc[2 * r]));
    emit(op.get(acc[2 * r + 1]), op.get(va), op.get(vb1), op.f32x4Mul, op.f32x4Add, op.set(acc[2 * r + 1]));
  }
  emit(op.get(a), op.i32(16), op.add, op.set(a));
  if (layout !== 'table') emit(op.get(b), layout === 'rows' ? op.get(ldb) : op.i32(32), op.add, op.set(b));
  emit(op.get(p), op.i32(1), op.sub, op.tee(p), op.brIf(0));
  emit(op.end);
  // c = cp + ip*4*ldc + jp*32; four rows of two vectors
  emit(op.get(cp), op.get(ip), op.i32(2), op.shl, op.get(ldc), op.mul, op.add, op.get(jp), op.i32(5), op.shl, op.add, op.set(c));
  if (epi !== 'none') emit(op.get(biasAt), op.get(ip), op.i32(4), op.shl, op.add, op.set(e)); // biasAt + ip*16
  for (let r = 0; r < MR && epi !== 'none'; r++) {
    emit(op.get(e), op.load32Splat(4 * r), op.set(va));
    for (const x of [acc[2 * r], acc[2 * r + 1]]) {
      emit(op.get(x), op.get(va), op.f32x4Add, op.set(x));
      if (epi === 'clamp') emit(op.get(vhi), op.get(vlo), op.get(x), op.f32x4Pmax, op.f32x4Pmin, op.set(x));
    }
  }
  for (let r = 0; r < MR; r++) {
    emit(op.get(c), op.get(acc[2 * r]), op.v128Store(0), op.get(c), op.get(acc[2 * r + 1]), op.v128Store(16));
    if (r < MR - 1) emit(op.get(c), op.get(ldc), op.add, op.set(c));
  }
  emit(op.get(ip), op.i32(1), op.add, op.set(ip), op.br(0));
  emit(op.end, op.end);
  emit(op.get(jp), op.i32(1), op.add, op.set(jp), op.br(0));
  emit(op.end, op.end);
  return { params: new Array<number>(base).fill(I32), locals: [...new Array<number>(9).fill(I32), ...new Array<number>(13).fill(V128)], body };
}

/**
 * dot(k4, m, n, aAt, lda, bAt, ldb, cAt, ldc) (strides in bytes): tile[i, j] = dot(A row i, B row j) for i < m,
 * j < n (m even, n a multiple of 4), rows zero-padded to k4 vectors; two A rows by four B rows per pass, one
 * f32x4 accumulator each, summed across lanes at the end.
 */
function dotBody(): { params: number[]; locals: number[]; body: number[] } {
  const [k4, m, n, ap, lda, bp, ldb, cp, ldc] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [i, j, p, pc, arow] = [9, 10, 11, 12, 13], pa = [14, 15], pb = [16, 17, 18, 19];
  const acc = [20, 21, 22, 23, 24, 25, 26, 27], va = [28, 29], vb = 30; // acc[4*row + col]
  const { body, emit } = emitter();
  emit(op.i32(0), op.set(i), op.block, op.loop); // over pairs of A rows (m is even)
  emit(op.get(i), op.get(m), op.geU, op.brIf(1));
  emit(op.get(ap), op.get(i), op.get(lda), op.mul, op.add, op.set(arow));
  emit(op.i32(0), op.set(j), op.block, op.loop); // over quads of B rows
  emit(op.get(j), op.get(n), op.geU, op.brIf(1));
  emit(op.get(arow), op.set(pa[0]), op.get(arow), op.get(lda), op.add, op.set(pa[1]));
  emit(op.get(bp), op.get(j), op.get(ldb), op.mul, op.add, op.set(pb[0]));
  for (let r = 1; r < 4; r++) emit(op.get(pb[r - 1]), op.get(ldb), op.add, op.set(pb[r]));
  for (const x of acc) emit(op.v128Zero, op.set(x));
  emit(op.get(k4), op.set(p), op.loop);
  emit(op.get(pa[0]), op.v128Load(0), op.set(va[0]), op.get(pa[1]), op.v128Load(0), op.set(va[1]));
  for (let c = 0; c < 4; c++) {
    emit(op.get(pb[c]), op.v128Load(0), op.set(vb));
    for (let r = 0; r < 2; r++) emit(op.get(acc[4 * r + c]), op.get(va[r]), op.get(vb), op.f32x4Mul, op.f32x4Add, op.set(acc[4 * r + c]));
  }
  for (const x of [...pa, ...pb]) emit(op.get(x), op.i32(16), op.add, op.set(x));
  emit(op.get(p), op.i32(1), op.sub, op.tee(p), op.brIf(0), op.end);
  emit(op.get(cp), op.get(i), op.get(ldc), op.mul, op.add, op.get(j), op.i32(2), op.shl, op.add, op.set(pc));
  for (let r = 0; r < 2; r++) {
    if (r === 1) emit(op.get(pc), op.get(ldc), op.add, op.set(pc));
    for (let c = 0; c < 4; c++) {
      const x = acc[4 * r + c];
      emit(op.get(pc), op.get(x), op.f32x4Extract(0), op.get(x), op.f32x4Extract(1), op.f32Add);
      emit(op.get(x), op.f32x4Extract(2), op.f32Add, op.get(x), op.f32x4Extract(3), op.f32Add, op.f32Store(4 * c));
    }
  }
  emit(op.get(j), op.i32(4), op.add, op.set(j), op.br(0), op.end, op.end);
  emit(op.get(i), op.i32(2), op.add, op.set(i), op.br(0), op.end, op.end);
  return { params: new Array<number>(9).fill(I32), locals: [...new Array<number>(11).fill(I32), ...new Array<number>(11).fill(V128)], body };
}

/** The module's bytes (exported for tests). */
export const gemmModuleBytes = (): Uint8Array<ArrayBuffer> =>
  buildModule([
    { name: 'kernel', ...kernelBody('panels') }, { name: 'kernelRows', ...kernelBody('rows') }, { name: 'dot', ...dotBody() },
    { name: 'kernelRowsBias', ...kernelBody('rows', 'bias') }, { name: 'kernelRowsClamp', ...kernelBody('rows', 'clamp') },
    { name: 'kernelTableBias', ...kernelBody('table', 'bias') }, { name: 'kernelTableClamp', ...kernelBody('table', 'clamp') },
    { name: 'copy2d', ...copy2dBody() }, { name: 'maxPool', ...maxPoolBody() }, { name: 'maxPool2x2', ...maxPool2x2Body() },
  ], PAGES);

/** Benchmarks turn reading row-major B in place, and the dot-product kernel, off to time the packed path. */
export const simdOptions = { rowsB: true, dot: true };

type Kernel = (kc: number, mp: number, np: number, ap: number, bp: number, cp: number, ldc: number, ldb?: number) => void;
/** kernelRows (ldb) or kernelTable (tabAt) with the epilogue's operands: bias floats at biasAt, clamp [lo, hi] at clampAt (bytes). */
type EpiKernel = (kc: number, mp: number, np: number, ap: number, bp: number, cp: number, ldc: number, ldb: number, biasAt: number, clampAt: number) => void;
type Copy2d = (outer: number, srcOuter: number, dstOuter: number, inner: number, srcInner: number, dstInner: number, len: number, src: number, dst: number) => void;
type MaxPool = (planes: number, oH: number, oW: number, kH: number, kW: number, sH: number, sW: number, src: number, srcPlane: number, srcLine: number, dst: number) => void;
type MaxPool2x2 = (planes: number, oH: number, vectors: number, src: number, srcPlane: number, srcLine: number, dst: number, dstLine: number) => void;
type Dot = (k4: number, m: number, n: number, ap: number, lda: number, bp: number, ldb: number, cp: number, ldc: number) => void;
export interface Simd {
  kernel: Kernel; kernelRows: Kernel; dot: Dot;
  kernelRowsBias: EpiKernel; kernelRowsClamp: EpiKernel; kernelTableBias: EpiKernel; kernelTableClamp: EpiKernel; copy2d: Copy2d; maxPool: MaxPool; maxPool2x2: MaxPool2x2;
  mem: WebAssembly.Memory; f32: Float32Array;
}

/**
 * Grows the memory to at least `bytes` (callers with their own layout: the convolution); the f32 view follows.
 * False where the engine refuses to grow it (the caller takes its JS path).
 */
export function ensureBytes(s: Simd, bytes: number): boolean {
  const have = s.mem.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    s.mem.grow(Math.ceil((bytes - have) / 65536));
  } catch {
    return false;
  }
  s.f32 = new Float32Array(s.mem.buffer);
  return true;
}

let simd: Simd | null | undefined;

/** The instantiated kernel, or null where WebAssembly SIMD is unavailable. */
export function simdGemm(): Simd | null {
  if (simd !== undefined) return simd;
  simd = null;
  try {
    const bytes = gemmModuleBytes();
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
    const mem = new WebAssembly.Memory({ initial: PAGES });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } });
    const ex = inst.exports;
    simd = {
      kernel: ex.kernel as Kernel, kernelRows: ex.kernelRows as Kernel, dot: ex.dot as Dot,
      kernelRowsBias: ex.kernelRowsBias as EpiKernel, kernelRowsClamp: ex.kernelRowsClamp as EpiKernel,
      kernelTableBias: ex.kernelTableBias as EpiKernel, kernelTableClamp: ex.kernelTableClamp as EpiKernel, copy2d: ex.copy2d as Copy2d, maxPool: ex.maxPool as MaxPool, maxPool2x2: ex.maxPool2x2 as MaxPool2x2,
      mem, f32: new Float32Array(mem.buffer),
    };
  } catch {
    simd = null; // compilation refused (e.g. a page policy): the JS kernel computes the same product
  }
  return simd;
}

/** C[cOff + i*ldc + j] = alpha * sum_k A(i,k) B(k,j) (+ C when `accumulate`): all of A, B, C float32. */
export function gemmSimd(
  s: Simd, m: number, n: number, k: number, alpha: number,
  a: MatView, b: MatView, c: Float32Array, cOff: number, ldc: number, accumulate: boolean, seg?: ColumnSegments,
): void {
  if (a.cs === 1 && b.rs === 1 && simdOptions.dot && gemmDot(s, m, n, k, alpha, a, b, c, cOff, ldc, accumulate, seg)) return;
  const mem = s.f32;
  const segLen = seg ? seg.len : n, segStride = seg ? seg.stride : 0;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc), np = Math.ceil(nc / NR), tw = np * NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      // Row-major B is copied row by row (a memcpy each) and read in place; other layouts are packed.
      const rows = b.cs === 1 && simdOptions.rowsB;
      const ldb = tw + ROW_PAD;
      if (rows) copyRows(mem, B_AT >> 2, ldb, b, pc, kc, jc, nc);
      else packB(mem, B_AT >> 2, b, pc, kc, jc, nc);
      const add = accumulate || pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic), mp = Math.ceil(mc / MR);
        packPanelsA(mem, A_AT >> 2, a, ic, mc, pc, kc);
        if (rows) s.kernelRows(kc, mp, np, A_AT, B_AT, C_AT, tw * 4, ldb * 4);
        else s.kernel(kc, mp, np, A_AT, B_AT, C_AT, tw * 4);
        // Merge the tile (row stride tw) into C, a run of columns per segment.
        for (let r = 0; r < mc; r++) {
          const row = cOff + (ic + r) * ldc, to = (C_AT >> 2) + r * tw;
          for (let j = jc; j < jc + nc;) {
            const t = Math.floor(j / segLen), end = Math.min(jc + nc, (t + 1) * segLen);
            merge(c, row + t * segStride + (j - t * segLen), mem, to + (j - jc), end - j, alpha, add);
            j = end;
          }
        }
      }
    }
  }
}

/**
 * A B where A's rows and B's columns are both contiguous in k (B^T stored row-major: a Linear layer's weight):
 * rows are copied as they are (zero-padded to whole vectors) and the dot kernel runs, no packing. False when
 * k is too long for a block of rows to fit the memory: the panel path takes it.
 */
function gemmDot(
  s: Simd, m: number, n: number, k: number, alpha: number,
  a: MatView, b: MatView, c: Float32Array, cOff: number, ldc: number, accumulate: boolean, seg?: ColumnSegments,
): boolean {
  const kp = Math.ceil(k / 4) * 4;
  const rowsA = Math.min(m + (m & 1), Math.floor(A_BYTES / 4 / kp / 2) * 2), rowsB = Math.min(Math.ceil(n / 4) * 4, Math.floor(B_BYTES / 4 / kp / 4) * 4);
  if (rowsA < 2 || rowsB < 4 || rowsA * rowsB > C_BYTES / 4) return false;
  const mem = s.f32, ad = a.data as Float32Array, bd = b.data as Float32Array;
  const segLen = seg ? seg.len : n, segStride = seg ? seg.stride : 0;
  for (let jb = 0; jb < n; jb += rowsB) {
    const nb = Math.min(rowsB, n - jb), nbp = Math.ceil(nb / 4) * 4;
    copyPadded(mem, B_AT >> 2, kp, bd, b.off + jb * b.cs, b.cs, nb, k, nbp);
    for (let ib = 0; ib < m; ib += rowsA) {
      const mb = Math.min(rowsA, m - ib);
      const mbp = mb + (mb & 1);
      copyPadded(mem, A_AT >> 2, kp, ad, a.off + ib * a.rs, a.rs, mb, k, mbp);
      s.dot(kp / 4, mbp, nbp, A_AT, kp * 4, B_AT, kp * 4, C_AT, nbp * 4);
      for (let r = 0; r < mb; r++) {
        const row = cOff + (ib + r) * ldc, to = (C_AT >> 2) + r * nbp;
        for (let j = jb; j < jb + nb;) {
          const t = Math.floor(j / segLen), end = Math.min(jb + nb, (t + 1) * segLen);
          merge(c, row + t * segStride + (j - t * segLen), mem, to + (j - jb), end - j, alpha, accumulate);
          j = end;
        }
      }
    }
  }
  return true;
}

/** `rows` rows of length k (source row stride ld) to dst[q..] with row stride kp, zero-padded; zero rows up to `total`. */
function copyPadded(dst: Float32Array, q: number, kp: number, src: Float32Array, off: number, ld: number, rows: number, k: number, total: number): void {
  for (let r = 0; r < total; r++, q += kp) {
    if (r < rows) {
      const o = off + r * ld;
      if (k >= 32) dst.set(src.subarray(o, o + k), q);
      else for (let p = 0; p < k; p++) dst[q + p] = src[o + p];
      for (let p = k; p < kp; p++) dst[q + p] = 0;
    } else dst.fill(0, q, q + kp);
  }
}

/** c[co..co+len) = (add ? c : 0) + alpha * t[to..to+len). */
function merge(c: Float32Array, co: number, t: Float32Array, to: number, len: number, alpha: number, add: boolean): void {
  if (alpha === 1) {
    if (add) for (let j = 0; j < len; j++) c[co + j] += t[to + j];
    else if (len >= 64) c.set(t.subarray(to, to + len), co);
    else for (let j = 0; j < len; j++) c[co + j] = t[to + j];
  } else if (add) for (let j = 0; j < len; j++) c[co + j] += alpha * t[to + j];
  else for (let j = 0; j < len; j++) c[co + j] = alpha * t[to + j];
}

/** B rows [p0, p0+kc), cols [j0, j0+nc) (unit column stride) as rows of length ld at dst[q..], zero-padded. */
function copyRows(dst: Float32Array, q: number, ld: number, b: MatView, p0: number, kc: number, j0: number, nc: number): void {
  const src = b.data as Float32Array;
  for (let p = 0, o = b.off + p0 * b.rs + j0; p < kc; p++, o += b.rs, q += ld) {
    if (nc >= 32) dst.set(src.subarray(o, o + nc), q);
    else for (let j = 0; j < nc; j++) dst[q + j] = src[o + j];
    for (let j = nc; j < ld; j++) dst[q + j] = 0;
  }
}

/** B rows [p0, p0+kc), cols [j0, j0+nc) into NR-wide k-major panels at dst[q..], zero-padded. */
function packB(dst: Float32Array, q: number, b: MatView, p0: number, kc: number, j0: number, nc: number): void {
  const src = b.data, rs = b.rs, cs = b.cs;
  for (let jp = 0; jp < nc; jp += NR) {
    const w = Math.min(NR, nc - jp);
    let o = b.off + p0 * rs + (j0 + jp) * cs;
    if (w === NR && cs === 1) {
      for (let p = 0; p < kc; p++, o += rs, q += 8) {
        dst[q] = src[o]; dst[q + 1] = src[o + 1]; dst[q + 2] = src[o + 2]; dst[q + 3] = src[o + 3];
        dst[q + 4] = src[o + 4]; dst[q + 5] = src[o + 5]; dst[q + 6] = src[o + 6]; dst[q + 7] = src[o + 7];
      }
    } else if (w === NR) {
      for (let p = 0; p < kc; p++, o += rs, q += 8) {
        for (let j = 0, x = o; j < 8; j++, x += cs) dst[q + j] = src[x];
      }
    } else {
      for (let p = 0; p < kc; p++, o += rs) for (let j = 0; j < NR; j++) dst[q++] = j < w ? src[o + j * cs] : 0;
    }
  }
}


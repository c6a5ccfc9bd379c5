// The CPU GEMM core against a float64 reference on random shapes: the WebAssembly SIMD kernel and the pure-JS
// kernel, with transposed and offset operands, edge sizes (1, odd, not a multiple of a block), alpha and
// accumulation into a strided C; and the SIMD kernel against the JS one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gemm, gemmConfig, gemmJs, type MatView } from '../../runtime/cpu/kernels/gemm.ts';
import { gemmModuleBytes, simdGemm, simdOptions } from '../../runtime/cpu/wasm/gemm-simd.ts';

interface Case { m: number; n: number; k: number; ta: boolean; tb: boolean; alpha: number; acc: boolean; seed: number }

function rand(n: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1);
}

/** Operands with a leading offset, C with a row stride wider than n; returns the float64 reference too. */
function setup({ m, n, k, ta, tb, alpha, acc, seed }: Case) {
  const offA = 3, offB = 5, offC = 2, ldc = n + 3;
  const A = rand(offA + m * k, seed), B = rand(offB + k * n, seed + 1), C0 = rand(offC + m * ldc, seed + 2);
  const a: MatView = ta ? { data: A, off: offA, rs: 1, cs: m } : { data: A, off: offA, rs: k, cs: 1 };
  const b: MatView = tb ? { data: B, off: offB, rs: 1, cs: k } : { data: B, off: offB, rs: n, cs: 1 };
  const want = Float64Array.from(C0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[a.off + i * a.rs + p * a.cs] * B[b.off + p * b.rs + j * b.cs];
      const o = offC + i * ldc + j;
      want[o] = (acc ? C0[o] : 0) + alpha * s;
    }
  }
  return { a, b, C0, want, offC, ldc, m, n, k, alpha, acc };
}

type Run = (s: ReturnType<typeof setup>, c: Float32Array) => void;
const viaGemm: Run = (s, c) => gemm(s.m, s.n, s.k, s.alpha, s.a, s.b, c, s.offC, s.ldc, s.acc);
const viaJs: Run = (s, c) => gemmJs(s.m, s.n, s.k, s.alpha, s.a, s.b, c, s.offC, s.ldc, s.acc);

/** Within float32 accumulation error of the reference, and C outside the m x n block untouched. */
function check(cs: Case, run: Run) {
  const s = setup(cs);
  const c = Float32Array.from(s.C0);
  run(s, c);
  const inBlock = (o: number) => { const r = o - s.offC; return r >= 0 && Math.floor(r / s.ldc) < s.m && r % s.ldc < s.n; };
  const tol = 1e-6 * (s.k + 1) * Math.abs(s.alpha) + 1e-6;
  for (let o = 0; o < c.length; o++) {
    if (!inBlock(o)) expect(c[o]).toBe(s.C0[o]);
    else if (Math.abs(c[o] - s.want[o]) > tol) expect.fail(`C[${o}] = ${c[o]}, want ${s.want[o]} (${JSON.stringify(cs)})`);
  }
}

const dim = fc.oneof(fc.constantFrom(1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17), fc.integer({ min: 1, max: 70 }));
const cases = fc.record({
  m: dim, n: dim, k: fc.oneof(dim, fc.constantFrom(255, 256, 257, 300)),
  ta: fc.boolean(), tb: fc.boolean(), alpha: fc.constantFrom(1, 0.5, -2), acc: fc.boolean(), seed: fc.integer({ min: 1, max: 1 << 30 }),
});

describe('GEMM core', () => {
  it('has WebAssembly SIMD on this engine (Node 20)', () => {
    expect(WebAssembly.validate(gemmModuleBytes())).toBe(true);
    expect(simdGemm()).not.toBeNull();
  });

  it('SIMD path matches a float64 reference on random shapes', () => {
    fc.assert(fc.property(cases, (c) => { check(c, viaGemm); }), { numRuns: 150 });
  });

  it('JS kernel matches a float64 reference on random shapes', () => {
    fc.assert(fc.property(cases, (c) => { check(c, viaJs); }), { numRuns: 150 });
  });

  it('gemm without SIMD (JS kernel, row dot products under 4 rows) matches a float64 reference', () => {
    gemmConfig.simd = false;
    try {
      fc.assert(fc.property(cases, (c) => { check(c, viaGemm); }), { numRuns: 150 });
    } finally {
      gemmConfig.simd = true;
    }
  });

  it('covers block edges: beyond one MC, NC and KC block', () => {
    for (const c of [
      { m: 130, n: 1030, k: 260, ta: false, tb: false, alpha: 1, acc: false, seed: 7 },
      { m: 129, n: 9, k: 513, ta: true, tb: true, alpha: 0.5, acc: true, seed: 8 },
      { m: 1, n: 1025, k: 1, ta: false, tb: true, alpha: 1, acc: true, seed: 9 },
    ]) { check(c, viaGemm); check(c, viaJs); }
  });

  it('SIMD panel path (dot kernel and in-place B off) matches a float64 reference', () => {
    simdOptions.dot = false;
    simdOptions.rowsB = false;
    try {
      fc.assert(fc.property(cases, (c) => { check(c, viaGemm); }), { numRuns: 100 });
    } finally {
      simdOptions.dot = true;
      simdOptions.rowsB = true;
    }
  });

  it('column segments: C columns split across strided blocks, SIMD and JS', () => {
    for (const simd of [true, false]) {
      gemmConfig.simd = simd;
      const m = 5, n = 3 * 7, k = 300, seg = { len: 7, stride: 100 };
      const A = new Float32Array(m * k).map((_, i) => Math.sin(i)), B = new Float32Array(k * n).map((_, i) => Math.cos(i));
      const c = new Float32Array(400).fill(1);
      gemm(m, n, k, 1, { data: A, off: 0, rs: k, cs: 1 }, { data: B, off: 0, rs: n, cs: 1 }, c, 2, 7, true, seg);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * n + j];
        const o = 2 + Math.floor(j / 7) * 100 + i * 7 + (j % 7);
        expect(Math.abs(c[o] - (1 + s))).toBeLessThan(1e-3);
      }
      expect(c[0]).toBe(1);
    }
    gemmConfig.simd = true;
  });

  it('SIMD and JS kernels agree within float32 accumulation error', () => {
    fc.assert(fc.property(cases, (cs) => {
      const s = setup(cs);
      const x = Float32Array.from(s.C0), y = Float32Array.from(s.C0);
      viaGemm(s, x);
      viaJs(s, y);
      const tol = 1e-6 * (s.k + 1) * Math.abs(s.alpha) + 1e-6;
      for (let o = 0; o < x.length; o++) if (Math.abs(x[o] - y[o]) > tol) expect.fail(`C[${o}]: simd ${x[o]}, js ${y[o]}`);
    }), { numRuns: 100 });
  });

  it('k = 0 writes zeros (or leaves C) on both paths', () => {
    for (const simd of [true, false]) {
      gemmConfig.simd = simd;
      const c = new Float32Array(6).fill(3);
      gemm(2, 3, 0, 1, { data: new Float32Array(0), off: 0, rs: 0, cs: 1 }, { data: new Float32Array(0), off: 0, rs: 3, cs: 1 }, c, 0, 3, false);
      expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
    }
    gemmConfig.simd = true;
  });
});

// The WebAssembly SIMD convolution (implicit, or a column matrix built in the kernel's memory; bias and clamp in
// the kernel's store) against the im2col + JS GEMM path (float64 accumulation) on random 1-D, 2-D and 3-D shapes: groups,
// strides, dilations, pads, with and without bias and a Relu clamp, and chunk sizes small enough to split a batch
// into chunks of images and an image into chunks of lines; with a max pool after it (applied in the kernel's memory
// where the path allows, else by the pool kernel on the conv's output).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { convClamped } from '../../runtime/cpu/kernels/conv.ts';
import { gemmConfig } from '../../runtime/cpu/kernels/gemm.ts';
import { geo3 } from '../../runtime/cpu/kernels/im2col.ts';
import { convChunk, convOptions, convSimd } from '../../runtime/cpu/wasm/conv-simd.ts';
import { simdGemm } from '../../runtime/cpu/wasm/gemm-simd.ts';

function rand(shape: number[], seed: number): Tensor {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor('f32', shape, Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1));
}

const caseArb = fc.record({
  dims: fc.integer({ min: 1, max: 3 }),
  n: fc.integer({ min: 1, max: 5 }),
  cg: fc.integer({ min: 1, max: 5 }),
  mg: fc.integer({ min: 1, max: 9 }),
  group: fc.constantFrom(1, 1, 2),
  k: fc.integer({ min: 1, max: 3 }),
  size: fc.integer({ min: 3, max: 9 }),
  stride: fc.integer({ min: 1, max: 2 }),
  dilation: fc.integer({ min: 1, max: 2 }),
  pad: fc.integer({ min: 0, max: 2 }),
  bias: fc.boolean(),
  relu: fc.boolean(),
  chunk: fc.constantFrom(1 << 18, 4096, 600, 64),
  implicit: fc.boolean(),
  pool: fc.option(fc.record({ k: fc.constantFrom(2, 2, 1, 3), s: fc.constantFrom(2, 2, 1, 3) }), { nil: undefined }),
  seed: fc.integer({ min: 1, max: 1 << 30 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function run(c: Case, simd: boolean): Tensor {
  const spatial = new Array<number>(c.dims).fill(c.size), ks = new Array<number>(c.dims).fill(c.k);
  const group = c.mg < 4 ? 1 : c.group;
  const xs = [c.n, c.cg * group, ...spatial], ws = [c.mg * group, c.cg, ...ks];
  const attrs = { group, strides: ks.map(() => c.stride), dilations: ks.map(() => c.dilation), pads: [...ks, ...ks].map(() => c.pad) };
  const g = new Graph();
  const ins = [g.addInput('x', { dtype: 'f32', shape: xs }), g.addInput('w', { dtype: 'f32', shape: ws })];
  if (c.bias) ins.push(g.addInput('b', { dtype: 'f32', shape: [ws[0]] }));
  const [y] = g.addNode('Conv', ins, attrs as never);
  const node = g.nodes[0];
  const poolAttrs = c.pool && { kernel_shape: ks.map(() => c.pool!.k), strides: ks.map(() => c.pool!.s) };
  const pool = poolAttrs && { attrs: poolAttrs as never, type: g.addNode('MaxPool', [y], poolAttrs as never)[0].type };
  const vals = [rand(xs, c.seed), rand(ws, c.seed + 1), ...(c.bias ? [rand([ws[0]], c.seed + 2)] : [])];
  const saved = convChunk.floats;
  gemmConfig.simd = simd;
  convChunk.floats = c.chunk;
  convOptions.implicit = c.implicit;
  try {
    return convClamped(vals, node.attrs, node.outputs.map((v) => v.type), c.relu ? { lo: 0, hi: Infinity } : undefined, pool)[0];
  } finally {
    gemmConfig.simd = true;
    convChunk.floats = saved;
    convOptions.implicit = true;
  }
}

describe('SIMD convolution', () => {
  it.skipIf(!simdGemm())('matches the im2col + JS GEMM path on random shapes', () => {
    fc.assert(fc.property(caseArb, (c) => {
      // A window larger than the padded input has no output: skip those shapes.
      if ((c.k - 1) * c.dilation + 1 > c.size + 2 * c.pad) return;
      const convOut = Math.floor((c.size + 2 * c.pad - (c.k - 1) * c.dilation - 1) / c.stride) + 1;
      if (c.pool && c.pool.k > convOut) return;
      const got = run(c, true), want = run(c, false);
      expect(got.shape).toEqual(want.shape);
      const kdim = c.cg * c.k ** c.dims;
      let worst = 0, negative = 0;
      for (let i = 0; i < want.data.length; i++) {
        worst = Math.max(worst, Math.abs(got.data[i] - want.data[i]));
        if (got.data[i] < 0) negative++;
      }
      expect(worst).toBeLessThanOrEqual(1e-6 * kdim + 1e-6);
      if (c.relu) expect(negative).toBe(0);
    }), { numRuns: 200 });
  });

  it.skipIf(!simdGemm())('a clamp turns NaN into its low bound, as an unfused Relu does', () => {
    const c: Case = { dims: 2, n: 2, cg: 2, mg: 5, group: 1, k: 3, size: 6, stride: 1, dilation: 1, pad: 1, bias: true, relu: true, chunk: 1 << 18, implicit: true, pool: undefined, seed: 7 };
    const g = new Graph();
    const ins = [g.addInput('x', { dtype: 'f32', shape: [2, 2, 6, 6] }), g.addInput('w', { dtype: 'f32', shape: [5, 2, 3, 3] })];
    g.addNode('Conv', ins, { group: 1, pads: [1, 1, 1, 1] } as never);
    const x = rand([2, 2, 6, 6], c.seed);
    x.data[0] = NaN;
    const y = convClamped([x, rand([5, 2, 3, 3], 3)], g.nodes[0].attrs, [g.nodes[0].outputs[0].type], { lo: 0, hi: Infinity })[0];
    expect(y.data[0]).toBe(0);
    expect(Array.from(y.data).every((v) => v >= 0 && !Number.isNaN(v))).toBe(true);
  });

  it.skipIf(!simdGemm())('declines, writing nothing, where the memory cannot grow to its layout', () => {
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 1 });
    const fixed = { ...simdGemm()!, mem, f32: new Float32Array(mem.buffer) };
    const g = geo3([40, 40], [40, 40], [8, 2, 3, 3], { group: 1, pads: [1, 1, 1, 1], strides: [], dilations: [], kernel_shape: [] } as never);
    const y = new Float32Array(8 * 1600).fill(7);
    const ok = convSimd(fixed, { g, n: 1, c: 2, m: 8, group: 1, x: rand([1, 2, 40, 40], 1).data as Float32Array, w: rand([8, 2, 3, 3], 2).data as Float32Array, y });
    expect(ok).toBe(false);
    expect(y.every((v) => v === 7)).toBe(true);
  });
});

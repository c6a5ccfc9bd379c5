// The contraction WGSL kernels (tiled MatMul/Gemm, implicit-GEMM Conv, ConvTranspose, Einsum) against the CPU
// interpreter on random shapes (fast-check): odd sizes that are not multiples of the tile, both tile
// configurations, broadcast batch dims, 1-D operands, transposed and sliced input views, groups, strides,
// dilations and padding.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tolerance } from '../../compiler/compare.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { Graph } from '../../ir/graph.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs, singleOp } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

// f32 sums of up to a few hundred products: the CPU accumulates in float64.
const TOL: Tolerance = { rtol: 1e-4, atol: 1e-4 };
const f32 = (shape: readonly number[]) => ({ dtype: 'f32' as const, shape });
const dim = (max: number) => fc.integer({ min: 1, max });

describe('MatMul', () => {
  it('random batched shapes with broadcast batch dims and 1-D operands', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const batchDims = fc.array(dim(3), { maxLength: 2 });
    const shapes = fc
      .tuple(dim(37), dim(37), dim(37), batchDims, fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), fc.nat(2), fc.nat(2))
      .map(([m, k, n, batch, ones, dropA, dropB]) => {
        // Each operand's batch dims: the common batch with some dims set to 1 and some leading ones dropped.
        const ba = batch.map((d, i) => (ones[i % 2] && i === 0 ? 1 : d)).slice(Math.min(dropA, batch.length));
        const bb = batch.map((d, i) => (!ones[i % 2] && i === 0 ? 1 : d)).slice(Math.min(dropB, batch.length));
        return [[...ba, m, k], [...bb, k, n]] as const;
      });
    await fc.assert(
      fc.asyncProperty(shapes, fc.nat(3), fc.integer({ min: 1, max: 1000 }), async ([a, b], vec, seed) => {
        // vec: 1 makes A a vector, 2 makes B one, 3 both.
        const sa = vec & 1 ? [a[a.length - 1]] : a, sb = vec & 2 ? [b[b.length - 2]] : b;
        const g = singleOp('MatMul', [f32(sa), f32(sb)]);
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL);
      }),
      { numRuns: 12, seed: 11 },
    );
  });

  it('large tile configuration with edges (65x33 times 33x67) and a broadcast batch', async () => {
    if (!gpu) return;
    const g = singleOp('MatMul', [f32([2, 1, 65, 33]), f32([3, 33, 67])]);
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 3), TOL);
  });

  it('reads transposed and sliced operands through their views', async () => {
    if (!gpu) return;
    const g = new Graph('mm_views');
    const x = g.addInput('x', f32([2, 9, 5]));
    const y = g.addInput('y', f32([7, 12]));
    const [xt] = g.addNode('Transpose', [x], { perm: [0, 2, 1] }); // [2, 5, 9]
    const [ys] = g.addNode('Slice', [y], { starts: [1, 0], ends: [7, 12], axes: [0, 1], steps: [1, 2] }); // [6, 6], column stride 2
    const [w] = g.addNode('Transpose', [ys], { perm: [1, 0] });
    const [xs] = g.addNode('Slice', [xt], { starts: [0], ends: [6], axes: [2], steps: [1] }); // [2, 5, 6]
    const [z] = g.addNode('MatMul', [xs, w]);
    g.outputs = [z];
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 5), TOL);
    expect(compileForWebGpu(g).program.dispatches.length).toBe(1);
  });

  it('an empty inner dimension gives zeros', async () => {
    if (!gpu) return;
    const g = singleOp('MatMul', [f32([3, 0]), f32([0, 5])]);
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 1));
  });

  it('integer operands', async () => {
    if (!gpu) return;
    const g = singleOp('MatMul', [{ dtype: 'i32', shape: [3, 5, 7] }, { dtype: 'i32', shape: [7, 4] }]);
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 8));
  });
});

describe('Gemm', () => {
  it('transA, transB, alpha, beta and every bias shape', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const arb = fc.record({
      m: dim(35), k: dim(35), n: dim(35), transA: fc.nat(1), transB: fc.nat(1),
      alpha: fc.constantFrom(1, 0.5, -2), beta: fc.constantFrom(1, 0, 0.25), bias: fc.nat(5), seed: fc.nat(1000),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ m, k, n, transA, transB, alpha, beta, bias, seed }) => {
        const cShape = [undefined, [], [1], [n], [m, 1], [m, n]][bias];
        const g = singleOp('Gemm', [f32(transA ? [k, m] : [m, k]), f32(transB ? [n, k] : [k, n]), cShape && f32(cShape)], { transA, transB, alpha, beta });
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL);
      }),
      { numRuns: 8, seed: 5 },
    );
  });

  it('transA on an operand that is already a transposed view', async () => {
    if (!gpu) return;
    const g = new Graph('gemm_view');
    const a = g.addInput('a', f32([70, 66]));
    const b = g.addInput('b', f32([66, 65]));
    const [at] = g.addNode('Transpose', [a], { perm: [1, 0] });
    const [y] = g.addNode('Gemm', [at, b], { transA: 1, alpha: 0.5 });
    g.outputs = [y];
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 2), { rtol: 1e-4, atol: 3e-4 });
  });
});

/** A random convolution: nd spatial dims, groups, kernel, stride, dilation, pads, and an input large enough. */
const convCase = fc
  .record({
    nd: fc.integer({ min: 1, max: 3 }), n: dim(2), group: dim(3), cg: dim(3), mg: dim(3), bias: fc.boolean(), seed: fc.nat(1000),
    geo: fc.array(fc.record({ k: dim(3), s: dim(2), d: dim(2), p0: fc.nat(2), p1: fc.nat(2), extra: fc.nat(4), op: fc.nat(1) }), { minLength: 3, maxLength: 3 }),
  })
  .map((r) => ({ ...r, geo: r.geo.slice(0, r.nd) }));

describe('Conv', () => {
  it('random geometry: 1-3 spatial dims, groups, strides, dilations, pads, bias (direct and implicit GEMM)', async () => {
    if (!gpu) return;
    const g0 = gpu;
    await fc.assert(
      fc.asyncProperty(convCase, fc.boolean(), async ({ n, group, cg, mg: mg0, bias, seed, geo }, wide) => {
        const mg = wide ? mg0 + 3 : mg0; // 4+ output channels per group take the implicit-GEMM path
        const spatial = geo.map((q) => Math.max(1, (q.k - 1) * q.d + 1 - q.p0 - q.p1) + q.extra);
        const attrs = { strides: geo.map((q) => q.s), dilations: geo.map((q) => q.d), pads: [...geo.map((q) => q.p0), ...geo.map((q) => q.p1)], group };
        const g = singleOp('Conv', [f32([n, cg * group, ...spatial]), f32([mg * group, cg, ...geo.map((q) => q.k)]), bias ? f32([mg * group]) : undefined], attrs);
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL);
      }),
      { numRuns: 16, seed: 3 },
    );
  });

  it('large tile configuration (64+ output channels and positions), input through a transposed view', async () => {
    if (!gpu) return;
    const g = new Graph('conv_view');
    const x = g.addInput('x', f32([1, 9, 10, 3]));
    const w = g.addInput('w', f32([66, 3, 3, 3]));
    const [xt] = g.addNode('Transpose', [x], { perm: [0, 3, 1, 2] }); // [1, 3, 9, 10]
    const [y] = g.addNode('Conv', [xt, w], { pads: [1, 1, 1, 1] });
    g.outputs = [y];
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 4), TOL);
  });
});

describe('ConvTranspose', () => {
  it('random geometry with output_padding (direct and implicit GEMM)', async () => {
    if (!gpu) return;
    const g0 = gpu;
    await fc.assert(
      fc.asyncProperty(convCase, fc.boolean(), async ({ n, group, cg, mg: mg0, bias, seed, geo }, wide) => {
        const mg = wide ? mg0 + 3 : mg0; // 4+ output channels per group take the implicit-GEMM path
        // Output size s*(in-1) + op + dilated kernel - pads must stay positive.
        const spatial = geo.map((q) => 1 + Math.ceil(q.extra / 2) + Math.max(0, Math.ceil((q.p0 + q.p1) / q.s)));
        const attrs = {
          strides: geo.map((q) => q.s), dilations: geo.map((q) => q.d), pads: [...geo.map((q) => q.p0), ...geo.map((q) => q.p1)], group,
          output_padding: geo.map((q) => Math.min(q.op, Math.max(q.s, q.d) - 1)),
        };
        const g = singleOp('ConvTranspose', [f32([n, cg * group, ...spatial]), f32([cg * group, mg, ...geo.map((q) => q.k)]), bias ? f32([mg * group]) : undefined], attrs);
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL);
      }),
      { numRuns: 20, seed: 9 },
    );
  });
});

describe('ConvTranspose by output phase (strided, undilated)', () => {
  // Each output phase contracts over its own taps: kernels that the stride divides or not, phases of
  // different lengths (odd outputs, output_padding), groups, 1-D to 3-D.
  it.each([
    ['DCGAN 4x4 stride 2 pad 1', [2, 8, 7, 7], [8, 6, 4, 4], { strides: [2, 2], pads: [1, 1, 1, 1] }],
    ['3x3 stride 2, output_padding 1, bias', [1, 5, 4, 5], [5, 4, 3, 3], { strides: [2, 2], pads: [1, 0, 1, 0], output_padding: [1, 1] }],
    ['1-D stride 3 kernel 5, groups 2', [2, 4, 6], [4, 4, 5], { strides: [3], pads: [2, 1], group: 2 }],
    ['3-D mixed strides', [1, 2, 3, 2, 3], [2, 4, 2, 3, 2], { strides: [2, 1, 3], pads: [0, 1, 0, 1, 0, 1] }],
  ] as const)('%s', async (_, xs, ws, attrs) => {
    if (!gpu) return;
    const group = (attrs as { group?: number }).group ?? 1;
    const g = singleOp('ConvTranspose', [f32([...xs]), f32([...ws]), f32([ws[1] * group])], { group, ...attrs });
    expect(compileForWebGpu(g).program.kernels[0].wgsl).toContain('fn convp_weight');
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, xs.length), TOL);
  });
});

describe('ConvTranspose of a single input position (1x1 -> kernel)', () => {
  it.each([
    ['DCGAN 1x1 -> 4x4', [3, 16, 1, 1], [16, 8, 4, 4], {}],
    ['pads, stride, dilation 2, groups 2', [2, 6, 1, 1], [6, 4, 3, 2], { pads: [1, 0, 0, 1], strides: [3, 2], dilations: [2, 1], group: 2 }],
    ['1-D with output_padding', [2, 5, 1], [5, 4, 3], { output_padding: [1], strides: [2] }],
  ] as const)('%s', async (_, xs, ws, attrs) => {
    if (!gpu) return;
    const group = (attrs as { group?: number }).group ?? 1;
    const g = singleOp('ConvTranspose', [f32([...xs]), f32([...ws]), f32([ws[1] * group])], { group, ...attrs });
    expect(compileForWebGpu(g).program.kernels[0].wgsl).toContain('fn convq_weight');
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, xs.length), TOL);
  });
});

describe('Einsum', () => {
  const CASES: [string, number[][]][] = [
    ['ij,jk->ik', [[3, 4], [4, 5]]],
    ['bij,bjk->bik', [[2, 3, 4], [2, 4, 5]]],
    ['ii->i', [[4, 4]]],
    ['ii', [[5, 5]]],
    ['bii->bi', [[3, 4, 4]]],
    ['ij->', [[3, 7]]],
    ['ij->ji', [[3, 7]]],
    ['i,i', [[6], [6]]],
    ['i,j->ij', [[3], [4]]],
    ['...ij,...jk', [[2, 1, 3, 4], [5, 4, 2]]],
    ['ij,jk,kl->il', [[2, 3], [3, 4], [4, 5]]],
    ['ijk,ikl->jl', [[3, 2, 4], [3, 4, 5]]],
    ['ij,ij->i', [[1, 5], [4, 5]]],
  ];
  it.each(CASES)('%s', async (equation, shapes) => {
    if (!gpu) return;
    const g = singleOp('Einsum', shapes.map(f32), { equation });
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, equation.length), TOL);
  });

  it('integer operands', async () => {
    if (!gpu) return;
    const g = singleOp('Einsum', [{ dtype: 'i32', shape: [3, 4] }, { dtype: 'i32', shape: [4, 2] }], { equation: 'ij,jk->ik' });
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 1));
  });
});

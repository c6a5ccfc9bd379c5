// Every contraction kernel variant (compile option gemmVariant: tiled, register, small) against the CPU
// interpreter over random shapes (fast-check): odd sizes, 1-D operands, batch broadcast, transposes, Gemm
// bias shapes, implicit-GEMM Conv, sibling products and a fused Gemm + bias + relu epilogue; and the shape
// heuristic's picks.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tolerance } from '../../compiler/compare.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { gemmCandidates, gemmKey, type GemmVariant, pickGemmVariant, tileName } from '../../compiler/wgsl/lower/matmul.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs, singleOp } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const TOL: Tolerance = { rtol: 1e-4, atol: 1e-4 };
const f32 = (shape: readonly number[]) => ({ dtype: 'f32' as const, shape });
const dim = (max: number) => fc.integer({ min: 1, max });
const ramp = (shape: number[], scale = 0.05) => tensor('f32', shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i % 13) - 6) * scale));
const MARK: Record<GemmVariant, string> = { tiled: '// Tiled matmul', register: '// Register-blocked matmul', small: '// Register-blocked matmul', vec4: '// Vec4 matmul' };

/** The program's WGSL, so a test can check that the variant it forced is the one that ran. */
/** relu(x · Wᵀ + b) with x: f32[batch, 784] and 33 outputs: the MLP's first layer, narrowed. */
function gemmBiasRelu(batch: number): Graph {
  const g = new Graph('gemm_bias_relu');
  const x = g.addInput('x', f32([batch, 784]));
  const [h] = g.addNode('Gemm', [x, g.addParam('w', ramp([33, 784], 0.01)), g.addParam('b', ramp([33]))], { transB: 1 }, 'fc');
  g.outputs = [g.addNode('Relu', [h], {}, 'relu')[0]];
  return g;
}
const wgslOf = (g: Graph, v: GemmVariant) => compileForWebGpu(g, { gemmVariant: v }).program.kernels.map((k) => k.wgsl).join('\n');

describe('shape heuristic', () => {
  it('small outputs take the small variant, large ones the register-blocked one', () => {
    expect(pickGemmVariant({ batch: 1, m: 16, n: 128 })).toBe('small');
    expect(pickGemmVariant({ batch: 1, m: 64, n: 128 })).toBe('small');
    expect(pickGemmVariant({ batch: 1, m: 1024, n: 128 })).toBe('register');
    expect(pickGemmVariant({ batch: 1, m: 1024, n: 1024 })).toBe('register');
    expect(pickGemmVariant({ batch: 64, m: 64, n: 64 })).toBe('register');
  });
});

describe.each(['tiled', 'register', 'small'] as const)('variant %s', (variant) => {
  const opts = { gemmVariant: variant };

  it('MatMul: random batched shapes, broadcast batch dims, 1-D operands, odd sizes', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const shapes = fc.tuple(dim(70), dim(45), dim(70), fc.array(dim(3), { maxLength: 2 }), fc.nat(3), fc.boolean());
    await fc.assert(
      fc.asyncProperty(shapes, fc.integer({ min: 1, max: 1000 }), async ([m, k, n, batch, vec, oneA], seed) => {
        const ba = oneA ? batch.map((d, i) => (i === 0 ? 1 : d)) : batch, bb = oneA ? batch : batch.slice(1);
        const sa = vec & 1 ? [k] : [...ba, m, k], sb = vec & 2 ? [k] : [...bb, k, n];
        const g = singleOp('MatMul', [f32(sa), f32(sb)]);
        expect(wgslOf(g, variant)).toContain(MARK[variant]);
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL, opts);
      }),
      { numRuns: 8, seed: 21 },
    );
  });

  it('Gemm: transposes, alpha, beta and bias shapes', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const c = fc.tuple(dim(67), dim(40), dim(67), fc.boolean(), fc.boolean(), fc.nat(3), fc.integer({ min: 1, max: 1000 }));
    await fc.assert(
      fc.asyncProperty(c, async ([m, k, n, transA, transB, biasKind, seed]) => {
        const cShape = [undefined, [n], [m, 1], [m, n]][biasKind];
        const g = singleOp('Gemm', [f32(transA ? [k, m] : [m, k]), f32(transB ? [n, k] : [k, n]), cShape && f32(cShape)], { transA: +transA, transB: +transB, alpha: 0.75, beta: 1.5 });
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL, opts);
      }),
      { numRuns: 8, seed: 5 },
    );
  });

  it('Conv as implicit GEMM (strides, pads, groups, bias)', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const c = fc.tuple(dim(2), dim(2), dim(3), fc.integer({ min: 4, max: 20 }), dim(3), dim(2), fc.nat(1), dim(9), fc.boolean(), fc.integer({ min: 1, max: 1000 }));
    await fc.assert(
      fc.asyncProperty(c, async ([n, group, cg, mg, kk, s, p, extra, bias, seed]) => {
        const sp = kk + extra;
        const g = singleOp('Conv', [f32([n, cg * group, sp, sp + 1]), f32([mg * group, cg, kk, kk]), bias ? f32([mg * group]) : undefined], { strides: [s, s], pads: [p, p, p, p], group });
        expect(wgslOf(g, variant)).toContain(MARK[variant]);
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL, opts);
      }),
      { numRuns: 6, seed: 9 },
    );
  });

  it('ConvTranspose as implicit GEMM (strides, pads, dilations, groups, bias)', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const c = fc.tuple(dim(2), dim(2), dim(3), fc.integer({ min: 4, max: 12 }), dim(3), dim(2), dim(2), fc.nat(1), dim(4), fc.boolean(), fc.integer({ min: 1, max: 1000 }));
    await fc.assert(
      fc.asyncProperty(c, async ([n, group, cg, mg, kk, s, d, p, sp, bias, seed]) => {
        const g = singleOp('ConvTranspose', [f32([n, cg * group, sp + p, sp]), f32([cg * group, mg, kk, kk]), bias ? f32([mg * group]) : undefined], { strides: [s, s], dilations: [d, 1], pads: [p, 0, p, 0], group });
        expect(wgslOf(g, variant)).toContain(MARK[variant]);
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL, opts);
      }),
      { numRuns: 6, seed: 13 },
    );
  });

  it('sibling products of one A in one kernel', async () => {
    if (!gpu) return;
    const g = new Graph('siblings');
    const x = g.addInput('x', f32([3, 37, 19]));
    const [q] = g.addNode('MatMul', [x, g.addParam('wq', ramp([19, 41]))], {}, 'q');
    const [k] = g.addNode('MatMul', [x, g.addParam('wk', ramp([19, 5], 0.07))], {}, 'k');
    g.outputs = [g.addNode('Add', [q, g.addParam('bq', ramp([41]))], {}, 'q_bias')[0], g.addNode('Tanh', [k], {}, 'k_tanh')[0]];
    const text = wgslOf(g, variant);
    expect(text).toContain(MARK[variant]);
    expect(compileForWebGpu(g, opts).program.kernels.length).toBe(1);
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 4), TOL, opts);
  });

  it('Gemm + bias + relu with a fused epilogue (784-wide K, as in the MLP)', async () => {
    if (!gpu) return;
    for (const batch of [1, 16, 70]) {
      const g = gemmBiasRelu(batch);
      expect(compileForWebGpu(g, opts).program.kernels.length).toBe(1);
      await expectGpuMatchesCpu(gpu, g, randomInputs(g, batch), TOL, opts);
    }
  });

  it('an empty inner dimension gives zeros', async () => {
    if (!gpu) return;
    const g = singleOp('MatMul', [f32([5, 0]), f32([0, 3])]);
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 1), TOL, opts);
  });
});

describe('vec4 kernel', () => {
  const opts = { gemmVariant: 'vec4' as const };
  const vec4Text = (g: Graph) => wgslOf(g, 'vec4');

  it('MatMul: random shapes with K and N multiples of 4 or not, batch broadcast, 1-D operands', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const shapes = fc.tuple(dim(40), dim(12), fc.boolean(), dim(40), fc.array(dim(3), { maxLength: 2 }), fc.nat(3));
    await fc.assert(
      fc.asyncProperty(shapes, fc.integer({ min: 1, max: 1000 }), async ([m, k4, aligned, n, batch, vec], seed) => {
        const k = aligned ? 4 * k4 : 4 * k4 + 1;
        const sa = vec & 1 ? [k] : [...batch, m, k], sb = vec & 2 ? [k] : [k, n];
        const g = singleOp('MatMul', [f32(sa), f32(sb)]);
        // K a multiple of 4 makes A (row-major, contiguous along K) a vec4 operand; otherwise the heuristic's kernel runs.
        expect(vec4Text(g)).toContain(aligned ? '// Vec4 matmul' : '// Register-blocked matmul');
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL, opts);
      }),
      { numRuns: 8, seed: 33 },
    );
  });

  it('Gemm: every operand layout (A along k or rows, B along columns or k, one of them scalar) with bias', async () => {
    if (!gpu) return;
    for (const [transA, transB, m, k, n, layout] of [
      [0, 0, 12, 20, 16, 'A k, B col'],
      [0, 1, 9, 24, 7, 'A k, B k'],
      [1, 0, 16, 12, 8, 'A row, B col'],
      [1, 1, 8, 16, 12, 'A row, B k'],
      [1, 0, 10, 12, 8, 'A scalar, B col'],
      [0, 0, 6, 8, 6, 'A k, B scalar'],
    ] as const) {
      const g = singleOp('Gemm', [f32(transA ? [k, m] : [m, k]), f32(transB ? [n, k] : [k, n]), f32([n])], { transA, transB, alpha: 0.75, beta: 1.5 });
      expect(vec4Text(g), layout).toContain(`, ${layout}.`);
      await expectGpuMatchesCpu(gpu, g, randomInputs(g, m + k), TOL, opts);
    }
  });

  it('every tile the autotuner tries computes the same product', async () => {
    if (!gpu) return;
    const g = singleOp('Gemm', [f32([37, 64]), f32([40, 64]), f32([40])], { transB: 1 });
    const spec = { elem: 'f32' as const, batch: 1, m: 37, n: 40, k: 64, loadA: () => '', loadB: () => '', store: () => '', loadA4: { along: 'k' as const, load: () => '' }, loadB4: { along: 'k' as const, load: () => '' } };
    const tuned = gemmCandidates(spec).filter((c) => c.variant === 'vec4');
    expect(tuned.length).toBeGreaterThan(2);
    for (const choice of tuned) {
      const gemmTuning = new Map([[gemmKey(spec), choice]]);
      expect(compileForWebGpu(g, { gemmTuning }).program.kernels[0].choice).toBe(`vec4 ${tileName(choice.tile)}`);
      await expectGpuMatchesCpu(gpu, g, randomInputs(g, 7), TOL, { gemmTuning });
    }
  });

  it('Gemm + bias + relu with a fused epilogue (784-wide K, as in the MLP), and a weight gradient X^T dY', async () => {
    if (!gpu) return;
    for (const batch of [1, 16, 70]) {
      const g = gemmBiasRelu(batch);
      expect(vec4Text(g)).toContain('// Vec4 matmul');
      await expectGpuMatchesCpu(gpu, g, randomInputs(g, batch), TOL, opts);
    }
    const g = singleOp('Gemm', [f32([64, 784]), f32([64, 128])], { transA: 1 });
    expect(vec4Text(g)).toContain('A row, B col');
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 3), TOL, opts);
  });
});

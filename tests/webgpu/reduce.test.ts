// The reduce-family WGSL kernels (Reduce*, ArgMax/ArgMin, CumSum, TopK) against the CPU interpreter on random
// shapes, axes and attributes (fast-check): keepdims on and off, empty axes with and without noop, size-1 dims,
// integer inputs (ties for the arg ops and TopK), inputs that are strided views (transposed, sliced with a
// step, broadcast), and reductions long enough to take the workgroup-tree kernel.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import type { DType } from '../../ir/dtype.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { ReduceOpName } from '../../ir/ops/index.ts';
import type { Tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

type ViewKind = 'plain' | 'transpose' | 'slice' | 'expand';

/** Input `x` of logical shape `s`, reached through a view node of kind `kind`. */
function viewedInput(g: Graph, dtype: DType, s: readonly number[], kind: ViewKind): Value {
  const r = s.length;
  if (r === 0 || kind === 'plain') return g.addInput('x', { dtype, shape: s });
  if (kind === 'transpose') {
    const v = g.addInput('x', { dtype, shape: [...s].reverse() });
    return g.addNode('Transpose', [v], { perm: s.map((_, i) => r - 1 - i) })[0];
  }
  if (kind === 'slice') {
    const big = s.map((d) => 2 * d + 1);
    const v = g.addInput('x', { dtype, shape: big });
    return g.addNode('Slice', [v], { starts: s.map(() => 1), ends: big, axes: s.map((_, i) => i), steps: s.map(() => 2) })[0];
  }
  const v = g.addInput('x', { dtype, shape: s.map((d, i) => (i % 2 === 0 ? 1 : d)) });
  return g.addNode('Expand', [v], { shape: [...s] })[0];
}

function opGraph(op: ReduceOpName, dtype: DType, shape: readonly number[], view: ViewKind, attrs: Record<string, AttrValue>): Graph {
  const g = new Graph(op);
  const x = viewedInput(g, dtype, shape, view);
  g.outputs = g.addNode(op, [x], attrs, op.toLowerCase());
  return g;
}

/** Random inputs, reshaped into the domain an op needs to stay comparable in f32 (see `domain`). */
function inputsFor(g: Graph, seed: number, domain?: (v: number) => number): Map<string, Tensor> {
  const ins = randomInputs(g, seed);
  if (domain) for (const t of ins.values()) t.data.forEach((v, i, a) => (a[i] = domain(v)));
  return ins;
}

const shapeArb = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 4 });
const viewArb = fc.constantFrom<ViewKind>('plain', 'transpose', 'slice', 'expand');
/** A shape and a subset of its axes, written with random signs. */
const shapeAxes = shapeArb.chain((s) =>
  fc.tuple(fc.constant(s), fc.subarray(s.map((_, i) => i)).chain((ax) => fc.tuple(...ax.map((a) => fc.constantFrom(a, a - s.length))))),
);

const AXIS_REDUCES: { op: ReduceOpName; dtype: DType; domain?: (v: number) => number }[] = [
  ...(['ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceL1', 'ReduceL2', 'ReduceLogSumExp', 'ReduceSumSquare'] as const).map((op) => ({ op, dtype: 'f32' as const })),
  // Products stay near 1 and LogSum sums positive values, so f32 and the CPU's f64 agree.
  { op: 'ReduceProd', dtype: 'f32', domain: (v) => 1 + v / 8 },
  { op: 'ReduceLogSum', dtype: 'f32', domain: (v) => Math.abs(v) + 0.1 },
  ...(['ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceL1', 'ReduceL2', 'ReduceSumSquare', 'ReduceLogSumExp'] as const).map((op) => ({ op, dtype: 'i32' as const })),
  { op: 'ReduceLogSum', dtype: 'i32', domain: (v) => Math.abs(v) + 1 },
  // Small u32 values: the CPU sums in f64 where WGSL wraps at 2^32.
  ...(['ReduceSum', 'ReduceMax', 'ReduceMin', 'ReduceMean'] as const).map((op) => ({ op, dtype: 'u32' as const, domain: (v: number) => v % 7 })),
  // Integer products of -1, 0 and 1 never overflow (the CPU multiplies in f64).
  { op: 'ReduceProd', dtype: 'i32', domain: Math.sign },
];

describe('reduce WGSL kernels vs CPU', () => {
  it.each(AXIS_REDUCES.map((c) => [`${c.op} ${c.dtype}`, c] as const))('%s on random axes', async (_n, c) => {
    if (!gpu) return;
    const g0 = gpu;
    await fc.assert(
      fc.asyncProperty(shapeAxes, fc.boolean(), fc.boolean(), viewArb, fc.integer({ min: 1, max: 1000 }), async ([shape, axes], keep, noop, view, seed) => {
        const g = opGraph(c.op, c.dtype, shape, view, { axes, keepdims: keep ? 1 : 0, noop_with_empty_axes: noop ? 1 : 0 });
        await expectGpuMatchesCpu(g0, g, inputsFor(g, seed, c.domain));
      }),
      { numRuns: 6, seed: 17 },
    );
  });

  it('long reductions take the workgroup tree and match', async () => {
    if (!gpu) return;
    const cases: [ReduceOpName, DType, number[], number[], ViewKind][] = [
      ['ReduceSum', 'f32', [3, 1100], [1], 'plain'],
      ['ReduceMean', 'f32', [2, 300], [-1], 'transpose'],
      ['ReduceMax', 'f32', [1300], [], 'plain'],
      ['ReduceMin', 'i32', [41, 5, 29], [0, 2], 'slice'],
      ['ReduceLogSumExp', 'f32', [1030, 2], [0], 'plain'],
      ['ReduceL2', 'f32', [2, 33, 40], [1, 2], 'expand'],
      ['ReduceSum', 'i32', [1500, 3], [0], 'transpose'],
      ['ReduceProd', 'f32', [1200], [0], 'plain'],
      ['ReduceLogSumExp', 'i32', [2, 1100], [1], 'slice'],
    ];
    for (const [op, dtype, shape, axes, view] of cases) {
      const g = opGraph(op, dtype, shape, view, { axes, keepdims: 0 });
      const { program } = compileForWebGpu(g);
      expect(program.kernels.some((k) => k.wgsl.includes('var<workgroup> kiln_part')), op).toBe(true);
      await expectGpuMatchesCpu(gpu, g, inputsFor(g, 3, op === 'ReduceProd' ? (v) => 1 + v / 400 : undefined), { rtol: 2e-4, atol: 1e-4 });
    }
  });

  it('NaN propagates through ReduceMax/ReduceMin; empty reductions give the CPU values', async () => {
    if (!gpu) return;
    for (const op of ['ReduceMax', 'ReduceMin', 'ReduceLogSumExp'] as const) {
      for (const shape of [[3, 5], [2, 700]]) {
        const g = opGraph(op, 'f32', shape, 'plain', { axes: [1], keepdims: 1 });
        const ins = inputsFor(g, 5);
        const x = ins.get('x')!;
        x.data[3] = NaN;
        x.data[x.data.length - 2] = Infinity;
        await expectGpuMatchesCpu(gpu, g, ins);
      }
    }
    for (const op of ['ReduceSum', 'ReduceMax', 'ReduceProd', 'ReduceLogSumExp', 'ReduceMean'] as const) {
      for (const dtype of ['f32', 'i32'] as const) {
        const g = opGraph(op, dtype, [3, 0, 2], 'plain', { axes: [1], keepdims: 0 });
        await expectGpuMatchesCpu(gpu, g, inputsFor(g, 1));
      }
    }
  });

  const axisArb = shapeArb.filter((s) => s.length > 0).chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: -s.length, max: s.length - 1 })));

  it.each(['ArgMax', 'ArgMin'] as const)('%s with ties, keepdims and select_last_index', async (op) => {
    if (!gpu) return;
    const g0 = gpu;
    await fc.assert(
      fc.asyncProperty(axisArb, fc.boolean(), fc.boolean(), fc.constantFrom<DType>('f32', 'i32'), viewArb, fc.integer({ min: 1, max: 1000 }), async ([shape, axis], keep, last, dtype, view, seed) => {
        const g = opGraph(op, dtype, shape, view, { axis, keepdims: keep ? 1 : 0, select_last_index: last ? 1 : 0 });
        await expectGpuMatchesCpu(g0, g, inputsFor(g, seed));
      }),
      { numRuns: 12, seed: 23 },
    );
  });

  it('ArgMax/ArgMin over long axes take the workgroup tree: ties, NaN, select_last_index', async () => {
    if (!gpu) return;
    const cases: [number[], number, ViewKind][] = [[[3, 1100], 1, 'plain'], [[1030, 2], 0, 'transpose'], [[2, 300], -1, 'slice']];
    for (const op of ['ArgMax', 'ArgMin'] as const) {
      for (const [shape, axis, view] of cases) {
        for (const dtype of ['f32', 'i32'] as const) {
          for (const last of [0, 1]) {
            const g = opGraph(op, dtype, shape, view, { axis, keepdims: 0, select_last_index: last });
            expect(compileForWebGpu(g).program.kernels.some((k) => k.wgsl.includes('var<workgroup> kiln_at')), op).toBe(true);
            // Integers in [-5, 5] tie everywhere; floats get NaNs (one of them first in a line) and repeated extremes.
            const ins = inputsFor(g, 7);
            const d = ins.get('x')!.data;
            if (dtype === 'f32') [0, 5, 17, 900].forEach((i) => (d[i] = NaN));
            if (dtype === 'f32') [40, 41, 600, 1000].forEach((i) => (d[i] = op === 'ArgMax' ? 3 : -3));
            await expectGpuMatchesCpu(gpu, g, ins);
          }
        }
      }
    }
  });

  it('CumSum: exclusive, reverse, any axis', async () => {
    if (!gpu) return;
    const g0 = gpu;
    await fc.assert(
      fc.asyncProperty(axisArb, fc.boolean(), fc.boolean(), fc.constantFrom<DType>('f32', 'i32'), viewArb, fc.integer({ min: 1, max: 1000 }), async ([shape, axis], excl, rev, dtype, view, seed) => {
        const g = opGraph('CumSum', dtype, shape, view, { axis, exclusive: excl ? 1 : 0, reverse: rev ? 1 : 0 });
        await expectGpuMatchesCpu(g0, g, inputsFor(g, seed));
      }),
      { numRuns: 12, seed: 29 },
    );
  });

  it('TopK: values and indices, largest and smallest, ties by lower index', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const arb = axisArb.chain(([s, ax]) => fc.tuple(fc.constant(s), fc.constant(ax), fc.integer({ min: 0, max: s.at(ax)! })));
    await fc.assert(
      fc.asyncProperty(arb, fc.boolean(), fc.constantFrom<DType>('f32', 'i32'), viewArb, fc.integer({ min: 1, max: 1000 }), async ([shape, axis, k], largest, dtype, view, seed) => {
        const g = opGraph('TopK', dtype, shape, view, { k, axis, largest: largest ? 1 : 0 });
        await expectGpuMatchesCpu(g0, g, inputsFor(g, seed));
      }),
      { numRuns: 12, seed: 31 },
    );
  });
});

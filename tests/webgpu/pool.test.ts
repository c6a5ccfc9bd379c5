// The pooling WGSL kernels (MaxPool with and without indices, AveragePool, LpPool, the global pools, MaxUnpool)
// against the CPU interpreter on random 1-D to 3-D windows (fast-check): kernel, strides, dilations, pads and
// ceil_mode, windows that hang over the input, integer MaxPool with ties, and transposed inputs (strided views).
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import type { DType } from '../../ir/dtype.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import { poolGeometry } from '../../ir/ops/nn-pool.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

/** Input of shape `s`, optionally reached through a transpose of its two last dims (a strided view). */
function input(g: Graph, dtype: DType, s: readonly number[], transposed: boolean): Value {
  if (!transposed || s.length < 2) return g.addInput('x', { dtype, shape: s });
  const r = s.length, perm = s.map((_, i) => (i < r - 2 ? i : 2 * r - 3 - i));
  const v = g.addInput('x', { dtype, shape: perm.map((p) => s[p]) });
  return g.addNode('Transpose', [v], { perm })[0];
}

interface Window { shape: number[]; attrs: Record<string, AttrValue> }

/** A random N x C x spatial input and a window that fits it (pads smaller than the kernel span). */
const windowArb: fc.Arbitrary<Window> = fc
  .integer({ min: 1, max: 3 })
  .chain((r) =>
    fc.record({
      n: fc.integer({ min: 1, max: 2 }),
      c: fc.integer({ min: 1, max: 3 }),
      spatial: fc.array(fc.integer({ min: 1, max: r === 3 ? 5 : 8 }), { minLength: r, maxLength: r }),
      kernel: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: r, maxLength: r }),
      strides: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: r, maxLength: r }),
      dilations: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: r, maxLength: r }),
      pads: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2 * r, maxLength: 2 * r }),
      ceil: fc.boolean(),
    }),
  )
  .map((w) => {
    const r = w.kernel.length;
    const pads = w.pads.map((p, i) => Math.min(p, w.kernel[i % r] - 1));
    const spatial = w.spatial.map((d, i) => Math.max(d, (w.kernel[i] - 1) * w.dilations[i] + 1 - pads[i] - pads[i + r]));
    return { shape: [w.n, w.c, ...spatial], attrs: { kernel_shape: w.kernel, strides: w.strides, dilations: w.dilations, pads, ceil_mode: w.ceil ? 1 : 0 } };
  })
  .filter((w) => {
    try {
      poolGeometry(w.shape, w.attrs);
      return true;
    } catch {
      return false;
    }
  });

async function check(op: 'MaxPool' | 'AveragePool' | 'LpPool', dtype: DType, w: Window, extra: Record<string, AttrValue>, transposed: boolean, seed: number): Promise<void> {
  const g = new Graph(op);
  const x = input(g, dtype, w.shape, transposed);
  const attrs = { ...w.attrs, ...extra };
  g.outputs = g.addNode(op, [x], attrs, op.toLowerCase());
  await expectGpuMatchesCpu(gpu!, g, randomInputs(g, seed));
}

describe('pool WGSL kernels vs CPU', () => {
  const runs = { numRuns: 10, seed: 41 };

  it('MaxPool f32 and i32 (ties), with and without indices, either storage order', async () => {
    if (!gpu) return;
    await fc.assert(
      fc.asyncProperty(windowArb, fc.constantFrom<DType>('f32', 'i32'), fc.constantFrom(0, 1), fc.constantFrom(0, 1), fc.boolean(), fc.nat(1000), async (w, dtype, indices, order, tr, seed) =>
        check('MaxPool', dtype, w, { indices, storage_order: order }, tr, seed),
      ),
      runs,
    );
  });

  it('AveragePool with and without count_include_pad', async () => {
    if (!gpu) return;
    await fc.assert(
      fc.asyncProperty(windowArb, fc.constantFrom(0, 1), fc.boolean(), fc.nat(1000), async (w, inc, tr, seed) => check('AveragePool', 'f32', w, { count_include_pad: inc }, tr, seed)),
      runs,
    );
  });

  it('LpPool p = 1, 2, 3', async () => {
    if (!gpu) return;
    await fc.assert(
      fc.asyncProperty(windowArb, fc.constantFrom(1, 2, 3), fc.boolean(), fc.nat(1000), async (w, p, tr, seed) => check('LpPool', 'f32', w, { p }, tr, seed)),
      runs,
    );
  });

  it('global pools, short and long planes, strided inputs', async () => {
    if (!gpu) return;
    for (const op of ['GlobalAveragePool', 'GlobalMaxPool'] as const) {
      for (const [shape, tr] of [[[2, 3, 5], false], [[1, 2, 3, 4], true], [[2, 1, 2, 3, 2], false], [[1, 3, 40, 30], true]] as const) {
        const g = new Graph(op);
        g.outputs = g.addNode(op, [input(g, 'f32', shape, tr)], {}, op.toLowerCase());
        await expectGpuMatchesCpu(gpu, g, randomInputs(g, shape.length));
      }
    }
  });

  it('MaxUnpool of MaxPool indices, with and without output_shape', async () => {
    if (!gpu) return;
    const g0 = gpu;
    const arb = fc.record({ n: fc.integer({ min: 1, max: 2 }), c: fc.integer({ min: 1, max: 3 }), mh: fc.integer({ min: 1, max: 3 }), mw: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 2 }), s: fc.integer({ min: 1, max: 2 }), grow: fc.boolean(), seed: fc.nat(1000) });
    await fc.assert(
      fc.asyncProperty(arb, async ({ n, c, mh, mw, k, s, grow, seed }) => {
        // Windows that tile the input exactly, so MaxPool's indices address the shape MaxUnpool implies.
        const [h, w] = [k + s * mh, k + s * mw];
        const g = new Graph('unpool');
        const x = g.addInput('x', { dtype: 'f32', shape: [n, c, h, w] });
        const win = { kernel_shape: [k, k], strides: [s, s] };
        const [y, idx] = g.addNode('MaxPool', [x], { ...win, indices: 1 });
        const implied = [n, c, ...y.type.shape.slice(2).map((d) => (d - 1) * s + k)];
        const output_shape = grow ? implied.map((d, i) => (i < 2 ? d : d + 1)) : [];
        g.outputs = g.addNode('MaxUnpool', [y, idx], { ...win, output_shape });
        await expectGpuMatchesCpu(g0, g, randomInputs(g, seed));
      }),
      { numRuns: 8, seed: 43 },
    );
  });
});

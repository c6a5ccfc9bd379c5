// The vision WGSL kernels (GridSample and its two gradients, RoiAlign and RoiAlignGrad, Det and DetGrad)
// against the CPU interpreter on random shapes and attributes (fast-check): every GridSample mode, padding
// and align_corners with grid points inside and outside [-1, 1] and X read through a transpose (a strided
// view); rois anywhere around the image with random batch indices; matrices 1x1 to 5x5 in batches.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import { tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const runs = { numRuns: 8, seed: 23 };

/** An [N, C, H, W] input, optionally reached through a transpose of H and W. */
function image(g: Graph, name: string, s: readonly number[], transposed: boolean): Value {
  if (!transposed) return g.addInput(name, { dtype: 'f32', shape: s });
  const v = g.addInput(name, { dtype: 'f32', shape: [s[0], s[1], s[3], s[2]] });
  return g.addNode('Transpose', [v], { perm: [0, 1, 3, 2] })[0];
}

const sampling = fc.record({
  n: fc.integer({ min: 1, max: 2 }), c: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 5 }), w: fc.integer({ min: 1, max: 5 }),
  ho: fc.integer({ min: 1, max: 4 }), wo: fc.integer({ min: 1, max: 4 }),
  mode: fc.constantFrom('linear', 'cubic', 'nearest'), padding_mode: fc.constantFrom('zeros', 'border', 'reflection'), align_corners: fc.constantFrom(0, 1),
  transposed: fc.boolean(), seed: fc.nat(1000),
});

/** Rois [R, 4] with corners around (and partly outside) an h x w image, and batch indices below n. */
function roiInputs(r: number, n: number, h: number, w: number, seed: number): { rois: number[]; idx: number[] } {
  let s = seed + 1;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const rois = Array.from({ length: r }, () => {
    const x1 = next() * (w + 2) - 1, y1 = next() * (h + 2) - 1;
    return [x1, y1, x1 + next() * w * 1.2 - 0.2, y1 + next() * h * 1.2 - 0.2];
  }).flat();
  return { rois, idx: Array.from({ length: r }, () => Math.floor(next() * n)) };
}

describe('vision WGSL kernels vs CPU', () => {
  it('GridSample, GridSampleGradX and GridSampleGradGrid', async () => {
    if (!gpu) return;
    await fc.assert(fc.asyncProperty(sampling, async (p) => {
      const attrs: Record<string, AttrValue> = { mode: p.mode, padding_mode: p.padding_mode, align_corners: p.align_corners };
      const g = new Graph('grid_sample');
      const x = image(g, 'x', [p.n, p.c, p.h, p.w], p.transposed);
      const grid = g.addInput('grid', { dtype: 'f32', shape: [p.n, p.ho, p.wo, 2] });
      const dy = g.addInput('dy', { dtype: 'f32', shape: [p.n, p.c, p.ho, p.wo] });
      g.outputs = [
        g.addNode('GridSample', [x, grid], attrs)[0],
        g.addNode('GridSampleGradX', [dy, grid], { ...attrs, input_shape: [p.n, p.c, p.h, p.w] })[0],
        g.addNode('GridSampleGradGrid', [dy, x, grid], attrs)[0],
      ];
      await expectGpuMatchesCpu(gpu!, g, randomInputs(g, p.seed));
    }), runs);
  });

  it('RoiAlign (avg, max) and RoiAlignGrad', async () => {
    if (!gpu) return;
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 2 }), c: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 6 }), w: fc.integer({ min: 1, max: 6 }), r: fc.integer({ min: 1, max: 3 }),
      oh: fc.integer({ min: 1, max: 3 }), ow: fc.integer({ min: 1, max: 3 }), ratio: fc.integer({ min: 0, max: 2 }), scale: fc.constantFrom(1, 0.5),
      mode: fc.constantFrom('avg', 'max'), coord: fc.constantFrom('half_pixel', 'output_half_pixel'), transposed: fc.boolean(), seed: fc.nat(1000),
    });
    await fc.assert(fc.asyncProperty(arb, async (p) => {
      const attrs: Record<string, AttrValue> = { output_height: p.oh, output_width: p.ow, sampling_ratio: p.ratio, spatial_scale: p.scale, coordinate_transformation_mode: p.coord };
      const g = new Graph('roi_align');
      const x = image(g, 'x', [p.n, p.c, p.h, p.w], p.transposed);
      const rois = g.addInput('rois', { dtype: 'f32', shape: [p.r, 4] });
      const idx = g.addInput('idx', { dtype: 'i32', shape: [p.r] });
      const dy = g.addInput('dy', { dtype: 'f32', shape: [p.r, p.c, p.oh, p.ow] });
      g.outputs = [
        g.addNode('RoiAlign', [x, rois, idx], { ...attrs, mode: p.mode })[0],
        g.addNode('RoiAlignGrad', [dy, rois, idx, ...(p.mode === 'max' ? [x] : [])], { ...attrs, mode: p.mode, input_shape: [p.n, p.c, p.h, p.w] })[0],
      ];
      const feeds = randomInputs(g, p.seed), r = roiInputs(p.r, p.n, p.h / p.scale, p.w / p.scale, p.seed);
      feeds.set('rois', tensor('f32', [p.r, 4], r.rois)).set('idx', tensor('i32', [p.r], r.idx));
      await expectGpuMatchesCpu(gpu!, g, feeds);
    }), runs);
  });

  it('Det and DetGrad', async () => {
    if (!gpu) return;
    const arb = fc.record({ batch: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }), m: fc.integer({ min: 1, max: 5 }), seed: fc.nat(1000) });
    await fc.assert(fc.asyncProperty(arb, async (p) => {
      const g = new Graph('det');
      const x = g.addInput('x', { dtype: 'f32', shape: [...p.batch, p.m, p.m] });
      const dy = g.addInput('dy', { dtype: 'f32', shape: p.batch });
      g.outputs = [g.addNode('Det', [x])[0], g.addNode('DetGrad', [x, dy])[0]];
      await expectGpuMatchesCpu(gpu!, g, randomInputs(g, p.seed), { rtol: 1e-3, atol: 1e-4 });
    }), runs);
  });
});

describe('vision index checks on WebGPU', () => {
  it('a RoiAlign batch index outside [0, N) is an INDEX error naming the node, as on the CPU', async () => {
    if (!gpu) return;
    const g = new Graph('roi_check');
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 1, 3, 3] });
    const idx = g.addInput('idx', { dtype: 'i32', shape: [2] });
    g.outputs = g.addNode('RoiAlign', [x, g.addConstant(tensor('f32', [2, 4], [0, 0, 2, 2, 1, 1, 3, 3]), 'rois'), idx], {}, 'roi_align1');
    const { program, data } = compileForWebGpu(g);
    const exe = await WebGpuExecutor.load(program, data, gpu);
    try {
      const feeds = (b: number[]) => new Map([['x', tensor('f32', [2, 1, 3, 3], Array.from({ length: 18 }, (_, i) => i))], ['idx', tensor('i32', [2], b)]]);
      const e = await exe.run(feeds([0, 2])).then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(KilnError);
      expect((e as KilnError).code).toBe('INDEX');
      expect((e as KilnError).message).toMatch(/roi_align1/);
      await expectGpuMatchesCpu(gpu, g, feeds([1, 0]));
    } finally {
      exe.dispose();
    }
  });
});

// LoadOptions.warmUp: the load dispatches every pipeline once on scratch buffers (forcing a driver's
// first-submit compile) and leaves the program's own buffers alone: outputs are bit-identical to a load
// without it, a Trainer's parameters and optimizer state are the initial ones, index-check flags stay
// clear, and the warm-up is timed (stats.warmUpMs) but not counted as a submit.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { readCase, readSpec } from '../../compiler/fixtures/case.ts';
import { importOnnxFile } from '../../compiler/onnx/importer.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { mlp, rand } from '../support/tiny-mlp.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

const bits = (t: Tensor) => [...new Uint32Array(new Float32Array(t.data as Float32Array).buffer)];

describe('warm-up at load', () => {
  // The transformer gathers token embeddings: its index checks must stay clear after the warm-up.
  for (const name of ['mlp_fmnist_infer', 'transformer_infer']) {
    it(`${name}: outputs identical with and without warmUp; warmUpMs recorded; no submit counted`, async () => {
      if (!gpu) return;
      const c = readCase(join(FIXTURES, name));
      const { program, data } = compileForWebGpu(importOnnxFile(join(c.dir, c.model)).graph);
      const inputs = new Map(Object.entries(c.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));
      const cold = await WebGpuExecutor.load(program, data, gpu, { warmUp: false });
      const warm = await WebGpuExecutor.load(program, data, gpu, { warmUp: true });
      const dflt = await WebGpuExecutor.load(program, data, gpu);
      try {
        expect(cold.stats.warmUpMs).toBe(0);
        expect(warm.stats.warmUpMs).toBeGreaterThan(0);
        expect(dflt.stats.warmUpMs).toBeGreaterThan(0); // on by default
        expect(warm.stats.loadMs).toBeGreaterThanOrEqual(warm.stats.warmUpMs);
        expect(warm.stats.submits).toBe(0);
        const [a, b] = [await cold.run(inputs), await warm.run(inputs)];
        expect(warm.stats).toMatchObject({ submits: 1, readbacks: cold.stats.readbacks });
        for (const [k, t] of a) expect(bits(b.get(k)!), k).toEqual(bits(t));
      } finally {
        [cold, warm, dflt].forEach((e) => e.dispose());
      }
    });
  }

  it('Trainer: weights right after construction are the initial ones, and steps match a trainer without warm-up', async () => {
    if (!gpu) return;
    const opts = { loss: { name: 'mse' as const }, optimizer: { type: 'adam' as const, lr: 0.05 }, backend: 'webgpu' as const };
    const ref = mlp();
    const initial = new Map([...ref.params].map(([name, v]) => [name, ref.constants.get(v)!]));
    const warm = await compileTraining(mlp(), { ...opts, warmUp: true });
    const cold = await compileTraining(mlp(), { ...opts, warmUp: false });
    try {
      const w0 = await warm.exportWeights();
      for (const [name, v] of initial) expect(bits(w0.get(name)!), name).toEqual(bits(v));
      // Adam's moments and step state: any change from the warm-up would show in the steps that follow.
      for (let s = 0; s < 3; s++) {
        const batch = { inputs: { x: tensor('f32', [4, 3], rand(12, 10 + s)) }, target: tensor('f32', [4, 2], rand(8, 20 + s)) };
        const [lw, lc] = [await warm.step(batch, { returnLoss: true }), await cold.step(batch, { returnLoss: true })];
        expect(lw).toBe(lc);
      }
      const [ww, wc] = [await warm.exportWeights(), await cold.exportWeights()];
      for (const [name, t] of wc) expect(bits(ww.get(name)!), name).toEqual(bits(t));
    } finally {
      warm.dispose();
      cold.dispose();
    }
  });
});

// The contraction autotuner (compiler/tune.ts): it times every candidate of each contraction key on the
// adapter, caches the winners per adapter and key (a second tune of the same shapes times nothing), the
// compile it feeds records each choice in its kernels and computes what the CPU interpreter does, and
// `kiln compile --tune` records the tuning in the artifact, where `kiln inspect` shows it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ARTIFACT_COMPILE } from '../../compiler/artifact/write.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { Linear } from '../../compiler/nn/index.ts';
import { importOnnxFile } from '../../compiler/onnx/importer.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { main } from '../../compiler/cli.ts';
import { contractionCensus, readTuneCache, tuneContractions } from '../../compiler/tune.ts';
import { gemmCandidates, tileName } from '../../compiler/wgsl/lower/matmul.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const ramp = (shape: number[], scale: number) => tensor('f32', shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i % 11) - 5) * scale));

/** Two products of one contraction key, 8 x 64 -> 32 (small: each candidate is a shader compile on lavapipe). */
function mlp(): Graph {
  const g = new Graph('tune_mlp');
  const x = g.addInput('x', { dtype: 'f32', shape: [8, 64] });
  const [h] = g.addNode('Gemm', [x, g.addParam('w1', ramp([32, 64], 0.02)), g.addParam('b1', ramp([32], 0.1))], { transB: 1 }, 'fc1');
  const [r] = g.addNode('Relu', [h], {}, 'relu');
  const [h2] = g.addNode('Gemm', [g.addInput('x2', { dtype: 'f32', shape: [8, 64] }), g.addParam('w2', ramp([32, 64], 0.03))], { transB: 1 }, 'fc2');
  g.outputs = [r, g.addNode('Sigmoid', [h2], {}, 'out')[0]];
  return g;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'kiln-tune-'));

describe('autotuner', () => {
  it('times every candidate once, caches the winners per adapter, and the tuned compile matches the CPU', async () => {
    if (!gpu) return;
    const cachePath = join(tmp(), 'tuning.json');
    const g = mlp();
    const census = contractionCensus(g);
    expect([...census.keys()]).toEqual(['1x8x64x32 A:k B:k']);
    const lines: string[] = [];
    const first = await tuneContractions(g, gpu, {}, { cachePath, runs: 2, log: (l) => lines.push(l) });
    expect(first).toMatchObject({ adapter: gpu.adapterName, tuned: 1, cached: 0 });
    // One timing line per candidate of each key, and the winner is the fastest of them.
    for (const [key, spec] of census) {
      const timed = lines.filter((l) => l.startsWith(`  ${key}: `));
      expect(timed.length).toBe(gemmCandidates(spec).length);
      const ms = timed.map((l) => Number(/ ([\d.]+) ms$/.exec(l)![1]));
      expect(first.choices.get(key)!.ms.toFixed(3)).toBe(Math.min(...ms).toFixed(3));
    }
    const cache = readTuneCache(cachePath);
    expect(Object.keys(cache.adapters[gpu.adapterName]).sort()).toEqual([...census.keys()].sort());

    const again = await tuneContractions(g, gpu, {}, { cachePath, runs: 2, log: (l) => lines.push(`again ${l}`) });
    expect(again).toMatchObject({ tuned: 0, cached: 1 });
    expect(lines.some((l) => l.startsWith('again'))).toBe(false);

    const { program } = compileForWebGpu(g, { gemmTuning: again.choices });
    const chosen = program.kernels.filter((k) => k.choice).map((k) => k.choice);
    const [win] = again.choices.values();
    expect(chosen).toEqual([`${win.variant} ${tileName(win.tile)}`, `${win.variant} ${tileName(win.tile)}`]);
    await expectGpuMatchesCpu(gpu, g, randomInputs(g, 3), { rtol: 1e-4, atol: 1e-4 }, { gemmTuning: again.choices });
  });

  it('the trainer option tune times the train step\'s contractions into the cache and trains as an untuned trainer does', async () => {
    if (!gpu) return;
    const dir = tmp();
    vi.stubEnv('KILN_TUNE_CACHE', join(dir, 'tuning.json'));
    try {
      const make = (tune: boolean) => {
        const model = new Linear(8, 4); // two contractions: the product and its weight gradient (each candidate compiles the step)
        return compileTraining(model, { inputs: { x: { dtype: 'f32', shape: [4, 8] } }, loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, backend: 'webgpu', seed: 3, tune });
      };
      const tuned = await make(true);
      const plain = await make(false);
      await plain.setWeights(await tuned.exportWeights());
      const keys = Object.keys(readTuneCache(join(dir, 'tuning.json')).adapters[gpu.adapterName] ?? {});
      expect(keys.length).toBe(2);
      const batch = { inputs: { x: tensor('f32', [4, 8], Array.from({ length: 32 }, (_, i) => Math.sin(i))) }, target: tensor('f32', [4, 4], Array.from({ length: 16 }, (_, i) => Math.cos(i))) };
      for (let s = 0; s < 3; s++) {
        const [a, b] = [await tuned.step(batch, { returnLoss: true }), await plain.step(batch, { returnLoss: true })];
        expect(Math.abs(a! - b!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b!)));
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses a malformed cache with a KilnError naming the file', () => {
    const path = join(tmp(), 'tuning.json');
    writeFileSync(path, '{"version": 1, "adapters": {"x": {"k": {"variant": "warp"}}}}');
    expect(() => readTuneCache(path)).toThrow(KilnError);
    expect(() => readTuneCache(path)).toThrow(/tuning\.json|tuning cache/);
    writeFileSync(path, 'not json');
    expect(() => readTuneCache(path)).toThrow(/not JSON/);
  });

  it('kiln compile --tune takes cached winners without timing, records them in the artifact, and kiln inspect shows them', async () => {
    if (!gpu) return;
    const dir = tmp();
    // A cache holding a (non-default) winner for each of the model's contractions: the compile must use
    // these, so a tune of the same shapes costs nothing (the first test times candidates).
    const model = 'tests/fixtures/mlp_fmnist_infer/model.onnx';
    const census = contractionCensus(importOnnxFile(model).graph, ARTIFACT_COMPILE);
    const seeded = Object.fromEntries([...census].map(([key, spec]) => [key, { ...gemmCandidates(spec).at(-2)!, ms: 1 }]));
    writeFileSync(join(dir, 'tuning.json'), JSON.stringify({ version: 1, adapters: { [gpu.adapterName]: seeded } }));
    vi.stubEnv('KILN_TUNE_CACHE', join(dir, 'tuning.json'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['compile', model, '--out', join(dir, 'a'), '--tune'])).toBe(0);
      const manifest = JSON.parse(readFileSync(join(dir, 'a', 'manifest.json'), 'utf8'));
      expect(manifest.tuning.adapter).toBe(gpu.adapterName);
      const choices = Object.values(manifest.tuning.choices) as string[];
      expect(choices.sort()).toEqual(Object.values(seeded).map((c) => `${c.variant} ${tileName(c.tile)}`).sort());
      expect(err.mock.calls.map((c) => String(c[0])).join('\n')).toContain('3 contraction shapes on');
      expect(err.mock.calls.map((c) => String(c[0])).join('\n')).toContain('0 timed now, 3 from the cache');
      const recorded = manifest.kernels.filter((k: { choice?: string }) => k.choice).map((k: { choice: string }) => k.choice);
      expect(recorded.sort()).toEqual([...choices].sort());
      log.mockClear();
      expect(await main(['inspect', join(dir, 'a')])).toBe(0);
      const text = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(text).toContain(`contraction kernels tuned on ${gpu.adapterName} (3 shapes)`);
      for (const c of recorded) expect(text).toContain(`[${c}]`);
    } finally {
      log.mockRestore();
      err.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});

// The runtime bundle in a real browser: headless Chromium (SwiftShader WebGPU) loads a page from a local
// server, imports the esbuild bundle of runtime/index.ts, fetches a compiled artifact, runs it and
// refuses tampered artifacts; outputs must match the CPU interpreter run on the artifact's own graph.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bundleRuntime } from '../../bench/runtime-size.ts';
import { compileOnnxArtifact } from '../../compiler/artifact/write.ts';
import { compareTensors } from '../../compiler/compare.ts';
import { loadArtifact } from '../../runtime/artifact.ts';
import { artifactGraph } from '../../runtime/artifact-graph.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { GPU_TOLERANCE } from '../support/gpu-diff.ts';
import { elementwiseInputs, OUTPUT_NAMES, writeElementwiseModel } from './elementwise-model.ts';
import { haveChromium, noBrowserWebGpu, openPage, serve } from './server.ts';

type Runtime = typeof import('../../runtime/index.ts');
interface PageResult {
  adapter: string | null;
  outputs?: Record<string, { type: string; data: number[] }>;
  refusals?: string[];
}

it('runs a compiled artifact with the runtime bundle in headless Chromium', { timeout: 240_000 }, async (t) => {
  if (!haveChromium()) return t.skip();
  const base = mkdtempSync(join(tmpdir(), 'kiln-browser-'));
  const dir = join(base, 'artifact');
  compileOnnxArtifact(writeElementwiseModel(base), dir);
  const inputs = elementwiseInputs();
  const want = interpret(artifactGraph(await loadArtifact(dir)), inputs);

  const server = await serve((await bundleRuntime()).code, dir);
  const { page, logs, browser } = await openPage(server).catch(async (e: unknown) => {
    await server.close();
    throw e;
  });
  try {
    const arg = { x: Array.from(inputs.get('x')!.data), n: Array.from(inputs.get('n')!.data) };
    const r: PageResult = await page.evaluate(async (arg) => {
      const kiln = (window as unknown as { kiln: Runtime }).kiln;
      const gpu = await kiln.getGpu();
      if (!gpu) return { adapter: null };
      const artifact = await kiln.loadArtifact('artifact/');
      const session = await artifact.createSession(gpu);
      const out = await session.run({ x: Float32Array.from(arg.x), n: Int32Array.from(arg.n) });
      session.dispose();
      const outputs = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { type: v.constructor.name, data: Array.from(v) }]));
      // The loader's refusals, with the browser's WebCrypto computing the hash.
      const weights = new Uint8Array(await (await fetch('artifact/weights.safetensors')).arrayBuffer());
      const flipped = weights.slice();
      flipped[flipped.length - 1] ^= 1;
      const m = artifact.manifest;
      const refusals: string[] = [];
      for (const src of [{ manifest: { ...m, version: m.version + 1 }, weights }, { manifest: m, weights: flipped }]) {
        try {
          await kiln.loadArtifact(src);
          refusals.push('loaded');
        } catch (e) {
          refusals.push(`${(e as Error).name}: ${(e as Error).message}`);
        }
      }
      return { adapter: gpu.adapterName, outputs, refusals };
    }, arg);
    if (!r.adapter) {
      noBrowserWebGpu(`navigator.gpu gave no adapter; page log: ${logs.join(' | ') || 'empty'}`);
      return t.skip();
    }
    console.log(`browser WebGPU adapter: ${r.adapter}`);
    expect(server.requests).toEqual(expect.arrayContaining(['/runtime.js', '/artifact/manifest.json', '/artifact/weights.safetensors']));
    expect(Object.keys(r.outputs!)).toEqual([...OUTPUT_NAMES]);
    expect(OUTPUT_NAMES.map((n) => r.outputs![n].type)).toEqual(['Float32Array', 'Float32Array', 'Uint8Array', 'Int32Array']);
    OUTPUT_NAMES.forEach((name, i) => {
      const got = { ...want[i], data: Float32Array.from(r.outputs![name].data) };
      expect(compareTensors(got, { ...want[i], data: Float32Array.from(want[i].data) }, GPU_TOLERANCE), name).toBeUndefined();
    });
    expect(r.refusals![0]).toMatch(/^KilnError: .*format version \d+ is not supported/);
    expect(r.refusals![1]).toMatch(/^KilnError: .*does not match the manifest's SHA-256 [0-9a-f]{64}/);
    expect(logs.filter((l) => l.startsWith('page error'))).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
  }
});

// A compiled model as an app ships it to the browser: `kiln compile`'s model.js, imported by an app entry
// and bundled with esbuild (code splitting on, so the CPU fallback `kiln/runtime/cpu` becomes a chunk that
// loads only when the CPU runs the model). `kiln/runtime` resolves through the package's exports map to the
// built dist/, as in an app that installed kiln. Headless Chromium runs the bundle on WebGPU and on the
// CPU fallback; both must match the CPU interpreter run in Node on the artifact's own graph.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { compileOnnxArtifact } from '../../compiler/artifact/write.ts';
import { compareTensors } from '../../compiler/compare.ts';
import { loadArtifact } from '../../runtime/artifact.ts';
import { artifactGraph } from '../../runtime/artifact-graph.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { GPU_TOLERANCE } from '../support/gpu-diff.ts';
import { elementwiseInputs, OUTPUT_NAMES, writeElementwiseModel } from './elementwise-model.ts';
import { haveChromium, noBrowserWebGpu, openPage, serve } from './server.ts';

const ROOT = join(import.meta.dirname, '../..');

/** The app: runs the model on the backend asked for and returns what it gave, as plain arrays. */
const APP = `import { load } from './artifact/model.js';
window.runModel = async (backend, x, n) => {
  const model = await load({ source: new URL('./artifact/', location.href), backend });
  const out = await model.run({ x: Float32Array.from(x), n: Int32Array.from(n) });
  model.dispose();
  return { backend: model.backend, outputs: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { type: v.constructor.name, data: Array.from(v) }])) };
};
`;

interface RunResult {
  backend: string;
  outputs: Record<string, { type: string; data: number[] }>;
}

it('bundles a compiled model.js with esbuild and runs it in headless Chromium on WebGPU and on the CPU fallback', { timeout: 240_000 }, async (t) => {
  if (!haveChromium()) return t.skip();
  // Inside the checkout (out/ is git-ignored), so that `kiln/runtime` resolves as a package self-reference.
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const base = mkdtempSync(join(ROOT, 'out', 'model-bundle-'));
  const dir = join(base, 'artifact');
  compileOnnxArtifact(writeElementwiseModel(base), dir);
  writeFileSync(join(base, 'app.js'), APP);
  const inputs = elementwiseInputs();
  const want = interpret(artifactGraph(await loadArtifact(dir)), inputs);

  const r = await build({ entryPoints: [join(base, 'app.js')], bundle: true, splitting: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, outdir: join(base, 'web'), write: false, logLevel: 'silent', metafile: true });
  const entry = r.outputFiles.find((f) => f.path.endsWith('app.js'))!;
  const chunks = new Map(r.outputFiles.filter((f) => f !== entry).map((f) => [`/${relative(join(base, 'web'), f.path)}`, f.text]));
  const bundled = Object.keys(r.metafile.inputs);
  expect(bundled.some((f) => f.includes('dist/runtime/index.js')), 'kiln/runtime resolved to the built package').toBe(true);
  expect(chunks.size, 'the CPU fallback is a separate chunk').toBeGreaterThan(0);

  const server = await serve(entry.text, dir, chunks);
  const { page, logs, browser } = await openPage(server).catch(async (e: unknown) => {
    await server.close();
    throw e;
  });
  try {
    const arg = { x: Array.from(inputs.get('x')!.data), n: Array.from(inputs.get('n')!.data) };
    const run = (backend: string) =>
      page.evaluate(async ({ backend, x, n }) => {
        const w = window as unknown as { runModel: (b: string, x: number[], n: number[]) => Promise<RunResult> };
        try {
          return await w.runModel(backend, x, n);
        } catch (e) {
          return { backend: `error: ${(e as Error).message}`, outputs: {} };
        }
      }, { backend, ...arg });
    const check = (res: RunResult) =>
      OUTPUT_NAMES.forEach((name, i) => {
        const got = { ...want[i], data: Float32Array.from(res.outputs[name].data) };
        expect(compareTensors(got, { ...want[i], data: Float32Array.from(want[i].data) }, GPU_TOLERANCE), `${res.backend} ${name}`).toBeUndefined();
      });
    const cpu = await run('cpu');
    expect(cpu.backend).toBe('cpu');
    check(cpu);
    expect(server.requests.some((p) => chunks.has(p)), 'the CPU chunk was fetched').toBe(true);
    const gpu = await run('webgpu');
    if (gpu.backend.startsWith('error')) {
      noBrowserWebGpu(`${gpu.backend}; page log: ${logs.join(' | ') || 'empty'}`);
      return t.skip();
    }
    expect(gpu.backend).toBe('webgpu');
    check(gpu);
    expect(logs.filter((l) => l.startsWith('page error'))).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
    rmSync(base, { recursive: true, force: true });
  }
});

// The compiled artifact (`kiln compile`): manifest, weights and the typed model.ts; the loader's
// refusals (format version, weights size, SHA-256, tensors); the CPU interpreter running the artifact
// from the manifest alone; the generated module on WebGPU; and every inference fixture as an artifact.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ts, Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../compiler/cli.ts';
import { compareTensors } from '../compiler/compare.ts';
import { CHECKOUT_RUNTIME } from './support/checkout-runtime.ts';
import { compileOnnxArtifact, sealManifest, type BuiltArtifact } from '../compiler/artifact/write.ts';
import { readCase, readSpec } from '../compiler/fixtures/case.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { writeSafetensors } from '../compiler/safetensors.ts';
import { KilnError } from '../ir/errors.ts';
import type { TypedArray } from '../ir/dtype.ts';
import type { Tensor } from '../ir/tensor.ts';
import type { GpuContext } from '../runtime/webgpu/device.ts';
import { loadArtifact, sha256Hex } from '../runtime/artifact.ts';
import type { Manifest } from '../runtime/artifact-format.ts';
import { artifactGraph } from '../runtime/artifact-graph.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { PROGRAM_VERSION } from '../runtime/program.ts';
import { readWeights } from '../runtime/weights.ts';
import { elementwiseInputs, OUTPUT_NAMES, writeElementwiseModel } from './browser/elementwise-model.ts';
import { FIXTURES, webgpuOrSkip } from './support/env.ts';
import { GPU_TOLERANCE } from './support/gpu-diff.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'kiln-artifact-'));
/** What every generated model.ts exports, with its types widened. */
interface GeneratedModule {
  load(options?: { gpu?: GpuContext }): Promise<{ run(inputs: Record<string, TypedArray>): Promise<Record<string, TypedArray>>; dispose(): void }>;
}
const record = (m: Map<string, Tensor>) => Object.fromEntries([...m].map(([k, t]) => [k, t.data]));

describe('kiln compile: elementwise model', () => {
  let dir: string, modelPath: string, built: BuiltArtifact;
  beforeAll(() => {
    const base = tmp();
    modelPath = writeElementwiseModel(base);
    dir = join(base, 'artifact');
    built = compileOnnxArtifact(modelPath, dir, { runtimeImport: CHECKOUT_RUNTIME });
  });

  it('writes manifest.json, weights.safetensors and model.ts', () => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.format).toBe('kiln-artifact');
    expect(m.version).toBe(PROGRAM_VERSION);
    expect(m.name).toBe('elementwise');
    expect(m.inputs.map((io) => [io.name, io.dtype, io.shape])).toEqual([['x', 'f32', [3, 5]], ['n', 'i32', [4]]]);
    expect(m.outputs.map((io) => [io.name, io.dtype, io.shape])).toEqual([
      ['relu', 'f32', [3, 5]], ['gate.out', 'f32', [3, 5]], ['mask', 'bool', [3, 5]], ['twice', 'i32', [4]],
    ]);
    expect(m.kernels.length).toBeGreaterThan(0);
    expect(m.kernels.every((k) => k.wgsl.includes('@compute'))).toBe(true);
    expect(m.dispatches.length).toBeGreaterThan(0);
    const weights = readFileSync(join(dir, 'weights.safetensors'));
    expect(m.weights).toEqual({ file: 'weights.safetensors', bytes: weights.byteLength, sha256: built.manifest.weights.sha256 });
    expect(m.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(m.digest).toBe(built.manifest.digest);
    const stored = readWeights(new Uint8Array(weights));
    expect([...stored.keys()].sort()).toEqual(['b', 'w']);
    expect(Array.from(stored.get('w')!.data)).toEqual([0.5, -1, 2, 0, -0.25]);
    expect(m.graph.nodes.map((n) => n.op)).toEqual(['Mul', 'Add', 'Relu', 'Sigmoid', 'Greater', 'Add']);
    expect(m.graph.constants.map((c) => c.weight).sort()).toEqual(['b', 'w']);
    const mod = readFileSync(join(dir, 'model.ts'), 'utf8');
    expect(mod).toContain("'gate.out': Float32Array;");
    expect(mod).toContain('mask: Uint8Array;');
    expect(mod).toContain('n: Int32Array;');
  });

  it('`kiln compile` writes the artifact folder', async () => {
    const out = join(tmp(), 'cli');
    expect(await main(['compile', modelPath, '--out', out])).toBe(0);
    for (const f of ['manifest.json', 'weights.safetensors', 'model.ts']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'weights.safetensors'))).toEqual(readFileSync(join(dir, 'weights.safetensors')));
  });

  it('runs on the CPU interpreter from the manifest and weights alone', async () => {
    const artifact = await loadArtifact(dir);
    const g = artifactGraph(artifact);
    const got = interpret(g, elementwiseInputs());
    const want = interpret(importOnnxFile(modelPath).graph, elementwiseInputs());
    got.forEach((t, i) => expect(compareTensors(t, want[i], { rtol: 0, atol: 0 }), OUTPUT_NAMES[i]).toBeUndefined());
  });

  it('loads from a folder path, a file: URL, and a manifest with bytes or a base', async () => {
    const a = await loadArtifact(pathToFileURL(`${dir}/`));
    const b = await loadArtifact({ manifest: readFileSync(join(dir, 'manifest.json'), 'utf8'), base: dir });
    const c = await loadArtifact({ manifest: built.manifest, weights: built.weights });
    for (const x of [a, b, c]) expect(Array.from(x.weights.get('b')!)).toEqual(Array.from(new Float32Array([0.1, -0.2, 0.3])));
  });

  it('generates a model.ts whose types follow the model (ts-morph type check)', () => {
    writeFileSync(
      join(dir, 'use.ts'),
      `import { load, signature, type Outputs } from './model.ts';
const m = await load();
const out: Outputs = await m.run({ x: new Float32Array(15), n: new Int32Array(4) });
const r: Float32Array = out.relu, g: Float32Array = out['gate.out'], mask: Uint8Array = out.mask, twice: Int32Array = out.twice;
const shape: readonly [3, 5] = signature.inputs.x.shape;
// @ts-expect-error n is an Int32Array
await m.run({ x: new Float32Array(15), n: new Float32Array(4) });
// @ts-expect-error the input n is missing
await m.run({ x: new Float32Array(15) });
// @ts-expect-error there is no output 'logits'
out.logits;
m.dispose();
export { r, g, mask, twice, shape };
`,
    );
    const project = new Project({
      tsConfigFilePath: join(ROOT, 'tsconfig.json'),
      skipAddingFilesFromTsConfig: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
    });
    const files = [project.addSourceFileAtPath(join(dir, 'model.ts')), project.addSourceFileAtPath(join(dir, 'use.ts'))];
    project.resolveSourceFileDependencies();
    const diags = files.flatMap((f) => f.getPreEmitDiagnostics());
    expect(project.formatDiagnosticsWithColorAndContext(diags)).toBe('');
  });

  it('runs the generated model.ts on WebGPU', async (t) => {
    const gpu = await webgpuOrSkip();
    if (!gpu) return t.skip();
    const mod = (await import(pathToFileURL(join(dir, 'model.ts')).href)) as GeneratedModule;
    const model = await mod.load({ gpu });
    try {
      const inputs = elementwiseInputs();
      const out = await model.run(record(inputs));
      expect(Object.keys(out)).toEqual([...OUTPUT_NAMES]);
      expect(out.mask).toBeInstanceOf(Uint8Array);
      expect(out.twice).toBeInstanceOf(Int32Array);
      const want = interpret(importOnnxFile(modelPath).graph, inputs);
      OUTPUT_NAMES.forEach((name, i) => {
        const got = { ...want[i], data: out[name] };
        expect(compareTensors(got, want[i], GPU_TOLERANCE), name).toBeUndefined();
      });
      await expect(model.run({ x: new Float32Array(15), n: new Float32Array(4) })).rejects.toThrow(/input 'n' must be a Int32Array of 4 elements/);
      await expect(model.run({ x: new Float32Array(14), n: new Int32Array(4) })).rejects.toThrow(/input 'x' must be a Float32Array of 15/);
      await expect(model.run({ x: new Float32Array(15), n: new Int32Array(4), y: new Float32Array(1) })).rejects.toThrow(/unknown input 'y'/);
    } finally {
      model.dispose();
    }
  });
});

describe('artifact loader refusals', () => {
  let built: BuiltArtifact;
  beforeAll(() => {
    built = compileOnnxArtifact(writeElementwiseModel(tmp()), join(tmp(), 'a'), { runtimeImport: CHECKOUT_RUNTIME });
  });
  const refuse = async (manifest: unknown, weights: Uint8Array, why: RegExp) => {
    const p = loadArtifact({ manifest: manifest as Manifest, weights });
    await expect(p).rejects.toBeInstanceOf(KilnError);
    await expect(p).rejects.toThrow(why);
  };
  /** Weights with other tensors, and a (resealed) manifest whose size and hash match them, so only the tensor check can refuse. */
  const withTensors = async (edit: (t: Map<string, Tensor>) => void) => {
    const t = new Map([...readWeights(built.weights)].map(([k, s]) => [k, { dtype: 'f32' as const, shape: s.shape, data: s.data }]));
    edit(t);
    const weights = writeSafetensors(t);
    const manifest = sealManifest({ ...built.manifest, weights: { ...built.manifest.weights, bytes: weights.byteLength, sha256: await sha256Hex(weights) } });
    return { manifest, weights };
  };

  it('accepts the artifact as written', async () => {
    await expect(loadArtifact({ manifest: built.manifest, weights: built.weights })).resolves.toBeDefined();
  });

  it('refuses a manifest of another format version or format', async () => {
    await refuse({ ...built.manifest, version: PROGRAM_VERSION + 1 }, built.weights, new RegExp(`format version ${PROGRAM_VERSION + 1} is not supported`));
    await refuse({ ...built.manifest, format: 'onnx' }, built.weights, /not a kiln artifact manifest/);
    await expect(loadArtifact({ manifest: '{not json', weights: built.weights })).rejects.toThrow(/manifest is not JSON/);
  });

  it('refuses weights of the wrong size or SHA-256', async () => {
    await refuse(built.manifest, built.weights.subarray(0, built.weights.length - 4), /weights file does not have the \d+ bytes the manifest declares/);
    const flipped = built.weights.slice();
    flipped[flipped.length - 1] ^= 1;
    await refuse(built.manifest, flipped, new RegExp(`does not match the manifest's SHA-256 ${built.manifest.weights.sha256}`));
  });

  it("refuses weights whose tensors don't match the buffers", async () => {
    const wrongShape = await withTensors((t) => t.set('w', { dtype: 'f32', shape: [1, 5], data: t.get('w')!.data }));
    await refuse(wrongShape.manifest, wrongShape.weights, /tensor 'w' is F32\[1,5\], its buffer is f32\[5\]/);
    const wrongType = await withTensors((t) => t.set('w', { dtype: 'i32', shape: [5], data: new Int32Array(5) }));
    await refuse(wrongType.manifest, wrongType.weights, /tensor 'w' is I32\[5\]/);
    const missing = await withTensors((t) => t.delete('b'));
    await refuse(missing.manifest, missing.weights, /lacks tensor 'b'/);
    const extra = await withTensors((t) => t.set('extra', { dtype: 'f32', shape: [2], data: new Float32Array(2) }));
    await refuse(extra.manifest, extra.weights, /tensor 'extra' that no buffer/);
  });

  it('reports a missing artifact folder', async () => {
    await expect(loadArtifact(join(tmp(), 'nothing-here'))).rejects.toThrow(/cannot read artifact file/);
  });
});

// Every inference fixture, compiled with the `kiln compile` path and run through its generated model.ts.
// A fixture whose graph has no WebGPU lowering yet is skipped with the reason; the summary lists all.
describe('inference fixtures as compiled artifacts', () => {
  const cases = readdirSync(FIXTURES).filter((d) => d.endsWith('_infer') && existsSync(join(FIXTURES, d, 'case.json'))).sort();
  const summary = new Map<string, string>();
  afterAll(() => {
    const lines = cases.map((c) => `  ${c.padEnd(24)} ${summary.get(c) ?? 'not run'}`);
    const passed = [...summary.values()].filter((s) => s.startsWith('PASS')).length;
    console.log(`artifact fixtures: ${passed} of ${cases.length} pass on WebGPU\n${lines.join('\n')}`);
  });

  it('finds the inference fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(8));

  for (const name of cases) {
    it(name, { timeout: 300_000 }, async (t) => {
      const c = readCase(join(FIXTURES, name));
      const dir = join(tmp(), name);
      try {
        compileOnnxArtifact(join(c.dir, c.model), dir, { runtimeImport: CHECKOUT_RUNTIME });
      } catch (e) {
        if (!(e instanceof KilnError) || e.code !== 'BACKEND') throw e;
        summary.set(name, `not compiled: ${e.message.slice(0, 140)}`);
        return t.skip(`not compiled yet: ${e.message}`);
      }
      const inputs = new Map(Object.entries(c.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));
      const artifact = await loadArtifact(dir);
      const names = artifact.manifest.outputs.map((o) => o.name);
      expect(names.sort()).toEqual(Object.keys(c.expected.outputs!).sort());
      const want = (n: string) => readSpec(c.dir, c.expected.outputs![n]);
      // The CPU interpreter on the graph stored in the manifest.
      const cpu = interpret(artifactGraph(artifact), inputs);
      artifact.manifest.outputs.forEach((o, i) => expect(compareTensors(cpu[i], want(o.name), c.tolerance), `cpu ${o.name}`).toBeUndefined());
      const gpu = await webgpuOrSkip();
      if (!gpu) {
        summary.set(name, 'cpu ok; no WebGPU');
        return t.skip('no WebGPU adapter');
      }
      const mod = (await import(pathToFileURL(join(dir, 'model.ts')).href)) as GeneratedModule;
      const model = await mod.load({ gpu });
      try {
        const out = await model.run(record(inputs));
        const diffs = artifact.manifest.outputs
          .map((o) => [o.name, compareTensors({ dtype: o.dtype, shape: o.shape, data: out[o.name] }, want(o.name), c.tolerance)])
          .filter(([, d]) => d);
        summary.set(name, diffs.length ? `FAIL ${diffs.map(([n, d]) => `${n}: ${d}`).join('; ')}` : 'PASS');
        expect(diffs).toEqual([]);
      } finally {
        model.dispose();
      }
    });
  }
});

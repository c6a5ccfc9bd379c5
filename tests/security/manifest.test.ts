// Hostile manifests: every field of the Program part changed to a wrong type, a negative, fractional or
// huge number, an out-of-range index, a missing field, a buffer smaller than its shape, workgroups out of
// range, 100,000 dispatches, oversize totals, binding counts that do not match the kernel. Each manifest is
// resealed (a fresh digest) so that the schema check (runtime/program-check.ts), not the digest, is what
// refuses it: with a KilnError('ARTIFACT') naming the field, within 1 s, never a TypeError. Controls: real
// artifacts (elementwise, and the MLP fixture with arenas and kernel parameters) still load and run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileOnnxArtifact, sealManifest, type BuiltArtifact } from '../../compiler/artifact/write.ts';
import { compareTensors } from '../../compiler/compare.ts';
import { importOnnxFile } from '../../compiler/onnx/importer.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Manifest } from '../../runtime/artifact-format.ts';
import { loadArtifact } from '../../runtime/artifact.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { deviceProblem, MAX_DISPATCHES, MAX_TOTAL_BYTES, programProblem } from '../../runtime/program-check.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { elementwiseInputs, OUTPUT_NAMES, writeElementwiseModel } from '../browser/elementwise-model.ts';
import { FIXTURES, webgpuOrSkip } from '../support/env.ts';
import { GPU_TOLERANCE } from '../support/gpu-diff.ts';

const LIMIT_MS = 1000;
const tmp = () => mkdtempSync(join(tmpdir(), 'kiln-sec-manifest-'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

let modelPath: string, built: BuiltArtifact, mlp: BuiltArtifact;
beforeAll(() => {
  const base = tmp();
  modelPath = writeElementwiseModel(base);
  built = compileOnnxArtifact(modelPath, join(base, 'a'));
  mlp = compileOnnxArtifact(join(FIXTURES, 'mlp_fmnist_infer', 'model.onnx'), join(base, 'mlp'));
});

/** Loads `manifest` resealed with the real weights; it must fail with a KilnError('ARTIFACT') within 1 s. */
async function refused(manifest: Loose, from = built): Promise<KilnError> {
  const sealed = sealManifest(manifest as Manifest);
  const t0 = performance.now();
  let err: unknown;
  try {
    await loadArtifact({ manifest: sealed, weights: from.weights });
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - t0;
  if (err === undefined) throw new Error('expected a KilnError, the manifest loaded');
  if (!(err instanceof KilnError)) throw new Error(`expected a KilnError, got ${(err as Error)?.stack ?? String(err)}`);
  expect(err.code).toBe('ARTIFACT');
  expect(ms, 'refused within 1 s').toBeLessThan(LIMIT_MS);
  return err;
}

/** A deep copy of the elementwise manifest changed by `f`. */
const edit = (f: (m: Loose) => void, from = built): Loose => {
  const m = structuredClone(from.manifest) as Loose;
  f(m);
  return m;
};
const big = (n: number) => Array.from({ length: n }, () => ({ kernel: 2, bindings: [1, 7], workgroups: [1, 1, 1] }));

/** [what, change, the field path and problem the message must name]. */
const CASES: [string, (m: Loose) => void, RegExp][] = [
  // wrong types and missing fields
  ['dispatches not an array', (m) => (m.dispatches = { 0: m.dispatches[0] }), /dispatches must be an array/],
  ['buffers missing', (m) => delete m.buffers, /buffers must be an array, got undefined/],
  ['kernels null', (m) => (m.kernels = null), /kernels must be an array, got null/],
  ['state a string', (m) => (m.state = 'all'), /state must be an array/],
  ['buffer entry null', (m) => (m.buffers[3] = null), /buffers\[3\] must be an object, got null/],
  ['dispatch entry a number', (m) => (m.dispatches[1] = 7), /dispatches\[1\] must be an object, got 7/],
  ['entryPoint a number', (m) => (m.kernels[0].entryPoint = 5), /kernels\[0\]\.entryPoint must be a string, got 5/],
  ['wgsl missing', (m) => delete m.kernels[1].wgsl, /kernels\[1\]\.wgsl must be a string, got undefined/],
  ['kernel name an object', (m) => (m.kernels[2].name = { x: 1 }), /kernels\[2\]\.name must be a string/],
  ['nodes of numbers', (m) => (m.kernels[0].nodes = [1]), /kernels\[0\]\.nodes\[0\] must be a string/],
  ['binding access unknown', (m) => (m.kernels[0].bindings[1] = 'write'), /kernels\[0\]\.bindings\[1\] must be one of read, read_write, got "write"/],
  ['kernel bindings a string', (m) => (m.kernels[1].bindings = 'read'), /kernels\[1\]\.bindings must be an array/],
  ['buffer name a number', (m) => (m.buffers[2].name = 7), /buffers\[2\]\.name must be a string/],
  ['buffer role unknown', (m) => (m.buffers[2].role = 'weights'), /buffers\[2\]\.role must be one of/],
  ['buffer dtype f64', (m) => (m.buffers[0].dtype = 'f64'), /buffers\[0\]\.dtype must be one of/],
  ['dispatch kernel a string', (m) => (m.dispatches[0].kernel = '0'), /dispatches\[0\]\.kernel must be an integer/],
  ['output name missing', (m) => delete m.outputs[1].name, /outputs\[1\]\.name must be a string, got undefined/],
  ['input shape missing', (m) => delete m.inputs[0].shape, /inputs\[0\]\.shape must be an array, got undefined/],
  ['arenas a string', (m) => (m.arenas = 'x'), /arenas must be an array/],
  ['arena entry null', (m) => (m.arenas = [null]), /arenas\[0\] must be an object, got null/],
  ['limits binding size negative', (m) => (m.limits.maxStorageBufferBindingSize = -1), /limits\.maxStorageBufferBindingSize must be an integer/],
  // negative, fractional, huge numbers
  ['dispatch kernel negative', (m) => (m.dispatches[0].kernel = -1), /dispatches\[0\]\.kernel must be an integer in 0\.\./],
  ['binding index fractional', (m) => (m.dispatches[0].bindings[0] = 0.5), /dispatches\[0\]\.bindings\[0\] must be an integer/],
  ['workgroupSize zero', (m) => (m.kernels[0].workgroupSize = 0), /kernels\[0\]\.workgroupSize must be an integer in 1\.\.1024, got 0/],
  ['workgroupSize fractional', (m) => (m.kernels[1].workgroupSize = 64.5), /kernels\[1\]\.workgroupSize must be an integer in 1\.\.1024, got 64\.5/],
  ['workgroupSize huge', (m) => (m.kernels[2].workgroupSize = 4096), /kernels\[2\]\.workgroupSize must be an integer in 1\.\.1024, got 4096/],
  ['kernel outputs negative', (m) => (m.kernels[0].outputs = -1), /kernels\[0\]\.outputs must be an integer/],
  ['buffer bytes 1e300', (m) => (m.buffers[4].bytes = 1e300), /buffers\[4\]\.bytes must be an integer in 4\.\./],
  ['buffer bytes zero', (m) => (m.buffers[1].bytes = 0), /buffers\[1\]\.bytes must be an integer in 4\.\./],
  ['buffer bytes not a multiple of 4', (m) => (m.buffers[0].bytes = 62), /buffers\[0\]\.bytes must be a multiple of 4, got 62/],
  ['buffer dim negative', (m) => (m.buffers[4].shape = [3, -5]), /buffers\[4\]\.shape\[1\] must be an integer in 0\.\./],
  ['buffer dim fractional', (m) => (m.buffers[7].shape = [3.5]), /buffers\[7\]\.shape\[0\] must be an integer/],
  ['io dim negative', (m) => (m.inputs[0].shape = [-3, 5]), /inputs\[0\]\.shape\[0\] must be an integer/],
  ['state index negative', (m) => (m.state = [-1]), /state\[0\] must be an integer/],
  // workgroups
  ['workgroups zero', (m) => (m.dispatches[0].workgroups = [0, 1, 1]), /dispatches\[0\]\.workgroups\[0\] must be an integer in 1\.\.65535, got 0/],
  ['workgroups fractional', (m) => (m.dispatches[1].workgroups = [1, 1.5, 1]), /dispatches\[1\]\.workgroups\[1\] must be an integer in 1\.\.65535, got 1\.5/],
  ['workgroups past 65535', (m) => (m.dispatches[2].workgroups = [1, 1, 65536]), /dispatches\[2\]\.workgroups\[2\] must be an integer in 1\.\.65535, got 65536/],
  ['workgroups huge', (m) => (m.dispatches[0].workgroups = [1e9, 1e9, 1e9]), /dispatches\[0\]\.workgroups\[0\] must be an integer in 1\.\.65535, got 1000000000/],
  ['workgroups negative', (m) => (m.dispatches[0].workgroups = [1, -4, 1]), /dispatches\[0\]\.workgroups\[1\]/],
  ['workgroups Infinity', (m) => (m.dispatches[0].workgroups = [Infinity, 1, 1]), /dispatches\[0\]\.workgroups\[0\] must be an integer/],
  ['workgroups two counts', (m) => (m.dispatches[0].workgroups = [1, 1]), /dispatches\[0\]\.workgroups must hold 3 items, got 2/],
  ['workgroups a string', (m) => (m.dispatches[0].workgroups = '1,1,1'), /dispatches\[0\]\.workgroups must be an array/],
  // indices out of range
  ['dispatch kernel past the kernels', (m) => (m.dispatches[2].kernel = 3), /dispatches\[2\]\.kernel 3 is not one of the 3 kernels/],
  ['binding buffer past the buffers', (m) => (m.dispatches[0].bindings[3] = 8), /dispatches\[0\]\.bindings\[3\] 8 is not one of the 8 buffers/],
  ['input buffer past the buffers', (m) => (m.inputs[1].buffer = 999), /inputs\[1\]\.buffer 999 is not one of the 8 buffers/],
  ['output buffer past the buffers', (m) => (m.outputs[0].buffer = 8), /outputs\[0\]\.buffer 8 is not one of the 8 buffers/],
  ['state index past the buffers', (m) => (m.state = [2, 999]), /state\[1\] 999 is not one of the 8 buffers/],
  // binding counts
  ['dispatch binds one buffer too few', (m) => m.dispatches[0].bindings.pop(), /dispatches\[0\]\.bindings must hold the 5 buffers kernel 0 binds, got 4/],
  ['dispatch binds one buffer too many', (m) => m.dispatches[1].bindings.push(0), /dispatches\[1\]\.bindings must hold the 3 buffers kernel 1 binds, got 4/],
  ['dispatch runs another kernel (binding count)', (m) => (m.dispatches[2].kernel = 0), /dispatches\[2\]\.bindings must hold the 5 buffers kernel 0 binds, got 2/],
  ['kernel parameters no dispatch gives', (m) => (m.kernels[0].params = 2), /kernel parameters: dispatches\[0\]\.params must hold the 2 parameters/],
  ['kernel outputs more than its bindings', (m) => (m.kernels[2].outputs = 3), /kernels\[2\]\.outputs 3 is more than its 2 bindings/],
  // sizes and io decls
  ['buffer smaller than its shape', (m) => (m.buffers[4].bytes = 4), /buffers\[4\]\.bytes 4 is less than the 60 its shape \[3,5\] needs/],
  ['shape grown past the bytes', (m) => (m.buffers[5].shape = [30, 5]), /buffers\[5\]\.bytes 60 is less than the 600/],
  ['shape with a huge dim', (m) => (m.buffers[7].shape = [2147483647, 2147483647]), /buffers\[7\]\.bytes 16 is less than/],
  ['input dtype other than its buffer', (m) => (m.inputs[0].dtype = 'i32'), /inputs\[0\]\.dtype i32 is not stored in buffer 0 \(f32\)/],
  ['output shape larger than its buffer', (m) => (m.outputs[0].shape = [5, 4]), /outputs\[0\]\.shape \[5,4\] needs 80 bytes, more than the 60 of buffer 4/],
  ['output bool over an f32 buffer', (m) => (m.outputs[0].dtype = 'bool'), /outputs\[0\]\.dtype bool is not stored in buffer 4 \(f32\)/],
  // stated limits
  ['100,000 dispatches', (m) => (m.dispatches = big(100_000)), new RegExp(`dispatches must hold 0\\.\\.${MAX_DISPATCHES} items, got 100000`)],
  ['a 3 GiB buffer', (m) => (m.buffers[4].bytes = 3 * 2 ** 30), new RegExp(`need ${3 * 2 ** 30 + 244} bytes in all, over the limit of ${MAX_TOTAL_BYTES}`)],
  ['many buffers of 1 GiB', (m) => [4, 5, 6].forEach((i) => (m.buffers[i].bytes = 2 ** 30)), /bytes in all, over the limit of 2147483648/],
  ['an oversize arena', (m) => (m.arenas = [{ bytes: 2 ** 31 }]), /bytes in all, over the limit of 2147483648/],
];

describe('hostile manifests, resealed, are refused by the schema check naming the field', () => {
  it('has the cases the acceptance asks for', () => expect(CASES.length).toBeGreaterThanOrEqual(25));

  it('loads the manifests as written (controls): elementwise, and the MLP with arenas and kernel parameters', async () => {
    expect(programProblem(built.manifest)).toBeUndefined();
    expect(programProblem(mlp.manifest)).toBeUndefined();
    await expect(loadArtifact({ manifest: sealManifest(edit(() => {})), weights: built.weights })).resolves.toBeDefined();
    await expect(loadArtifact({ manifest: JSON.parse(JSON.stringify(mlp.manifest)), weights: mlp.weights })).resolves.toBeDefined();
    // The limits themselves are allowed: exactly 65,535 workgroups in a dimension, 1,024 invocations.
    const edge = edit((m) => {
      m.dispatches[2].workgroups = [65535, 1, 1];
      m.kernels[2].workgroupSize = 1024;
    });
    await expect(loadArtifact({ manifest: sealManifest(edge), weights: built.weights })).resolves.toBeDefined();
  });

  it.each(CASES)('refuses: %s', async (_what, change, why) => {
    const e = await refused(edit(change));
    expect(e.message).toMatch(why);
    expect(e.message).toMatch(/^\[ARTIFACT\] manifest/);
  });

  it('refuses broken records of the MLP (a temp in an arena) too', async () => {
    const t = mlp.manifest.buffers.findIndex((b) => b.arena !== undefined);
    expect((await refused(edit((m) => (m.buffers[t].shape = [1e6]), mlp), mlp)).message).toMatch(new RegExp(`buffers\\[${t}\\]\\.bytes \\d+ is less than the 4000000`));
    expect((await refused(edit((m) => (m.buffers[t].arena = '0'), mlp), mlp)).message).toMatch(new RegExp(`buffers\\[${t}\\] \\('[^']+'\\)\\.arena 0 is not one of`));
  });
});

describe('the executor runs the same check, and the device limits', () => {
  it('refuses a hostile program at WebGpuExecutor.load before touching a device', async () => {
    const p = edit((m) => (m.dispatches[1].workgroups = [1, 0, 1]));
    const load = WebGpuExecutor.load(p, new Map());
    await expect(load).rejects.toBeInstanceOf(KilnError);
    await expect(load).rejects.toThrow(/^\[ARTIFACT\] program: dispatches\[1\]\.workgroups\[1\] must be an integer in 1\.\.65535, got 0/);
  });

  it('compares workgroup counts and sizes with the device limits', () => {
    const small = { maxComputeWorkgroupsPerDimension: 16, maxComputeInvocationsPerWorkgroup: 256, maxComputeWorkgroupSizeX: 256 };
    expect(deviceProblem(built.manifest, small)).toBeUndefined();
    expect(deviceProblem(edit((m) => (m.dispatches[1].workgroups = [1, 17, 1])), small)).toMatch(/dispatches\[1\]\.workgroups\[1\] 17 is over this device's maxComputeWorkgroupsPerDimension 16/);
    expect(deviceProblem(edit((m) => (m.kernels[2].workgroupSize = 512)), small)).toMatch(/kernels\[2\]\.workgroupSize 512 is over this device's limit of 256/);
  });

  it('runs the checked artifact on WebGPU with the right results', async (t) => {
    const gpu = await webgpuOrSkip();
    if (!gpu) return t.skip();
    const session = await (await loadArtifact({ manifest: built.manifest, weights: built.weights })).createSession(gpu);
    try {
      const inputs = elementwiseInputs();
      const out = await session.run(Object.fromEntries([...inputs].map(([k, v]) => [k, v.data])));
      const want = interpret(importOnnxFile(modelPath).graph, inputs);
      OUTPUT_NAMES.forEach((name, i) => expect(compareTensors({ ...want[i], data: out[name] }, want[i], GPU_TOLERANCE), name).toBeUndefined());
    } finally {
      session.dispose();
    }
  });
});

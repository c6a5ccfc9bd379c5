// `kiln compile --precision f16`: an artifact whose weights are stored as F16 tensors (half the bytes) and
// whose kernels keep fused intermediates in f16. The CPU fallback runs the artifact's graph on the decoded
// f16 weights, which must equal the interpreter on the model with its weights rounded to f16; WebGPU must
// then agree with the CPU within f16's error: 2 * (weight layers + f16 temps) * 2^-11 (see
// tests/webgpu/precision-f16.test.ts for the derivation).
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileOnnxArtifact } from '../compiler/artifact/write.ts';
import { main } from '../compiler/cli.ts';
import { compareTensors } from '../compiler/compare.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { readSafetensors } from '../compiler/safetensors.ts';
import { F16_UNIT_ROUNDOFF } from '../compiler/wgsl/f16.ts';
import { tensor } from '../ir/tensor.ts';
import { type Artifact, loadArtifact } from '../runtime/artifact.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { createCpuSession } from '../runtime/cpu/session.ts';
import { FIXTURES, webgpuOrSkip } from './support/env.ts';
import { GPU_TOLERANCE, randomInputs } from './support/gpu-diff.ts';
import { withHalfWeights } from './support/half-weights.ts';

const MODEL = join(FIXTURES, 'mlp_fmnist_infer', 'model.onnx');
const LAYERS = 3;
const dir = mkdtempSync(join(tmpdir(), 'kiln-f16-'));

describe('an f16 artifact of the fixture MLP', () => {
  let half: Artifact;
  const graph = importOnnxFile(MODEL).graph;
  const inputs = randomInputs(graph, 4);
  const record = Object.fromEntries([...inputs].map(([k, t]) => [k, t.data as Float32Array]));
  beforeAll(async () => {
    compileOnnxArtifact(MODEL, join(dir, 'f32'));
    expect(await main(['compile', MODEL, '--out', join(dir, 'f16'), '--precision', 'f16'])).toBe(0);
    half = await loadArtifact(join(dir, 'f16'));
  });

  it('stores the weight matrices as F16: about half the bytes', () => {
    const bytes = (d: string) => statSync(join(dir, d, 'weights.safetensors')).size;
    expect(bytes('f16') / bytes('f32')).toBeLessThan(0.55);
    const { tensors } = readSafetensors(readFileSync(join(dir, 'f16', 'weights.safetensors')));
    const dtypes = new Set(half.program.buffers.filter((b) => b.role === 'param' || b.role === 'const').map((b) => b.dtype));
    expect(dtypes.has('f16')).toBe(true);
    expect(tensors.size).toBeGreaterThan(0);
  });

  it('runs on the CPU fallback as the interpreter does on f16-rounded weights', async () => {
    const got = await createCpuSession(half).run(record);
    const want = interpret(withHalfWeights(graph), inputs);
    half.program.outputs.forEach((o, i) => {
      expect(compareTensors(tensor('f32', o.shape, got[o.name]), want[i], GPU_TOLERANCE), o.name).toBeUndefined();
    });
  });

  it('runs on WebGPU within f16 error of the CPU fallback', async (t) => {
    const gpu = await webgpuOrSkip();
    if (!gpu) return t.skip();
    if (!gpu.features?.includes('shader-f16')) return t.skip();
    const s = await half.createSession(gpu);
    try {
      const got = await s.run(record);
      const cpu = await createCpuSession(half).run(record);
      const temps = half.program.buffers.filter((b) => b.role === 'temp' && b.dtype === 'f16').length;
      const tol = 2 * (LAYERS + temps) * F16_UNIT_ROUNDOFF;
      half.program.outputs.forEach((o) => {
        expect(compareTensors(tensor('f32', o.shape, got[o.name]), tensor('f32', o.shape, cpu[o.name]), { rtol: tol, atol: tol }), o.name).toBeUndefined();
      });
    } finally {
      s.dispose();
    }
  });

  it('refuses another --precision', async () => {
    expect(await main(['compile', MODEL, '--out', join(dir, 'bad'), '--precision', 'f8'])).toBe(2);
  });
});

// One artifact, several specializations: `kiln compile --dim batch=1,8` (compileOnnxArtifact with
// dims { batch: [1, 8] }) writes one weights file and one kernel table for both batch sizes, and a run takes
// the program whose input sizes match, on the CPU fallback and on WebGPU. Each must equal the CPU
// interpreter on the model imported at that batch.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileOnnxArtifact } from '../compiler/artifact/write.ts';
import { main } from '../compiler/cli.ts';
import { importOnnx } from '../compiler/onnx/importer.ts';
import { readSafetensors } from '../compiler/safetensors.ts';
import { KilnError } from '../ir/errors.ts';
import { tensor } from '../ir/tensor.ts';
import { type Artifact, loadArtifact } from '../runtime/artifact.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { createCpuSession } from '../runtime/cpu/session.ts';
import { webgpuOrSkip } from './support/env.ts';
import { symbolicBatchModel } from './support/symbolic-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'kiln-spec-'));
const modelPath = join(dir, 'model.onnx');
writeFileSync(modelPath, symbolicBatchModel());

const xOf = (batch: number) => Float32Array.from({ length: batch * 2 }, (_, i) => Math.sin(i + 0.5) * 2);
const reference = (batch: number) => {
  const { graph } = importOnnx(symbolicBatchModel(), { dims: { batch } });
  return interpret(graph, new Map([['x', tensor('f32', [batch, 2], xOf(batch))]]))[0].data;
};

describe('an artifact with batch 1 and batch 8', () => {
  let artifact: Artifact;
  beforeAll(async () => {
    compileOnnxArtifact(modelPath, join(dir, 'a'), { dims: { batch: [1, 8] } });
    artifact = await loadArtifact(join(dir, 'a'));
  });

  it('stores both programs with one copy of the weights and one kernel table', () => {
    const m = artifact.manifest;
    expect(m.inputs[0].shape).toEqual([1, 2]);
    expect(m.specializations).toHaveLength(1);
    expect(m.specializations![0].inputs[0].shape).toEqual([8, 2]);
    const tensors = readSafetensors(readFileSync(join(dir, 'a', 'weights.safetensors'))).tensors;
    expect([...tensors.keys()].filter((k) => k.startsWith('W'))).toEqual(['W']);
    expect(artifact.programs).toHaveLength(2);
    const used = artifact.programs.reduce((n, p) => n + p.kernels.length, 0);
    expect(m.kernels.length).toBeLessThanOrEqual(used);
    expect(new Set(m.kernels.map((k) => k.wgsl)).size).toBe(m.kernels.length);
  });

  it('runs each batch on the CPU fallback, taking the program its input fits', async () => {
    const s = createCpuSession(artifact);
    for (const batch of [1, 8]) expect(Array.from((await s.run({ x: xOf(batch) })).y)).toEqual(Array.from(reference(batch)));
  });

  it('refuses inputs that fit no specialization, naming the shapes there are', async () => {
    const s = createCpuSession(artifact);
    const e = await s.run({ x: xOf(3) }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).message).toMatch(/no specialization .* \(x: 6 elements\); it has \(x: f32\[1,2\]\), \(x: f32\[8,2\]\)/);
  });

  it('runs each batch on WebGPU, sharing the weight buffers', async (t) => {
    const gpu = await webgpuOrSkip();
    if (!gpu) return t.skip();
    const s = await artifact.createSession(gpu);
    try {
      expect(s.executors).toHaveLength(2);
      expect(s.executors[1].buffer('W')).toBe(s.executors[0].buffer('W'));
      for (const batch of [8, 1, 8]) {
        const got = (await s.run({ x: xOf(batch) })).y;
        reference(batch).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
      }
    } finally {
      s.dispose();
    }
  });

  it('kiln compile --dim batch=1,8 writes it; commands that compile one shape refuse a list', async () => {
    expect(await main(['compile', modelPath, '--out', join(dir, 'cli'), '--dim', 'batch=1,8'])).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'cli', 'manifest.json'), 'utf8')).specializations[0].inputs[0].shape).toEqual([8, 2]);
    expect(await main(['inspect', modelPath, '--dim', 'batch=1,8'])).toBe(2);
    expect(await main(['compile', modelPath, '--out', join(dir, 'dup'), '--dim', 'batch=8,8'])).toBe(2);
  });
});

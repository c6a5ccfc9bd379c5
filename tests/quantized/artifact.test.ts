// A quantized model's int8 weights stay int8 in the compiled artifact: the weights file stores them as I8
// (one byte each, a fourth of f32), the loader widens them to their GPU buffers, and the artifact run on
// the CPU interpreter and on WebGPU still gives ONNX Runtime's outputs bit for bit.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOnnxArtifact } from '../../compiler/artifact/write.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { loadArtifact } from '../../runtime/artifact.ts';
import { artifactGraph } from '../../runtime/artifact-graph.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { readWeights } from '../../runtime/weights.ts';
import { runOrt } from '../onnx-export/ort.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { buildModel } from '../support/onnx-builder.ts';
import { dynamicMlp, info, init, randTensor, rng } from './models.ts';

describe('artifacts of quantized models', () => {
  let dir: string;
  const model = dynamicMlp(5, 4);
  const x = randTensor(rng(6), 'f32', [4, 16], -2, 2);
  let want: Tensor[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-quant-'));
    writeFileSync(join(dir, 'model.onnx'), model);
    compileOnnxArtifact(join(dir, 'model.onnx'), join(dir, 'out'));
    want = await runOrt(model, new Map([['x', x]]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the int8 weights as I8, a fourth of their f32 bytes', () => {
    const bytes = readFileSync(join(dir, 'out', 'weights.safetensors'));
    const header = JSON.parse(bytes.subarray(8, 8 + Number(bytes.readBigUInt64LE(0))).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
    for (const [name, shape] of [['fc1_w', [16, 32]], ['fc2_w', [32, 10]]] as const) {
      const e = header[name];
      expect(e.dtype, name).toBe('I8');
      expect(e.shape).toEqual(shape);
      expect(e.data_offsets[1] - e.data_offsets[0]).toBe((shape[0] * shape[1] * 4) / 4);
    }
    // The runtime's reader gives the stored int8 values back exactly as the model holds them.
    const w = readWeights(new Uint8Array(bytes)).get('fc1_w')!;
    expect(w.data).toBeInstanceOf(Int8Array);
    expect(Math.min(...w.data)).toBeGreaterThanOrEqual(-127);
    expect(new Set(w.data).size).toBeGreaterThan(100);
  });

  it('keeps the int8 weights packed four to a word in their GPU buffers, unpacked (sign-extended) where read', async () => {
    const artifact = await loadArtifact(join(dir, 'out'));
    for (const [name, n] of [['fc1_w', 16 * 32], ['fc2_w', 32 * 10]] as const) {
      const b = artifact.program.buffers.find((x) => x.name === name)!;
      expect(b.dtype, name).toBe('i8');
      expect(b.bytes, name).toBe(n);
    }
    expect(artifact.program.kernels.some((k) => k.wgsl.includes('extractBits(bitcast<i32>('))).toBe(true);
  });

  it('runs on the CPU interpreter from the artifact with ONNX Runtime outputs', async () => {
    const artifact = await loadArtifact(join(dir, 'out'));
    const got = interpret(artifactGraph(artifact), new Map([['x', x]]));
    got.forEach((t, i) => expect(Array.from(t.data), `output ${i}`).toEqual(Array.from(want[i].data)));
  });

  it('takes and returns uint8 tensors as Uint8Array on both backends (QLinearMatMul artifact)', async (t) => {
    const q = buildModel({
      nodes: [{ op: 'QLinearMatMul', inputs: ['a', 'as', 'azp', 'b', 'bs', 'bzp', 'ys', 'yzp'], outputs: ['y'] }],
      inputs: [info('a', 'u8', [3, 8])],
      outputs: [info('y', 'u8', [3, 4])],
      initializers: [init('as', 'f32', [], [0.03]), init('azp', 'u8', [], [128]), init('b', 'u8', [8, 4], randTensor(rng(8), 'u8', [8, 4], 0, 255).data),
        init('bs', 'f32', [], [0.02]), init('bzp', 'u8', [], [120]), init('ys', 'f32', [], [0.05]), init('yzp', 'u8', [], [128])],
    });
    writeFileSync(join(dir, 'q.onnx'), q);
    compileOnnxArtifact(join(dir, 'q.onnx'), join(dir, 'q'));
    const a = randTensor(rng(9), 'u8', [3, 8], 0, 255);
    const [ref] = await runOrt(q, new Map([['a', a]]));
    const artifact = await loadArtifact(join(dir, 'q'));
    const [cpu] = interpret(artifactGraph(artifact), new Map([['a', a]]));
    expect(cpu.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(cpu.data)).toEqual(Array.from(ref.data));
    expect(new Set(ref.data).size).toBeGreaterThan(4);
    const gpu = await webgpuOrSkip();
    if (!gpu) return t.skip();
    const session = await artifact.createSession(gpu);
    try {
      const out = await session.run({ a: Uint8Array.from(a.data) });
      expect(out.y).toBeInstanceOf(Uint8Array);
      expect(Array.from(out.y)).toEqual(Array.from(ref.data));
    } finally {
      session.dispose();
    }
  });

  it('runs on WebGPU from the artifact with ONNX Runtime outputs', async (t) => {
    const gpu = await webgpuOrSkip();
    if (!gpu) return t.skip();
    const artifact = await loadArtifact(join(dir, 'out'));
    const session = await artifact.createSession(gpu);
    try {
      const out = await session.run({ x: Float32Array.from(x.data) });
      const names = ['y', 'fc1_xq', 'fc1_acc'];
      expect(out.fc1_xq).toBeInstanceOf(Uint8Array);
      names.forEach((n, i) => expect(Array.from(out[n]), n).toEqual(Array.from(want[i].data)));
    } finally {
      session.dispose();
    }
  });
});

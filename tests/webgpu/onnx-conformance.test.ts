// Pins the ONNX backend node tests that pass on WebGPU (onnx-passing-webgpu.txt): the set cannot shrink,
// and it must be at least as large as the CPU interpreter's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, getBackend } from '../../compiler/backend.ts';
import { runOnnxTest } from '../../compiler/onnx/test-runner.ts';
import { haveOnnxTestData, ONNX_NODE_TESTS, webgpuOrSkip } from '../support/env.ts';

const list = (f: string) => readFileSync(new URL(`../conformance/${f}`, import.meta.url), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
const pinned = list('onnx-passing-webgpu.txt');
const cpu = list('onnx-passing-cpu.txt');
const inScope = new Set(list('onnx-in-scope.txt'));
let backend: Backend | undefined;
beforeAll(async () => {
  if (await webgpuOrSkip()) backend = await getBackend('webgpu');
});

describe.runIf(haveOnnxTestData())('ONNX conformance on WebGPU', () => {
  it('pins in-scope tests only, at least as many as the CPU passes', () => {
    expect(pinned.filter((t) => !inScope.has(t))).toEqual([]);
    expect(pinned.length).toBeGreaterThanOrEqual(cpu.length);
  });

  it.each(pinned)('%s', async (test) => {
    if (!backend) return;
    const r = await runOnnxTest(join(ONNX_NODE_TESTS, test), backend);
    expect(r.detail ?? 'passed').toBe('passed');
  });
});

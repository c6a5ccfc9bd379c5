// The quantized ONNX node tests (QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear and its expanded
// function body, MatMulInteger, ConvInteger, QLinearMatMul, QLinearConv; int8/uint8 tensors): every test in
// onnx-quantized.txt must pass on the CPU interpreter and on WebGPU, compared as the node tests are
// (integer outputs exactly). They sit outside onnx-in-scope.txt, which lists float/int/bool tests only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, getBackend } from '../../compiler/backend.ts';
import { runOnnxTest } from '../../compiler/onnx/test-runner.ts';
import { haveOnnxTestData, ONNX_NODE_TESTS, webgpuOrSkip } from '../support/env.ts';

const tests = readFileSync(new URL('./onnx-quantized.txt', import.meta.url), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);

describe.runIf(haveOnnxTestData())('quantized ONNX node tests', () => {
  it('pins all 17 quantized node tests', () => {
    expect(tests.length).toBe(17);
    expect(new Set(tests).size).toBe(17);
  });

  describe('CPU interpreter', () => {
    it.each(tests)('%s', async (test) => {
      const r = await runOnnxTest(join(ONNX_NODE_TESTS, test), await getBackend('cpu'));
      expect(r.detail ?? 'passed').toBe('passed');
    });
  });

  describe('WebGPU', () => {
    let backend: Backend | undefined;
    beforeAll(async () => {
      if (await webgpuOrSkip()) backend = await getBackend('webgpu');
    });
    it.each(tests)('%s', async (test) => {
      if (!backend) return;
      const r = await runOnnxTest(join(ONNX_NODE_TESTS, test), backend);
      expect(r.detail ?? 'passed').toBe('passed');
    });
  });
});

// The two PyTorch-exported suites of libonnx-testdata (data/pytorch-converted: nn modules, data/pytorch-operator:
// tensor ops), mostly opset 6: every test in pytorch-suites.txt must pass on the CPU interpreter and on WebGPU,
// with the comparison of the node tests (tests/conformance/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, getBackend } from '../../compiler/backend.ts';
import { runOnnxTest } from '../../compiler/onnx/test-runner.ts';
import { haveOnnxTestData, ONNX_TEST_DATA, webgpuOrSkip } from '../support/env.ts';

const tests = readFileSync(new URL('./pytorch-suites.txt', import.meta.url), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);

describe.runIf(haveOnnxTestData())('PyTorch-exported ONNX suites', () => {
  it('pins both suites whole: 82 pytorch-converted and 35 pytorch-operator tests', () => {
    expect(tests.filter((t) => t.startsWith('pytorch-converted/')).length).toBe(82);
    expect(tests.filter((t) => t.startsWith('pytorch-operator/')).length).toBe(35);
  });

  describe('CPU interpreter', () => {
    it.each(tests)('%s', async (test) => {
      const r = await runOnnxTest(join(ONNX_TEST_DATA, test), await getBackend('cpu'));
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
      const r = await runOnnxTest(join(ONNX_TEST_DATA, test), backend);
      expect(r.detail ?? 'passed').toBe('passed');
    });
  });
});

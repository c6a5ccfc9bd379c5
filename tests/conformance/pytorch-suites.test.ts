// The two PyTorch-exported suites of libonnx-testdata (data/pytorch-converted: nn modules, data/pytorch-operator:
// tensor ops), mostly opset 6: every test in pytorch-suites.txt must pass on the CPU interpreter and on WebGPU,
// with the comparison of the node tests (tests/conformance/README.md).
import { describe, expect, it } from 'vitest';
import { haveOnnxTestData, ONNX_TEST_DATA } from '../support/env.ts';
import { passesOnBothBackends, pinnedList } from '../support/onnx-suites.ts';

const tests = pinnedList(new URL('./pytorch-suites.txt', import.meta.url));

describe.runIf(haveOnnxTestData())('PyTorch-exported ONNX suites', () => {
  it('pins both suites whole: 82 pytorch-converted and 35 pytorch-operator tests', () => {
    expect(tests.filter((t) => t.startsWith('pytorch-converted/')).length).toBe(82);
    expect(tests.filter((t) => t.startsWith('pytorch-operator/')).length).toBe(35);
  });

  passesOnBothBackends(ONNX_TEST_DATA, tests);
});

// The quantized ONNX node tests (QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear and its expanded
// function body, MatMulInteger, ConvInteger, QLinearMatMul, QLinearConv; int8/uint8 tensors): every test in
// onnx-quantized.txt must pass on the CPU interpreter and on WebGPU, compared as the node tests are
// (integer outputs exactly). They sit outside onnx-in-scope.txt, which lists float/int/bool tests only.
import { describe, expect, it } from 'vitest';
import { haveOnnxTestData, ONNX_NODE_TESTS } from '../support/env.ts';
import { passesOnBothBackends, pinnedList } from '../support/onnx-suites.ts';

const tests = pinnedList(new URL('./onnx-quantized.txt', import.meta.url));

describe.runIf(haveOnnxTestData())('quantized ONNX node tests', () => {
  it('pins all 17 quantized node tests', () => {
    expect(tests.length).toBe(17);
    expect(new Set(tests).size).toBe(17);
  });

  passesOnBothBackends(ONNX_NODE_TESTS, tests);
});

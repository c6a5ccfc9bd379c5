// What the test machine provides. Tests that need a system package say so loudly when it is missing;
// under CI (KILN_REQUIRE_WEBGPU=1 / KILN_REQUIRE_TESTDATA=1) a missing one is a failure, not a skip.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getGpu, type GpuContext } from '../../runtime/webgpu/device.ts';

/** libonnx-testdata's suites: node/ (one test per op form), pytorch-converted/, pytorch-operator/, ... */
export const ONNX_TEST_DATA = '/usr/share/libonnx-testdata/data';
export const ONNX_NODE_TESTS = `${ONNX_TEST_DATA}/node`;
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

function notice(what: string, how: string): void {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! NOT RUN: ${what}\n!! ${how}\n${bar}\n`);
}

/** True when the ONNX backend test data is installed; throws under KILN_REQUIRE_TESTDATA=1. */
export function haveOnnxTestData(): boolean {
  if (existsSync(ONNX_NODE_TESTS)) return true;
  if (process.env.KILN_REQUIRE_TESTDATA === '1') throw new Error(`ONNX test data missing at ${ONNX_NODE_TESTS} (apt-get install libonnx-testdata)`);
  notice('ONNX conformance tests: libonnx-testdata is not installed', 'install it with: sudo apt-get install libonnx-testdata');
  return false;
}

/** The WebGPU device, or undefined with a loud notice; throws under KILN_REQUIRE_WEBGPU=1. */
export async function webgpuOrSkip(): Promise<GpuContext | undefined> {
  const gpu = await getGpu();
  if (gpu) return gpu;
  if (process.env.KILN_REQUIRE_WEBGPU === '1') throw new Error('KILN_REQUIRE_WEBGPU=1 but no WebGPU adapter was found (run npm run setup:webgpu)');
  notice('WebGPU tests: no WebGPU adapter', 'install Mesa lavapipe with: npm run setup:webgpu (or set KILN_REQUIRE_WEBGPU=1 to make this a failure)');
  return undefined;
}

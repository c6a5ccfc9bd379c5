// The two backends a model test runs on, for describe.each: the CPU interpreter, and WebGPU when an
// adapter is there (undefined otherwise; webgpuOrSkip says so loudly, and fails under KILN_REQUIRE_WEBGPU).
import { type Backend, getBackend } from '../../compiler/backend.ts';
import { webgpuOrSkip } from './env.ts';

export const BOTH_BACKENDS: [string, () => Promise<Backend | undefined>][] = [
  ['cpu', () => getBackend('cpu')],
  ['webgpu', async () => ((await webgpuOrSkip()) ? getBackend('webgpu') : undefined)],
];

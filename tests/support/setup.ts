// Runs in every test worker: release the WebGPU device before the worker exits, so Dawn shuts down cleanly.
import { afterAll } from 'vitest';
import { releaseGpu } from '../../runtime/webgpu/device.ts';

afterAll(async () => {
  await releaseGpu();
});

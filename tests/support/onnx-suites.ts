// Pinned lists of ONNX test folders (libonnx-testdata) that must pass on both backends.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, getBackend } from '../../compiler/backend.ts';
import { runOnnxTest } from '../../compiler/onnx/test-runner.ts';
import { webgpuOrSkip } from './env.ts';

/** The non-empty lines of a pinned list file. */
export const pinnedList = (url: URL): string[] => readFileSync(url, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);

/** One case per test folder (under `root`) on the CPU interpreter and one on WebGPU, each expected to pass. */
export function passesOnBothBackends(root: string, tests: readonly string[]): void {
  describe('CPU interpreter', () => {
    it.each(tests)('%s', async (test) => {
      const r = await runOnnxTest(join(root, test), await getBackend('cpu'));
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
      const r = await runOnnxTest(join(root, test), backend);
      expect(r.detail ?? 'passed').toBe('passed');
    });
  });
}

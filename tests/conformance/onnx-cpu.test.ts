// Pins the ONNX backend node tests that pass on the CPU interpreter: every test listed in
// onnx-passing-cpu.txt must keep passing, so the passing set cannot shrink. Regenerate the list with
// `node bin/kiln.js onnx-test ... --backend cpu` after adding ops (see tests/conformance/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBackend } from '../../compiler/backend.ts';
import { runOnnxTest } from '../../compiler/onnx/test-runner.ts';
import { haveOnnxTestData, ONNX_NODE_TESTS } from '../support/env.ts';

const list = (f: string) => readFileSync(new URL(f, import.meta.url), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
const pinned = list('./onnx-passing-cpu.txt');
const inScope = new Set(list('./onnx-in-scope.txt'));
const available = haveOnnxTestData();

describe.runIf(available)('ONNX conformance on the CPU interpreter', () => {
  it('pins only in-scope tests, at least 65% of them', () => {
    expect(pinned.filter((t) => !inScope.has(t))).toEqual([]);
    expect(pinned.length).toBeGreaterThanOrEqual(Math.ceil(0.65 * inScope.size));
  });

  it.each(pinned)('%s', async (test) => {
    const r = await runOnnxTest(join(ONNX_NODE_TESTS, test), await getBackend('cpu'));
    expect(r.detail ?? 'passed').toBe('passed');
  });
});

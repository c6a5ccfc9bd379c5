// Every case of the PyTorch fixtures (inference and training) on the WebGPU backend.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, getBackend } from '../../compiler/backend.ts';
import { runCases } from '../../compiler/fixtures/run-case.ts';
import { FIXTURES, webgpuOrSkip } from '../support/env.ts';

const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
let backend: Backend | undefined;
beforeAll(async () => {
  if (await webgpuOrSkip()) backend = await getBackend('webgpu');
});

describe('fixture cases (webgpu)', () => {
  it.each(cases)('%s', async (name) => {
    if (!backend) return;
    const out = mkdtempSync(join(tmpdir(), 'kiln-case-'));
    const [r] = await runCases([join(FIXTURES, name)], out, backend);
    expect(r.detail ?? 'ok').toBe('ok');
    expect(r.ok).toBe(true);
  });
});

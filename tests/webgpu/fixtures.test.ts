// Every case of the PyTorch fixtures (inference and training) on the WebGPU backend.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, getBackend } from '../../compiler/backend.ts';
import { runCases } from '../../compiler/fixtures/run-case.ts';
import { FIXTURES, webgpuOrSkip } from '../support/env.ts';

const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
/**
 * Known deviations, kept visible: each must still fail (it.fails), so a fix shows up as a failing test.
 * mlp_fmnist_adam: Adam divides by sqrt(v) + eps, so weights whose gradient is near eps (here a hidden unit
 * whose ReLU input is a 3e-6 cancellation) amplify float32 rounding; 4 of 640 weights of the last layer
 * end 2e-4 from PyTorch's values after 3 steps on lavapipe (the CPU interpreter, accumulating in float64,
 * matches). Open in the training issue.
 */
const KNOWN_GPU_DEVIATIONS = new Set(['mlp_fmnist_adam']);
let backend: Backend | undefined;
beforeAll(async () => {
  if (await webgpuOrSkip()) backend = await getBackend('webgpu');
});

describe('fixture cases (webgpu)', () => {
  it.each(cases.filter((c) => KNOWN_GPU_DEVIATIONS.has(c)))('%s (known deviation)', async (name) => {
    if (!backend) return;
    const [r] = await runCases([join(FIXTURES, name)], mkdtempSync(join(tmpdir(), 'kiln-case-')), backend);
    expect(r.ran).toBe(true);
    expect(r.ok).toBe(false);
  });

  it.each(cases.filter((c) => !KNOWN_GPU_DEVIATIONS.has(c)))('%s', async (name) => {
    if (!backend) return;
    const out = mkdtempSync(join(tmpdir(), 'kiln-case-'));
    const [r] = await runCases([join(FIXTURES, name)], out, backend);
    expect(r.detail ?? 'ok').toBe('ok');
    expect(r.ok).toBe(true);
  });
});

// Every case of the PyTorch fixtures (inference and training) through `kiln run-case`'s runner on the
// CPU interpreter: outputs, per-step losses and parameters after training within the case tolerance.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBackend } from '../compiler/backend.ts';
import { runCases } from '../compiler/fixtures/run-case.ts';
import { FIXTURES } from './support/env.ts';

const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const kind = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name, 'case.json'), 'utf8')).kind as string;

describe('fixture cases (cpu)', () => {
  it('finds 8 inference and 10 train cases', () => {
    expect(cases.filter((c) => kind(c) === 'inference').length).toBe(8);
    expect(cases.filter((c) => kind(c) === 'train').length).toBe(10);
  });

  it.each(cases)('%s', async (name) => {
    const out = mkdtempSync(join(tmpdir(), 'kiln-case-'));
    const [r] = await runCases([join(FIXTURES, name)], out, await getBackend('cpu'));
    expect(r.detail ?? 'ok').toBe('ok');
    expect(r.ok).toBe(true);
    const result = JSON.parse(readFileSync(join(out, name, 'result.json'), 'utf8'));
    if (kind(name) === 'train') expect(Object.keys(result.params_after).length).toBeGreaterThan(0);
    else expect(Object.keys(result.outputs).length).toBeGreaterThan(0);
  });
});

// Every inference case of the PyTorch fixtures, through `kiln run-case`'s runner on the CPU interpreter.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBackend } from '../compiler/backend.ts';
import { runCases } from '../compiler/fixtures/run-case.ts';
import { FIXTURES } from './support/env.ts';

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) => JSON.parse(readFileSync(join(FIXTURES, name, 'case.json'), 'utf8')).kind === 'inference');

describe('fixture inference cases (cpu)', () => {
  it('finds the inference cases', () => expect(cases.length).toBeGreaterThanOrEqual(8));

  it.each(cases)('%s', async (name) => {
    const out = mkdtempSync(join(tmpdir(), 'kiln-case-'));
    const [r] = await runCases([join(FIXTURES, name)], out, await getBackend('cpu'));
    expect(r.detail ?? 'ok').toBe('ok');
    expect(r.ok).toBe(true);
    const result = JSON.parse(readFileSync(join(out, name, 'result.json'), 'utf8'));
    expect(Object.keys(result.outputs).length).toBeGreaterThan(0);
  });
});

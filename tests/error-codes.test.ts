// docs/errors.md documents every KilnError code the IR declares, and no code it does not declare.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const source = readFileSync(new URL('../ir/errors.ts', import.meta.url), 'utf8');
const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

describe('error codes', () => {
  it('docs/errors.md has one row per KilnErrorCode', () => {
    const union = source.slice(source.indexOf('export type KilnErrorCode'), source.indexOf(';', source.indexOf('export type KilnErrorCode')));
    const declared = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(declared.length).toBeGreaterThan(10);
    expect(documented).toEqual(declared);
  });
});

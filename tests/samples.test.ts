// The samples as users run them (`npm run sample -- NAME`), each folder's main.ts on the built package:
// one short epoch (`--limit` caps the examples) on the CPU and on WebGPU, on the bundled data subset, must run
// to the end and print its summary and artifact; linear-regression at its default length must recover
// y = 3x + 2 within 0.05.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webgpuOrSkip } from './support/env.ts';

const ROOT = join(import.meta.dirname, '..');
const SAMPLES = readdirSync(join(ROOT, 'samples'), { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(ROOT, 'samples', e.name, 'main.ts'))).map((e) => e.name);
const sample = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'samples/run.ts', ...args, '--out', mkdtempSync(join(tmpdir(), 'kiln-sample-'))], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' } });

describe('samples', () => {
  it('finds the sample folders', () => expect(SAMPLES).toContain('linear-regression'));

  for (const name of SAMPLES) {
    for (const backend of ['cpu', 'webgpu']) {
      it(`${name} runs a few epochs on ${backend}`, { timeout: 240_000 }, async (t) => {
        if (backend === 'webgpu' && !(await webgpuOrSkip())) return t.skip();
        // The bundled data subset: CI has the full Fashion-MNIST installed, which a smoke test need not read.
        const r = sample(name, '--backend', backend, '--epochs', '1', '--limit', '256', '--data', join(ROOT, 'samples/data/fashion-mnist-subset'));
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`on ${backend}`));
        expect(r.stdout).toMatch(new RegExp(`summary · backend ${backend}\\n  train step: \\d+ kernels`));
        expect(r.stdout).toMatch(/artifact: /);
      });
    }
  }

  it('linear-regression recovers slope and intercept within 0.05', () => {
    const r = sample('linear-regression', '--backend', 'cpu');
    expect(r.status, r.stderr).toBe(0);
    const m = /errors ([\d.]+), ([\d.]+)\)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(0.05);
    expect(Number(m![2])).toBeLessThan(0.05);
  });

  it('lists the samples on a wrong name', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'samples/run.ts', 'nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/samples: .*linear-regression/);
  });
});

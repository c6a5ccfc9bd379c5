// The package as users get it: `npm pack` of this checkout, installed offline from the tarball into a
// fresh project, where one app trains and compiles a model with `import ... from 'kiln'` and another runs
// the compiled model.js with only `kiln/runtime`, on WebGPU and on the CPU fallback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { webgpuOrSkip } from '../support/env.ts';
import { appLock } from './app-lock.ts';
import { docExample } from './apps.ts';

const ROOT = join(import.meta.dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp', ONNXRUNTIME_NODE_INSTALL: 'skip' };
const sh = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package, installed into an empty project', { timeout: 300_000 }, () => {
  let app = '';
  let trained: { losses: number[]; x: number[]; output: number[] };

  beforeAll(() => {
    const packs = mkdtempSync(join(tmpdir(), 'kiln-pack-'));
    // dist/ is fresh: the global setup rebuilt it (tests/support/build-dist.ts), so pack needs no scripts.
    sh(NPM, ['pack', '--ignore-scripts', '--pack-destination', packs], ROOT);
    const [tarball] = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
    app = mkdtempSync(join(tmpdir(), 'kiln-app-'));
    const spec = `file:${join(packs, tarball)}`;
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'kiln-user-app', private: true, type: 'module', dependencies: { kiln: spec } }));
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify(appLock(ROOT, 'kiln-user-app', spec, join(packs, tarball)), null, 1));
    // Offline: kiln from the tarball, its dependencies from npm's cache (filled by this checkout's npm ci).
    sh(NPM, ['ci', '--offline', '--no-audit', '--no-fund'], app);
    for (const f of ['train.mjs', 'run.mjs']) writeFileSync(join(app, f), docExample(f));
    sh(process.execPath, ['train.mjs'], app);
    trained = JSON.parse(readFileSync(join(app, 'trained.json'), 'utf8'));
  }, 300_000);

  it('trains with `import ... from "kiln"`: the loss falls', () => {
    expect(trained.losses).toHaveLength(40);
    expect(trained.losses.at(-1)!).toBeLessThan(0.5 * trained.losses[0]);
  });

  it('ships the bin, which runs the compiled CLI', () => {
    expect(sh(process.execPath, ['node_modules/kiln/bin/kiln.js', 'compile', '--help'], app)).toMatch(/^usage: kiln compile/);
  });

  it("runs the compiled model.js with only kiln/runtime on the CPU fallback", () => {
    const r = JSON.parse(sh(process.execPath, ['run.mjs', 'cpu'], app).trim().split('\n').at(-1)!);
    expect(r.backend).toBe('cpu');
    expect(r.output).toHaveLength(trained.output.length);
    r.output.forEach((v: number, i: number) => expect(v).toBeCloseTo(trained.output[i], 5));
  });

  it('runs the compiled model.js on WebGPU, matching the interpreter', async (t) => {
    if (!(await webgpuOrSkip())) return t.skip();
    const r = JSON.parse(sh(process.execPath, ['run.mjs', 'webgpu'], app).trim().split('\n').at(-1)!);
    expect(r.backend).toBe('webgpu');
    r.output.forEach((v: number, i: number) => expect(v).toBeCloseTo(trained.output[i], 4));
  });

  it("with backend 'auto', says which backend it took", async () => {
    const r = JSON.parse(sh(process.execPath, ['run.mjs', 'auto'], app).trim().split('\n').at(-1)!);
    expect(['webgpu', 'cpu']).toContain(r.backend);
  });
});

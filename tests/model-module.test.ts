// `kiln compile MODULE --input NAME=DTYPE[SHAPE]`: a JavaScript or TypeScript module exporting an nn model
// is traced and compiled into an artifact. The artifact's outputs (CPU session) must equal the CPU
// interpreter on the same module traced here; misuse is a KilnError naming the module.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Module } from '../compiler/nn/module.ts';
import { trace } from '../compiler/nn/tracer.ts';
import { tensor } from '../ir/tensor.ts';
import { loadArtifact } from '../runtime/artifact.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { createCpuSession } from '../runtime/cpu/session.ts';

const ROOT = join(import.meta.dirname, '..');
// Inside the checkout (out/ is git-ignored), so that the module's `import ... from 'kiln'` resolves.
mkdirSync(join(ROOT, 'out'), { recursive: true });
const dir = mkdtempSync(join(ROOT, 'out', 'model-module-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const JS_MODULE = `import { Linear, manualSeed, ReLU, Sequential } from 'kiln';
export default () => {
  manualSeed(7);
  return new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
};
`;
const TS_MODULE = `import { Linear, manualSeed, Module, type SymTensor } from 'kiln';
class Net extends Module {
  fc = this.module('fc', new Linear(4, 2));
  forward(x: SymTensor): SymTensor { return this.fc.call(x).tanh(); }
}
manualSeed(3);
export const model: Module = new Net();
`;

const kiln = (...args: string[]) => spawnSync(process.execPath, ['bin/kiln.js', ...args], { cwd: ROOT, encoding: 'utf8' });

async function expectArtifactMatchesModule(file: string, out: string): Promise<void> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: () => Module; model?: Module };
  const m = mod.default ? mod.default() : mod.model!;
  const x = tensor('f32', [2, 4], Float32Array.from({ length: 8 }, (_, i) => Math.cos(i)));
  const [want] = interpret(trace(m, { x: { dtype: 'f32', shape: [2, 4] } }), new Map([['x', x]]));
  const session = createCpuSession(await loadArtifact(out));
  const got = Object.values(await session.run({ x: x.data as Float32Array }))[0];
  expect(Array.from(got)).toEqual(Array.from(want.data));
}

describe('kiln compile of a model module', () => {
  it('traces the default export of a .mjs module on --input and writes the artifact', async () => {
    const file = join(dir, 'mlp.mjs');
    writeFileSync(file, JS_MODULE);
    const r = kiln('compile', file, '--input', 'x=f32[2,4]', '--out', join(dir, 'mlp'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compiled 'Sequential': \d+ kernels/);
    await expectArtifactMatchesModule(file, join(dir, 'mlp'));
  });

  it('loads a TypeScript module (through tsx) and takes its `model` export', async () => {
    const file = join(dir, 'net.ts');
    writeFileSync(file, TS_MODULE);
    const r = kiln('compile', file, '--input=x=f32[2,4]', '--out', join(dir, 'net'), '--name', 'net');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^compiled 'net'/);
    await expectArtifactMatchesModule(file, join(dir, 'net'));
  });

  it('refuses a module without a model, a missing --input, and a malformed one', () => {
    const file = join(dir, 'empty.mjs');
    writeFileSync(file, 'export const answer = 42;\n');
    const none = kiln('compile', file, '--input', 'x=f32[1,4]', '--out', join(dir, 'e'));
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/kiln: \[USAGE\] the module exports no model.*it exports answer.*empty\.mjs/);
    const noInput = kiln('compile', join(dir, 'mlp.mjs'), '--out', join(dir, 'e'));
    expect(noInput.status).toBe(2);
    expect(noInput.stderr).toMatch(/needs the shapes to trace it on: --input NAME=DTYPE\[SHAPE\]/);
    const bad = kiln('compile', join(dir, 'mlp.mjs'), '--input', 'x=f64[1,4]', '--out', join(dir, 'e'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--input takes NAME=DTYPE\[D0,D1,...\]/);
  });
});

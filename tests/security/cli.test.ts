// The command line as a hostile or careless user meets it, run as a child process (bin/kiln.js): every
// subcommand's --help / -h exits 0 with its usage; `onnx-test` exits 1 when a test fails; an `--out`
// that is a file (or under a file) and missing model, input and test paths are KilnErrors naming the
// path (exit 2, `kiln: [CODE] ...`, no stack trace). And the generated model.ts stays valid TypeScript
// whatever the folder, model, input and output names hold (newlines, quotes, backslashes, `*/`).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project, ts } from 'ts-morph';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../compiler/cli.ts';
import { decodeTensor } from '../../compiler/onnx/proto.ts';
import { tensorFromProto, tensorToProto } from '../../compiler/onnx/tensor.ts';
import type { TypedArray } from '../../ir/dtype.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { buildModel, f32Info } from '../support/onnx-builder.ts';
import { haveOnnxTestData, ONNX_NODE_TESTS, webgpuOrSkip } from '../support/env.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'kiln-cli-'));

/** Runs `node bin/kiln.js ARGS` from the repository root. */
function kiln(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/kiln.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A KilnError reported the CLI way: exit 2, one `kiln: [CODE] ...` line naming the path, no stack trace. */
function expectKilnError(r: ReturnType<typeof kiln>, code: string, path: string): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`^kiln: \\[${code}\\] `));
  expect(r.stderr).toContain(path);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack frames
}

const SUBCOMMANDS = ['run', 'onnx-test', 'run-case', 'compile', 'inspect', 'demo'];

describe('kiln --help', () => {
  it('every subcommand prints its usage and exits 0 on --help (child process)', () => {
    for (const cmd of SUBCOMMANDS) {
      const r = kiln(cmd, '--help');
      expect(r.status, `${cmd} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: kiln ${cmd}\\b`));
    }
    const top = kiln('--help');
    expect(top.status).toBe(0);
    for (const cmd of SUBCOMMANDS) expect(top.stdout).toContain(`kiln ${cmd} `);
    const unknown = kiln('no-such-command');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'no-such-command'/);
  }, 240_000);

  it('-h too, and --help wins over other flags, even one that would take it as its value (in process)', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      for (const cmd of SUBCOMMANDS) {
        for (const args of [[cmd, '-h'], [cmd, 'x.onnx', '--backend', 'nope', '--out', '--help'], [cmd, '--json', '-h', '--dot']]) {
          log.mockClear();
          expect(await main(args), args.join(' ')).toBe(0);
          expect(String(log.mock.calls[0]?.[0])).toMatch(new RegExp(`^usage: kiln ${cmd}\\b`));
        }
      }
      expect(await main(['help'])).toBe(0);
    } finally {
      log.mockRestore();
    }
  });
});

describe.runIf(haveOnnxTestData())('kiln onnx-test exit status', () => {
  it('exits 0 when every test passes and 1 when one fails (a corrupted expected output)', () => {
    const base = tmp();
    const good = join(base, 'test_relu');
    cpSync(join(ONNX_NODE_TESTS, 'test_relu'), good, { recursive: true });
    const bad = join(base, 'test_relu_corrupted');
    cpSync(good, bad, { recursive: true });
    const file = join(bad, 'test_data_set_0', 'output_0.pb');
    const { tensor: t } = tensorFromProto(decodeTensor(readFileSync(file), file), { strict: true });
    const data = Float32Array.from(t.data as Float32Array, (v) => v + 1);
    writeFileSync(file, tensorToProto({ ...t, data }, 'y', 1));
    const out = join(base, 'out');
    const pass = kiln('onnx-test', good, '--out', out, '--backend', 'cpu');
    expect(pass.status, pass.stderr).toBe(0);
    expect(pass.stdout).toMatch(/1 passed, 0 failed of 1/);
    const fail = kiln('onnx-test', good, bad, '--out', out, '--backend', 'cpu');
    expect(fail.status, fail.stderr).toBe(1);
    expect(fail.stdout).toMatch(/^FAIL test_relu_corrupted: output 0/m);
    expect(fail.stdout).toMatch(/1 passed, 1 failed of 2/);
  }, 120_000);
});

describe('file-system errors are KilnErrors naming the path', () => {
  const base = tmp();
  const model = join(base, 'relu.onnx');
  writeFileSync(model, buildModel({ nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [f32Info('x', [3])], outputs: [f32Info('y', [3])] }));
  const file = join(base, 'a-file');
  writeFileSync(file, 'not a folder');
  const inputs = join(base, 'inputs');
  mkdirSync(inputs);

  it('--out naming a file, or a path under a file', () => {
    for (const cmd of [['compile', model], ['run', model, '--inputs', inputs], ['run-case', base], ['onnx-test', base]]) {
      expectKilnError(kiln(...cmd, '--out', file), 'USAGE', file);
      expectKilnError(kiln(...cmd, '--out', join(file, 'sub', 'dir')), 'USAGE', file);
    }
  }, 240_000);

  it('a missing model, inputs folder or test folder; a model that is a folder', () => {
    const out = join(base, 'out');
    const missing = join(base, 'no-such.onnx');
    expectKilnError(kiln('compile', missing, '--out', out), 'USAGE', missing);
    expectKilnError(kiln('run', missing, '--inputs', inputs, '--out', out), 'USAGE', missing);
    expectKilnError(kiln('compile', inputs, '--out', out), 'USAGE', inputs);
    expectKilnError(kiln('run', model, '--inputs', join(base, 'no-inputs'), '--out', out), 'USAGE', join(base, 'no-inputs'));
    expectKilnError(kiln('run', model, '--inputs', file, '--out', out), 'USAGE', file);
    expectKilnError(kiln('onnx-test', join(base, 'no-test'), '--out', out), 'USAGE', join(base, 'no-test'));
    expectKilnError(kiln('run-case', join(base, 'no-case'), '--out', out), 'USAGE', join(base, 'no-case'));
    expectKilnError(kiln('inspect', missing), 'USAGE', missing);
  }, 240_000);

  it('an unreadable file met on the way (a dangling input_0.pb link) and a --dot under a file', async () => {
    const dangling = join(base, 'dangling');
    mkdirSync(dangling);
    symlinkSync(join(base, 'nowhere.pb'), join(dangling, 'input_0.pb'));
    expectKilnError(kiln('run', model, '--inputs', dangling, '--out', join(base, 'out2'), '--backend', 'cpu'), 'USAGE', join(dangling, 'input_0.pb'));
    expectKilnError(kiln('inspect', model, '--dot', join(file, 'g.dot')), 'USAGE', join(file, 'g.dot'));
  }, 120_000);

  it('in process, main() returns 2 for a KilnError', async () => {
    expect(await main(['compile', join(base, 'nope.onnx'), '--out', join(base, 'o')])).toBe(2);
    expect(await main(['compile', model])).toBe(2); // missing --out
  });
});

describe('names in the generated model.ts are escaped', () => {
  // Hostile names: a newline, both quotes, a backslash, a comment closer, a template literal, a line
  // separator. A folder name cannot hold '/', so folders get the rest.
  const EVIL = 'a\n"b\'c\\d*/e`${f}\u2028g';
  const FOLDER = 'a\n"b\'c\\d*e`${f}\u2028g';
  const quoted = (name: string) => JSON.stringify(name).replace('\u2028', '\\u2028');
  const INPUT = `x ${EVIL}`;
  const OUTPUTS = [`y ${EVIL}`, '*/ /* "', "it's"];

  it('compiles a model in a folder with such a name, to a folder with such a name; model.ts parses, type-checks and imports', async (t) => {
    const base = tmp();
    // `model.onnx` takes its model name from its folder.
    const src = join(base, `src ${FOLDER}`);
    mkdirSync(src);
    writeFileSync(
      join(src, 'model.onnx'),
      buildModel({
        nodes: [
          { op: 'Relu', inputs: [INPUT], outputs: [OUTPUTS[0]], name: 'r' },
          { op: 'Neg', inputs: [INPUT], outputs: [OUTPUTS[1]], name: 'n' },
          { op: 'Abs', inputs: [INPUT], outputs: [OUTPUTS[2]], name: 'a' },
        ],
        inputs: [f32Info(INPUT, [4])],
        outputs: OUTPUTS.map((o) => f32Info(o, [4])),
      }),
    );
    // The runtime import names a folder with quotes, and with its slash, `*/` too (a link to this
    // checkout's runtime; a newline or backslash could not survive URL resolution in any module specifier).
    const rtDir = join(base, `rt "q' *`);
    mkdirSync(rtDir);
    symlinkSync(join(ROOT, 'runtime'), join(rtDir, 'runtime'));
    const out = join(base, `out ${FOLDER}`);
    const runtime = `../rt "q' */runtime/index.ts`;
    expect(await main(['compile', join(src, 'model.onnx'), '--out', out, '--runtime', runtime])).toBe(0);
    const text = readFileSync(join(out, 'model.ts'), 'utf8');
    expect(text.split('\n')[0]).toBe(`// Generated by \`kiln compile\` from "model.onnx": the typed entry point of model ${quoted(`src ${FOLDER}`)}. Do not edit;`);
    expect(text).toContain(`/** Outputs of ${quoted(`src ${FOLDER}`)}, by graph output name. */`);

    // Type-check model.ts and a user of it that reads every hostile name back: in a plainly named sibling
    // folder (ts-morph reads a backslash in a path as a separator; the runtime import resolves the same).
    const check = join(base, 'check');
    cpSync(out, check, { recursive: true });
    writeFileSync(
      join(check, 'use.ts'),
      `import { load, signature, type Outputs } from './model.ts';
const m = await load();
const out: Outputs = await m.run({ ${JSON.stringify(INPUT)}: new Float32Array(4) }, { timeoutMs: 1000 });
const ys: Float32Array[] = [${OUTPUTS.map((o) => `out[${JSON.stringify(o)}]`).join(', ')}];
const shape: readonly [4] = signature.inputs[${JSON.stringify(INPUT)}].shape;
// @ts-expect-error no such output
out.y;
export { ys, shape };
`,
    );
    const project = new Project({
      tsConfigFilePath: join(ROOT, 'tsconfig.json'),
      skipAddingFilesFromTsConfig: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, preserveSymlinks: true },
    });
    const files = [project.addSourceFileAtPath(join(check, 'model.ts')), project.addSourceFileAtPath(join(check, 'use.ts'))];
    project.resolveSourceFileDependencies();
    const diags = files.flatMap((f) => f.getPreEmitDiagnostics());
    expect(project.formatDiagnosticsWithColorAndContext(diags)).toBe('');

    // Import it (esbuild transforms it; a broken literal or comment would not load) and read the signature.
    type Mod = {
      signature: { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
      load(o: { gpu?: GpuContext }): Promise<{ run(i: Record<string, TypedArray>): Promise<Record<string, TypedArray>>; dispose(): void }>;
    };
    const mod = (await import(pathToFileURL(join(check, 'model.ts')).href)) as Mod;
    expect(Object.keys(mod.signature.inputs)).toEqual([INPUT]);
    expect(Object.keys(mod.signature.outputs)).toEqual(OUTPUTS);

    // A model name with a comment closer (--name), imported the same way.
    const named = join(base, 'named');
    expect(await main(['compile', join(src, 'model.onnx'), '--out', named, '--name', EVIL, '--runtime', runtime])).toBe(0);
    expect(readFileSync(join(named, 'model.ts'), 'utf8')).toContain(`/** Inputs of ${quoted(EVIL).replace('*/', '*\\/')}, by graph input name. */`);
    const named2 = (await import(pathToFileURL(join(named, 'model.ts')).href)) as Mod;
    expect(Object.keys(named2.signature.outputs)).toEqual(OUTPUTS);

    const gpu = await webgpuOrSkip();
    if (!gpu) return t.skip();
    const model = await mod.load({ gpu });
    try {
      const got = await model.run({ [INPUT]: new Float32Array([-2, -1, 1, 2]) });
      expect(Object.keys(got)).toEqual(OUTPUTS);
      expect(Array.from(got[OUTPUTS[0]])).toEqual([0, 0, 1, 2]);
      expect(Array.from(got[OUTPUTS[2]])).toEqual([2, 1, 1, 2]);
    } finally {
      model.dispose();
    }
  }, 120_000);
});

// The `kiln` command line. Each command is a small function over parsed flags. `kiln CMD --help` (or -h)
// prints the command's usage and exits 0; a KilnError prints `kiln: [CODE] message` and exits 2 (as does
// misuse); a command whose checks fail (onnx-test, run-case) exits 1. Paths are checked before work
// starts, and any file-system error on the way becomes a KilnError naming the path.
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { DType } from '../ir/dtype.ts';
import type { Graph } from '../ir/graph.ts';
import { KilnError } from '../ir/errors.ts';
import type { InputSpec } from './nn/tracer.ts';
import { getBackend, parseBackend } from './backend.ts';
import { runOnnxTest } from './onnx/test-runner.ts';
import { runCases } from './fixtures/run-case.ts';
import { runModelCommand } from './run-model.ts';
import { demo } from './demo.ts';

interface Args {
  positional: string[];
  flags: Map<string, string>;
  /** `--dim NAME=N` (or `NAME=N,M,...` for compile: one specialization each), repeatable: values of an ONNX model's symbolic dimensions. */
  dims: Record<string, number | number[]>;
  /** `--input NAME=DTYPE[D0,D1,...]`, repeatable: the inputs to trace an nn model module on. */
  inputs: Record<string, InputSpec>;
  /** `--bind NAME=V[,V...]`, repeatable: ONNX graph inputs fixed to values at import (numbers, or true/false). */
  binds: Record<string, number[]>;
}

/** Flags that take no value. */
const SWITCHES = new Set(['json', 'train', 'help', 'tune']);

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  const dims: Record<string, number | number[]> = {};
  const inputs: Record<string, InputSpec> = {};
  const binds: Record<string, number[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && SWITCHES.has(a.slice(2))) flags.set(a.slice(2), 'true');
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const [k, v] = eq >= 0 ? [a.slice(2, eq), a.slice(eq + 1)] : [a.slice(2), argv[++i]];
      if (v === undefined) throw new KilnError('USAGE', `flag --${k} needs a value`);
      if (k === 'dim') Object.defineProperty(dims, ...parseDim(v));
      else if (k === 'input') Object.defineProperty(inputs, ...parseInputSpec(v));
      else if (k === 'bind') Object.defineProperty(binds, ...parseBind(v));
      else flags.set(k, v);
    } else positional.push(a);
  }
  return { positional, flags, dims, inputs, binds };
}

/** `NAME=V[,V...]` of --bind (numbers; true/false for bool inputs), as a property definition. */
function parseBind(v: string): [string, PropertyDescriptor] {
  const m = /^([^=]+)=(.+)$/.exec(v);
  const values = m ? m[2].split(',').map((x) => (x === 'true' ? 1 : x === 'false' ? 0 : x.trim() === '' ? NaN : Number(x))) : [];
  if (!m || values.some((x) => !Number.isFinite(x))) throw new KilnError('USAGE', `--bind takes NAME=V or NAME=V,V,... with numbers (true/false for a bool input), got '${v}'`);
  return [m[1], { value: values, enumerable: true }];
}

/** `NAME=N` or `NAME=N,M,...` of --dim, as a property definition (defineProperty: a dimension named __proto__ stays a key). */
function parseDim(v: string): [string, PropertyDescriptor] {
  const m = /^([^=]+)=(\d+(?:,\d+)*)$/.exec(v);
  const values = m ? m[2].split(',').map(Number) : [];
  if (!m || values.some((n) => n < 1) || new Set(values).size !== values.length) throw new KilnError('USAGE', `--dim takes NAME=N (or NAME=N,M,... for compile) with distinct positive integers, got '${v}'`);
  return [m[1], { value: values.length === 1 ? values[0] : values, enumerable: true }];
}

/** Flag --NAME as a positive integer, undefined when absent; any other value is a USAGE error. */
function positiveIntFlag(a: Args, name: string): number | undefined {
  if (!a.flags.has(name)) return undefined;
  const v = Number(a.flags.get(name));
  if (!(Number.isInteger(v) && v >= 1)) throw new KilnError('USAGE', `--${name} must be a positive integer, got '${a.flags.get(name)}'`);
  return v;
}

/** What a command that imports one ONNX shape pins: its single --dim values and its --bind values. */
const importPins = (a: Args, cmd: string) => ({ dims: singleDims(a, cmd), bind: a.binds });

/** The --dim values of a command that compiles one shape: a list of values is for `kiln compile` only. */
function singleDims(a: Args, cmd: string): Record<string, number> {
  for (const [k, v] of Object.entries(a.dims)) if (Array.isArray(v)) throw new KilnError('USAGE', `--dim ${k}=${v.join(',')}: several values make specializations, which only kiln compile writes; ${cmd} takes one`);
  return a.dims as Record<string, number>;
}

const DTYPES: readonly DType[] = ['f32', 'i32', 'u32', 'bool'];

/** `NAME=DTYPE[D0,D1,...]` of --input, as a property definition. */
function parseInputSpec(v: string): [string, PropertyDescriptor] {
  const m = /^([^=]+)=(\w+)\[(\d+(?:,\d+)*)?\]$/.exec(v.replace(/\s+/g, ''));
  if (!m || !DTYPES.includes(m[2] as DType)) throw new KilnError('USAGE', `--input takes NAME=DTYPE[D0,D1,...] with DTYPE one of ${DTYPES.join(', ')}, got '${v}'`);
  const shape = m[3] ? m[3].split(',').map(Number) : [];
  if (shape.some((d) => d < 1)) throw new KilnError('USAGE', `--input '${v}': dimensions are positive integers`);
  return [m[1], { value: { dtype: m[2] as DType, shape }, enumerable: true }];
}

function need(args: Args, flag: string): string {
  const v = args.flags.get(flag);
  if (!v) throw new KilnError('USAGE', `missing --${flag}`);
  return v;
}

/** The usage line of each command. */
const USAGES: Record<string, string> = {
  run: 'kiln run MODEL.onnx --inputs DIR --out DIR [--backend cpu|webgpu] [--dim NAME=N]... [--bind NAME=V]...',
  'onnx-test': 'kiln onnx-test DIR... --out DIR [--backend cpu|webgpu]',
  'run-case': 'kiln run-case DIR... --out DIR [--backend cpu|webgpu]',
  compile: 'kiln compile MODEL.onnx|MODEL.ts|MODEL.js --out DIR [--name NAME] [--runtime MODULE] [--tune] [--precision f32|f16] [--dim NAME=N]... [--bind NAME=V]... [--input NAME=DTYPE[SHAPE]]...',
  'export-onnx': 'kiln export-onnx MODEL.onnx|MODEL.ts|MODEL.js --out FILE.onnx [--dim NAME=N]... [--bind NAME=V]... [--input NAME=DTYPE[SHAPE]]...',
  inspect: 'kiln inspect MODEL.onnx|ARTIFACT_DIR [--json] [--dot FILE[.svg]] [--train] [--dim NAME=N]... [--bind NAME=V]...',
  profile: 'kiln profile MODEL.onnx|ARTIFACT_DIR [--train] [--json] [--reps N] [--dim NAME=N]... [--bind NAME=V]...',
  demo: 'kiln demo [--backend cpu|webgpu] [--epochs N] [--out DIR]',
};

const HELP: Record<string, string> = {
  run: 'Runs an ONNX model on the input_N.pb files of a folder and writes output_N.pb files.\n  Exits 0 on success, 2 on a KilnError.',
  'onnx-test': 'Runs ONNX backend test folders (model.onnx, test_data_set_0/) and compares with the expected outputs.\n  Exits 0 when all pass, 1 when any fails, 2 on a KilnError.',
  'run-case': 'Runs fixture cases (inference and training). Exits 0 when all ran, 1 when a case could not run, 2 on a KilnError.',
  compile: 'Compiles an ONNX model into an artifact folder (manifest.json, weights.safetensors, model.ts, model.js, model.d.ts).\n  --precision f16 stores weights and fused intermediates as f16 (half the bytes; math stays f32); the artifact then\n  needs a device with shader-f16.\n  --dim NAME=N pins a symbolic dimension (ONNX dim_param, e.g. --dim batch=8); repeat it for each. --dim batch=1,8\n  writes one artifact with a specialization per value (shared weights and kernels; a run takes the one its inputs fit).\n  A .ts/.js/.mjs module exporting an nn model (a Module, or a function returning one: the default export, else `model`)\n  is traced on the inputs given by --input NAME=DTYPE[SHAPE] (e.g. --input x=f32[1,784]; repeat it for each input).\n  --bind NAME=V (or NAME=V,V,... in the input\'s shape; true/false for bool) fixes an ONNX graph input to a value at\n  import, so what it decides folds away: e.g. --bind sr=16000 takes the If branch of Equal(sr, 16000) alone, and a\n  Loop\'s trip count or a shape input becomes static; repeat it for each.\n  --tune times the candidate contraction kernels on this machine\'s WebGPU adapter and compiles the fastest;\n  winners are cached per adapter and shape ($KILN_TUNE_CACHE, else ~/.cache/kiln/tuning.json), so later compiles are instant.',
  'export-onnx': 'Writes the model as an ONNX file (opset 20): an nn model module traced on --input, or an ONNX model re-exported\n  after import (with --dim pins). An op with no ONNX form is a KilnError naming the node.',
  profile:
    'Times every kernel of the compiled model on WebGPU (timestamp queries, or one submit per dispatch) and prints\n' +
    '  ms per run, share, FLOPs, bytes, GFLOP/s and GB/s against the measured copy bandwidth and MatMul peak, and\n' +
    '  what bounds each kernel (memory, compute, launch, or latency below 10% of both roofs). Needs a WebGPU adapter.\n' +
    '  --train   profile the train step (cross-entropy on the first output, Adam lr 1e-3), as kiln inspect --train\n' +
    '  --json    print one JSON line: {name, what, adapter, method, reps, dispatches, totalMs, runMs, roofline, kernels}\n' +
    '  --reps N  repetitions of each timing, median taken (default 5)',
  demo: 'Trains the Fashion-MNIST MLP (784-128-64-10) on the bundled subset with a progress bar, reports the test\n  accuracy and a summary (backend, kernels, dispatches, peak memory, ms per step), and writes the inference\n  artifact and the loss curve to --out (default out/demo). --epochs defaults to 10.',
};

const USAGE = `usage:\n${Object.values(USAGES).map((u) => `  ${u}`).join('\n')}`;

/** Refuses a path that should be an existing file (or folder) with a KilnError naming it. */
function existing(path: string, kind: 'file' | 'folder', what: string): string {
  let isDir: boolean;
  try {
    const st = statSync(path);
    if (!st.isFile() && !st.isDirectory()) throw new KilnError('USAGE', `${what} is not a regular ${kind}`, { path });
    isDir = st.isDirectory();
  } catch (e) {
    if (e instanceof KilnError) throw e;
    throw new KilnError('USAGE', `no such ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { path });
  }
  if (isDir !== (kind === 'folder')) throw new KilnError('USAGE', `${what} must be a ${kind}, this is a ${isDir ? 'folder' : 'file'}`, { path });
  return path;
}

/** An output folder: existing as a folder, or creatable (no file on the way up). */
function outFolder(path: string): string {
  for (let p = resolve(path); ; p = dirname(p)) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && dirname(p) !== p) continue;
      throw new KilnError('USAGE', `cannot use --out: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path: p });
    }
    if (st.isDirectory()) return path;
    throw new KilnError('USAGE', p === resolve(path) ? '--out must name a folder, and this is a file' : `--out ${path} cannot be created: a parent is not a folder`, { path: p });
  }
}

/** A Node file-system error (ENOENT, EACCES, ENOTDIR, ...) as a KilnError naming the path. */
function fsError(e: unknown): KilnError | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code)) return undefined;
  return new KilnError('USAGE', `${err.syscall ? `${err.syscall} failed` : 'file-system error'}: ${err.code}`, { path: err.path ?? (err as { dest?: string }).dest });
}

const INSPECT_USAGE = `usage: kiln inspect MODEL.onnx|ARTIFACT_DIR [--json] [--dot FILE] [--train] [--dim NAME=N]... [--bind NAME=V]...
  Compiles the model for WebGPU (no GPU needed) or reads the artifact's program, and prints the fusion
  groups (graph nodes per kernel), distinct kernels, dispatches per run and the memory plan.
  --json       print one line: {"nodes", "kernels", "dispatches", "peakBytes", "naiveBytes", "lowerBoundBytes"}
  --dot FILE   write Graphviz DOT of the fusion groups (rendered to SVG when FILE ends in .svg)
  --train      inspect the train step (cross-entropy on the first output, Adam lr 1e-3) instead
  --dim NAME=N pin a symbolic dimension of the ONNX model (repeatable)
  --bind NAME=V fix a graph input of the ONNX model to a value at import (repeatable; see kiln compile --help)`;

const COMMANDS: Record<string, (a: Args) => Promise<number>> = {
  async run(a) {
    const backend = await getBackend(parseBackend(a.flags.get('backend')));
    if (a.positional.length !== 1) throw new KilnError('USAGE', 'run takes one model path');
    const model = existing(a.positional[0], 'file', 'model file');
    await runModelCommand(model, existing(need(a, 'inputs'), 'folder', 'inputs folder'), outFolder(need(a, 'out')), backend, importPins(a, 'run'));
    return 0;
  },
  async 'onnx-test'(a) {
    const backend = await getBackend(parseBackend(a.flags.get('backend')));
    if (a.positional.length === 0) throw new KilnError('USAGE', 'onnx-test takes one or more test folders');
    const out = outFolder(need(a, 'out'));
    for (const dir of a.positional) existing(dir, 'folder', 'ONNX test folder');
    let passed = 0;
    const failed: string[] = [];
    for (const dir of a.positional) {
      const r = await runOnnxTest(dir, backend, out);
      if (r.passed) passed++;
      else failed.push(`${r.test}: ${r.detail?.split('\n')[0]}`);
    }
    for (const f of failed) console.log(`FAIL ${f}`);
    console.log(`onnx-test (${backend.name}): ${passed} passed, ${failed.length} failed of ${a.positional.length}`);
    return failed.length === 0 ? 0 : 1;
  },
  async 'run-case'(a) {
    const backend = await getBackend(parseBackend(a.flags.get('backend')));
    const out = outFolder(need(a, 'out'));
    for (const dir of a.positional) existing(dir, 'folder', 'case folder');
    const results = await runCases(a.positional, out, backend);
    for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
    const bad = results.filter((r) => !r.ran).length;
    console.log(`run-case (${backend.name}): ${results.filter((r) => r.ok).length} passed, ${results.length - results.filter((r) => r.ok).length} failed`);
    return bad === 0 ? 0 : 1;
  },
  async compile(a) {
    if (a.positional.length !== 1) throw new KilnError('USAGE', 'compile takes one model path');
    existing(a.positional[0], 'file', 'model file');
    const out = outFolder(need(a, 'out'));
    const { compileOnnxArtifact, writeArtifact } = await import('./artifact/write.ts'); // loads ts-morph only when compiling
    const precision = a.flags.get('precision') ?? 'f32';
    if (precision !== 'f32' && precision !== 'f16') throw new KilnError('USAGE', `--precision takes f32 or f16, got '${precision}'`);
    const opts = { name: a.flags.get('name'), runtimeImport: a.flags.get('runtime'), precision: precision as 'f32' | 'f16' };
    const tune = a.flags.has('tune');
    let built;
    if (await isModuleModel(a)) {
      const graph = await modelGraph(a);
      built = writeArtifact(graph, out, { ...opts, name: opts.name ?? graph.name, tuning: tune ? await tuneGraph(graph) : undefined, source: basename(a.positional[0]) });
    } else {
      // compileOnnxArtifact imports the model itself; the graph is imported here only to tune it.
      const tuning = tune ? await tuneGraph(await modelGraph(a)) : undefined;
      built = compileOnnxArtifact(a.positional[0], out, { ...opts, tuning, dims: a.dims, bind: a.binds });
    }
    const { manifest: m, weights } = built;
    console.log(`compiled '${m.name}': ${m.kernels.length} kernels, ${m.dispatches.length} dispatches, ${weights.byteLength} bytes of weights -> ${out}/ (manifest.json, weights.safetensors, model.ts, model.js, model.d.ts)`);
    return 0;
  },
  async 'export-onnx'(a) {
    if (a.positional.length !== 1) throw new KilnError('USAGE', `export-onnx takes one model path\nusage: ${USAGES['export-onnx']}`);
    existing(a.positional[0], 'file', 'model file');
    const out = need(a, 'out');
    singleDims(a, 'export-onnx');
    const [{ exportOnnx }, graph] = await Promise.all([import('./onnx/export.ts'), modelGraph(a)]);
    const { writeFileSync } = await import('node:fs');
    const bytes = exportOnnx(graph);
    writeFileSync(out, bytes);
    console.log(`exported '${graph.name}': ${graph.nodes.length} nodes, ${bytes.byteLength} bytes -> ${out}`);
    return 0;
  },
  async inspect(a) {
    if (a.positional.length !== 1) throw new KilnError('USAGE', `inspect takes one model path or artifact folder\n${INSPECT_USAGE}`);
    const { inspectPath, formatInspection, toDot, renderSvg } = await import('./inspect.ts');
    const ins = inspectPath(a.positional[0], { train: a.flags.has('train'), ...importPins(a, 'inspect') });
    const dot = a.flags.get('dot');
    if (dot) {
      const { writeFileSync } = await import('node:fs');
      const text = toDot(ins);
      writeFileSync(dot, /\.svg$/i.test(dot) ? await renderSvg(text) : text);
    }
    console.log(a.flags.has('json') ? JSON.stringify(ins.summary) : formatInspection(ins));
    return 0;
  },
  async profile(a) {
    if (a.positional.length !== 1) throw new KilnError('USAGE', `profile takes one model path or artifact folder\nusage: ${USAGES.profile}`);
    const reps = positiveIntFlag(a, 'reps');
    const { profilePath, formatProfile } = await import('./profile.ts');
    const p = await profilePath(a.positional[0], { train: a.flags.has('train'), reps, ...importPins(a, 'profile') });
    console.log(a.flags.has('json') ? JSON.stringify(p) : formatProfile(p));
    return 0;
  },
  async demo(a) {
    return demo({ backend: a.flags.get('backend'), out: a.flags.get('out'), epochs: positiveIntFlag(a, 'epochs') });
  },
};

/** Whether the command's model is an nn model module (else ONNX): --dim belongs to ONNX models, --input to modules. */
async function isModuleModel(a: Args): Promise<boolean> {
  const module = (await import('./model-module.ts')).isModelModule(a.positional[0]);
  if (module && Object.keys(a.dims).length) throw new KilnError('USAGE', '--dim pins ONNX dimensions; a model module takes its shapes from --input');
  if (module && Object.keys(a.binds).length) throw new KilnError('USAGE', '--bind fixes ONNX graph inputs; a model module has none to bind');
  if (!module && Object.keys(a.inputs).length) throw new KilnError('USAGE', '--input gives the shapes to trace a model module on; an ONNX model declares its inputs (pin symbolic ones with --dim)');
  return module;
}

/** The graph of the model at the command's path: an nn model module traced on --input, or an ONNX model imported with --dim. */
async function modelGraph(a: Args): Promise<Graph> {
  const path = a.positional[0];
  if (await isModuleModel(a)) return (await import('./model-module.ts')).traceModelModule(path, a.inputs);
  // The main specialization: the first value of each --dim.
  const first = Object.fromEntries(Object.entries(a.dims).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return (await import('./onnx/importer.ts')).importOnnxFile(path, { dims: first, bind: a.binds }).graph;
}

/** `kiln compile --tune`: the graph's contractions tuned on this machine's adapter (a KilnError without one). */
async function tuneGraph(graph: Graph) {
  const [{ getGpu }, { tuneContractions }, { ARTIFACT_COMPILE }] = await Promise.all([
    import('../runtime/webgpu/device.ts'), import('./tune.ts'), import('./artifact/write.ts'),
  ]);
  const gpu = await getGpu();
  if (!gpu) throw new KilnError('BACKEND', '--tune needs a WebGPU adapter and none was found (npm run setup:webgpu installs Mesa lavapipe)');
  const r = await tuneContractions(graph, gpu, ARTIFACT_COMPILE, { log: (l) => console.error(l) });
  console.error(`tuned ${r.choices.size} contraction shapes on ${r.adapter}: ${r.tuned} timed now, ${r.cached} from the cache`);
  return r;
}

const isHelp = (a: string) => a === '--help' || a === '-h';

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || isHelp(cmd) || cmd === 'help') {
    (cmd === undefined ? console.error : console.log)(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    console.error(`kiln: unknown command '${cmd}'\n${USAGE}`);
    return 2;
  }
  // --help wins over everything else on the line (even a flag that would have taken it as its value).
  if (rest.some(isHelp)) {
    console.log(cmd === 'inspect' ? INSPECT_USAGE : `usage: ${USAGES[cmd]}${HELP[cmd] ? `\n  ${HELP[cmd]}` : ''}`);
    return 0;
  }
  try {
    return await run(parseArgs(rest));
  } catch (e) {
    const err = e instanceof KilnError ? e : fsError(e);
    if (err) {
      console.error(`kiln: ${err.message}`);
      return 2;
    }
    throw e;
  }
}

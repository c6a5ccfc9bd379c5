// The `kiln` command line. Each command is a small function over parsed flags.
import { KilnError } from '../ir/errors.ts';
import { getBackend, parseBackend } from './backend.ts';
import { runOnnxTest } from './onnx/test-runner.ts';
import { runCases } from './fixtures/run-case.ts';
import { runModelCommand } from './run-model.ts';
import { demo } from './demo.ts';

interface Args { positional: string[]; flags: Map<string, string> }

/** Flags that take no value. */
const SWITCHES = new Set(['json', 'train', 'help']);

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && SWITCHES.has(a.slice(2))) flags.set(a.slice(2), 'true');
    else if (a.startsWith('--')) {
      const [k, v] = a.includes('=') ? a.slice(2).split('=', 2) : [a.slice(2), argv[++i]];
      if (v === undefined) throw new KilnError('USAGE', `flag --${k} needs a value`);
      flags.set(k, v);
    } else positional.push(a);
  }
  return { positional, flags };
}

function need(args: Args, flag: string): string {
  const v = args.flags.get(flag);
  if (!v) throw new KilnError('USAGE', `missing --${flag}`);
  return v;
}

const USAGE = `usage:
  kiln run MODEL.onnx --inputs DIR --out DIR [--backend cpu|webgpu]
  kiln onnx-test DIR... --out DIR [--backend cpu|webgpu]
  kiln run-case DIR... --out DIR [--backend cpu|webgpu]
  kiln compile MODEL.onnx --out DIR [--name NAME] [--runtime MODULE]
  kiln inspect MODEL.onnx|ARTIFACT_DIR [--json] [--dot FILE[.svg]] [--train]
  kiln demo [--backend cpu|webgpu]`;

const INSPECT_USAGE = `usage: kiln inspect MODEL.onnx|ARTIFACT_DIR [--json] [--dot FILE] [--train]
  Compiles the model for WebGPU (no GPU needed) or reads the artifact's program, and prints the fusion
  groups (graph nodes per kernel), distinct kernels, dispatches per run and the memory plan.
  --json       print one line: {"nodes", "kernels", "dispatches", "peakBytes", "naiveBytes", "lowerBoundBytes"}
  --dot FILE   write Graphviz DOT of the fusion groups (rendered to SVG when FILE ends in .svg)
  --train      inspect the train step (cross-entropy on the first output, Adam lr 1e-3) instead`;

const COMMANDS: Record<string, (a: Args) => Promise<number>> = {
  async run(a) {
    const backend = await getBackend(parseBackend(a.flags.get('backend')));
    if (a.positional.length !== 1) throw new KilnError('USAGE', 'run takes one model path');
    await runModelCommand(a.positional[0], need(a, 'inputs'), need(a, 'out'), backend);
    return 0;
  },
  async 'onnx-test'(a) {
    const backend = await getBackend(parseBackend(a.flags.get('backend')));
    const out = need(a, 'out');
    let passed = 0;
    const failed: string[] = [];
    for (const dir of a.positional) {
      const r = await runOnnxTest(dir, backend, out);
      if (r.passed) passed++;
      else failed.push(`${r.test}: ${r.detail?.split('\n')[0]}`);
    }
    for (const f of failed) console.log(`FAIL ${f}`);
    console.log(`onnx-test (${backend.name}): ${passed} passed, ${failed.length} failed of ${a.positional.length}`);
    return 0;
  },
  async 'run-case'(a) {
    const backend = await getBackend(parseBackend(a.flags.get('backend')));
    const results = await runCases(a.positional, need(a, 'out'), backend);
    for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
    const bad = results.filter((r) => !r.ran).length;
    console.log(`run-case (${backend.name}): ${results.filter((r) => r.ok).length} passed, ${results.length - results.filter((r) => r.ok).length} failed`);
    return bad === 0 ? 0 : 1;
  },
  async compile(a) {
    if (a.positional.length !== 1) throw new KilnError('USAGE', 'compile takes one model path');
    const out = need(a, 'out');
    const { compileOnnxArtifact } = await import('./artifact/write.ts'); // loads ts-morph only when compiling
    const { manifest: m, weights } = compileOnnxArtifact(a.positional[0], out, { name: a.flags.get('name'), runtimeImport: a.flags.get('runtime') });
    console.log(`compiled '${m.name}': ${m.kernels.length} kernels, ${m.dispatches.length} dispatches, ${weights.byteLength} bytes of weights -> ${out}/ (manifest.json, weights.safetensors, model.ts)`);
    return 0;
  },
  async inspect(a) {
    if (a.flags.has('help')) {
      console.log(INSPECT_USAGE);
      return 0;
    }
    if (a.positional.length !== 1) throw new KilnError('USAGE', `inspect takes one model path or artifact folder\n${INSPECT_USAGE}`);
    const { inspectPath, formatInspection, toDot, renderSvg } = await import('./inspect.ts');
    const ins = inspectPath(a.positional[0], { train: a.flags.has('train') });
    const dot = a.flags.get('dot');
    if (dot) {
      const { writeFileSync } = await import('node:fs');
      const text = toDot(ins);
      writeFileSync(dot, /\.svg$/i.test(dot) ? await renderSvg(text) : text);
    }
    console.log(a.flags.has('json') ? JSON.stringify(ins.summary) : formatInspection(ins));
    return 0;
  },
  async demo(a) {
    return demo(a.flags.get('backend'));
  },
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const run = cmd ? COMMANDS[cmd] : undefined;
  if (!run) {
    console.error(USAGE);
    return 2;
  }
  try {
    return await run(parseArgs(rest));
  } catch (e) {
    if (e instanceof KilnError) {
      console.error(`kiln: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

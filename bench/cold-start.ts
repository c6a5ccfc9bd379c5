// Cold start on WebGPU: each measurement is a fresh child process (new Dawn device, nothing cached in
// memory), so what is timed is what an app sees at startup. Mesa lavapipe JITs a pipeline at its first
// submit, not at createComputePipelineAsync, so without a warm-up that compile lands in the first run;
// with LoadOptions.warmUp (the default) it lands in the load, measured as stats.warmUpMs.
// Workloads: the MLP and transformer inference fixtures, and the mlp_fmnist_adam train step (Trainer:
// its construction is the load, a step with the loss read back is a run). Shader cache states:
//   disabled  MESA_SHADER_CACHE_DISABLE=true (every compile from scratch)
//   empty     MESA_SHADER_CACHE_DIR=<new temp dir>
//   warm      a second process on the dir the 'empty' one filled
// Columns: compile (kiln compile to a Program, CPU), load (executor load, warm-up included), warm-up (its
// part of load), first (first run, inputs uploaded to outputs read back), second (the next run), total
// to first result (compile + load + first).
// Run: XDG_RUNTIME_DIR=/tmp npx tsx bench/cold-start.ts [workload ...]   (mlp, transformer, mlp-train)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileForWebGpu } from '../compiler/compile.ts';
import { readCase, readSpec } from '../compiler/fixtures/case.ts';
import { trainOptions } from '../compiler/fixtures/run-case.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { compileTraining } from '../compiler/train/trainer.ts';
import { getGpu } from '../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../runtime/webgpu/executor.ts';

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/', import.meta.url));
const WORKLOADS: Record<string, string> = { mlp: 'mlp_fmnist_infer', transformer: 'transformer_infer', 'mlp-train': 'mlp_fmnist_adam' };

interface Times { compile: number; load: number; warmUp: number; first: number; second: number }

async function child(workload: string, warmUp: boolean): Promise<Times> {
  const c = readCase(join(FIXTURES, WORKLOADS[workload]));
  const gpu = await getGpu();
  if (!gpu) throw new Error('no WebGPU adapter');
  const t0 = performance.now();
  if (workload === 'mlp-train') {
    const { graph } = importOnnxFile(join(c.dir, c.model));
    const batch = c.train!.batches[0];
    const inputs = Object.fromEntries(Object.entries(batch.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));
    const trainer = await compileTraining(graph, { ...trainOptions(c), backend: 'webgpu', warmUp });
    const t1 = performance.now();
    await trainer.step({ inputs, target: readSpec(c.dir, batch.targets) }, { returnLoss: true });
    const t2 = performance.now();
    await trainer.step({ inputs, target: readSpec(c.dir, batch.targets) }, { returnLoss: true });
    const t3 = performance.now();
    trainer.dispose();
    // compileTraining compiles and loads in one call: its time is reported as load.
    return { compile: 0, load: t1 - t0, warmUp: NaN, first: t2 - t1, second: t3 - t2 };
  }
  const { graph } = importOnnxFile(join(c.dir, c.model));
  const { program, data } = compileForWebGpu(graph);
  const t1 = performance.now();
  const exe = await WebGpuExecutor.load(program, data, gpu, { warmUp });
  const t2 = performance.now();
  const inputs = new Map(Object.entries(c.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));
  await exe.run(inputs);
  const t3 = performance.now();
  await exe.run(inputs);
  const t4 = performance.now();
  const out = { compile: t1 - t0, load: t2 - t1, warmUp: exe.stats.warmUpMs, first: t3 - t2, second: t4 - t3 };
  exe.dispose();
  return out;
}

function spawnChild(workload: string, warmUp: boolean, env: NodeJS.ProcessEnv): Times | string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', workload, warmUp ? '1' : '0'], {
    env: { XDG_RUNTIME_DIR: '/tmp', ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) return `failed (${r.signal ?? r.status}): ${r.stderr.slice(-300)}`;
  return JSON.parse(line) as Times;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    console.log(JSON.stringify(await child(args[1], args[2] === '1')));
    // Mesa writes its disk cache from a background thread: give it a moment before exiting, or the
    // 'warm' process after this one finds some shaders missing.
    await new Promise((r) => setTimeout(r, 1500));
    process.exit(0); // Dawn keeps the process alive otherwise
  }
  const workloads = args.length ? args : Object.keys(WORKLOADS);
  const f = (ms: number | null) => (ms === null || Number.isNaN(ms) ? '—' : ms.toFixed(0)); // NaN travels as null in JSON
  console.log('| workload | warmUp | shader cache | compile ms | load ms | warm-up ms | first run ms | second run ms | to first result ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const w of workloads) {
    for (const warmUp of [false, true]) {
      const dir = mkdtempSync(join(tmpdir(), 'kiln-mesa-cache-'));
      const runs: [string, NodeJS.ProcessEnv][] = [
        ['disabled', { MESA_SHADER_CACHE_DISABLE: 'true', MESA_SHADER_CACHE_DIR: dir }],
        ['empty', { MESA_SHADER_CACHE_DIR: dir }],
        ['warm', { MESA_SHADER_CACHE_DIR: dir }],
      ];
      for (const [cache, env] of runs) {
        const t = spawnChild(w, warmUp, env);
        if (typeof t === 'string') console.log(`| ${w} | ${warmUp} | ${cache} | ${t.replace(/\n|\|/g, ' ')} |||||`);
        else console.log(`| ${w} | ${warmUp} | ${cache} | ${f(t.compile)} | ${f(t.load)} | ${f(t.warmUp)} | ${f(t.first)} | ${f(t.second)} | ${f(t.compile + t.load + t.first)} |`);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();

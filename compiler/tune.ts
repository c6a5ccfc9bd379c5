// The contraction autotuner behind `kiln compile --tune` and the trainer's `tune` option. A census compile
// lists the graph's contractions by tuning key (lower/matmul.ts gemmKey: shape and operand layouts); for
// each key it times every candidate kernel (gemmCandidates: variants and tiles) inside the whole compiled
// program on the actual adapter, keeping the others at their best so far, and picks the fastest median.
// Winners are cached per adapter and key in a JSON file in the user's cache folder, so a later compile of
// any model with those contractions is instant; a compile given the choices records each in its kernel
// (`choice`) and the artifact's manifest (`tuning`).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { KilnError } from '../ir/errors.ts';
import type { Graph } from '../ir/graph.ts';
import type { Tensor } from '../ir/tensor.ts';
import type { Program } from '../runtime/program.ts';
import type { GpuContext } from '../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../runtime/webgpu/executor.ts';
import { median } from '../runtime/webgpu/profiler.ts';
import { type CompileOptions, compileForWebGpu } from './compile.ts';
import { syntheticInputs } from './synthetic-inputs.ts';
import { type GemmChoice, gemmCandidates, type GemmSpec, tileName, type TileConfig } from './wgsl/lower/matmul.ts';

const CACHE_VERSION = 1;

/** One tuned contraction: the winning kernel and its median time in the program it was timed in. */
export interface TunedChoice extends Required<GemmChoice> {
  readonly ms: number;
}

/** The cache file: winners by adapter name, then by contraction key. */
interface TuneCache {
  readonly version: typeof CACHE_VERSION;
  readonly adapters: Record<string, Record<string, TunedChoice>>;
}

export interface TuneOptions {
  /** The cache file (default: $KILN_TUNE_CACHE, else $XDG_CACHE_HOME/kiln/tuning.json, else ~/.cache/kiln/tuning.json). */
  readonly cachePath?: string;
  /** Timed runs per candidate after a warm-up (default 5); the median counts. */
  readonly runs?: number;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

export interface TuneResult {
  readonly adapter: string;
  /** The choice for every contraction key of the graph. */
  readonly choices: ReadonlyMap<string, TunedChoice>;
  /** Keys timed now, and keys found in the cache. */
  readonly tuned: number;
  readonly cached: number;
}

export function defaultTuneCachePath(): string {
  const env = process.env;
  if (env.KILN_TUNE_CACHE) return env.KILN_TUNE_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kiln', 'tuning.json');
}

const isTile = (t: unknown): t is TileConfig =>
  !!t && typeof t === 'object' && (['wgX', 'wgY', 'rm', 'rn', 'kt'] as const).every((k) => Number.isInteger((t as Record<string, unknown>)[k]) && ((t as Record<string, number>)[k]) > 0);
const VARIANTS = new Set(['tiled', 'register', 'small', 'vec4']);
const isChoice = (c: unknown): c is TunedChoice =>
  !!c && typeof c === 'object' && VARIANTS.has((c as TunedChoice).variant) && isTile((c as TunedChoice).tile) && typeof (c as TunedChoice).ms === 'number';

/** Reads the cache; a missing file is empty, a malformed one is refused with a KilnError naming it. */
export function readTuneCache(path: string): TuneCache {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { version: CACHE_VERSION, adapters: {} };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KilnError('USAGE', 'the tuning cache is not JSON: delete it to tune afresh', { path });
  }
  const c = parsed as TuneCache;
  const ok = c && c.version === CACHE_VERSION && c.adapters && typeof c.adapters === 'object' &&
    Object.values(c.adapters).every((byKey) => byKey && typeof byKey === 'object' && Object.values(byKey).every(isChoice));
  if (!ok) throw new KilnError('USAGE', `the tuning cache is not a version-${CACHE_VERSION} kiln tuning file: delete it to tune afresh`, { path });
  return c;
}

function writeTuneCache(path: string, cache: TuneCache): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(cache, null, 1) + '\n');
  renameSync(tmp, path); // whole-file replace: a concurrent reader never sees half a file
}

/** A census compile: the program (with the heuristic's kernels) and the graph's contractions by key. */
function census(g: Graph, opts: CompileOptions): { program: Program; specs: Map<string, GemmSpec> } {
  const specs = new Map<string, GemmSpec>();
  const { program } = compileForWebGpu(g, { ...opts, gemmObserve: (key, spec) => void (specs.has(key) || specs.set(key, spec)) });
  return { program, specs };
}

/** The graph's contractions by key. */
export const contractionCensus = (g: Graph, opts: CompileOptions = {}): Map<string, GemmSpec> => census(g, opts).specs;

/** Median ms of `runs` runs of the program compiled with `tuning`, after the executor's warm-up and one run. */
async function timeProgram(g: Graph, gpu: GpuContext, opts: CompileOptions, tuning: ReadonlyMap<string, GemmChoice>, inputs: Map<string, Tensor>, runs: number): Promise<number> {
  const { program, data } = compileForWebGpu(g, { ...opts, gemmTuning: tuning });
  const exe = await WebGpuExecutor.load(program, data, gpu);
  try {
    await exe.run(inputs);
    const ts: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await exe.run(inputs);
      ts.push(performance.now() - t0);
    }
    return median(ts);
  } finally {
    exe.dispose();
  }
}

/** Tunes every contraction of `g` (compiled with `opts`) on `gpu`, through the cache. */
export async function tuneContractions(g: Graph, gpu: GpuContext, opts: CompileOptions = {}, t: TuneOptions = {}): Promise<TuneResult> {
  const path = t.cachePath ?? defaultTuneCachePath();
  const runs = t.runs ?? 5;
  const cache = readTuneCache(path);
  const known = (cache.adapters[gpu.adapterName] ??= {});
  const { program, specs } = census(g, opts);
  const choices = new Map<string, TunedChoice>();
  for (const key of specs.keys()) if (known[key]) choices.set(key, known[key]);
  const cached = choices.size;
  const inputs = syntheticInputs(program);
  for (const [key, spec] of specs) {
    if (choices.has(key)) continue;
    let best: TunedChoice | undefined;
    for (const cand of gemmCandidates(spec)) {
      let ms: number;
      try {
        ms = await timeProgram(g, gpu, opts, new Map([...choices, [key, cand]]), inputs, runs);
      } catch (e) {
        // A candidate this adapter refuses (a limit, a driver's compile failure) is skipped, and said so.
        if (!(e instanceof KilnError)) throw e;
        t.log?.(`  ${key}: ${cand.variant} ${tileName(cand.tile)} skipped: ${e.message}`);
        continue;
      }
      t.log?.(`  ${key}: ${cand.variant} ${tileName(cand.tile)} ${ms.toFixed(3)} ms`);
      if (!best || ms < best.ms) best = { ...cand, ms };
    }
    if (!best) throw new KilnError('BACKEND', `no contraction kernel candidate ran on ${gpu.adapterName} for ${key}`);
    choices.set(key, best);
    known[key] = best;
    writeTuneCache(path, cache);
    t.log?.(`tuned ${key}: ${best.variant} ${tileName(best.tile)}`);
  }
  return { adapter: gpu.adapterName, choices, tuned: choices.size - cached, cached };
}

/** The tuning record an artifact keeps: the adapter and each contraction key's kernel. */
export const tuningRecord = (r: TuneResult): { adapter: string; choices: Record<string, string> } => ({
  adapter: r.adapter,
  choices: Object.fromEntries([...r.choices].map(([k, c]) => [k, `${c.variant} ${tileName(c.tile)}`])),
});

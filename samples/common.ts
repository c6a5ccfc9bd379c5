// What the sample programs share: their command-line flags and their last words (the summary and where
// the outputs went). Each sample's main.ts stays about its model; this file is about running one.
import { mkdirSync } from 'node:fs';
import { type History, type Split, type Trainer, trainingSummary } from 'kiln';
import { chooseBackend, type RuntimeBackend } from 'kiln/runtime';

export interface SampleRun {
  readonly backend: 'cpu' | 'webgpu';
  readonly epochs: number;
  /** The output folder (created): `--out`, default out/NAME. */
  readonly out: string;
  /** `--limit N`: use at most N training (and N test) examples; the smoke tests use it. Infinity when not given. */
  readonly limit: number;
  /** `--data DIR`, when given. */
  readonly data?: string;
}

function positiveInt(flag: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`--${flag} must be a positive integer, got '${v}'`);
  return n;
}

/** Reads the flags every sample takes: --backend (default auto: WebGPU when there is an adapter), --epochs, --out, --limit, --data. */
export async function sampleRun(name: string, args: ReadonlyMap<string, string>, defaults: { readonly epochs: number }): Promise<SampleRun> {
  const asked = (args.get('backend') ?? 'auto') as RuntimeBackend;
  const { backend } = await chooseBackend(asked);
  if (asked === 'auto' && backend === 'cpu') console.log('!! no WebGPU adapter found: training on the CPU interpreter (npm run setup:webgpu installs Mesa lavapipe)');
  const out = args.get('out') ?? `out/${name}`;
  mkdirSync(out, { recursive: true });
  const data = args.get('data');
  return { backend, epochs: positiveInt('epochs', args.get('epochs'), defaults.epochs), out, limit: positiveInt('limit', args.get('limit'), Infinity), ...(data ? { data } : {}) };
}

/** The first `n` images of a Fashion-MNIST split. */
export function head(d: Split, n: number): Split {
  if (n >= d.n) return d;
  return { x: d.x.subarray(0, n * 784), y: d.y.subarray(0, n), n };
}

/** Prints the trainer's summary (backend, kernels, dispatches, peak memory, ms per step) and the final metrics. */
export function printSummary(trainer: Trainer, history: History, metrics: Readonly<Record<string, number>>): void {
  console.log(trainingSummary(trainer.profile, history, metrics));
}

// What every runner provides: load a workload (import, compile or build, upload weights) and run it.
// run() resolves only once the result is on the host, so a GPU runner is timed to completion; for a
// train workload it takes one step and resolves to [loss].
import type { Workload } from './workloads.ts';

export interface Loaded {
  run(): Promise<Float32Array>;
  dispose(): void | Promise<void>;
}

export type RunnerId = 'kiln-webgpu' | 'kiln-cpu' | 'tfjs-webgpu' | 'tfjs-cpu' | 'ort-web-webgpu' | 'ort-web-wasm' | 'ort-node';

export interface Runner {
  id: RunnerId;
  /** What the runner is, for the results (library, version, backend, threads). */
  describe(): string;
  load(w: Workload): Promise<Loaded>;
}

/** Thrown by load() when a runner cannot run a workload at all (reported as not run, with the reason). */
export class NotApplicable extends Error {}

/** Runners in the order each workload starts them; kiln-cpu first: its output is the reference. */
export const RUNNER_IDS: RunnerId[] = ['kiln-cpu', 'kiln-webgpu', 'tfjs-webgpu', 'tfjs-cpu', 'ort-web-webgpu', 'ort-web-wasm', 'ort-node'];

export async function runnerFor(id: RunnerId): Promise<Runner> {
  switch (id) {
    case 'kiln-webgpu':
    case 'kiln-cpu':
      return (await import('./kiln.ts')).kilnRunner(id === 'kiln-webgpu' ? 'webgpu' : 'cpu');
    case 'tfjs-webgpu':
    case 'tfjs-cpu':
      return (await import('./tfjs.ts')).tfjsRunner(id === 'tfjs-webgpu' ? 'webgpu' : 'cpu');
    case 'ort-web-webgpu':
    case 'ort-web-wasm':
      return (await import('./ort.ts')).ortWebRunner(id === 'ort-web-webgpu' ? 'webgpu' : 'wasm');
    case 'ort-node':
      return (await import('./ort.ts')).ortNodeRunner();
  }
}

// Backend selection for the CLI and the public API. Nothing falls back silently: asking for a
// backend that cannot run is an error, and the backend that ran is always reported.
import { KilnError } from '../ir/errors.ts';
import type { Graph } from '../ir/graph.ts';
import type { Tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';

export type BackendName = 'cpu' | 'webgpu';

export interface Backend {
  readonly name: BackendName;
  run(graph: Graph, inputs: ReadonlyMap<string, Tensor>): Promise<Tensor[]>;
}

const cpu: Backend = { name: 'cpu', run: async (g, inputs) => interpret(g, inputs) };

export function parseBackend(s: string | undefined): BackendName {
  if (s === undefined || s === 'cpu' || s === 'webgpu') return s ?? 'cpu';
  throw new KilnError('USAGE', `unknown backend '${s}' (use cpu or webgpu)`);
}

/** Whether this build has a WebGPU executor (the WGSL codegen issue adds it). */
export const webgpuAvailable = (): boolean => false;

export async function getBackend(name: BackendName): Promise<Backend> {
  if (name === 'cpu') return cpu;
  throw new KilnError('BACKEND', 'the WebGPU executor is not built yet (issue 3); use --backend cpu');
}

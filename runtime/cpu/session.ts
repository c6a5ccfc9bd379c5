// A session that runs a compiled artifact on the CPU interpreter: the artifact's optimized graph, rebuilt
// from its manifest (runtime/artifact-graph.ts), evaluated on typed arrays by name with the same checks,
// options and result shape as the WebGPU Session. What a shipped model falls back to without an adapter.
import type { TypedArray } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Graph } from '../../ir/graph.ts';
import { type Artifact, inputTensors, outputRecord } from '../artifact.ts';
import { artifactGraphs } from '../artifact-graph.ts';
import { pickSpecialization } from '../specialization.ts';
import type { Program } from '../program.ts';
import { interpret } from './interpreter.ts';

export class CpuSession {
  readonly backend = 'cpu' as const;
  private disposed = false;

  /** One graph per specialization, with its program (for the input and output declarations), in the artifact's order. */
  constructor(private readonly graphs: readonly Graph[], private readonly programs: readonly Program[]) {}

  /**
   * Runs the graph on typed arrays by input name; resolves to typed arrays by output name. The options
   * are the WebGPU session's; a CPU run is synchronous (it cannot hang on a device), so timeoutMs has
   * nothing to bound.
   */
  async run(inputs: { readonly [name: string]: TypedArray }, _opts: { readonly timeoutMs?: number } = {}): Promise<Record<string, TypedArray>> {
    if (this.disposed) throw new KilnError('USAGE', 'this session was disposed; create a new session to run the model');
    const k = pickSpecialization(this.programs, inputs);
    const out = interpret(this.graphs[k], inputTensors(this.programs[k], inputs));
    return outputRecord(this.programs[k], (_name, i) => out[i].data);
  }

  /** Idempotent; later runs are refused with a KilnError. */
  dispose(): void {
    this.disposed = true;
  }
}

/** A CPU session on a loaded (verified) artifact. */
export const createCpuSession = (artifact: Artifact): CpuSession => new CpuSession(artifactGraphs(artifact), artifact.programs);

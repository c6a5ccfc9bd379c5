// The compile pipeline from a graph to a WebGPU program: decompose composites into primitives, then
// generate WGSL and the dispatch plan. The input graph is left unchanged.
import type { Graph } from '../ir/graph.ts';
import { lowerForGpu } from '../passes/pipeline.ts';
import { applyPlan } from './wgsl/apply-plan.ts';
import { type CompiledProgram, generateProgram } from './wgsl/codegen.ts';

export interface CompileOptions {
  /** Fuse primitives into kernels (default true); false emits one kernel per primitive, for comparison. */
  readonly fuse?: boolean;
}

/** The program plus the lowered graph it was generated from (kept in artifacts for the CPU interpreter). */
export function compileForWebGpu(g: Graph, _opts: CompileOptions = {}): CompiledProgram & { graph: Graph } {
  const graph = lowerForGpu(g.clone());
  const generated = generateProgram(graph);
  // The memory plan places the temps in arenas (program format version 2).
  return { ...generated, program: applyPlan(generated.program).program, graph };
}

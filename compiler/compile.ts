// The compile pipeline from a graph to a WebGPU program: decompose composites into primitives, then
// generate WGSL and the dispatch plan. The input graph is left unchanged.
import type { Graph } from '../ir/graph.ts';
import { lowerForGpu } from '../passes/pipeline.ts';
import { type CompiledProgram, generateProgram } from './wgsl/codegen.ts';

export function compileForWebGpu(g: Graph): CompiledProgram {
  return generateProgram(lowerForGpu(g.clone()));
}

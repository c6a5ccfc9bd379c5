// The compile pipeline from a graph to a WebGPU program: optimize, then generate WGSL and the plan.
import type { Graph } from '../ir/graph.ts';
import { optimize } from '../passes/pipeline.ts';
import { type CompiledProgram, generateProgram } from './wgsl/codegen.ts';

export function compileForWebGpu(g: Graph): CompiledProgram {
  return generateProgram(optimize(g));
}

// The compilation pipelines: each one visible list of named passes.
import type { Graph } from '../ir/graph.ts';
import { deadCodeElimination } from './dce.ts';
import { decomposition } from './decompose/index.ts';
import { limitFanIn } from './limit-fan-in.ts';
import { runPasses, type Pass, type PassOptions } from './pass.ts';

/** After import or tracing: the graph the CPU interpreter runs. */
export const INFERENCE_PIPELINE: readonly Pass[] = [deadCodeElimination];

/** Before WGSL codegen: only primitives remain, and no kernel needs more bindings than WebGPU guarantees. */
export const GPU_PIPELINE: readonly Pass[] = [decomposition, limitFanIn, deadCodeElimination];

export const optimize = (g: Graph, opts?: PassOptions): Graph => runPasses(g, INFERENCE_PIPELINE, opts);

export const lowerForGpu = (g: Graph, opts?: PassOptions): Graph => runPasses(g, GPU_PIPELINE, opts);

// The compilation pipeline: one visible list of named passes.
import type { Graph } from '../ir/graph.ts';
import { deadCodeElimination } from './dce.ts';
import { runPasses, type Pass, type PassOptions } from './pass.ts';

export const INFERENCE_PIPELINE: readonly Pass[] = [deadCodeElimination];

export const optimize = (g: Graph, opts?: PassOptions): Graph => runPasses(g, INFERENCE_PIPELINE, opts);

// The compilation pipelines, each one visible list of named passes. Pipelines that fold constants take
// the evaluator (the CPU kernels) as a parameter, since passes/ may not import runtime/; the compiler
// passes runtime/cpu's evalNode.
import type { Graph } from '../ir/graph.ts';
import { constantFolding, type Evaluator } from './constant-folding.ts';
import { cse } from './cse.ts';
import { deadCodeElimination } from './dce.ts';
import { decomposition } from './decompose/index.ts';
import { foldBatchNorm } from './fold-batchnorm.ts';
import { fusion } from './fuse.ts';
import { limitFanIn } from './limit-fan-in.ts';
import { runPasses, type Pass, type PassOptions } from './pass.ts';
import { simplify } from './simplify/index.ts';

/**
 * After import or tracing: the graph the CPU interpreter runs. Parameters stay live (the graph may be
 * trained or share weights by name), so BatchNorm is not folded here; import already folds constants.
 */
export const INFERENCE_PIPELINE: readonly Pass[] = [cse, simplify, deadCodeElimination];

/**
 * Before WGSL codegen: only primitives remain, and no kernel needs more bindings than WebGPU guarantees.
 * Without an evaluator, constant folding is left out (the list says so by its length; see gpuPipeline).
 */
export const gpuPipeline = (evaluate?: Evaluator): readonly Pass[] => [
  decomposition,
  cse,
  ...(evaluate ? [constantFolding(evaluate)] : []),
  simplify,
  limitFanIn,
  deadCodeElimination,
  // Last: it reads the simplified primitive graph and returns the kernel schedule codegen emits.
  fusion,
];

/** Inference with frozen weights (an exported model, no trainer sharing its parameters): BatchNorm folds first. */
export const frozenGpuPipeline = (evaluate: Evaluator): readonly Pass[] => [foldBatchNorm, ...gpuPipeline(evaluate)];

/**
 * A train step: `step` is the autodiff pass that also emits the optimizer updates (passes/autodiff-step.ts
 * with the optimizer's sink); parameters are never folded, BatchNorm never folded.
 */
export const trainPipeline = (step: Pass): readonly Pass[] => [decomposition, step, cse, simplify, deadCodeElimination];

export const optimize = (g: Graph, opts?: PassOptions): Graph => runPasses(g, INFERENCE_PIPELINE, { label: 'import', ...opts });

export interface LowerOptions extends PassOptions {
  /** Evaluator for constant folding (runtime/cpu evalNode); folding is skipped without one. */
  evaluate?: Evaluator;
}

export const lowerForGpu = (g: Graph, opts: LowerOptions = {}): Graph => runPasses(g, gpuPipeline(opts.evaluate), { label: 'gpu', ...opts });

/** GPU_PIPELINE without constant folding, for callers that have no evaluator at hand. */
export const GPU_PIPELINE: readonly Pass[] = gpuPipeline();

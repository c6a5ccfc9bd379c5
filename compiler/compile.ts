// The compile pipeline from a graph to a WebGPU program: decompose composites into primitives, simplify,
// fuse them into kernels, generate WGSL and the dispatch plan, and plan memory. The input graph is left
// unchanged.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '../ir/graph.ts';
import { fusion, scheduleOf } from '../passes/fuse.ts';
import { runPipeline, type PassOptions } from '../passes/pass.ts';
import { printPlan } from '../passes/plan-memory.ts';
import { frozenGpuPipeline, gpuPipeline } from '../passes/pipeline.ts';
import { evalNode } from '../runtime/cpu/interpreter.ts';
import { applyPlan } from './wgsl/apply-plan.ts';
import { type CompiledProgram, generateProgram } from './wgsl/codegen.ts';
import { kernelFeatures, type Precision } from './wgsl/kernel.ts';
import { KilnError } from '../ir/errors.ts';
import { type GemmChoice, type GemmPolicy, type GemmVariant, withGemmPolicy } from './wgsl/lower/matmul.ts';

export interface CompileOptions extends PassOptions {
  /** Fuse primitives into kernels (default true); false emits one kernel per primitive, for comparison. */
  readonly fuse?: boolean;
  /** The weights will not change (an exported model): BatchNorm folds into the preceding Conv/Gemm. */
  readonly frozen?: boolean;
  /** Force one contraction kernel variant (tests, benchmarks); default: the shape heuristic in lower/matmul.ts. */
  readonly gemmVariant?: GemmVariant;
  /** Contraction kernels chosen by the autotuner, by contraction key (`gemmKey`); the others get the heuristic. */
  readonly gemmTuning?: ReadonlyMap<string, GemmChoice>;
  /** Sees each contraction's tuning key and spec during codegen (the autotuner's census). */
  readonly gemmObserve?: GemmPolicy['observe'];
  /**
   * Optional WebGPU features the kernels may use (the adapter's `features`, e.g. GpuContext.features):
   * with 'subgroups', workgroup reductions fold per subgroup. Default none: portable kernels.
   */
  readonly features?: Iterable<string>;
  /**
   * 'f16': weights (constants of more than one element) and the intermediates fused kernels write are
   * stored as f16 on the GPU, half the bytes, converted to f32 where read; math and sums are f32, graph
   * inputs and outputs f32. Needs 'shader-f16' in `features`; inference only. Default 'f32'.
   */
  readonly precision?: Precision;
}

/** The program plus the lowered graph it was generated from (kept in artifacts for the CPU interpreter). */
export function compileForWebGpu(g: Graph, opts: CompileOptions = {}): CompiledProgram & { graph: Graph } {
  if (opts.precision === 'f16' && g.updates.size) throw new KilnError('USAGE', "precision 'f16' is for inference: a train step updates its parameters in f32; compile it with precision 'f32'");
  const features = kernelFeatures(opts.features, opts.precision);
  const lowering = opts.frozen ? frozenGpuPipeline(evalNode) : gpuPipeline(evalNode);
  const passes = opts.fuse === false ? lowering.filter((p) => p !== fusion) : lowering;
  const label = opts.label ?? (opts.frozen ? 'gpu-frozen' : 'gpu');
  const { graph, analyses } = runPipeline(g.clone(), passes, { ...opts, label });
  const generated = withGemmPolicy({ variant: opts.gemmVariant, tuned: opts.gemmTuning, observe: opts.gemmObserve }, () => generateProgram(graph, scheduleOf(analyses), features));
  // The memory plan places the temps in arenas, by liveness over the dispatches codegen scheduled.
  const { program, plan } = applyPlan(generated.program);
  const dump = opts.dumpDir ?? process.env.KILN_DUMP;
  if (dump) {
    mkdirSync(dump, { recursive: true });
    writeFileSync(join(dump, `${label}-${String(passes.length + 1).padStart(2, '0')}-plan-memory.txt`), printPlan(plan, program.buffers) + '\n');
  }
  return { ...generated, program, graph };
}

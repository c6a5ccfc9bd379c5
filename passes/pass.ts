// Passes are values with a name; the manager runs a list of them, verifies the graph after each one
// and, with KILN_DUMP=dir, writes the IR text after every pass ([label-]NN-<pass>.ir), followed by what the
// pass learned. A pass rewrites the graph in place and may return an analysis (a fusion schedule, a
// memory plan): later passes and codegen read it by the pass's name.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '../ir/graph.ts';
import { printGraph } from '../ir/print.ts';
import { verify } from '../ir/verify.ts';

/** What a pass learned about the graph, printable for dumps and `kiln inspect`. */
export interface Analysis {
  print(): string;
}

/** Analyses of the passes run so far, by pass name. */
export type Analyses = ReadonlyMap<string, Analysis>;

export interface Pass {
  readonly name: string;
  /** Rewrites the graph in place; returns an analysis when the pass computes one. */
  run(g: Graph, analyses: Analyses): Analysis | void;
}

export interface PassOptions {
  /** Folder for IR dumps; defaults to $KILN_DUMP. */
  dumpDir?: string;
  /** Verify after every pass (default true). */
  verify?: boolean;
  /** Which pipeline this is, prefixed to its dump files (import, gpu, train). */
  label?: string;
}

export interface PipelineResult {
  readonly graph: Graph;
  readonly analyses: Analyses;
}

/** Runs the passes in order and returns the graph with every analysis the passes produced. */
export function runPipeline(g: Graph, passes: readonly Pass[], opts: PassOptions = {}): PipelineResult {
  const dump = opts.dumpDir ?? process.env.KILN_DUMP;
  const analyses = new Map<string, Analysis>();
  const write = (i: number, name: string, analysis?: Analysis) => {
    if (!dump) return;
    mkdirSync(dump, { recursive: true });
    const text = printGraph(g) + '\n' + (analysis ? `\n${analysis.print()}\n` : '');
    writeFileSync(join(dump, `${opts.label ? `${opts.label}-` : ''}${String(i).padStart(2, '0')}-${name}.ir`), text);
  };
  write(0, 'input');
  passes.forEach((p, i) => {
    const analysis = p.run(g, analyses) ?? undefined;
    if (analysis) analyses.set(p.name, analysis);
    if (opts.verify !== false) verify(g);
    write(i + 1, p.name, analysis);
  });
  return { graph: g, analyses };
}

export function runPasses(g: Graph, passes: readonly Pass[], opts: PassOptions = {}): Graph {
  return runPipeline(g, passes, opts).graph;
}

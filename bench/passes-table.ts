// The acceptance table of docs/passes.md: for every fixture model (inference cases as imported, train
// cases as the train step their case.json describes: loss, optimizer, trainable, l1/l2), compiled for
// WebGPU with fusion on and off. Columns: source ops (non-view nodes of the graph as imported, before
// decomposition; for a train case, of its forward model), lowered nodes (non-view nodes fusion sees:
// after decomposition, autodiff and simplification), kernels (distinct pipelines), dispatches per run,
// temp bytes naive (one buffer per intermediate) -> planned (arena bytes) -> lower bound (inspectProgram).
// Pure compilation: no GPU needed. Prints Markdown.
// Run: npx tsx bench/passes-table.ts
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileForWebGpu } from '../compiler/compile.ts';
import { readCase, type FixtureCase } from '../compiler/fixtures/case.ts';
import { trainOptions } from '../compiler/fixtures/run-case.ts';
import { inspectProgram, sketchGraph, type InspectSummary } from '../compiler/inspect.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { buildTrainStep } from '../compiler/train/train-step.ts';
import type { Graph } from '../ir/graph.ts';
import { OPS } from '../ir/ops/index.ts';

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/', import.meta.url));

interface Row { name: string; kind: string; sourceOps: number; on: InspectSummary; off: InspectSummary }

const sourceOps = (g: Graph) => g.nodes.filter((n) => OPS[n.op].kind !== 'view').length;

function row(c: FixtureCase): Row {
  const { graph: imported } = importOnnxFile(join(c.dir, c.model));
  const g = c.kind === 'train' ? buildTrainStep(imported, trainOptions(c)).graph : imported;
  const summary = (fuse: boolean) => {
    const { program, graph } = compileForWebGpu(g, { fuse });
    return inspectProgram(program, sketchGraph(graph));
  };
  return { name: c.name, kind: c.kind === 'train' ? `train (${c.train!.optimizer.type})` : 'inference', sourceOps: sourceOps(imported), on: summary(true), off: summary(false) };
}

const kb = (b: number) => (b >= 10240 ? `${(b / 1024).toFixed(0)} KiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`);
const ratio = (s: InspectSummary) => (s.lowerBoundBytes ? (s.peakBytes / s.lowerBoundBytes).toFixed(2) : '-');

function table(rows: Row[], pick: (r: Row) => InspectSummary, title: string): string {
  const head = ['model', 'kind', 'source ops', 'lowered nodes', 'kernels', 'dispatches', 'temp naive → planned → lower bound', 'planned / bound'];
  const lines = [`### ${title}`, '', `| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) {
    const s = pick(r);
    lines.push(`| ${[r.name, r.kind, r.sourceOps, s.nodes, s.kernels, s.dispatches, `${kb(s.naiveBytes)} → ${kb(s.peakBytes)} → ${kb(s.lowerBoundBytes)}`, ratio(s)].join(' | ')} |`);
  }
  return lines.join('\n');
}

const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => readCase(join(FIXTURES, d.name)));
const rows = [...cases.filter((c) => c.kind === 'inference'), ...cases.filter((c) => c.kind === 'train')].map(row);
console.log(table(rows, (r) => r.on, 'Fusion on (the default)'));
console.log('');
console.log(table(rows, (r) => r.off, 'Fusion off (`compileForWebGpu(g, { fuse: false })`: one kernel per primitive)'));
console.log('');
console.log('Dispatches off → on: ' + rows.map((r) => `${r.name} ${r.off.dispatches} → ${r.on.dispatches}`).join(', '));

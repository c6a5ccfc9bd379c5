// `kiln inspect`: what the compiler made of a model. Compiles an ONNX model for WebGPU (pure: no GPU),
// or its train step (cross-entropy on the first output, Adam lr 1e-3), or reads a compiled artifact's
// program, and reports the fusion groups (the graph nodes each kernel computes), distinct kernels,
// dispatches per run and the memory plan. The summary numbers come from the Program alone:
// peakBytes = arena bytes (plus any temp left unplanned), naiveBytes = one buffer per temp,
// lowerBoundBytes = the largest set of temps live at one dispatch (passes/plan-memory.ts).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KilnError } from '../ir/errors.ts';
import type { Graph } from '../ir/graph.ts';
import { OPS, type OpName } from '../ir/ops/index.ts';
import { lowerBound, plannedIntervals, printPlan, type MemoryPlan, type Slot } from '../passes/plan-memory.ts';
import { MANIFEST_FILE, type Manifest, type SerializedGraph } from '../runtime/artifact-format.ts';
import { checkManifest } from '../runtime/artifact.ts';
import type { Program } from '../runtime/program.ts';
import { compileForWebGpu } from './compile.ts';
import { importOnnxFile, type ImportOptions } from './onnx/importer.ts';
import { buildTrainStep, type TrainSpec } from './train/train-step.ts';
import { planBuffers, scheduleOf } from './wgsl/apply-plan.ts';

export interface InspectSummary {
  /** Nodes of the lowered graph, view ops excluded (they become no kernel). */
  readonly nodes: number;
  /** Distinct kernels (pipelines). */
  readonly kernels: number;
  readonly dispatches: number;
  readonly peakBytes: number;
  readonly naiveBytes: number;
  readonly lowerBoundBytes: number;
}

/** A graph's nodes by name, with the names of the values they read and write. */
export interface GraphSketch {
  readonly inputs: readonly string[];
  readonly nodes: readonly { readonly name: string; readonly op: string; readonly inputs: readonly string[]; readonly outputs: readonly string[] }[];
}

export interface Inspection {
  readonly name: string;
  readonly what: 'inference' | 'train step';
  readonly program: Program;
  readonly graph: GraphSketch;
  readonly plan: MemoryPlan;
  readonly summary: InspectSummary;
  /** The artifact's tuning record (`kiln compile --tune`), if it has one. */
  readonly tuning?: Manifest['tuning'];
}

/** The train step `kiln inspect --train` compiles. */
export const INSPECT_TRAIN_SPEC: TrainSpec = { loss: { name: 'cross_entropy' }, optimizer: { type: 'adam', lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8 } };

const isView = (op: string) => OPS[op as OpName]?.kind === 'view';

export function sketchGraph(g: Graph): GraphSketch {
  return {
    inputs: g.inputs.map((v) => v.name),
    nodes: g.nodes.map((n) => ({ name: n.name, op: n.op, inputs: n.inputs.flatMap((v) => (v ? [v.name] : [])), outputs: n.outputs.map((v) => v.name) })),
  };
}

export function sketchSerialized(s: SerializedGraph): GraphSketch {
  const name = (i: number) => s.values[i].name;
  return {
    inputs: s.inputs.map(name),
    nodes: s.nodes.map((n) => ({ name: n.name, op: n.op, inputs: n.inputs.flatMap((i) => (i === null ? [] : [name(i)])), outputs: n.outputs.map(name) })),
  };
}

/** The memory plan a (planned or unplanned) program carries, with its three numbers. */
export function planOf(p: Program): MemoryPlan {
  const buffers = planBuffers(p);
  const intervals = plannedIntervals(buffers, scheduleOf(p), [...p.state, ...p.outputs.map((o) => o.buffer)]);
  const slots = new Map<number, Slot>();
  p.buffers.forEach((b, i) => b.arena !== undefined && slots.set(i, { arena: b.arena, offset: b.offset ?? 0 }));
  const arenas = (p.arenas ?? []).map((a) => a.bytes);
  const loose = p.buffers.filter((b, i) => b.role === 'temp' && !slots.has(i)).reduce((s, b) => s + b.bytes, 0);
  const alignment = arenas.length ? (p.limits?.minStorageBufferOffsetAlignment ?? 1) : 1;
  return {
    arenas,
    slots,
    peakBytes: arenas.reduce((s, a) => s + a, 0) + loose,
    naiveBytes: p.buffers.filter((b) => b.role === 'temp').reduce((s, b) => s + b.bytes, 0),
    lowerBoundBytes: lowerBound(buffers, intervals, p.dispatches.length, alignment, Math.max(1, arenas.length)),
    limits: { alignment, maxBindingBytes: p.limits?.maxStorageBufferBindingSize ?? Infinity },
  };
}

/** The `--json` numbers of a program and the graph it was generated from. */
export function inspectProgram(program: Program, graph: GraphSketch): InspectSummary {
  const plan = planOf(program);
  return {
    nodes: graph.nodes.filter((n) => !isView(n.op)).length,
    kernels: program.kernels.length,
    dispatches: program.dispatches.length,
    peakBytes: plan.peakBytes,
    naiveBytes: plan.naiveBytes,
    lowerBoundBytes: plan.lowerBoundBytes,
  };
}

function inspection(name: string, what: Inspection['what'], program: Program, graph: GraphSketch, tuning?: Manifest['tuning']): Inspection {
  return { name, what, program, graph, plan: planOf(program), summary: inspectProgram(program, graph), ...(tuning ? { tuning } : {}) };
}

/** Compiles a graph (or, with `train`, its train step) and inspects the program. */
export function inspectGraph(g: Graph, opts: { train?: boolean; trainSpec?: TrainSpec } = {}): Inspection {
  const source = opts.train ? buildTrainStep(g, opts.trainSpec ?? INSPECT_TRAIN_SPEC).graph : g;
  const { program, graph } = compileForWebGpu(source);
  return inspection(g.name, opts.train ? 'train step' : 'inference', program, sketchGraph(graph));
}

/** Inspects an ONNX model file or a compiled artifact folder. */
export function inspectPath(path: string, opts: { train?: boolean } & Pick<ImportOptions, 'dims' | 'bind'> = {}): Inspection {
  let dir = false;
  try {
    dir = statSync(path).isDirectory();
  } catch {
    throw new KilnError('USAGE', 'no such model file or artifact folder', { path });
  }
  if (!dir) return inspectGraph(importOnnxFile(path, { dims: opts.dims, bind: opts.bind }).graph, opts);
  if (opts.train) throw new KilnError('USAGE', '--train needs an ONNX model: an artifact holds an inference program only', { path });
  const file = join(path, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KilnError('ARTIFACT', `cannot read the manifest: ${(e as Error).message}`, { path: file });
  }
  const m = checkManifest(raw, file);
  const { format: _f, name, weights: _w, graph, tuning, ...program } = m;
  return inspection(name, 'inference', program, sketchSerialized(graph), tuning);
}

/** The human-readable report: summary, fusion groups, dispatch counts and the memory plan. */
export function formatInspection(ins: Inspection): string {
  const { program: p, summary: s } = ins;
  const uses = p.kernels.map((_, k) => p.dispatches.filter((d) => d.kernel === k).length);
  const lines = [
    `${ins.name} (${ins.what}): ${s.nodes} nodes -> ${s.kernels} kernels (distinct pipelines), ${s.dispatches} dispatches per run`,
    `temp memory: ${s.naiveBytes} bytes naive -> ${s.peakBytes} planned (lower bound ${s.lowerBoundBytes})`,
    ...(ins.tuning ? [`contraction kernels tuned on ${ins.tuning.adapter} (${Object.keys(ins.tuning.choices).length} shapes)`] : ['contraction kernels: the shape heuristic (untuned)']),
    '',
    'fusion groups (kernel: graph nodes it computes):',
    ...p.kernels.map((k, i) => `  k${i} ${k.name}${uses[i] > 1 ? ` (x${uses[i]})` : ''}${k.choice ? ` [${k.choice}]` : ''}: ${k.nodes.join(', ')}`),
    '',
    printPlan(ins.plan, p.buffers),
  ];
  return lines.join('\n');
}

const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Graphviz DOT: one cluster per kernel holding its nodes, edges by data flow between nodes. */
export function toDot(ins: Inspection): string {
  const out = ['digraph kiln {', `  label=${q(`${ins.name} (${ins.what})`)};`, '  node [shape=box, fontsize=10];'];
  const known = new Set(ins.graph.nodes.map((n) => n.name));
  const clustered = new Set<string>();
  ins.program.kernels.forEach((k, i) => {
    out.push(`  subgraph cluster_${i} {`, `    label=${q(`k${i} ${k.name}`)}; style=rounded; color=steelblue;`);
    for (const n of k.nodes) {
      if (clustered.has(n)) continue;
      clustered.add(n);
      out.push(`    ${q(`n:${n}`)} [label=${q(n)}${known.has(n) ? '' : ', shape=note'}];`);
    }
    out.push('  }');
  });
  for (const n of ins.graph.nodes) {
    if (!clustered.has(n.name)) out.push(`  ${q(`n:${n.name}`)} [label=${q(`${n.name} (${n.op})`)}${isView(n.op) ? ', style=dashed' : ''}];`);
  }
  const producer = new Map<string, string>();
  for (const n of ins.graph.nodes) for (const v of n.outputs) producer.set(v, n.name);
  for (const v of ins.graph.inputs) out.push(`  ${q(`v:${v}`)} [label=${q(v)}, shape=ellipse];`);
  const inputs = new Set(ins.graph.inputs);
  for (const n of ins.graph.nodes) {
    for (const v of new Set(n.inputs)) {
      const from = producer.get(v) ?? (inputs.has(v) ? undefined : null);
      if (from === null) continue; // a constant
      out.push(`  ${q(from === undefined ? `v:${v}` : `n:${from}`)} -> ${q(`n:${n.name}`)};`);
    }
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** Renders DOT to SVG with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz). */
export async function renderSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const gv = await Graphviz.load();
  return gv.dot(dot, 'svg');
}

// Elementwise chains in tiles: the interpreter groups consecutive elementwise nodes over the same large
// output (an optimizer update: a dozen Mul/Add/Div/Sqrt over every weight) and runs each group tile by tile,
// every member's fast loop over TILE elements, so intermediates stay in a few KB of scratch instead of a
// full tensor each. A value leaves the group as a full tensor only when something outside reads it.
//
// Where the JS engine allows building functions (not under a CSP without 'unsafe-eval'), a group runs as one
// generated loop instead: each element's whole chain in locals, every intermediate rounded as its array
// store would round it (Math.fround for float32, ToInt32 for i32, ...), so the result is the same bits.
//
// A lone large elementwise node may write over an operand that dies at it (a Relu after a Conv): no fresh
// output, which for a tensor of megabytes costs as much as the loop (page faults of a new allocation).
//
// A Conv whose only reader is a Relu (and the Relu's only reader a MaxPool) runs as one step with the Relu and
// the pool applied in the Conv's kernel (epilogue.ts).
//
// Members are nodes with a fast loop (elementwise-fast.ts) whose operands each have the output's element
// count or one element. Nodes whose inputs and outputs are all single elements (a bias-correction scalar) do
// not break a group: they run on their own before it, as nothing in the group feeds them. Scratch tiles have
// the dtype the unfused node's output would have, and every loop is the unfused one, so results are
// bit-identical to running the nodes one by one.
import { allocArray, type TypedArray } from '../../ir/dtype.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { numel } from '../../ir/shape.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { clampOf, fusesReaders, isFusedPool } from './epilogue.ts';
import { BINARY, sigmoid, UNARY, where, type Loop1, type Loop2 } from './kernels/elementwise-fast.ts';
import type { Clamp } from './wasm/conv-simd.ts';

/** Groups are formed over outputs of at least this many elements; tiles are this long. */
const MIN_ELEMENTS = 4096;
const TILE = 1024;

/** An operand: a value from outside the group (`ext`), or the output of member `mem`. */
type Operand = { ext: Value } | { mem: number };

interface Member {
  readonly node: Node;
  readonly operands: readonly Operand[];
  /** Whether the output is read outside the group (or kept by the graph) and so becomes a full tensor. */
  readonly keep: boolean;
}

/**
 * A schedule step: one node, a fused group run at the position of its last node, or a producer with its clamp
 * activation and pool (`last` the chain's last node) run at the producer's position. `reuse` marks a large elementwise node that may write its output
 * over an operand that dies there (see interpreter.ts).
 */
export type Step =
  | { readonly node: Node; readonly index: number; readonly reuse?: boolean }
  | { readonly group: Group; readonly index: number }
  | { readonly producer: Node; readonly clamp?: Clamp; readonly pool?: Node; readonly last: Node; readonly index: number };

/** The values a step reads and the ones it writes (what liveness sees). */
export function stepIO(s: Step): { readonly reads: readonly (Value | undefined)[]; readonly writes: readonly Value[] } {
  if ('node' in s) return { reads: s.node.inputs, writes: s.node.outputs };
  if ('group' in s) return s.group;
  return { reads: s.producer.inputs, writes: s.last.outputs };
}

export interface Group {
  readonly n: number;
  readonly members: readonly Member[];
  /** External values read, and member outputs kept (what the interpreter's liveness sees). */
  readonly reads: readonly Value[];
  readonly writes: readonly Value[];
}

const fusible = (node: Node): boolean => {
  const op = node.op as OpName;
  if (node.outputs.length !== 1) return false;
  const arity = node.inputs.length;
  if (node.inputs.some((v) => v === undefined)) return false;
  if (!(arity === 1 ? UNARY[op] : arity === 2 ? BINARY[op] : arity === 3 && op === 'Where')) return false;
  const out = node.outputs[0].type;
  if (op === 'Div' && out.dtype !== 'f32' && out.dtype !== 'f16') return false;
  const n = numel(out.shape);
  return n >= MIN_ELEMENTS && node.inputs.every((v) => { const m = numel(v!.type.shape); return m === n || m === 1; });
};

const allScalar = (node: Node): boolean =>
  node.outputs.every((v) => numel(v.type.shape) === 1) && node.inputs.every((v) => !v || numel(v.type.shape) === 1);

/** The graph's nodes as steps, consecutive fusible nodes over one element count joined into groups. */
export function schedule(graph: Graph): Step[] {
  const nodes = graph.nodes;
  const readers = new Map<Value, number[]>();
  nodes.forEach((n, i) => n.inputs.forEach((v) => v && (readers.get(v) ?? readers.set(v, []).get(v)!).push(i)));
  const kept = new Set<Value>([...graph.outputs, ...graph.updates.values()]);
  const steps: Step[] = [];
  const absorbed = new Set<number>();
  let run: number[] = [];
  const flush = () => {
    if (run.length === 1) steps.push({ node: nodes[run[0]], index: run[0], reuse: true });
    else if (run.length > 1) steps.push({ group: group(nodes, run, readers, kept), index: run[run.length - 1] });
    run = [];
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (absorbed.has(i)) continue;
    const chain = fusedChain(node, nodes, readers, kept);
    if (chain) {
      flush();
      for (const k of chain.at) absorbed.add(k);
      steps.push({ producer: node, clamp: chain.clamp, pool: chain.pool, last: nodes[chain.at[chain.at.length - 1]], index: i });
    } else if (fusible(node)) {
      const n = numel(node.outputs[0].type.shape);
      if (run.length && numel(nodes[run[0]].outputs[0].type.shape) !== n) flush();
      run.push(i);
    } else if (run.length && allScalar(node)) {
      steps.push({ node, index: i });
    } else {
      flush();
      steps.push({ node, index: i });
    }
  }
  flush();
  return steps;
}

/**
 * The readers a producer takes into its step: a clamp activation that is its output's only reader, then a pool
 * that is the only reader of that (each output not kept by the graph); undefined when neither fuses.
 */
function fusedChain(node: Node, nodes: readonly Node[], readers: Map<Value, number[]>, kept: Set<Value>): { at: number[]; clamp?: Clamp; pool?: Node } | undefined {
  if (!fusesReaders(node)) return undefined;
  const onlyReader = (n: Node): number | undefined => {
    const rs = readers.get(n.outputs[0]) ?? [];
    return rs.length === 1 && !kept.has(n.outputs[0]) ? rs[0] : undefined;
  };
  const at: number[] = [];
  let last = node, clamp: Clamp | undefined, pool: Node | undefined;
  const a = onlyReader(last);
  if (a !== undefined && (clamp = clampOf(nodes[a]))) { at.push(a); last = nodes[a]; }
  const p = onlyReader(last);
  if (p !== undefined && isFusedPool(nodes[p])) { at.push(p); pool = nodes[p]; }
  return at.length ? { at, clamp, pool } : undefined;
}

function group(nodes: readonly Node[], run: readonly number[], readers: Map<Value, number[]>, kept: Set<Value>): Group {
  const at = new Map<Value, number>(run.map((i, k) => [nodes[i].outputs[0], k]));
  const inRun = new Set(run);
  const reads = new Set<Value>();
  const members = run.map((i): Member => {
    const node = nodes[i];
    const operands = node.inputs.map((v): Operand => {
      const k = at.get(v!);
      if (k !== undefined) return { mem: k };
      reads.add(v!);
      return { ext: v! };
    });
    const out = node.outputs[0];
    const keep = kept.has(out) || (readers.get(out) ?? []).some((r) => !inRun.has(r));
    return { node, operands, keep };
  });
  const n = numel(nodes[run[0]].outputs[0].type.shape);
  return { n, members, reads: [...reads], writes: members.filter((m) => m.keep).map((m) => m.node.outputs[0]) };
}

/** Runs a group on its external inputs; returns the kept outputs in `writes` order. `tiles` forces the tiled loops. */
export function runGroup(g: Group, env: ReadonlyMap<Value, Tensor>, tiles = false): Tensor[] {
  const gen = tiles ? undefined : generated(g, env);
  if (gen) {
    const kept = g.writes.map((v): Tensor => ({ dtype: v.type.dtype, shape: v.type.shape, data: allocArray(v.type.dtype, g.n) }));
    gen.loop(g.n, g.reads.map((v) => env.get(v)!.data), kept.map((t) => t.data), gen.consts);
    return kept;
  }
  return runTiles(g, env);
}

/** Runs a group tile by tile through the fast loops (no generated code). */
function runTiles(g: Group, env: ReadonlyMap<Value, Tensor>): Tensor[] {
  const { n, members } = g;
  // Per member: its output array (full, or a tile of scratch) and whether it is indexed from the tile start.
  const outData: TypedArray[] = [];
  const outFull: boolean[] = [];
  const kept: Tensor[] = [];
  for (const m of members) {
    const t = m.node.outputs[0].type;
    if (m.keep) {
      const data = allocArray(t.dtype, n);
      kept.push({ dtype: t.dtype, shape: t.shape, data });
      outData.push(data);
      outFull.push(true);
    } else {
      outData.push(allocArray(t.dtype, TILE));
      outFull.push(false);
    }
  }
  // Operand arrays, whether each is indexed from the tile start (full) or from 0 (tile or scalar), stride.
  const opData: TypedArray[][] = [], opFull: boolean[][] = [], opStride: number[][] = [];
  for (const m of members) {
    const d: TypedArray[] = [], f: boolean[] = [], s: number[] = [];
    for (const o of m.operands) {
      if ('mem' in o) { d.push(outData[o.mem]); f.push(outFull[o.mem]); s.push(1); continue; }
      const t = env.get(o.ext)!;
      const scalar = t.data.length === 1 && n > 1;
      d.push(t.data); f.push(!scalar); s.push(scalar ? 0 : 1);
    }
    opData.push(d); opFull.push(f); opStride.push(s);
  }
  const loops = members.map((m) => {
    const op = m.node.op as OpName;
    return m.operands.length === 1 ? UNARY[op]!(m.node.attrs) : m.operands.length === 2 ? BINARY[op]! : where;
  });
  for (let base = 0; base < n; base += TILE) {
    const len = Math.min(TILE, n - base);
    for (let k = 0; k < members.length; k++) {
      const o = outData[k], oo = outFull[k] ? base : 0;
      const d = opData[k], f = opFull[k], s = opStride[k];
      if (d.length === 1) (loops[k] as Loop1)(len, o, oo, d[0], f[0] ? base : 0, s[0]);
      else if (d.length === 2) (loops[k] as Loop2)(len, o, oo, d[0], f[0] ? base : 0, s[0], d[1], f[1] ? base : 0, s[1]);
      else where(len, o, oo, d[0], f[0] ? base : 0, s[0], d[1], f[1] ? base : 0, s[1], d[2], f[2] ? base : 0, s[2]);
    }
  }
  return kept;
}

// ---- generated loops ----

type GroupLoop = (n: number, ins: readonly TypedArray[], outs: readonly TypedArray[], k: readonly number[]) => void;

/** The element expression of each op over operand expressions; `k` registers a constant (an attribute). */
const EXPR: Partial<Record<OpName, (v: string[], at: Node['attrs'], k: (x: unknown) => string) => string>> = {
  Relu: ([x]) => `(${x} > 0 ? ${x} : 0)`, Neg: ([x]) => `(-${x})`, Abs: ([x]) => `Math.abs(${x})`,
  Exp: ([x]) => `Math.exp(${x})`, Log: ([x]) => `Math.log(${x})`, Sqrt: ([x]) => `Math.sqrt(${x})`,
  Reciprocal: ([x]) => `(1 / ${x})`, Tanh: ([x]) => `Math.tanh(${x})`, Sigmoid: ([x]) => `sigmoid(${x})`,
  StopGradient: ([x]) => x,
  LeakyRelu: ([x], at, k) => `(${x} >= 0 ? ${x} : ${k(at.alpha)} * ${x})`,
  Clip: ([x], at, k) => `Math.min(Math.max(${x}, ${k(at.min)}), ${k(at.max)})`,
  Add: ([x, y]) => `(${x} + ${y})`, Sub: ([x, y]) => `(${x} - ${y})`, Mul: ([x, y]) => `(${x} * ${y})`,
  Div: ([x, y]) => `(${x} / ${y})`, Pow: ([x, y]) => `Math.pow(${x}, ${y})`,
  Max: ([x, y]) => `Math.max(${x}, ${y})`, Min: ([x, y]) => `Math.min(${x}, ${y})`,
  PRelu: ([x, y]) => `(${x} < 0 ? ${y} * ${x} : ${x})`,
  Equal: ([x, y]) => `(${x} === ${y} ? 1 : 0)`, Less: ([x, y]) => `(${x} < ${y} ? 1 : 0)`,
  LessOrEqual: ([x, y]) => `(${x} <= ${y} ? 1 : 0)`, Greater: ([x, y]) => `(${x} > ${y} ? 1 : 0)`,
  GreaterOrEqual: ([x, y]) => `(${x} >= ${y} ? 1 : 0)`, Where: ([c, x, y]) => `(${c} ? ${x} : ${y})`,
};

/** How a store into each array type rounds a double, as an expression wrapper. */
const ROUND = new Map<unknown, (e: string) => string>([
  [Float32Array, (e) => `fround(${e})`], [Float64Array, (e) => e], [Int32Array, (e) => `(${e} | 0)`],
  [Uint32Array, (e) => `(${e} >>> 0)`], [Uint8Array, (e) => `(${e} & 255)`],
]);

const built = new Map<string, GroupLoop | undefined>();
let canBuild = true;

/** The generated loop of a group on these inputs and its constants, or undefined (no expression for an op, or no eval). */
function generated(g: Group, env: ReadonlyMap<Value, Tensor>): { loop: GroupLoop; consts: number[] } | undefined {
  if (!canBuild) return undefined;
  const ext = new Map(g.reads.map((v, i) => [v, i]));
  const consts: number[] = [];
  const k = (x: unknown) => { consts.push(x as number); return `K${consts.length - 1}`; };
  const head: string[] = [], body: string[] = [];
  g.reads.forEach((v, i) => {
    const d = env.get(v)!.data;
    head.push(d.length === 1 ? `const x${i} = ins[${i}][0];` : `const x${i} = ins[${i}];`);
  });
  const scalarIn = g.reads.map((v) => env.get(v)!.data.length === 1);
  let outIx = 0;
  for (const [j, m] of g.members.entries()) {
    const e = EXPR[m.node.op as OpName];
    const round = ROUND.get(allocArray(m.node.outputs[0].type.dtype, 0).constructor);
    if (!e || !round) return undefined;
    const args = m.operands.map((o) => ('mem' in o ? `m${o.mem}` : scalarIn[ext.get(o.ext)!] ? `x${ext.get(o.ext)}` : `x${ext.get(o.ext)}[i]`));
    body.push(`const m${j} = ${round(e(args, m.node.attrs, k))};`);
    if (m.keep) { head.push(`const o${outIx} = outs[${outIx}];`); body.push(`o${outIx}[i] = m${j};`); outIx++; }
  }
  // Attribute values come from the model: they enter as data (the K argument), never as source text.
  consts.forEach((_, i) => head.unshift(`const K${i} = K[${i}];`));
  const src = `${head.join('\n')}\nfor (let i = 0; i < n; i++) {\n${body.join('\n')}\n}`;
  if (built.has(src)) { const loop = built.get(src); return loop && { loop, consts }; }
  let f: GroupLoop | undefined;
  try {
    f = new Function('fround', 'sigmoid', `"use strict"; return function group(n, ins, outs, K) {\n${src}\n};`)(Math.fround, sigmoid) as GroupLoop;
  } catch {
    canBuild = false; // code generation is not allowed here: the tiled loops compute the same
    return undefined;
  }
  built.set(src, f);
  return { loop: f, consts };
}

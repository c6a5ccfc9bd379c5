// Operator fusion: one greedy walk in topological order groups the primitives into kernels, reading op
// kinds and declared op properties only (never names). Each node opens a group of its kind; then
//  - an elementwise node joins the group of an operand it reads at its own flat index: a pointwise chain,
//    or the epilogue of a reduction, a contraction or a `perElement` op (gather, pad, concat);
//  - it joins a reduction's group as a full-row member when it reads the reduction broadcast back over the
//    reduced axes, which makes a row group (softmax, normalization), and a later reduction over the same
//    axes of a full-row member joins as one more phase;
//  - it pulls in pointwise producers that nothing else reads (recomputed inline, through views and
//    broadcasts); a reduction pulls such producers in as its prologue;
//  - a `siblings` contraction (MatMul, Gemm) of the same A as an earlier one joins it, columns side by side.
// `mayMerge` is the one place that decides fuse or materialize: one anchor per kernel (phases and siblings
// aside), no cycle between kernels, at most MAX_BINDINGS storage buffers, only elementwise nodes ever
// recomputed; `delaysTemps` refuses joins that would hold temporaries alive across other work. Outputs that
// update optimizer or model state are written in place when every read of the state in the kernel is at
// the element being written; the schedule then orders that kernel after every other reader of the state
// (fuse-order.ts). The result is a Schedule (ir/schedule.ts), an analysis; the graph itself is unchanged.
import type { Graph, Node, Value } from '../ir/graph.ts';
import type { OpDef } from '../ir/op.ts';
import { OPS } from '../ir/ops/index.ts';
import { type GroupKind, type KernelGroup, printSchedule, type Schedule } from '../ir/schedule.ts';
import { numel, sameShape, type Shape } from '../ir/shape.ts';
import { isContiguous } from '../ir/view.ts';
import { foldedAxes, GraphFacts, isRowBroadcast, kindOf } from './fuse-facts.ts';
import { orderForInPlace } from './fuse-order.ts';
import type { Analysis, Pass } from './pass.ts';

export { isLiteralConstant } from './fuse-facts.ts';

/** WebGPU guarantees 8 storage buffers per shader stage: inputs plus outputs of one kernel. */
export const MAX_BINDINGS = 8;

const KIND_GROUP: Partial<Record<string, GroupKind>> = { elementwise: 'pointwise', reduce: 'reduce', contraction: 'contraction' };

interface Group {
  kind: GroupKind;
  anchor?: Node;
  nodes: Node[];
  inline: Set<Node>;
  shape: Shape;
  /** Row groups: the shape their reductions read, and the reduced axes. */
  row?: { full: Shape; axes: readonly number[] };
  /** Contraction groups: further contractions of the anchor's A in the same kernel. */
  siblings: Node[];
}

export function fuse(g: Graph): Schedule {
  const facts = new GraphFacts(g);
  const groupOf = new Map<Node, Group>();
  const updateTarget = new Map<Value, Value>([...g.updates].map(([t, s]) => [s, t]));

  const members = (gr: Group) => new Set(gr.nodes);
  const isOutput = (n: Node, set: ReadonlySet<Node>) => n.outputs.some((o) => facts.escapes(o) || facts.usesOf(o).some((u) => !set.has(u.node)));
  /** Groups whose outputs `gr` reads (its direct dependencies). */
  const depsOf = (gr: Group): Set<Group> => {
    const set = members(gr), deps = new Set<Group>();
    for (const n of gr.nodes) for (const u of n.inputs) {
      const p = u && facts.producer.get(facts.base(u));
      const d = p && !set.has(p) ? groupOf.get(p) : undefined;
      if (d && d !== gr) deps.add(d);
    }
    return deps;
  };
  /** Whether `to` is reachable from `from`'s dependencies, skipping the direct edge to `to` itself. */
  const reachesIndirectly = (from: Group, to: Group): boolean => {
    const seen = new Set<Group>();
    const stack = [...depsOf(from)].filter((d) => d !== to);
    while (stack.length) {
      const d = stack.pop()!;
      if (d === to) return true;
      if (seen.has(d)) continue;
      seen.add(d);
      stack.push(...depsOf(d));
    }
    return false;
  };
  /** In-place target of a member's output: an update whose state the group reads only at the written index. */
  const inPlaceTarget = (n: Node, set: ReadonlySet<Node>, inline: ReadonlySet<Node>): Value | undefined => {
    const t = updateTarget.get(n.outputs[0]);
    if (!t || n.outputs.length !== 1 || inline.has(n) || numel(t.type.shape) !== numel(n.outputs[0].type.shape)) return undefined;
    const reads = facts.usesOf(t).filter((u) => set.has(u.node));
    return reads.every((u) => kindOf(u.node) === 'elementwise' && !inline.has(u.node) && facts.readsAtOwnIndex(u.node, u.via)) ? t : undefined;
  };
  /**
   * Storage buffers a kernel computing `set` binds: external inputs (scalar literals of elementwise members
   * excluded) and outputs (an output written in place shares its state's binding, where in-place is allowed).
   */
  const bindings = (set: ReadonlySet<Node>, inline: ReadonlySet<Node>, inPlace = true): number => {
    const inputs = new Set<Value>();
    for (const n of set) for (const u of n.inputs) {
      const b = u && facts.base(u);
      if (!b || (facts.isLiteral(b) && kindOf(n) === 'elementwise')) continue;
      const p = facts.producer.get(b);
      if (!p || !set.has(p)) inputs.add(b);
    }
    let outputs = 0;
    for (const n of set) {
      if (inline.has(n) || !isOutput(n, set)) continue;
      const t = inPlace ? inPlaceTarget(n, set, inline) : undefined;
      outputs += t && inputs.has(t) ? 0 : n.outputs.length;
    }
    // Index-checking ops bind the program's status buffer too.
    const status = [...set].some((n) => (OPS[n.op] as OpDef).checksIndices) ? 1 : 0;
    return inputs.size + outputs + status;
  };

  /** The one fuse-or-materialize decision: may `p` and `q` become one kernel, with `inline` members added? */
  const mayMerge = (p: Group, q: Group, addInline: readonly Node[], phase = false, row = false): boolean => {
    if (p.anchor && q.anchor && !phase) return false;
    const set = new Set([...p.nodes, ...q.nodes]);
    const inline = new Set([...p.inline, ...q.inline, ...addInline]);
    for (const n of set) if (inline.has(n) && isOutput(n, set)) return false;
    // Row kernels never write in place (their loops store per row and per element).
    if (bindings(set, inline, !(row || p.kind === 'row' || q.kind === 'row')) > MAX_BINDINGS) return false;
    return !reachesIndirectly(p, q) && !reachesIndirectly(q, p);
  };
  const merge = (keep: Group, gone: Group, addInline: readonly Node[]): Group => {
    keep.nodes = [...keep.nodes, ...gone.nodes].sort((a, b) => facts.order.get(a)! - facts.order.get(b)!);
    for (const n of [...gone.inline, ...addInline]) keep.inline.add(n);
    if (gone.anchor) {
      keep.anchor = gone.anchor;
      keep.kind = gone.kind;
      keep.shape = gone.shape;
    }
    for (const n of gone.nodes) groupOf.set(n, keep);
    return keep;
  };
  /** The row shape and axes `p` would have as a row group (its anchor's), if it is a reduction. */
  const rowOf = (p: Group) => {
    if (p.row) return p.row;
    const axes = p.kind === 'reduce' && p.anchor && foldedAxes(p.anchor);
    return axes && p.anchor!.outputs[0].type.dtype === 'f32' ? { full: p.anchor!.inputs[0]!.type.shape, axes } : undefined;
  };
  /**
   * Whether elementwise `n` (at the row group's full shape) may join `p` as a full-row member: it reads
   * p's full members at its own index and p's row values only through a row broadcast.
   */
  const rowJoin = (p: Group, n: Node, reads: readonly Value[]): boolean => {
    const row = rowOf(p);
    if (!row || !sameShape(n.outputs[0].type.shape, row.full) || numel(row.full) === numel(p.shape)) return false;
    return reads.every((v) => {
      const m = facts.producer.get(facts.base(v))!;
      if (p.inline.has(m)) return false;
      const full = numel(m.outputs[0].type.shape) === numel(row.full);
      return full ? facts.readsAtOwnIndex(n, v) : isRowBroadcast(facts.view(v), row.full, row.axes);
    });
  };
  /** Whether reduction `n` folds a full member of row group `p` over the same axes: one more phase of its kernel. */
  const rowPhase = (p: Group, n: Node): boolean => {
    const row = p.row, axes = foldedAxes(n), x = n.inputs[0];
    if (!row || !axes || !x || n.outputs[0].type.dtype !== 'f32') return false;
    const m = facts.producer.get(facts.base(x));
    return !!m && p.nodes.includes(m) && !p.inline.has(m) && sameShape(x.type.shape, row.full) && axes.length === row.axes.length && axes.every((a, i) => a === row.axes[i]) &&
      !!facts.view(x) && isContiguous(facts.view(x)!) && numel(facts.base(x).type.shape) === numel(row.full);
  };
  /** Which of a contraction group's anchors (the anchor or a sibling) member `m` depends on. */
  const anchorOf = (p: Group, m: Node): Node | undefined => {
    if (!p.siblings.length) return p.anchor;
    if (m === p.anchor || p.siblings.includes(m)) return m;
    for (const u of m.inputs) {
      const q = u && facts.producer.get(facts.base(u));
      if (q && p.nodes.includes(q)) return anchorOf(p, q);
    }
    return undefined;
  };
  /**
   * An earlier contraction group that contraction `n` can join as a sibling: the same op on the same A (same
   * batch and rows), 2-D B operands, no input of n computed by the group, and room for n's elementwise
   * epilogue within the binding limit.
   */
  const siblingGroup = (n: Node): Group | undefined => {
    if (!(OPS[n.op] as OpDef).siblings || n.outputs.length !== 1) return undefined;
    const a = n.inputs[0]!, out = n.outputs[0].type.shape;
    const epilogue = facts.usesOf(n.outputs[0]).filter((u) => kindOf(u.node) === 'elementwise' && facts.readsAtOwnIndex(u.node, u.via)).map((u) => u.node);
    for (const u of facts.usesOf(facts.base(a))) {
      const pg = groupOf.get(u.node);
      const s = pg?.anchor;
      if (!pg || !s || s === n || pg.kind !== 'contraction' || s.op !== n.op || s.inputs[0] !== a || s.attrs.transA !== n.attrs.transA) continue;
      const sOut = s.outputs[0].type.shape;
      if (sOut.length !== out.length || !sameShape(sOut.slice(0, -1), out.slice(0, -1)) || [s, n].some((c) => c.inputs[1]!.type.shape.length !== 2)) continue;
      const lookahead = new Set([...pg.nodes, n, ...epilogue]);
      if (bindings(lookahead, pg.inline) > MAX_BINDINGS) continue;
      const single: Group = { kind: 'contraction', anchor: n, nodes: [n], inline: new Set(), shape: out, siblings: [] };
      // Siblings run side by side, so n may not read the group's results (B or C from it: addmm chains).
      if (depsOf(single).has(pg)) continue;
      if (mayMerge(pg, single, [], true)) return pg;
    }
    return undefined;
  };
  /** A pointwise group that nothing outside `readers` reads: it can be recomputed inline where it is read. */
  /**
   * Whether joining `n` would keep temporaries alive much longer: a pointwise group runs at its last member,
   * so pulling a later node into it delays it, and the intermediates only it reads stay live until then.
   * Delaying is refused when those bytes outweigh the value the join saves from materializing (a chain of
   * gradient accumulations spread over a backward pass would otherwise hold every term until the end).
   */
  const delaysTemps = (p: Group, n: Node, reads: readonly Value[]): boolean => {
    if (p.anchor) return false;
    const last = Math.max(...p.nodes.map((m) => facts.order.get(m)!));
    if (facts.order.get(n)! <= last + 1) return false;
    const set = new Set(p.nodes);
    let held = 0;
    for (const m of p.nodes) for (const u of m.inputs) {
      const b = u && facts.base(u);
      const q = b && facts.producer.get(b);
      if (q && !set.has(q) && facts.usesOf(b!).every((x) => set.has(x.node))) held += numel(b!.type.shape);
    }
    const saved = reads.reduce((acc, v) => acc + numel(v.type.shape), 0);
    return held > saved;
  };
  const inlinable = (p: Group, readers: ReadonlySet<Node>, reads: readonly Value[]): boolean =>
    p.kind === 'pointwise' && !p.nodes.some((n) => n.outputs.some((o) => facts.escapes(o) || facts.usesOf(o).some((u) => !readers.has(u.node) && !p.nodes.includes(u.node)))) && reads.every((v) => facts.view(v) !== undefined);

  for (const n of g.nodes) {
    const kind = kindOf(n);
    if (kind === 'view') continue;
    const gk = KIND_GROUP[kind] ?? 'single';
    let gr: Group = { kind: gk, anchor: gk === 'pointwise' ? undefined : n, nodes: [n], inline: new Set(), shape: n.outputs[0].type.shape, siblings: [] };
    groupOf.set(n, gr);
    if (gk === 'contraction') {
      const pg = siblingGroup(n);
      if (pg) {
        gr.anchor = undefined;
        merge(pg, gr, []);
        pg.siblings.push(n);
      }
      continue;
    }
    if (gk === 'single') continue;
    if (gk === 'reduce') {
      const x = n.inputs[0];
      const p = x && facts.producer.get(facts.base(x));
      const pg = p && groupOf.get(p);
      if (pg && rowPhase(pg, n) && mayMerge(pg, gr, [], true)) {
        gr.anchor = undefined;
        merge(pg, gr, []);
        continue;
      }
    }
    // Producer groups of this node's operands, each with the operand values read from it.
    const byProducer = new Map<Group, Value[]>();
    for (const u of n.inputs) {
      const p = u && facts.producer.get(facts.base(u));
      const pg = p && groupOf.get(p);
      if (pg && pg !== gr) byProducer.set(pg, [...(byProducer.get(pg) ?? []), u!]);
    }
    for (const [pg, reads] of byProducer) {
      if ((pg.kind === 'single' && !(OPS[pg.anchor!.op] as OpDef).perElement) || groupOf.get(pg.nodes[0]) !== pg) continue;
      const readers = members(gr);
      // Sibling contractions: an epilogue member belongs to one of them and runs at its output's index.
      const anchors = new Set(reads.map((v) => anchorOf(pg, facts.producer.get(facts.base(v))!)));
      const own = anchors.size === 1 ? [...anchors][0] : undefined;
      const shape = own ? own.outputs[0].type.shape : pg.shape;
      const atOwnIndex = gk === 'pointwise' && (anchors.size <= 1 || !pg.siblings.length) && numel(shape) === numel(gr.shape) && reads.every((v) => {
        const p = facts.producer.get(facts.base(v))!;
        return !pg.inline.has(p) && facts.readsAtOwnIndex(n, v);
      });
      const anchorOk = !pg.anchor || pg.anchor.outputs.length === 1;
      if (delaysTemps(pg, n, reads)) continue;
      if (atOwnIndex && anchorOk && mayMerge(pg, gr, [])) {
        gr = merge(pg, gr, []);
        continue;
      }
      if (gk === 'pointwise' && rowJoin(pg, n, reads) && mayMerge(pg, gr, [], false, true)) {
        const row = rowOf(pg)!;
        gr = merge(pg, gr, []);
        gr.kind = 'row';
        gr.row = row;
        continue;
      }
      if (inlinable(pg, readers, reads) && mayMerge(gr, pg, pg.nodes)) gr = merge(gr, pg, pg.nodes);
    }
  }

  // Distinct groups in order of their last member, then in-place outputs and the ordering they need.
  const groups = [...new Set(g.nodes.flatMap((n) => (groupOf.has(n) ? [groupOf.get(n)!] : [])))];
  const last = (gr: Group) => facts.order.get(gr.nodes[gr.nodes.length - 1])!;
  groups.sort((a, b) => last(a) - last(b));
  const kernels = groups.map((gr): KernelGroup => {
    const set = members(gr);
    const outputs: Value[] = [];
    const inPlace = new Map<Value, Value>();
    for (const n of gr.nodes) {
      if (gr.inline.has(n) || !isOutput(n, set)) continue;
      outputs.push(...n.outputs);
      // Row kernels store per row and per element in separate loops; a lone node keeps its lowering's own output.
      const t = gr.kind === 'row' || (gr.kind === 'single' && gr.nodes.length === 1) ? undefined : inPlaceTarget(n, set, gr.inline);
      if (t) inPlace.set(n.outputs[0], t);
    }
    return { kind: gr.kind, anchor: gr.anchor, siblings: gr.siblings.length ? gr.siblings : undefined, nodes: gr.nodes, inline: gr.inline, shape: gr.shape, row: gr.row, outputs, inPlace };
  });
  return { groups: orderForInPlace(kernels, facts) };
}


class ScheduleAnalysis implements Analysis {
  constructor(readonly schedule: Schedule) {}
  print(): string {
    return printSchedule(this.schedule);
  }
}

/** The fusion pass: computes the schedule codegen emits. */
export const fusion: Pass = {
  name: 'fuse',
  run: (g) => new ScheduleAnalysis(fuse(g)),
};

/** The schedule a pipeline's fusion pass found, if it ran. */
export const scheduleOf = (a: ReadonlyMap<string, Analysis>): Schedule | undefined => (a.get('fuse') as ScheduleAnalysis | undefined)?.schedule;

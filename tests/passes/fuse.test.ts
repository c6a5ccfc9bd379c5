// The fusion pass (passes/fuse.ts) on small primitive graphs: each case states the graph, the schedule it
// must produce (printSchedule text: kind, anchor, members with the inline ones marked, outputs with their
// in-place targets) and why. Every schedule is also checked against invariants computed here from the
// graph, independently of the pass: each computed node is written by exactly one kernel, no reduction or
// contraction is ever recomputed, kernels run after the kernels they read, a value read by another kernel
// (or escaping the graph) is written, and no kernel binds more than 8 storage buffers.
import { describe, expect, it } from 'vitest';
import { Graph, type Node, type Value } from '../../ir/graph.ts';
import { OPS } from '../../ir/ops/index.ts';
import { printSchedule, type KernelGroup, type Schedule } from '../../ir/schedule.ts';
import { numel } from '../../ir/shape.ts';
import { scalar, tensor } from '../../ir/tensor.ts';
import { fuse } from '../../passes/fuse.ts';

const f32 = (shape: readonly number[]) => ({ dtype: 'f32' as const, shape });
const kind = (n: Node) => OPS[n.op].kind;

/** The value a chain of view nodes starts from (walked here, not through the pass's own view rules). */
function baseOf(g: Graph, v: Value): Value {
  const producer = g.producers();
  for (let p = producer.get(v); p && kind(p) === 'view'; p = producer.get(v)) v = p.inputs[0]!;
  return v;
}

/** Storage buffers one kernel binds: distinct non-literal base values it reads from outside, plus what it writes (in place: shared). */
function bindingCount(g: Graph, k: KernelGroup): number {
  const producer = g.producers(), members = new Set(k.nodes), params = new Set(g.params.values());
  const reads = new Set<Value>();
  for (const n of k.nodes) for (const u of n.inputs) {
    if (!u) continue;
    const b = baseOf(g, u), p = producer.get(b);
    const literal = g.constants.has(b) && numel(b.type.shape) === 1 && !params.has(b) && !g.updates.has(b);
    if (!literal && !(p && members.has(p))) reads.add(b);
  }
  const writes = k.outputs.filter((o) => !(k.inPlace.has(o) && reads.has(k.inPlace.get(o)!)));
  return reads.size + writes.length;
}

/** Invariants every schedule must satisfy, derived from the graph alone. */
function checkInvariants(g: Graph, s: Schedule): void {
  const producer = g.producers();
  const computed = g.nodes.filter((n) => kind(n) !== 'view');
  const writer = new Map<Node, number>();
  s.groups.forEach((k, i) => {
    for (const n of k.nodes) {
      if (k.inline.has(n)) {
        expect(kind(n), `${n.name} is recomputed inline, so it must be cheap (elementwise)`).toBe('elementwise');
        continue;
      }
      expect(writer.has(n), `${n.name} is computed by two kernels`).toBe(false);
      writer.set(n, i);
    }
    if (k.anchor) expect(k.nodes).toContain(k.anchor);
    expect(bindingCount(g, k), `kernel ${i} binds more than 8 storage buffers`).toBeLessThanOrEqual(8);
  });
  for (const n of computed) {
    const inlinedIn = s.groups.filter((k) => k.inline.has(n)).length;
    expect(writer.has(n) || inlinedIn > 0, `${n.name} is computed by no kernel`).toBe(true);
    if (kind(n) === 'reduce' || kind(n) === 'contraction') {
      expect(s.groups.filter((k) => k.nodes.includes(n)).length, `${n.name} (${kind(n)}) is computed more than once`).toBe(1);
    }
  }
  // Reads across kernels: the producer's kernel runs earlier and writes the value.
  const escaping = new Set([...g.outputs, ...g.updates.values()].map((v) => baseOf(g, v)));
  s.groups.forEach((k, i) => {
    const members = new Set(k.nodes);
    for (const n of k.nodes) for (const u of n.inputs) {
      const b = u && baseOf(g, u), p = b && producer.get(b);
      if (!p || members.has(p)) continue;
      const j = writer.get(p);
      expect(j, `${n.name} reads ${b!.name}, which no kernel writes`).toBeDefined();
      expect(j!, `${n.name} reads ${b!.name} before kernel ${j} writes it`).toBeLessThan(i);
      expect(s.groups[j!].outputs).toContain(b);
    }
    for (const n of k.nodes) for (const o of n.outputs) if (escaping.has(o) && !k.inline.has(n)) expect(k.outputs).toContain(o);
  });
}

/** Runs the pass, checks the invariants and returns the printed schedule. */
function scheduleText(g: Graph): string {
  const s = fuse(g);
  checkInvariants(g, s);
  return printSchedule(s);
}

const text = (...lines: string[]) => lines.join('\n');

/** Runs the pass and checks the invariants. */
function scheduleOf(g: Graph): Schedule {
  const s = fuse(g);
  checkInvariants(g, s);
  return s;
}
const nodeNamed = (g: Graph, name: string): Node => g.nodes.find((n) => n.name === name)!;
/** The kernel that computes (and does not merely inline) the named node. */
function groupOf(s: Schedule, name: string): KernelGroup {
  const k = s.groups.find((k) => k.nodes.some((n) => n.name === name && !k.inline.has(n)));
  if (!k) throw new Error(`no kernel computes ${name}`);
  return k;
}
/** A group by names: kind, anchor, members, inline members, outputs, in-place pairs. */
const describe_ = (k: KernelGroup) => ({
  kind: k.kind,
  anchor: k.anchor?.name,
  nodes: k.nodes.map((n) => n.name),
  inline: [...k.inline].map((n) => n.name),
  outputs: k.outputs.map((v) => v.name),
  inPlace: [...k.inPlace].map(([v, t]) => `${v.name}->${t.name}`),
});

describe('fusion pass', () => {
  it('an elementwise chain with a broadcast operand is one pointwise kernel writing only its end', () => {
    const g = new Graph('chain');
    const x = g.addInput('x', f32([4, 3]));
    const b = g.addInput('b', f32([3]));
    const [a] = g.addNode('Add', [x, b], {}, 'add'); // b broadcast along the rows
    const [r] = g.addNode('Relu', [a], {}, 'relu');
    const [m] = g.addNode('Mul', [r, g.addConstant(scalar('f32', 2), 'two')], {}, 'mul'); // scalar: a literal, no binding
    g.outputs = [m];
    expect(scheduleText(g)).toBe(text(
      'schedule: 1 kernels',
      '  k0 pointwise [4,3] {Add:add, Relu:relu, Mul:mul} -> %mul',
    ));
  });

  it('a chain through a Transpose view recomputes the producer inline at the transposed index', () => {
    const g = new Graph('transpose');
    const x = g.addInput('x', f32([4, 3]));
    const y = g.addInput('y', f32([3, 4]));
    const [e] = g.addNode('Exp', [x], {}, 'exp');
    const [t] = g.addNode('Transpose', [e], { perm: [1, 0] }, 't');
    const [s] = g.addNode('Add', [t, y], {}, 'add');
    g.outputs = [s];
    expect(scheduleText(g)).toBe(text(
      'schedule: 1 kernels',
      '  k0 pointwise [3,4] {Exp:exp(inline), Add:add} -> %add',
    ));
  });

  it('MatMul and Gemm take bias and Relu as their epilogue', () => {
    const g = new Graph('matmul');
    const x = g.addInput('x', f32([4, 3]));
    const [mm] = g.addNode('MatMul', [x, g.addParam('w', tensor('f32', [3, 5]))], {}, 'mm');
    const [a] = g.addNode('Add', [mm, g.addParam('b', tensor('f32', [5]))], {}, 'bias');
    const [r] = g.addNode('Relu', [a], {}, 'relu');
    g.outputs = [r];
    expect(scheduleText(g)).toBe(text(
      'schedule: 1 kernels',
      '  k0 contraction @mm [4,5] {MatMul:mm, Add:bias, Relu:relu} -> %relu',
    ));

    const h = new Graph('gemm');
    const hx = h.addInput('x', f32([4, 3]));
    const [gm] = h.addNode('Gemm', [hx, h.addParam('w', tensor('f32', [5, 3])), h.addParam('b', tensor('f32', [5]))], { transB: 1 }, 'gemm');
    const [hb] = h.addNode('Add', [gm, h.addInput('residual', f32([4, 5]))], {}, 'residual_add');
    const [hr] = h.addNode('Relu', [hb], {}, 'relu');
    h.outputs = [hr];
    expect(scheduleText(h)).toBe(text(
      'schedule: 1 kernels',
      '  k0 contraction @gemm [4,5] {Gemm:gemm, Add:residual_add, Relu:relu} -> %relu',
    ));
  });

  it('a reduction takes its elementwise prologue (inline) and epilogue', () => {
    const g = new Graph('rms');
    const x = g.addInput('x', f32([4, 6]));
    const [sq] = g.addNode('Mul', [x, x], {}, 'sq');
    const [s] = g.addNode('ReduceSum', [sq], { axes: [1], keepdims: 1 }, 'sum');
    const [r] = g.addNode('Sqrt', [s], {}, 'sqrt');
    const [o] = g.addNode('Mul', [r, g.addConstant(scalar('f32', 0.5), 'half')], {}, 'scale');
    g.outputs = [o];
    expect(scheduleText(g)).toBe(text(
      'schedule: 1 kernels',
      '  k0 reduce @sum [4,1] {Mul:sq(inline), ReduceSum:sum, Sqrt:sqrt, Mul:scale} -> %scale',
    ));
  });

  it('a pointwise value two later kernels read is written once, not inlined into both', () => {
    const g = new Graph('shared_pointwise');
    const x = g.addInput('x', f32([4, 3]));
    const [e] = g.addNode('Exp', [x], {}, 'exp');
    const [s] = g.addNode('ReduceSum', [e], { axes: [1], keepdims: 1 }, 'sum');
    const [m] = g.addNode('ReduceMax', [e], { axes: [0], keepdims: 1 }, 'max');
    const [o] = g.addNode('Add', [s, m], {}, 'add');
    g.outputs = [o];
    const sch = scheduleOf(g);
    // Only producers nothing else reads are inlined: exp is read by two reductions of different kernels.
    expect(groupOf(sch, 'exp').outputs).toContain(e);
    expect(sch.groups.filter((k) => k.nodes.includes(nodeNamed(g, 'exp')))).toHaveLength(1);
    expect(groupOf(sch, 'sum')).not.toBe(groupOf(sch, 'max'));
  });

  it('a reduction read by two later kernels is written once and never recomputed', () => {
    // Two contractions read the row sums (one through a transpose): neither may take the reduction in.
    const g = new Graph('shared_reduce');
    const x = g.addInput('x', f32([4, 3]));
    const [s] = g.addNode('ReduceSum', [x], { axes: [1], keepdims: 1 }, 'sum'); // [4,1]
    const [n] = g.addNode('Neg', [s], {}, 'neg'); // at the sum's own index: its epilogue
    const [a] = g.addNode('MatMul', [s, g.addInput('w1', f32([1, 5]))], {}, 'mm1'); // [4,5]
    const [t] = g.addNode('Transpose', [s], { perm: [1, 0] }, 'st'); // [1,4]
    const [b] = g.addNode('MatMul', [t, g.addInput('w2', f32([4, 2]))], {}, 'mm2'); // [1,2]
    g.outputs = [n, a, b];
    expect(scheduleText(g)).toBe(text(
      'schedule: 3 kernels',
      '  k0 reduce @sum [4,1] {ReduceSum:sum, Neg:neg} -> %sum, %neg',
      '  k1 contraction @mm1 [4,5] {MatMul:mm1} -> %mm1',
      '  k2 contraction @mm2 [1,2] {MatMul:mm2} -> %mm2',
    ));
  });

  it('a contraction read by two later kernels (one through a view) is written once', () => {
    const g = new Graph('shared_matmul');
    const [mm] = g.addNode('MatMul', [g.addInput('x', f32([4, 3])), g.addInput('w', f32([3, 5]))], {}, 'mm');
    const [s] = g.addNode('ReduceSum', [mm], { axes: [1], keepdims: 1 }, 'sum');
    const [t] = g.addNode('Transpose', [mm], { perm: [1, 0] }, 't');
    const [e] = g.addNode('Exp', [t], {}, 'exp');
    g.outputs = [s, e];
    const sch = scheduleOf(g);
    expect(describe_(groupOf(sch, 'mm'))).toEqual({ kind: 'contraction', anchor: 'mm', nodes: ['mm'], inline: [], outputs: ['mm'], inPlace: [] });
    expect(groupOf(sch, 'sum').nodes.map((n) => n.name)).not.toContain('mm');
    expect(groupOf(sch, 'exp').nodes.map((n) => n.name)).not.toContain('mm');
  });

  it('a fan-in past 8 storage buffers splits into kernels that each fit', () => {
    const g = new Graph('fan_in');
    const xs = Array.from({ length: 10 }, (_, i) => g.addInput(`x${i}`, f32([4])));
    let acc = xs[0];
    xs.slice(1).forEach((x, i) => ([acc] = g.addNode('Add', [acc, x], {}, `add${i + 1}`)));
    g.outputs = [acc];
    // Eleven buffers as one kernel (ten inputs, one output): the first kernel stops at 7 inputs + 1 output.
    expect(scheduleText(g)).toBe(text(
      'schedule: 2 kernels',
      '  k0 pointwise [4] {Add:add1, Add:add2, Add:add3, Add:add4, Add:add5, Add:add6} -> %add6',
      '  k1 pointwise [4] {Add:add7, Add:add8, Add:add9} -> %add9',
    ));
    const s = fuse(g);
    expect(s.groups.map((k) => bindingCount(g, k))).toEqual([8, 5]);
  });

  it('an SGD update is one kernel written in place into the parameter', () => {
    const g = new Graph('sgd');
    const w = g.addParam('w', tensor('f32', [3, 2]));
    const grad = g.addInput('grad', f32([3, 2]));
    const [st] = g.addNode('Mul', [grad, g.addConstant(scalar('f32', 0.1), 'lr')], {}, 'step');
    const [nw] = g.addNode('Sub', [w, st], {}, 'w_new');
    g.updates.set(w, nw);
    expect(scheduleText(g)).toBe(text(
      'schedule: 1 kernels',
      '  k0 pointwise [3,2] {Mul:step, Sub:w_new} -> %w_new->@w',
    ));
    const [k] = fuse(g).groups;
    expect(k.inPlace.get(nw)).toBe(w);
    expect(bindingCount(g, k)).toBe(2); // grad, w (read and written)
  });

  it('an Adam-like update (moments, step) is one kernel writing parameter and both moments in place', () => {
    const g = new Graph('adam');
    const w = g.addParam('w', tensor('f32', [3, 2]));
    const m = g.addConstant(tensor('f32', [3, 2]), 'm');
    const v = g.addConstant(tensor('f32', [3, 2]), 'v');
    const grad = g.addInput('grad', f32([3, 2]));
    const c = (x: number, n: string) => g.addConstant(scalar('f32', x), n);
    const [m1] = g.addNode('Mul', [m, c(0.9, 'b1')], {}, 'm_decay');
    const [g1] = g.addNode('Mul', [grad, c(0.1, 'one_minus_b1')], {}, 'g_scaled');
    const [mn] = g.addNode('Add', [m1, g1], {}, 'm_new');
    const [v1] = g.addNode('Mul', [v, c(0.999, 'b2')], {}, 'v_decay');
    const [gg] = g.addNode('Mul', [grad, grad], {}, 'g_sq');
    const [g2] = g.addNode('Mul', [gg, c(0.001, 'one_minus_b2')], {}, 'g_sq_scaled');
    const [vn] = g.addNode('Add', [v1, g2], {}, 'v_new');
    const [sq] = g.addNode('Sqrt', [vn], {}, 'sqrt');
    const [de] = g.addNode('Add', [sq, c(1e-8, 'eps')], {}, 'denom');
    const [r] = g.addNode('Div', [mn, de], {}, 'ratio');
    const [st] = g.addNode('Mul', [r, c(0.01, 'lr')], {}, 'step');
    const [wn] = g.addNode('Sub', [w, st], {}, 'w_new');
    g.updates.set(w, wn);
    g.updates.set(m, mn);
    g.updates.set(v, vn);
    expect(scheduleText(g)).toBe(text(
      'schedule: 1 kernels',
      '  k0 pointwise [3,2] {Mul:m_decay, Mul:g_scaled, Add:m_new, Mul:v_decay, Mul:g_sq, Mul:g_sq_scaled, Add:v_new, Sqrt:sqrt, Add:denom, Div:ratio, Mul:step, Sub:w_new} -> %m_new->@m, %v_new->@v, %w_new->@w',
    ));
    expect(bindingCount(g, fuse(g).groups[0])).toBe(4); // grad, w, m, v
  });

  it('a state read elsewhere at another index is not overwritten in place before that read', () => {
    // w is also read transposed by a MatMul: the in-place kernel must run after it, or write a copy.
    const g = new Graph('state_read_twice');
    const w = g.addParam('w', tensor('f32', [3, 3]));
    const grad = g.addInput('grad', f32([3, 3]));
    const [nw] = g.addNode('Sub', [w, grad], {}, 'w_new');
    const [wt] = g.addNode('Transpose', [w], { perm: [1, 0] }, 'wt');
    const [y] = g.addNode('MatMul', [g.addInput('x', f32([2, 3])), wt], {}, 'y');
    g.updates.set(w, nw);
    g.outputs = [y];
    // The update is written in place, so it is ordered after the MatMul although the graph lists it first.
    expect(scheduleText(g)).toBe(text(
      'schedule: 2 kernels',
      '  k0 contraction @y [2,3] {MatMul:y} -> %y',
      '  k1 pointwise [3,3] {Sub:w_new} -> %w_new->@w',
    ));
  });

  it('cycle hazard: Sub(GemmOut, ReduceMax(GemmOut)) does not join the Gemm kernel', () => {
    // Sub reads the Gemm output at its own index, but also the max, which is computed from the Gemm's
    // output: in the Gemm's kernel it would read a value that only a later kernel produces.
    for (const axis of [1, 0]) {
      const g = new Graph(`cycle_${axis}`);
      const x = g.addInput('x', f32([4, 3]));
      const [gm] = g.addNode('Gemm', [x, g.addParam('w', tensor('f32', [3, 5]))], {}, 'gemm');
      const [mx] = g.addNode('ReduceMax', [gm], { axes: [axis], keepdims: 1 }, 'max');
      const [sub] = g.addNode('Sub', [gm, mx], {}, 'sub');
      const [e] = g.addNode('Exp', [sub], {}, 'exp');
      g.outputs = [e];
      const sch = scheduleOf(g);
      expect(describe_(groupOf(sch, 'gemm'))).toEqual({ kind: 'contraction', anchor: 'gemm', nodes: ['gemm'], inline: [], outputs: ['gemm'], inPlace: [] });
      expect(groupOf(sch, 'sub')).not.toBe(groupOf(sch, 'gemm'));
      expect(groupOf(sch, 'exp')).toBe(groupOf(sch, 'sub'));
    }
  });

  it('softmax is one row kernel: max, shifted exp, sum and the division, one workgroup per row', () => {
    const g = new Graph('softmax');
    const x = g.addInput('x', f32([4, 6]));
    const [mx] = g.addNode('ReduceMax', [x], { axes: [1], keepdims: 1 }, 'max');
    const [d] = g.addNode('Sub', [x, mx], {}, 'sub'); // the max broadcast back over its row
    const [e] = g.addNode('Exp', [d], {}, 'exp');
    const [sm] = g.addNode('ReduceSum', [e], { axes: [1], keepdims: 1 }, 'sum');
    const [p] = g.addNode('Div', [e, sm], {}, 'div');
    g.outputs = [p];
    expect(scheduleText(g)).toBe(text(
      'schedule: 1 kernels',
      '  k0 row @max [4,1] rows of [4,6] over axes [1] {ReduceMax:max, Sub:sub, Exp:exp, ReduceSum:sum, Div:div} -> %div',
    ));
  });

  it('a reduction broadcast along other axes than it reduced does not form a row kernel', () => {
    // max over axis 1 is [4,1]; read as [1,4] -> [4,4] (transposed), element (i, j) needs row j's max.
    const g = new Graph('not_a_row');
    const x = g.addInput('x', f32([4, 4]));
    const [mx] = g.addNode('ReduceMax', [x], { axes: [1], keepdims: 1 }, 'max');
    const [t] = g.addNode('Reshape', [mx], { shape: [1, 4] }, 'as_row');
    const [d] = g.addNode('Sub', [x, t], {}, 'sub');
    g.outputs = [d];
    const s = scheduleOf(g);
    expect(groupOf(s, 'sub').kind).toBe('pointwise');
    expect(groupOf(s, 'max').outputs.map((v) => v.name)).toEqual(['max']);
  });

  it('two products of one A are sibling columns of one kernel, each with its own epilogue', () => {
    const g = new Graph('siblings');
    const x = g.addInput('x', f32([2, 4, 3]));
    const [q] = g.addNode('MatMul', [x, g.addParam('wq', tensor('f32', [3, 5]))], {}, 'q');
    const [qb] = g.addNode('Add', [q, g.addParam('bq', tensor('f32', [5]))], {}, 'q_bias');
    const [k] = g.addNode('MatMul', [x, g.addParam('wk', tensor('f32', [3, 2]))], {}, 'k');
    const [kr] = g.addNode('Relu', [k], {}, 'k_relu');
    g.outputs = [qb, kr];
    expect(scheduleText(g)).toBe(text(
      'schedule: 1 kernels',
      '  k0 contraction @q @k [2,4,5] {MatMul:q, Add:q_bias, MatMul:k, Relu:k_relu} -> %q_bias, %k_relu',
    ));
  });

  it('a product of the same A that reads the other product (an addmm chain) is its own kernel, not a sibling', () => {
    const g = new Graph('chain');
    const a = g.addInput('a', f32([2, 3]));
    const w = g.addParam('w', tensor('f32', [3, 4]));
    const [first] = g.addNode('Gemm', [a, w, g.addParam('c', tensor('f32', [4]))], {}, 'first');
    const [second] = g.addNode('Gemm', [a, w, first], {}, 'second');
    g.outputs = [second];
    expect(scheduleText(g)).toBe(text(
      'schedule: 2 kernels',
      '  k0 contraction @first [2,4] {Gemm:first} -> %first',
      '  k1 contraction @second [2,4] {Gemm:second} -> %second',
    ));
  });

  it('an accumulation spread over the graph is not fused when delaying it would hold its terms alive', () => {
    // acc2 = acc1 + t3, with work between acc1 and acc2: joining acc2 would delay acc1's kernel and keep
    // t1 and t2 (2 x 64 elements) alive to save materializing acc1 (64 elements). Adjacent, they fuse.
    const build = (spread: boolean) => {
      const g = new Graph(spread ? 'spread' : 'adjacent');
      const cum = (name: string) => g.addNode('CumSum', [g.addInput(`x_${name}`, f32([64]))], { axis: 0 }, name)[0];
      const t1 = cum('t1'), t2 = cum('t2');
      let t3 = spread ? undefined : cum('t3');
      const [acc1] = g.addNode('Add', [t1, t2], {}, 'acc1');
      if (spread) t3 = cum('t3');
      const [acc2] = g.addNode('Add', [acc1, t3!], {}, 'acc2');
      g.outputs = [acc2];
      return g;
    };
    const spread = scheduleOf(build(true));
    expect(groupOf(spread, 'acc1')).not.toBe(groupOf(spread, 'acc2'));
    expect(groupOf(spread, 'acc1').outputs.map((v) => v.name)).toEqual(['acc1']);
    const adjacent = scheduleOf(build(false));
    expect(groupOf(adjacent, 'acc1')).toBe(groupOf(adjacent, 'acc2'));
  });

  it('leaves the graph unchanged', () => {
    const g = new Graph('unchanged');
    const x = g.addInput('x', f32([2, 2]));
    const [a] = g.addNode('Relu', [x], {}, 'relu');
    const [b] = g.addNode('Neg', [a], {}, 'neg');
    g.outputs = [b];
    const nodes = [...g.nodes], outputs = [...g.outputs];
    fuse(g);
    expect(g.nodes).toEqual(nodes);
    expect(g.outputs).toEqual(outputs);
  });
});

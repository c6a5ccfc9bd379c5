// Fused elementwise groups (runtime/cpu/fuse.ts) against the nodes run one by one: same bits, in float32
// and in float64, through the generated loop and through the tiled loops.
import { describe, expect, it } from 'vitest';
import { withFloat64 } from '../../ir/dtype.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import { scalar, tensor, type Tensor } from '../../ir/tensor.ts';
import { evalNode, interpret } from '../../runtime/cpu/interpreter.ts';
import { runGroup, schedule } from '../../runtime/cpu/fuse.ts';

const N = [64, 100]; // 6400 elements: above the grouping threshold, not a multiple of the tile

function rand(n: number, seed: number, lo = -1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => lo + (((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * (1 - lo)) * 2);
}

/** An Adam-like update: p - lr * (b1 m + (1-b1) g) / (sqrt(b2 v + (1-b2) g^2) / sqrt(c) + eps), plus a mask and clip. */
function adamGraph() {
  const g = new Graph();
  const p = g.addInput('p', { dtype: 'f32', shape: N });
  const m = g.addInput('m', { dtype: 'f32', shape: N });
  const v = g.addInput('v', { dtype: 'f32', shape: N });
  const gr = g.addInput('g', { dtype: 'f32', shape: N });
  const c = g.addInput('c', { dtype: 'f32', shape: [] });
  const k = (x: number) => { const val = g.addInput(`k${x}`, { dtype: 'f32', shape: [] }); return val; };
  const b1 = k(0.9), nb1 = k(0.1), b2 = k(0.999), nb2 = k(0.001), eps = k(1e-8), lr = k(2e-3);
  const one = (op: string, xs: Value[], attrs: Record<string, unknown> = {}) => g.addNode(op as never, xs, attrs as never)[0];
  const m1 = one('Add', [one('Mul', [b1, m]), one('Mul', [nb1, gr])]);
  const v1 = one('Add', [one('Mul', [b2, v]), one('Mul', [nb2, one('Mul', [gr, gr])])]);
  const sc = one('Sqrt', [c]); // a scalar node inside the chain
  const den = one('Add', [one('Div', [one('Sqrt', [v1]), sc]), eps]);
  const step = one('Mul', [lr, one('Div', [m1, den])]);
  const p1 = one('Sub', [p, step]);
  const mask = one('Greater', [p1, eps]);
  const out = one('Clip', [one('Where', [mask, p1, one('Neg', [one('Relu', [p1])])])], { min: -0.5, max: 0.5 });
  g.outputs = [m1, v1, p1, out, one('Tanh', [one('Sigmoid', [out])])];
  const inputs = new Map<string, Tensor>([
    ['p', tensor('f32', N, rand(6400, 1))], ['m', tensor('f32', N, rand(6400, 2))], ['v', tensor('f32', N, rand(6400, 3, 0))],
    ['g', tensor('f32', N, rand(6400, 4))], ['c', scalar('f32', 0.19)],
    ...[0.9, 0.1, 0.999, 0.001, 1e-8, 2e-3].map((x) => [`k${x}`, scalar('f32', x)] as [string, Tensor]),
  ]);
  return { g, inputs };
}

/** The graph's outputs with every node run on its own. */
function oneByOne(g: Graph, inputs: Map<string, Tensor>): Tensor[] {
  const env = new Map<Value, Tensor>();
  for (const v of g.inputs) env.set(v, inputs.get(v.name)!);
  for (const n of g.nodes) evalNode(n, n.inputs.map((v) => (v ? env.get(v) : undefined))).forEach((t, i) => env.set(n.outputs[i], t));
  return g.outputs.map((v) => env.get(v)!);
}

/** The outputs through the schedule, every group tiled. */
function tiled(g: Graph, inputs: Map<string, Tensor>): Tensor[] {
  const env = new Map<Value, Tensor>();
  for (const v of g.inputs) env.set(v, inputs.get(v.name)!);
  for (const s of schedule(g)) {
    if ('node' in s) evalNode(s.node, s.node.inputs.map((v) => (v ? env.get(v) : undefined))).forEach((t, i) => env.set(s.node.outputs[i], t));
    else if ('group' in s) runGroup(s.group, env, true).forEach((t, i) => env.set(s.group.writes[i], t));
    else throw new Error('no Conv in these graphs');
  }
  return g.outputs.map((v) => env.get(v)!);
}

const same = (a: Tensor[], b: Tensor[]) => {
  expect(a.length).toBe(b.length);
  a.forEach((t, i) => {
    expect(t.data.constructor).toBe(b[i].data.constructor);
    expect(Array.from(t.data)).toEqual(Array.from(b[i].data));
  });
};

describe('fused elementwise groups', () => {
  it('join the chain across a scalar node into one group', () => {
    const { g } = adamGraph();
    const groups = schedule(g).filter((s) => 'group' in s);
    expect(groups).toHaveLength(1);
    const grp = 'group' in groups[0] ? groups[0].group : undefined;
    expect(grp!.members.length).toBe(g.nodes.length - 1); // all but Sqrt(c)
    expect(grp!.writes.length).toBe(5);
  });

  it('match the nodes run one by one, bit for bit (generated loop and tiles)', () => {
    const { g, inputs } = adamGraph();
    const want = oneByOne(g, inputs);
    same(interpret(g, inputs), want);
    same(tiled(g, inputs), want);
  });

  it('match in float64 too', () => {
    const { g, inputs } = adamGraph();
    const wide = new Map([...inputs].map(([k, t]) => [k, { ...t, data: Float64Array.from(t.data) } as Tensor]));
    withFloat64(() => {
      const want = oneByOne(g, wide);
      same(interpret(g, wide), want);
      same(tiled(g, wide), want);
      expect(want[0].data).toBeInstanceOf(Float64Array);
    });
  });

  it('leave small tensors and checkFinite runs unfused', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [16] });
    const [y] = g.addNode('Relu', [g.addNode('Neg', [x])[0]]);
    g.outputs = [y];
    expect(schedule(g).every((s) => 'node' in s)).toBe(true);
    const { g: big, inputs } = adamGraph();
    same(interpret(big, inputs, { checkFinite: true }), oneByOne(big, inputs));
  });

  it('write a lone elementwise node over an operand only when nothing else reads it', () => {
    const g = new Graph();
    const a = g.addInput('a', { dtype: 'f32', shape: [64, 80] }), b = g.addInput('b', { dtype: 'f32', shape: [80, 100] });
    const [y] = g.addNode('MatMul', [a, b]);
    const [r] = g.addNode('Relu', [y]); // y is read again below: no reuse
    const [s] = g.addNode('ReduceSum', [y], { axes: [1], keepdims: 1, noop_with_empty_axes: 0 } as never);
    const [t] = g.addNode('Mul', [r, g.addInput('k', { dtype: 'f32', shape: [] })]); // r dies here: its array is reused
    const [u] = g.addNode('MatMul', [t, g.addInput('c', { dtype: 'f32', shape: [100, 3] })]);
    const [x] = g.addNode('Tanh', [a]); // a graph input: never overwritten
    g.outputs = [u, x, y, s, t];
    const inputs = new Map<string, Tensor>([['k', scalar('f32', -0.75)], ['a', tensor('f32', [64, 80], rand(5120, 9))], ['b', tensor('f32', [80, 100], rand(8000, 10))], ['c', tensor('f32', [100, 3], rand(300, 11))]]);
    const before = Float32Array.from(inputs.get('a')!.data);
    same(interpret(g, inputs), oneByOne(g, inputs));
    expect(Array.from(inputs.get('a')!.data)).toEqual(Array.from(before));
  });

  it('take attribute values as data, never as generated source', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [8, 1000] });
    const [y] = g.addNode('LeakyRelu', [g.addNode('Neg', [x])[0]], { alpha: 0.25 } as never);
    const [z] = g.addNode('Clip', [y], { min: -0.3, max: 0.6 } as never);
    g.outputs = [z];
    const inputs = new Map([['x', tensor('f32', [8, 1000], rand(8000, 12))]]);
    same(interpret(g, inputs), oneByOne(g, inputs));
    // A hostile model's attribute (a string where a number belongs) must not become code.
    const attrs = g.nodes[1].attrs as Record<string, unknown>;
    attrs.alpha = '0; globalThis.__kilnInjected = 1; 0';
    try { interpret(g, inputs); } catch { /* refusing is fine too */ }
    expect((globalThis as Record<string, unknown>).__kilnInjected).toBeUndefined();
  });
});

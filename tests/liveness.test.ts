// Liveness (ir/liveness.ts) on a small graph, and the CPU interpreter releasing each intermediate right
// after its last reader (values nothing reads at once), keeping outputs and state-update sources.
import { describe, expect, it } from 'vitest';
import { Graph, type Value } from '../ir/graph.ts';
import { lastUses, liveIntervals } from '../ir/liveness.ts';
import { tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';

/** x -> a = relu(x) -> b = -a -> c = a + b -> out = c * a; d = exp(x) is computed and never read. */
function graph(): { g: Graph; v: Record<string, Value> } {
  const g = new Graph('live');
  const x = g.addInput('x', { dtype: 'f32', shape: [3] });
  const [a] = g.addNode('Relu', [x], {}, 'a');
  const [b] = g.addNode('Neg', [a], {}, 'b');
  const [d] = g.addNode('Exp', [x], {}, 'd');
  const [c] = g.addNode('Add', [a, b], {}, 'c');
  const [out] = g.addNode('Mul', [c, a], {}, 'out');
  g.outputs = [out];
  return { g, v: { x, a, b, c, d, out } };
}

describe('liveness', () => {
  it('finds last uses and live intervals by step', () => {
    const { g, v } = graph();
    const steps = g.nodes.map((n) => ({ reads: n.inputs, writes: n.outputs }));
    const last = lastUses(steps, g.outputs);
    expect([last.get(v.x), last.get(v.a), last.get(v.b), last.get(v.c), last.get(v.d), last.get(v.out)]).toEqual([2, 4, 3, 4, undefined, Infinity]);
    const live = liveIntervals(steps, g.outputs);
    expect(live.get(v.a)).toEqual({ first: 0, last: 4 });
    expect(live.get(v.d)).toEqual({ first: 2, last: 2 });
    expect(live.get(v.out)).toEqual({ first: 4, last: Infinity });
  });

  it('lets the interpreter release intermediates after their last use', () => {
    const { g, v } = graph();
    const released: [string, number][] = [];
    const [out] = interpret(g, new Map([['x', tensor('f32', [3], [-1, 2, 3])]]), { onRelease: (val, step) => released.push([val.name, step]) });
    // out = (a + (-a)) * a = 0 for every a.
    expect(Array.from(out.data)).toEqual([0, 0, 0]);
    // Steps: 0 a, 1 b, 2 d (x's last reader; d has none), 3 c (b's last reader), 4 out (c's and a's).
    expect(released).toEqual([['x', 2], ['d', 2], ['b', 3], ['c', 4], ['a', 4]]);
    expect(released.map(([n]) => n)).not.toContain(v.out.name);
  });

  it('keeps state-update sources to the end of a step program', () => {
    const g = new Graph('step');
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const w = g.newValue({ dtype: 'f32', shape: [2] }, 'w');
    g.constants.set(w, tensor('f32', [2], [1, 2]));
    const [s] = g.addNode('Add', [w, x], {}, 's');
    const [y] = g.addNode('Mul', [s, x], {}, 'y');
    g.outputs = [y];
    g.updates.set(w, s);
    const released: string[] = [];
    const [out] = interpret(g, new Map([['x', tensor('f32', [2], [3, 4])]]), { onRelease: (val) => released.push(val.name) });
    expect(Array.from(out.data)).toEqual([12, 24]);
    expect(released).toEqual(['x']);
    expect(Array.from(g.constants.get(w)!.data)).toEqual([4, 6]);
  });
});

// GraphBuilder (ir/builder.ts): one scalar constant per dtype and stored value in a graph, never a
// parameter or a state-update target, and node names after the builder's prefix. The tracer, the
// autodiff rules, the decompositions and the train-step builder all build with it.
import { describe, expect, it } from 'vitest';
import { Linear, LayerNorm, Module, type SymTensor } from '../compiler/nn/index.ts';
import { trace } from '../compiler/nn/tracer.ts';
import { StepBuilder } from '../compiler/train/builder.ts';
import { GraphBuilder } from '../ir/builder.ts';
import { withFloat64 } from '../ir/dtype.ts';
import { Graph } from '../ir/graph.ts';
import { printGraph } from '../ir/print.ts';
import { scalar, tensor, type Tensor } from '../ir/tensor.ts';
import { verify } from '../ir/verify.ts';
import { gradients } from '../passes/autodiff/index.ts';
import { decompose } from '../passes/decompose/index.ts';
import { Emitter } from '../passes/decompose/rule.ts';

const scalarOf = (g: Graph, v: { name: string }): Tensor => [...g.constants].find(([c]) => c === v)![1];

describe('GraphBuilder scalars', () => {
  it('gives one constant per dtype and value', () => {
    const g = new Graph();
    const b = new GraphBuilder(g);
    const one = b.num(1);
    expect(b.num(1)).toBe(one);
    expect(b.num(1, 'f32')).toBe(one);
    expect(b.num(2)).not.toBe(one);
    const i = b.num(1, 'i32');
    expect(i).not.toBe(one);
    expect(i.type).toEqual({ dtype: 'i32', shape: [] });
    expect(b.num(1, 'i32')).toBe(i);
    expect(b.num(7, i).type.dtype).toBe('i32'); // a Value gives its dtype
    expect(g.constants.size).toBe(4);
  });

  it('keys on the stored value: f32 rounding merges, -0 and 0 stay apart, NaN is one constant', () => {
    const b = new GraphBuilder(new Graph());
    const tenth = b.num(0.1);
    expect(b.num(Math.fround(0.1))).toBe(tenth);
    expect(scalarOf(b.graph, tenth).data[0]).toBe(Math.fround(0.1));
    expect(b.num(1 + 2 ** -30)).toBe(b.num(1)); // rounds to 1 in f32
    expect(b.num(-0)).not.toBe(b.num(0));
    expect(Object.is(scalarOf(b.graph, b.num(-0)).data[0], -0)).toBe(true);
    expect(b.num(NaN)).toBe(b.num(NaN));
    expect(b.num(2.7, 'i32')).toBe(b.num(2, 'i32'));
  });

  it('keeps the exact value in float64 mode, apart from the f32 constant', () => {
    const b = new GraphBuilder(new Graph());
    const f32 = b.num(0.1);
    const f64 = withFloat64(() => b.num(0.1));
    expect(f64).not.toBe(f32);
    expect(scalarOf(b.graph, f64).data[0]).toBe(0.1);
    expect(withFloat64(() => b.num(0.1))).toBe(f64);
  });

  it('never reuses a parameter, a state or any constant it did not make', () => {
    const g = new Graph();
    const w = g.addParam('w', scalar('f32', 1));
    const c = g.addConstant(scalar('f32', 2), 'c');
    const b = new GraphBuilder(g);
    expect(b.num(1)).not.toBe(w);
    expect(b.num(2)).not.toBe(c);
  });

  it('stops sharing a scalar that became a parameter, a state-update target or was removed', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [] });
    const b = new GraphBuilder(g);
    const one = b.num(1);
    g.updates.set(one, x);
    const one2 = b.num(1);
    expect(one2).not.toBe(one);
    g.params.set('p', one2);
    const one3 = b.num(1);
    expect([one, one2]).not.toContain(one3);
    g.constants.delete(one3);
    const one4 = b.num(1);
    expect([one, one2, one3]).not.toContain(one4);
    expect(b.num(1)).toBe(one4);
    expect(g.constants.get(one4)!.data[0]).toBe(1);
  });

  it('is shared by every builder of a graph and by its clones, not across graphs', () => {
    const g = new Graph();
    const one = new GraphBuilder(g, 'a/').num(1);
    expect(new StepBuilder(g, 'train').num(1)).toBe(one);
    const clone = g.clone();
    expect(new GraphBuilder(clone).num(1)).toBe(one);
    expect(new GraphBuilder(new Graph()).num(1)).not.toBe(one);
  });
});

describe('GraphBuilder names', () => {
  it('names nodes and scalars after its prefix, numbering both in call order', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const b = new GraphBuilder(g, 'p/');
    const y = b.add(x, b.num(2)); // k0, Add_1
    const z = b.mul(y, b.num(2)); // the shared k0 still takes number 2: Mul_3
    const w = b.op1('Neg', [z], {}, 'p/negate');
    const v = b.constant(tensor('f32', [2], [1, 2]), 'bias');
    g.outputs = [b.sub(w, v)];
    verify(g);
    expect(printGraph(g)).toBe(
      [
        'graph main(%x: f32[2]) {',
        '  const @p/k0: f32[]',
        '  const @p/bias: f32[2]',
        '  %p/Add_1 = Add(%x, @p/k0) : f32[2]',
        '  %p/Mul_3 = Mul(%p/Add_1, @p/k0) : f32[2]',
        '  %p/negate = Neg(%p/Mul_3) : f32[2]',
        '  %p/Sub_4 = Sub(%p/negate, @p/bias) : f32[2]',
        '  return %p/Sub_4',
        '}',
      ].join('\n'),
    );
  });

  it('gives identity views no node', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
    const b = new GraphBuilder(g);
    expect(b.reshape(x, [2, 3])).toBe(x);
    expect(b.expand(x, [2, 3])).toBe(x);
    expect(b.transpose(x, [0, 1])).toBe(x);
    expect(b.scale(x, 1)).toBe(x);
    expect(g.nodes).toHaveLength(0);
    expect(b.zeros({ dtype: 'f32', shape: [4] }).type.shape).toEqual([4]);
  });

  it('keeps the names of each user: decomposition, train step', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const [s] = g.addNode('Softmax', [x], { axis: 0 }, 'sm');
    const e = new Emitter(g, g.nodes[0]);
    const k = e.num(3);
    e.op1('Mul', [s, k]);
    expect(k.name).toBe('sm/s0');
    expect(g.nodes.at(-1)!.name).toBe('sm/Mul_1');
    const t = new StepBuilder(g, 'train');
    expect(t.num(3)).toBe(k);
    expect(t.add(x, k).name).toBe('train/Add_1');
  });
});

class Net extends Module {
  readonly fc = this.module('fc', new Linear(4, 3));
  readonly ln = this.module('ln', new LayerNorm(3));
  forward(x: SymTensor): SymTensor {
    return this.ln.call(this.fc.call(x).mul(2).add(1)).sigmoid().sub(1).mul(2).mean();
  }
}

describe('the four users together', () => {
  it('trace, decomposition, autodiff and updates leave no duplicate scalar constant', () => {
    const g = trace(new Net(), { x: { dtype: 'f32', shape: [2, 4] } });
    decompose(g);
    const params = [...g.params.values()];
    const grads = gradients(g, g.outputs[0], params);
    const b = new StepBuilder(g, 'update');
    for (const p of params) g.updates.set(p, b.sub(p, b.mul(b.num(0.1), grads.get(p)!)));
    verify(g);
    // The gradient seed (d loss / d loss, shaped like the loss) is made once per gradients() call.
    const keys = [...g.constants]
      .filter(([v, t]) => t.shape.length === 0 && !params.includes(v) && v.name !== 'grad_seed')
      .map(([, t]) => `${t.dtype}:${t.data[0]}`);
    expect(keys.length).toBeGreaterThan(3);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

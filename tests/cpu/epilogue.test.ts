// Conv + Relu as one schedule step (runtime/cpu/epilogue.ts): the interpreter's result has the same bits as the
// nodes run one by one, and the step is formed only where the Relu is the Conv's only reader and the Conv's
// output is not kept by the graph.
import { describe, expect, it } from 'vitest';
import { Graph, type Value } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { schedule } from '../../runtime/cpu/fuse.ts';
import { evalNode, interpret } from '../../runtime/cpu/interpreter.ts';

function rand(shape: number[], seed: number): Tensor {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor('f32', shape, Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1));
}

/** x -> Conv(3x3, pad 1) -> Relu -> Conv(3x3) -> Relu, and optionally a second reader of the first Conv's output. */
function convNet(secondReader: boolean) {
  const g = new Graph();
  const x = g.addInput('x', { dtype: 'f32', shape: [3, 2, 10, 9] });
  const w1 = g.addInput('w1', { dtype: 'f32', shape: [6, 2, 3, 3] }), b1 = g.addInput('b1', { dtype: 'f32', shape: [6] });
  const w2 = g.addInput('w2', { dtype: 'f32', shape: [5, 6, 3, 3] });
  const [c1] = g.addNode('Conv', [x, w1, b1], { group: 1, pads: [1, 1, 1, 1] } as never);
  const [r1] = g.addNode('Relu', [c1], {} as never);
  const [c2] = g.addNode('Conv', [r1, w2], { group: 1 } as never);
  const [r2] = g.addNode('Relu', [c2], {} as never);
  g.outputs = secondReader ? [r2, g.addNode('Neg', [c1], {} as never)[0]] : [r2];
  const inputs = new Map([['x', rand([3, 2, 10, 9], 1)], ['w1', rand([6, 2, 3, 3], 2)], ['b1', rand([6], 3)], ['w2', rand([5, 6, 3, 3], 4)]]);
  return { g, inputs };
}

function oneByOne(g: Graph, inputs: Map<string, Tensor>): Tensor[] {
  const env = new Map<Value, Tensor>();
  for (const v of g.inputs) env.set(v, inputs.get(v.name)!);
  for (const n of g.nodes) evalNode(n, n.inputs.map((v) => (v ? env.get(v) : undefined))).forEach((t, i) => env.set(n.outputs[i], t));
  return g.outputs.map((v) => env.get(v)!);
}

/** The seed CNN's shape of layers: Conv-Relu-MaxPool twice, small. */
function cnn() {
  const g = new Graph();
  const x = g.addInput('x', { dtype: 'f32', shape: [4, 1, 12, 12] });
  const w1 = g.addInput('w1', { dtype: 'f32', shape: [8, 1, 3, 3] }), b1 = g.addInput('b1', { dtype: 'f32', shape: [8] });
  const w2 = g.addInput('w2', { dtype: 'f32', shape: [6, 8, 3, 3] }), b2 = g.addInput('b2', { dtype: 'f32', shape: [6] });
  const one = (op: string, xs: Value[], attrs: Record<string, unknown> = {}) => g.addNode(op as never, xs, attrs as never)[0];
  const pool = { kernel_shape: [2, 2], strides: [2, 2] };
  const p1 = one('MaxPool', [one('Relu', [one('Conv', [x, w1, b1], { group: 1, pads: [1, 1, 1, 1] })])], pool);
  const p2 = one('MaxPool', [one('Relu', [one('Conv', [p1, w2, b2], { group: 1 })])], pool);
  g.outputs = [p2];
  const inputs = new Map([['x', rand([4, 1, 12, 12], 5)], ['w1', rand([8, 1, 3, 3], 6)], ['b1', rand([8], 7)], ['w2', rand([6, 8, 3, 3], 8)], ['b2', rand([6], 9)]]);
  return { g, inputs };
}

describe('Conv + Relu (+ MaxPool) epilogue', () => {
  it('takes the MaxPool after the Relu into the step, with the bits of the nodes run one by one', () => {
    const { g, inputs } = cnn();
    const steps = schedule(g);
    expect(steps).toHaveLength(2);
    expect(steps.every((s) => 'producer' in s && s.clamp && s.pool)).toBe(true);
    const [got] = interpret(g, inputs), [want] = oneByOne(g, inputs);
    expect(got.shape).toEqual([4, 6, 2, 2]);
    expect(Array.from(got.data)).toEqual(Array.from(want.data));
  });

  it('runs as one step with the bits of the nodes run one by one', () => {
    const { g, inputs } = convNet(false);
    expect(schedule(g).filter((s) => 'producer' in s)).toHaveLength(2);
    const [got] = interpret(g, inputs), [want] = oneByOne(g, inputs);
    expect(Array.from(got.data)).toEqual(Array.from(want.data));
  });

  it('is not formed where the Conv output has another reader', () => {
    const { g, inputs } = convNet(true);
    const fused = schedule(g).filter((s) => 'producer' in s);
    expect(fused).toHaveLength(1);
    expect('producer' in fused[0] && fused[0].producer.outputs[0].type.shape[1]).toBe(5); // only the second Conv
    const got = interpret(g, inputs), want = oneByOne(g, inputs);
    got.forEach((t, i) => expect(Array.from(t.data)).toEqual(Array.from(want[i].data)));
  });

  it('is not formed where the Conv output is a graph output', () => {
    const { g } = convNet(false);
    g.outputs = [g.outputs[0], g.nodes[0].outputs[0]];
    expect(schedule(g).filter((s) => 'producer' in s)).toHaveLength(1);
  });
});

// Reduce family: shape rules (including rejected shapes) and CPU kernels against naive reference loops.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { type Tensor, tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import { buildModel, f32Info } from '../support/onnx-builder.ts';

/** Runs one op on the given inputs through the interpreter; returns all its outputs. */
function run(op: OpName, ins: (Tensor | undefined)[], attrs: Record<string, AttrValue> = {}): Tensor[] {
  const g = new Graph();
  const vs = ins.map((t, i) => (t ? g.addInput(`x${i}`, t) : undefined));
  g.outputs = g.addNode(op, vs, attrs);
  return interpret(g, new Map(ins.flatMap((t, i) => (t ? [[`x${i}`, t] as const] : []))));
}

const vals = (t: Tensor) => Array.from(t.data);
const seq = (n: number, f = (i: number) => Math.sin(i * 1.7) * 3) => Array.from({ length: n }, (_, i) => Math.fround(f(i)));

/** Naive reference: reduces a [2,3,4] tensor over `axes` with a fold over JS arrays. */
function refReduce(x: number[], shape: number[], axes: number[], f: (xs: number[]) => number): number[] {
  const [A, B, C] = shape;
  const groups = new Map<string, number[]>();
  for (let a = 0; a < A; a++) for (let b = 0; b < B; b++) for (let c = 0; c < C; c++) {
    const key = [a, b, c].map((v, d) => (axes.includes(d) ? 0 : v)).join(',');
    groups.set(key, [...(groups.get(key) ?? []), x[(a * B + b) * C + c]]);
  }
  return [...groups.values()].map(f);
}

describe('axis reductions', () => {
  it('shape rule: keepdims, negative axes, all axes, noop', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3, 4] });
    expect(g.addNode('ReduceSum', [x], { axes: [-1, 0] })[0].type.shape).toEqual([1, 3, 1]);
    expect(g.addNode('ReduceMax', [x], { axes: [1], keepdims: 0 })[0].type.shape).toEqual([2, 4]);
    expect(g.addNode('ReduceMean', [x], { keepdims: 0 })[0].type.shape).toEqual([]);
    expect(g.addNode('ReduceSum', [x], { noop_with_empty_axes: 1 })[0].type.shape).toEqual([2, 3, 4]);
  });

  it('rejects bad axes', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
    expect(() => g.addNode('ReduceSum', [x], { axes: [2] }, 'r')).toThrowError(/\[SHAPE\].*out of range.*op ReduceSum/);
    expect(() => g.addNode('ReduceSum', [x], { axes: [1, -1] })).toThrowError(/\[SHAPE\].*twice/);
  });

  const x = seq(24, (i) => (i % 7) - 2.5 + i / 10);
  const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
  const REF: [OpName, (v: number[]) => number][] = [
    ['ReduceSum', sum],
    ['ReduceMean', (v) => sum(v) / v.length],
    ['ReduceMax', (v) => Math.max(...v)],
    ['ReduceMin', (v) => Math.min(...v)],
    ['ReduceProd', (v) => v.reduce((a, b) => a * b, 1)],
    ['ReduceL1', (v) => sum(v.map(Math.abs))],
    ['ReduceL2', (v) => Math.sqrt(sum(v.map((e) => e * e)))],
    ['ReduceLogSum', (v) => Math.log(sum(v))],
    ['ReduceLogSumExp', (v) => Math.log(sum(v.map(Math.exp)))],
    ['ReduceSumSquare', (v) => sum(v.map((e) => e * e))],
  ];
  for (const [op, f] of REF) {
    it(`${op} matches a naive reference over several axis sets`, () => {
      const xs = op === 'ReduceLogSum' ? x.map(Math.abs) : x;
      for (const axes of [[0], [1], [2], [0, 2], [1, 2], []]) {
        const [y] = run(op, [tensor('f32', [2, 3, 4], xs)], { axes, keepdims: 0 });
        const want = refReduce(xs, [2, 3, 4], axes.length ? axes : [0, 1, 2], f);
        vals(y).forEach((v, i) => expect(v).toBeCloseTo(want[i], 3));
      }
    });
  }

  it('ReduceLogSumExp stays finite for large inputs', () => {
    const [y] = run('ReduceLogSumExp', [tensor('f32', [2], [1000, 1000])]);
    expect(y.data[0]).toBeCloseTo(1000 + Math.log(2), 3);
  });

  it('noop_with_empty_axes reduces groups of one', () => {
    const [y] = run('ReduceSumSquare', [tensor('f32', [3], [1, -2, 3])], { noop_with_empty_axes: 1 });
    expect(vals(y)).toEqual([1, 4, 9]);
  });

  it('integer reductions stay integer', () => {
    const [y] = run('ReduceMax', [tensor('i32', [2, 2], [3, -1, 7, 2])], { axes: [1] });
    expect(y.dtype).toBe('i32');
    expect(vals(y)).toEqual([3, 7]);
  });
});

describe('ArgMax / ArgMin', () => {
  it('shape rule and rejection', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
    const [y] = g.addNode('ArgMax', [x], { axis: -1, keepdims: 0 });
    expect(y.type).toEqual({ dtype: 'i32', shape: [2] });
    expect(() => g.addNode('ArgMin', [x], { axis: 2 })).toThrowError(/\[SHAPE\].*axis 2 out of range/);
  });

  it('first or last index on ties', () => {
    const x = tensor('f32', [2, 3], [1, 5, 5, 0, 0, -1]);
    expect(vals(run('ArgMax', [x], { axis: 1 })[0])).toEqual([1, 0]);
    expect(vals(run('ArgMax', [x], { axis: 1, select_last_index: 1 })[0])).toEqual([2, 1]);
    expect(vals(run('ArgMin', [x], { axis: 0 })[0])).toEqual([1, 1, 1]);
    expect(vals(run('ArgMin', [x], { axis: 1, select_last_index: 1 })[0])).toEqual([0, 2]);
  });
});

describe('CumSum and TopK', () => {
  it('CumSum: inclusive, exclusive, reverse along axis 1', () => {
    const x = tensor('f32', [2, 3], [1, 2, 3, 4, 5, 6]);
    expect(vals(run('CumSum', [x], { axis: 1 })[0])).toEqual([1, 3, 6, 4, 9, 15]);
    expect(vals(run('CumSum', [x], { axis: 1, exclusive: 1 })[0])).toEqual([0, 1, 3, 0, 4, 9]);
    expect(vals(run('CumSum', [x], { axis: -1, reverse: 1 })[0])).toEqual([6, 5, 3, 15, 11, 6]);
    expect(vals(run('CumSum', [x], { axis: 0, reverse: 1, exclusive: 1 })[0])).toEqual([4, 5, 6, 0, 0, 0]);
  });

  it('TopK: largest and smallest with stable ties, along a middle axis', () => {
    const x = tensor('f32', [1, 4, 2], [3, 0, 1, 9, 3, 9, 2, 1]);
    const [v, i] = run('TopK', [x], { k: 2, axis: 1 });
    expect(v.shape).toEqual([1, 2, 2]);
    expect(vals(v)).toEqual([3, 9, 3, 9]);
    expect(vals(i)).toEqual([0, 1, 2, 2]);
    const [vs, is] = run('TopK', [x], { k: 3, axis: 1, largest: 0 });
    expect(vals(vs)).toEqual([1, 0, 2, 1, 3, 9]);
    expect(vals(is)).toEqual([1, 0, 3, 3, 0, 1]);
  });

  it('TopK rejects k larger than the axis', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [3, 4] });
    expect(() => g.addNode('TopK', [x], { k: 5 })).toThrowError(/\[SHAPE\].*k=5/);
  });
});

/** Naive softmax of a JS array. */
const softmax = (v: number[]) => {
  const m = Math.max(...v), e = v.map((x) => Math.exp(x - m)), s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

describe('Softmax, LogSoftmax, Hardmax', () => {
  const x = seq(24);
  it('Softmax along a middle axis', () => {
    const [y] = run('Softmax', [tensor('f32', [2, 3, 4], x)], { axis: 1 });
    for (let a = 0; a < 2; a++) for (let c = 0; c < 4; c++) {
      const idx = [0, 1, 2].map((b) => (a * 3 + b) * 4 + c);
      const want = softmax(idx.map((k) => x[k]));
      idx.forEach((k, j) => expect(y.data[k]).toBeCloseTo(want[j], 6));
    }
  });

  it('coerce2d treats the input as 2-D from axis on (opset < 13)', () => {
    const [y] = run('LogSoftmax', [tensor('f32', [2, 3, 4], x)], { axis: 1, coerce2d: 1 });
    for (let a = 0; a < 2; a++) {
      const want = softmax(x.slice(a * 12, a * 12 + 12)).map(Math.log);
      want.forEach((w, j) => expect(y.data[a * 12 + j]).toBeCloseTo(w, 5));
    }
  });

  it('Hardmax marks the first maximum', () => {
    const [y] = run('Hardmax', [tensor('f32', [2, 3], [1, 3, 3, -1, -2, -3])]);
    expect(vals(y)).toEqual([0, 1, 0, 1, 0, 0]);
  });

  it('rejects an integer input and a bad axis', () => {
    const g = new Graph();
    const xi = g.addInput('xi', { dtype: 'i32', shape: [2, 3] });
    const xf = g.addInput('xf', { dtype: 'f32', shape: [2, 3] });
    expect(() => g.addNode('Softmax', [xi])).toThrowError(/\[SHAPE\].*float/);
    expect(() => g.addNode('Softmax', [xf], { axis: 2 })).toThrowError(/\[SHAPE\].*axis 2/);
  });
});

describe('losses', () => {
  // scores [N=2, C=3, d=2]; targets [2, 2]
  const scores = seq(12);
  const target = [0, 2, 1, 1];
  const weight = [0.5, 2, 1];
  const at = (n: number, c: number, d: number) => scores[(n * 3 + c) * 2 + d];

  it('shape rule: reduction none keeps [N,d..]; mismatched target is rejected', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3, 2] });
    const t = g.addInput('t', { dtype: 'i32', shape: [2, 2] });
    const bad = g.addInput('b', { dtype: 'i32', shape: [2, 3] });
    expect(g.addNode('NegativeLogLikelihoodLoss', [x, t], { reduction: 'none' })[0].type.shape).toEqual([2, 2]);
    const [l, lp] = g.addNode('SoftmaxCrossEntropyLoss', [x, t]);
    expect([l.type.shape, lp.type.shape]).toEqual([[], [2, 3, 2]]);
    expect(() => g.addNode('NegativeLogLikelihoodLoss', [x, bad])).toThrowError(/\[SHAPE\].*target shape \[2,3\]/);
  });

  it('NLL with weights, ignore_index and every reduction', () => {
    const x = tensor('f32', [2, 3, 2], scores), t = tensor('i32', [2, 2], target), w = tensor('f32', [3], weight);
    const per: number[] = [], ws: number[] = [];
    for (let n = 0; n < 2; n++) for (let d = 0; d < 2; d++) {
      const c = target[n * 2 + d];
      const ignored = c === 1;
      per.push(ignored ? 0 : -at(n, c, d) * weight[c]);
      ws.push(ignored ? 0 : weight[c]);
    }
    const sum = per.reduce((a, b) => a + b, 0);
    const attrs = { ignore_index: 1 };
    vals(run('NegativeLogLikelihoodLoss', [x, t, w], { ...attrs, reduction: 'none' })[0]).forEach((v, i) => expect(v).toBeCloseTo(per[i], 5));
    expect(run('NegativeLogLikelihoodLoss', [x, t, w], { ...attrs, reduction: 'sum' })[0].data[0]).toBeCloseTo(sum, 5);
    expect(run('NegativeLogLikelihoodLoss', [x, t, w], attrs)[0].data[0]).toBeCloseTo(sum / ws.reduce((a, b) => a + b, 0), 5);
  });

  it('SoftmaxCrossEntropyLoss is mean NLL of log-softmax over C, and returns log_prob', () => {
    const [loss, lp] = run('SoftmaxCrossEntropyLoss', [tensor('f32', [2, 3, 2], scores), tensor('i32', [2, 2], target)]);
    let total = 0;
    for (let n = 0; n < 2; n++) for (let d = 0; d < 2; d++) {
      const logp = softmax([0, 1, 2].map((c) => at(n, c, d))).map(Math.log);
      logp.forEach((v, c) => expect(lp.data[(n * 3 + c) * 2 + d]).toBeCloseTo(v, 5));
      total -= logp[target[n * 2 + d]];
    }
    expect(loss.data[0]).toBeCloseTo(total / 4, 5);
  });
});

describe('ONNX converters', () => {
  const i64 = (name: string, v: number[]) => ({ name, dims: [v.length], data_type: 7, int64_data: v });
  const int = (name: string, i: number) => ({ name, type: 2, i });
  const ints = (name: string, v: number[]) => ({ name, type: 7, ints: v });
  const str = (name: string, s: string) => ({ name, type: 3, s: new TextEncoder().encode(s) });
  const x = seq(24);
  const runModel = (m: Uint8Array, feeds: [string, Tensor][]) => {
    const { graph } = importOnnx(m);
    return { graph, outs: interpret(graph, new Map(feeds)) };
  };

  it('Softmax before opset 13 coerces to 2-D at axis; from 13 on it is per axis', () => {
    const model = (opset: number) => buildModel({
      opset, nodes: [{ op: 'Softmax', inputs: ['x'], outputs: ['y'], attrs: [int('axis', 1)] }],
      inputs: [f32Info('x', [2, 3, 4])], outputs: [f32Info('y', [2, 3, 4])],
    });
    const old = runModel(model(11), [['x', tensor('f32', [2, 3, 4], x)]]);
    expect(old.graph.nodes[0].attrs.coerce2d).toBe(1);
    softmax(x.slice(0, 12)).forEach((w, j) => expect(old.outs[0].data[j]).toBeCloseTo(w, 6));
    const cur = runModel(model(13), [['x', tensor('f32', [2, 3, 4], x)]]);
    expect(cur.graph.nodes[0].attrs.coerce2d).toBe(0);
    softmax([x[0], x[4], x[8]]).forEach((w, j) => expect(cur.outs[0].data[j * 4]).toBeCloseTo(w, 6));
  });

  it('reduction axes from the attribute (old opsets) and from a constant input (new opsets)', () => {
    const viaAttr = buildModel({
      opset: 11, nodes: [{ op: 'ReduceMean', inputs: ['x'], outputs: ['y'], attrs: [ints('axes', [-1]), int('keepdims', 0)] }],
      inputs: [f32Info('x', [2, 3, 4])], outputs: [f32Info('y', [2, 3])],
    });
    const viaInput = buildModel({
      opset: 18, nodes: [{ op: 'ReduceMean', inputs: ['x', 'axes'], outputs: ['y'], attrs: [int('keepdims', 0)] }],
      initializers: [i64('axes', [2])], inputs: [f32Info('x', [2, 3, 4])], outputs: [f32Info('y', [2, 3])],
    });
    const want = refReduce(x, [2, 3, 4], [2], (v) => v.reduce((a, b) => a + b, 0) / v.length);
    for (const m of [viaAttr, viaInput]) {
      const { outs } = runModel(m, [['x', tensor('f32', [2, 3, 4], x)]]);
      vals(outs[0]).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    }
  });

  it('runtime axes are refused with STATIC_INPUT naming the node', () => {
    const m = buildModel({
      opset: 13, nodes: [{ op: 'ReduceSum', inputs: ['x', 'axes'], outputs: ['y'], name: 'rs' }],
      inputs: [f32Info('x', [2, 3]), { name: 'axes', type: { tensor_type: { elem_type: 7, shape: { dim: [{ dim_value: 1 }] } } } }],
      outputs: [f32Info('y', [2, 1])],
    });
    expect(() => importOnnx(m)).toThrowError(/\[STATIC_INPUT\] axes.*node 'rs'/);
  });

  it('TopK reads K from a constant input; SCE exposes log_prob', () => {
    const m = buildModel({
      opset: 13,
      nodes: [
        { op: 'TopK', inputs: ['x', 'k'], outputs: ['v', 'i'], attrs: [int('axis', 0), int('largest', 0)] },
        { op: 'SoftmaxCrossEntropyLoss', inputs: ['s', 't'], outputs: ['l', 'lp'], attrs: [str('reduction', 'sum'), int('ignore_index', 2)] },
      ],
      initializers: [i64('k', [1])],
      inputs: [f32Info('x', [3]), f32Info('s', [2, 3]), { name: 't', type: { tensor_type: { elem_type: 7, shape: { dim: [{ dim_value: 2 }] } } } }],
      outputs: [f32Info('v', [1]), { name: 'i', type: { tensor_type: { elem_type: 7, shape: { dim: [{ dim_value: 1 }] } } } }, f32Info('l', []), f32Info('lp', [2, 3])],
    });
    const s = [1, 2, 3, 0, 0, 5];
    const { outs } = runModel(m, [['x', tensor('f32', [3], [4, -1, 2])], ['s', tensor('f32', [2, 3], s)], ['t', tensor('i32', [2], [1, 2])]]);
    expect(vals(outs[0])).toEqual([-1]);
    expect(vals(outs[1])).toEqual([1]);
    expect(outs[2].data[0]).toBeCloseTo(-Math.log(softmax([1, 2, 3])[1]), 5);
    expect(outs[3].data[5]).toBeCloseTo(Math.log(softmax([0, 0, 5])[2]), 5);
  });
});

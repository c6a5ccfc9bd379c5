// Recurrent ops (RNN, GRU, LSTM): shape rules, and the CPU kernels against a naive reference written
// here straight from the ONNX equations (one time step at a time, scalar loops over nested arrays).
import { describe, expect, it } from 'vitest';
import { ImportContext, type OnnxAttr } from '../../compiler/onnx/context.ts';
import { RECURRENT_CONVERTERS } from '../../compiler/onnx/ops/recurrent.ts';
import { Graph } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';

type Arr = number[][][];
const sig = (x: number) => 1 / (1 + Math.exp(-x));

/** Deterministic pseudo-random values in [-1, 1). */
function rand(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

/** Splits flat data into [a][b][c]. */
const nest = (data: ArrayLike<number>, a: number, b: number, c: number): Arr =>
  Array.from({ length: a }, (_, i) => Array.from({ length: b }, (_, j) => Array.from({ length: c }, (_, k) => data[(i * b + j) * c + k])));

const dot = (x: number[], w: number[]) => x.reduce((s, v, i) => s + v * w[i], 0);

interface Case {
  S: number; N: number; I: number; H: number;
  X: Arr; W: Arr; R: Arr; B: number[][]; h0: Arr; c0?: Arr; P?: number[][];
}

function makeCase(G: number, S: number, N: number, I: number, H: number, D: number, seed: number, lstm = false): Case {
  return {
    S, N, I, H,
    X: nest(rand(S * N * I, seed), S, N, I),
    W: nest(rand(D * G * H * I, seed + 1), D, G * H, I),
    R: nest(rand(D * G * H * H, seed + 2), D, G * H, H),
    B: nest(rand(D * 2 * G * H, seed + 3), 1, D, 2 * G * H)[0],
    h0: nest(rand(D * N * H, seed + 4), D, N, H),
    c0: lstm ? nest(rand(D * N * H, seed + 5), D, N, H) : undefined,
    P: lstm ? nest(rand(D * 3 * H, seed + 6), 1, D, 3 * H)[0] : undefined,
  };
}

/** One gate's pre-activation for batch b, unit j: x·W[row] + Wb[row] (+ h·R[row] + Rb[row] when h is given). */
function pre(c: Case, d: number, row: number, x: number[], h: number[] | undefined, G: number, withRb = true): number {
  let v = dot(x, c.W[d][row]) + c.B[d][row];
  if (h) v += dot(h, c.R[d][row]);
  if (withRb) v += c.B[d][G * c.H + row];
  return v;
}

type Cell = (c: Case, d: number, x: number[], h: number[], cs: number[] | undefined) => { h: number[]; c?: number[] };

const range = (n: number) => Array.from({ length: n }, (_, j) => j);

const rnnCell = (f: (v: number) => number): Cell => (c, d, x, h) => ({ h: range(c.H).map((j) => f(pre(c, d, j, x, h, 1))) });

const gruCell = (lbr: boolean): Cell => (c, d, x, h) => {
  const H = c.H;
  const z = range(H).map((j) => sig(pre(c, d, j, x, h, 3)));
  const r = range(H).map((j) => sig(pre(c, d, H + j, x, h, 3)));
  const hh = range(H).map((j) => {
    const row = 2 * H + j;
    if (lbr) return Math.tanh(pre(c, d, row, x, undefined, 3, false) + r[j] * (dot(h, c.R[d][row]) + c.B[d][3 * H + row]));
    return Math.tanh(pre(c, d, row, x, h.map((v, k) => v * r[k]), 3));
  });
  return { h: range(H).map((j) => (1 - z[j]) * hh[j] + z[j] * h[j]) };
};

const lstmCell = (clip: number, coupled: boolean): Cell => (c, d, x, h, cs) => {
  const H = c.H, P = c.P![d], cl = (v: number) => (clip ? Math.max(-clip, Math.min(clip, v)) : v);
  const i = range(H).map((j) => sig(cl(pre(c, d, j, x, h, 4) + P[j] * cs![j])));
  const f = range(H).map((j) => (coupled ? 1 - i[j] : sig(cl(pre(c, d, 2 * H + j, x, h, 4) + P[2 * H + j] * cs![j]))));
  const g = range(H).map((j) => Math.tanh(cl(pre(c, d, 3 * H + j, x, h, 4))));
  const cn = range(H).map((j) => f[j] * cs![j] + i[j] * g[j]);
  const o = range(H).map((j) => sig(cl(pre(c, d, H + j, x, h, 4) + P[H + j] * cn[j])));
  return { h: range(H).map((j) => o[j] * Math.tanh(cn[j])), c: cn };
};

/** Runs a cell over the sequence in each direction; returns Y [S][D][N][H] (flat), Y_h and Y_c [D][N][H] (flat). */
function reference(c: Case, dirs: ('f' | 'r')[], cell: Cell): { y: number[]; yh: number[]; yc: number[] } {
  const D = dirs.length, y = new Array<number>(c.S * D * c.N * c.H).fill(0), yh: number[] = [], yc: number[] = [];
  dirs.forEach((dir, d) => {
    for (let b = 0; b < c.N; b++) {
      let h = c.h0[d][b], cs = c.c0?.[d][b];
      for (let s = 0; s < c.S; s++) {
        const t = dir === 'r' ? c.S - 1 - s : s;
        const next = cell(c, d, c.X[t][b], h, cs);
        h = next.h;
        cs = next.c;
        h.forEach((v, j) => (y[((t * D + d) * c.N + b) * c.H + j] = v));
      }
      h.forEach((v, j) => (yh[(d * c.N + b) * c.H + j] = v));
      cs?.forEach((v, j) => (yc[(d * c.N + b) * c.H + j] = v));
    }
  });
  return { y, yh, yc };
}

const flat = (a: Arr | number[][]) => (a as unknown[]).flat(2) as number[];

/** Builds a one-node graph for the case (layout 0) and interprets it. */
function run(op: 'RNN' | 'GRU' | 'LSTM', c: Case, attrs: Record<string, AttrValue>): Tensor[] {
  const g = new Graph();
  const D = c.W.length;
  const t = (name: string, shape: number[], a: Arr | number[][]) => g.addConstant(tensor('f32', shape, flat(a)), name);
  const x = g.addInput('x', { dtype: 'f32', shape: [c.S, c.N, c.I] });
  const ins = [x, t('W', [D, c.W[0].length, c.I], c.W), t('R', [D, c.R[0].length, c.H], c.R), t('B', [D, c.B[0].length], c.B), undefined, t('h0', [D, c.N, c.H], c.h0)];
  if (c.c0) ins.push(t('c0', [D, c.N, c.H], c.c0), t('P', [D, 3 * c.H], c.P!));
  const outs = g.addNode(op, ins, { hidden_size: c.H, ...attrs }, 'rec');
  g.outputs = outs;
  return interpret(g, new Map([['x', tensor('f32', [c.S, c.N, c.I], flat(c.X))]]));
}

function expectClose(got: ArrayLike<number>, want: number[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
}

describe('recurrent ops: shape rules', () => {
  const build = (op: 'RNN' | 'GRU' | 'LSTM', G: number, layout: number, wRows?: number) => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: layout === 0 ? [5, 2, 3] : [2, 5, 3] });
    const w = g.addInput('w', { dtype: 'f32', shape: [2, wRows ?? G * 4, 3] });
    const r = g.addInput('r', { dtype: 'f32', shape: [2, G * 4, 4] });
    return g.addNode(op, [x, w, r], { hidden_size: 4, direction: 'bidirectional', layout }, 'rec1');
  };

  it('infers Y, Y_h (and Y_c) in both layouts', () => {
    expect(build('RNN', 1, 0).map((v) => v.type.shape)).toEqual([[5, 2, 2, 4], [2, 2, 4]]);
    expect(build('GRU', 3, 1).map((v) => v.type.shape)).toEqual([[2, 5, 2, 4], [2, 2, 4]]);
    expect(build('LSTM', 4, 0).map((v) => v.type.shape)).toEqual([[5, 2, 2, 4], [2, 2, 4], [2, 2, 4]]);
  });

  it('rejects a W of the wrong gate count, naming node and op', () => {
    expect(() => build('LSTM', 4, 0, 12)).toThrowError(/\[SHAPE\] W must have shape \[2,16,3\].*op LSTM, node 'rec1'/);
  });

  it('rejects unknown activations and a wrong activation count', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [5, 2, 3] });
    const w = g.addInput('w', { dtype: 'f32', shape: [1, 4, 3] });
    const r = g.addInput('r', { dtype: 'f32', shape: [1, 4, 4] });
    expect(() => g.addNode('RNN', [x, w, r], { hidden_size: 4, activations: 'Swish' })).toThrowError(/unknown activation 'Swish'/);
    expect(() => g.addNode('RNN', [x, w, r], { hidden_size: 4, activations: 'Tanh,Relu' })).toThrowError(/needs 1 activations/);
  });
});

describe('recurrent ops: CPU kernels against a naive reference', () => {
  it('RNN, bidirectional', () => {
    const c = makeCase(1, 4, 2, 3, 5, 2, 11);
    const [y, yh] = run('RNN', c, { direction: 'bidirectional' });
    const ref = reference(c, ['f', 'r'], rnnCell(Math.tanh));
    expectClose(y.data, ref.y);
    expectClose(yh.data, ref.yh);
  });

  it('RNN, reverse with Relu activation', () => {
    const c = makeCase(1, 3, 2, 3, 4, 1, 21);
    const [y, yh] = run('RNN', c, { direction: 'reverse', activations: 'Relu' });
    const ref = reference(c, ['r'], rnnCell((v) => Math.max(0, v)));
    expectClose(y.data, ref.y);
    expectClose(yh.data, ref.yh);
  });

  it('GRU, bidirectional, both linear_before_reset modes', () => {
    const c = makeCase(3, 4, 2, 3, 4, 2, 31);
    for (const lbr of [0, 1]) {
      const [y, yh] = run('GRU', c, { direction: 'bidirectional', linear_before_reset: lbr });
      const ref = reference(c, ['f', 'r'], gruCell(lbr === 1));
      expectClose(y.data, ref.y);
      expectClose(yh.data, ref.yh);
    }
  });

  it('LSTM, bidirectional with peepholes', () => {
    const c = makeCase(4, 3, 2, 3, 4, 2, 41, true);
    const [y, yh, yc] = run('LSTM', c, { direction: 'bidirectional' });
    const ref = reference(c, ['f', 'r'], lstmCell(0, false));
    expectClose(y.data, ref.y);
    expectClose(yh.data, ref.yh);
    expectClose(yc.data, ref.yc);
  });

  it('LSTM, clip and input_forget', () => {
    const c = makeCase(4, 3, 2, 3, 4, 1, 51, true);
    const [y, , yc] = run('LSTM', c, { clip: 0.3, input_forget: 1 });
    const ref = reference(c, ['f'], lstmCell(0.3, true));
    expectClose(y.data, ref.y);
    expectClose(yc.data, ref.yc);
  });

  it('one RNN step by hand', () => {
    // x = [1, 2], W = [[0.5, -1]], R = [[2]], B = [0.1, 0.2], h0 = [0.3]: h = tanh(0.5 - 2 + 0.6 + 0.3) = tanh(-0.6)
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 2] });
    const k = (n: string, s: number[], d: number[]) => g.addConstant(tensor('f32', s, d), n);
    g.outputs = g.addNode('RNN', [x, k('W', [1, 1, 2], [0.5, -1]), k('R', [1, 1, 1], [2]), k('B', [1, 2], [0.1, 0.2]), undefined, k('h0', [1, 1, 1], [0.3])], { hidden_size: 1 });
    const [y, yh] = interpret(g, new Map([['x', tensor('f32', [1, 1, 2], [1, 2])]]));
    expect(y.data[0]).toBeCloseTo(Math.tanh(-0.6), 6);
    expect(yh.data[0]).toBeCloseTo(Math.tanh(-0.6), 6);
  });

  it('layout 1 matches layout 0 transposed', () => {
    const c = makeCase(3, 3, 2, 2, 3, 2, 61);
    const ref = reference(c, ['f', 'r'], gruCell(false));
    const g = new Graph();
    const k = (n: string, s: number[], a: Arr | number[][]) => g.addConstant(tensor('f32', s, flat(a)), n);
    // X and h0 transposed to [N, S, I] and [N, D, H].
    const xT = range(c.N).map((b) => range(c.S).map((t) => c.X[t][b]));
    const h0T = range(c.N).map((b) => range(2).map((d) => c.h0[d][b]));
    const x = g.addInput('x', { dtype: 'f32', shape: [c.N, c.S, c.I] });
    g.outputs = g.addNode('GRU', [x, k('W', [2, 9, 2], c.W), k('R', [2, 9, 3], c.R), k('B', [2, 18], c.B), undefined, k('h0', [c.N, 2, c.H], h0T)],
      { hidden_size: c.H, direction: 'bidirectional', layout: 1 });
    const [y, yh] = interpret(g, new Map([['x', tensor('f32', [c.N, c.S, c.I], flat(xT))]]));
    const want = range(c.N).flatMap((b) => range(c.S).flatMap((t) => range(2).flatMap((d) => range(c.H).map((j) => ref.y[((t * 2 + d) * c.N + b) * c.H + j]))));
    expectClose(y.data, want);
    expectClose(yh.data, range(c.N).flatMap((b) => range(2).flatMap((d) => range(c.H).map((j) => ref.yh[(d * c.N + b) * c.H + j]))));
  });

  it('a run-time sequence_lens must hold the full length', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [3, 1, 1] });
    const sl = g.addInput('sl', { dtype: 'i32', shape: [1] });
    const k = (n: string, s: number[]) => g.addConstant(tensor('f32', s, new Array(s.reduce((a, b) => a * b, 1)).fill(0.5)), n);
    g.outputs = g.addNode('RNN', [x, k('W', [1, 1, 1]), k('R', [1, 1, 1]), undefined, sl], { hidden_size: 1 }, 'rnn1');
    const xs = tensor('f32', [3, 1, 1], [1, 2, 3]);
    expect(() => interpret(g, new Map([['x', xs], ['sl', tensor('i32', [1], [3])]]))).not.toThrow();
    expect(() => interpret(g, new Map([['x', xs], ['sl', tensor('i32', [1], [2])]]))).toThrowError(/sequence_lens\[0\] is 2.*node 'rnn1'/);
  });
});

describe('recurrent ops: ONNX converters', () => {
  const setup = (opset: number, seqLens?: number[]) => {
    const g = new Graph();
    const ctx = new ImportContext(g, opset, 'rnn0');
    const x = g.addInput('x', { dtype: 'f32', shape: [3, 2, 1] });
    const k = (n: string, s: number[]) => g.addConstant(tensor('f32', s, new Array(s.reduce((a, b) => a * b, 1)).fill(0.25)), n);
    const sl = seqLens ? g.addConstant(tensor('i32', [2], seqLens), 'sl') : undefined;
    const inputs = [x, k('W', [2, 1, 1]), k('R', [2, 1, 1]), undefined, sl];
    return { g, ctx, node: (attrs: Record<string, OnnxAttr>) => ({ name: 'rnn0', opType: 'RNN', inputs, attrs, outputCount: 2 }) };
  };

  it('normalizes activations and aligns alpha/beta with them', () => {
    const { g, ctx, node } = setup(13);
    RECURRENT_CONVERTERS.RNN(ctx, node({ hidden_size: 1, direction: 'bidirectional', activations: ['leakyrelu', 'Tanh'], activation_alpha: [0.2] }));
    const a = g.nodes[0].attrs;
    expect([a.activations, a.activation_alpha, a.activation_beta]).toEqual(['LeakyRelu,Tanh', [0.2, 0], [0, 0]]);
  });

  it('repeats a single direction\'s activations for bidirectional, drops a full constant sequence_lens', () => {
    const { g, ctx, node } = setup(13, [3, 3]);
    RECURRENT_CONVERTERS.RNN(ctx, node({ hidden_size: 1, direction: 'bidirectional', activations: ['Relu'] }));
    expect(g.nodes[0].attrs.activations).toBe('Relu,Relu');
    expect(g.nodes[0].inputs.length).toBe(3);
  });

  it('rejects a shorter constant sequence_lens, naming the node', () => {
    const { ctx, node } = setup(13, [3, 2]);
    expect(() => RECURRENT_CONVERTERS.RNN(ctx, node({ hidden_size: 1, direction: 'bidirectional' })))
      .toThrowError(/\[ONNX_UNSUPPORTED\] sequence_lens\[1\] is 2.*node 'rnn0'/);
  });

  it('reads layout only from opset 14', () => {
    const a = setup(13), b = setup(14);
    expect(() => RECURRENT_CONVERTERS.RNN(a.ctx, a.node({ hidden_size: 1, direction: 'bidirectional', layout: 1 }))).not.toThrow();
    expect(a.g.nodes[0].attrs.layout).toBe(0);
    RECURRENT_CONVERTERS.RNN(b.ctx, b.node({ hidden_size: 1, direction: 'bidirectional', layout: 1 }));
    expect(b.g.nodes[0].outputs[0].type.shape).toEqual([3, 2, 2, 1]); // X read as [batch 3, seq 2, input 1]
  });
});

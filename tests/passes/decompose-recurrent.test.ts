// The decompositions of RNN, GRU and LSTM (passes/decompose/recurrent.ts): for attribute combinations
// (directions, layout, clip, activations, linear_before_reset, input_forget, peepholes, optional inputs)
// the CPU interpreter must give the same outputs on the original graph and on the decomposed one, and no
// composite may remain. sequence_lens shorter than the sequence is checked against per-batch runs of the
// CPU kernel on the truncated sequences. A few cases also run on WebGPU against the CPU.
import { beforeAll, describe, expect, it } from 'vitest';
import { compareTensors, type Tolerance } from '../../compiler/compare.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import { OPS } from '../../ir/ops/index.ts';
import { RECURRENT_CELLS, type RecurrentCell } from '../../ir/ops/recurrent.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { verify } from '../../ir/verify.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { decompose } from '../../passes/decompose/index.ts';
import { MAX_KERNEL_INPUTS } from '../../passes/limit-fan-in.ts';
import { lowerForGpu } from '../../passes/pipeline.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

const TOL: Tolerance = { rtol: 1e-5, atol: 1e-5 };

interface Case {
  cell: RecurrentCell;
  S: number; N: number; I: number; H: number;
  attrs?: Record<string, AttrValue>;
  /** Which optional inputs the graph has (graph inputs filled with random data). */
  bias?: boolean; h0?: boolean; c0?: boolean; peep?: boolean;
}

/** A one-node graph of the case's op; every present input is a graph input. */
function build(c: Case, lens = false): Graph {
  const a = c.attrs ?? {};
  const D = a.direction === 'bidirectional' ? 2 : 1, G = RECURRENT_CELLS[c.cell].gates, layout = (a.layout as number) ?? 0;
  const g = new Graph(c.cell);
  const f = (name: string, shape: number[]) => g.addInput(name, { dtype: 'f32', shape });
  const state = layout === 0 ? [D, c.N, c.H] : [c.N, D, c.H];
  const ins: (Value | undefined)[] = [
    f('X', layout === 0 ? [c.S, c.N, c.I] : [c.N, c.S, c.I]),
    f('W', [D, G * c.H, c.I]),
    f('R', [D, G * c.H, c.H]),
    c.bias ? f('B', [D, 2 * G * c.H]) : undefined,
    lens ? g.addInput('lens', { dtype: 'i32', shape: [c.N] }) : undefined,
    c.h0 ? f('h0', state) : undefined,
  ];
  if (c.cell === 'LSTM') ins.push(c.c0 ? f('c0', state) : undefined, c.peep ? f('P', [D, 3 * c.H]) : undefined);
  g.outputs = g.addNode(c.cell, ins, { hidden_size: c.H, ...a }, c.cell.toLowerCase());
  return g;
}

/** Random inputs scaled to [-1, 1) so activations stay in their interesting range. */
function inputsOf(g: Graph, seed: number): Map<string, Tensor> {
  const m = randomInputs(g, seed);
  for (const [k, t] of m) if (t.dtype === 'f32') m.set(k, tensor('f32', t.shape, Array.from(t.data, (v) => v / 2)));
  return m;
}

const composites = (g: Graph) => g.nodes.filter((n) => (OPS[n.op] as { composite?: boolean }).composite).map((n) => n.op);

function expectSame(got: readonly Tensor[], want: readonly Tensor[], names: string[]): void {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => {
    expect(got[i].shape, names[i]).toEqual(w.shape);
    expect(compareTensors(got[i], w, TOL), names[i]).toBeUndefined();
  });
}

/** Decomposes a clone of `g` and checks it against the original on the CPU. */
function checkDecomposition(g: Graph, inputs: Map<string, Tensor>): Graph {
  const want = interpret(g, inputs);
  const d = g.clone();
  decompose(d);
  verify(d);
  expect(composites(d)).toEqual([]);
  expectSame(interpret(d, inputs), want, g.outputs.map((v) => v.name));
  return d;
}

const CASES: [string, Case][] = [
  ['RNN forward, defaults', { cell: 'RNN', S: 3, N: 2, I: 4, H: 5 }],
  ['RNN reverse, bias, h0', { cell: 'RNN', S: 4, N: 3, I: 2, H: 3, bias: true, h0: true, attrs: { direction: 'reverse' } }],
  ['RNN bidirectional, layout 1, clip', { cell: 'RNN', S: 3, N: 2, I: 3, H: 4, bias: true, h0: true, attrs: { direction: 'bidirectional', layout: 1, clip: 0.4 } }],
  ['RNN Relu / LeakyRelu per direction', { cell: 'RNN', S: 2, N: 2, I: 3, H: 2, bias: true, attrs: { direction: 'bidirectional', activations: 'Relu,LeakyRelu', activation_alpha: [0, 0.3] } }],
  ['RNN Affine, ScaledTanh, ThresholdedRelu', { cell: 'RNN', S: 2, N: 1, I: 2, H: 3, attrs: { direction: 'bidirectional', activations: 'Affine,ScaledTanh', activation_alpha: [0.7, 1.3], activation_beta: [0.2, 0.9] } }],
  ['RNN sizes 1', { cell: 'RNN', S: 1, N: 1, I: 1, H: 1, bias: true, h0: true }],
  ['RNN long bidirectional (Concat tree)', { cell: 'RNN', S: 9, N: 2, I: 2, H: 3, bias: true, attrs: { direction: 'bidirectional' } }],
  ['GRU forward, defaults', { cell: 'GRU', S: 3, N: 2, I: 4, H: 3 }],
  ['GRU bias, h0, linear_before_reset 0', { cell: 'GRU', S: 3, N: 2, I: 3, H: 4, bias: true, h0: true }],
  ['GRU bias, h0, linear_before_reset 1', { cell: 'GRU', S: 3, N: 2, I: 3, H: 4, bias: true, h0: true, attrs: { linear_before_reset: 1 } }],
  ['GRU linear_before_reset 1, no bias, no h0', { cell: 'GRU', S: 2, N: 3, I: 2, H: 3, attrs: { linear_before_reset: 1 } }],
  ['GRU bidirectional, layout 1, clip', { cell: 'GRU', S: 4, N: 2, I: 3, H: 2, bias: true, h0: true, attrs: { direction: 'bidirectional', layout: 1, clip: 0.5 } }],
  ['GRU reverse, lbr 1, HardSigmoid/Softsign', { cell: 'GRU', S: 3, N: 2, I: 2, H: 3, bias: true, h0: true, attrs: { direction: 'reverse', linear_before_reset: 1, activations: 'HardSigmoid,Softsign', activation_alpha: [0.3], activation_beta: [0.4] } }],
  ['LSTM forward, defaults', { cell: 'LSTM', S: 3, N: 2, I: 4, H: 3 }],
  ['LSTM bias, h0, c0, peepholes', { cell: 'LSTM', S: 3, N: 2, I: 3, H: 4, bias: true, h0: true, c0: true, peep: true }],
  ['LSTM bidirectional, layout 1, peepholes, clip', { cell: 'LSTM', S: 4, N: 3, I: 2, H: 3, bias: true, h0: true, c0: true, peep: true, attrs: { direction: 'bidirectional', layout: 1, clip: 0.6 } }],
  ['LSTM reverse, peepholes without initial state', { cell: 'LSTM', S: 3, N: 2, I: 3, H: 2, peep: true, attrs: { direction: 'reverse' } }],
  ['LSTM input_forget, h0 only', { cell: 'LSTM', S: 3, N: 2, I: 2, H: 3, bias: true, h0: true, attrs: { input_forget: 1 } }],
  ['LSTM Elu/Softplus/Relu activations', { cell: 'LSTM', S: 2, N: 2, I: 3, H: 2, bias: true, c0: true, attrs: { activations: 'HardSigmoid,Elu,Softplus', activation_alpha: [0.25, 0.8] } }],
  ['LSTM sizes 1', { cell: 'LSTM', S: 1, N: 1, I: 1, H: 1, bias: true, h0: true, c0: true, peep: true }],
];

describe('recurrent decompositions match the CPU kernels', () => {
  it.each(CASES)('%s', (_, c) => {
    const g = build(c);
    checkDecomposition(g, inputsOf(g, 7));
  });

  it('keeps every kernel within the storage-buffer binding limit on the GPU path (a 20-step output Concat)', () => {
    const g = build({ cell: 'GRU', S: 20, N: 1, I: 2, H: 2, attrs: { direction: 'bidirectional' } });
    checkDecomposition(g, inputsOf(g, 3));
    expect(Math.max(...lowerForGpu(g.clone()).nodes.filter((n) => n.op === 'Concat').map((n) => n.inputs.length))).toBeGreaterThan(MAX_KERNEL_INPUTS + 1);
    for (const fuse of [false, true]) {
      const { program } = compileForWebGpu(g, { fuse });
      expect(Math.max(...program.kernels.map((k) => k.bindings.length))).toBeLessThanOrEqual(MAX_KERNEL_INPUTS + 1);
    }
  });

  it('drops a constant sequence_lens that holds the full length', () => {
    const c: Case = { cell: 'LSTM', S: 3, N: 2, I: 2, H: 2, bias: true };
    const g = build(c);
    const n = g.nodes[0];
    const lens = g.addConstant(tensor('i32', [2], [3, 3]), 'lens');
    g.nodes[0] = { ...n, inputs: [...n.inputs.slice(0, 4), lens, ...n.inputs.slice(5)] };
    const d = checkDecomposition(g, inputsOf(g, 5));
    expect(d.nodes.some((x) => x.op === 'Less')).toBe(false);
  });
});

/** The CPU kernel run on batch b alone, its sequence cut to len (layout 0 graphs). */
function truncatedReference(c: Case, inputs: Map<string, Tensor>, b: number, len: number): Tensor[] {
  const one: Case = { ...c, S: len, N: 1 };
  const g = build(one);
  const D = c.attrs?.direction === 'bidirectional' ? 2 : 1;
  const take = (t: Tensor, outer: number, inner: number, n: number, keep: (o: number) => boolean) => {
    const out: number[] = [];
    for (let o = 0; o < outer; o++) if (keep(o)) for (let k = 0; k < inner; k++) out.push(t.data[(o * n + b) * inner + k]);
    return out;
  };
  const m = new Map(inputs);
  const X = inputs.get('X')!;
  m.set('X', tensor('f32', [len, 1, c.I], take(X, c.S, c.I, c.N, (t) => t < len)));
  for (const s of ['h0', 'c0']) if (inputs.has(s)) m.set(s, tensor('f32', [D, 1, c.H], take(inputs.get(s)!, D, c.H, c.N, () => true)));
  m.delete('lens');
  return interpret(g, m);
}

describe('sequence_lens shorter than the sequence (masked steps)', () => {
  const cases: [string, Case][] = [
    ['RNN bidirectional', { cell: 'RNN', S: 4, N: 3, I: 2, H: 3, bias: true, h0: true, attrs: { direction: 'bidirectional' } }],
    ['GRU reverse', { cell: 'GRU', S: 4, N: 3, I: 2, H: 2, bias: true, attrs: { direction: 'reverse' } }],
    ['LSTM bidirectional with states', { cell: 'LSTM', S: 4, N: 3, I: 2, H: 2, bias: true, h0: true, c0: true, peep: true, attrs: { direction: 'bidirectional' } }],
  ];
  it.each(cases)('%s', (_, c) => {
    const lens = [4, 2, 1];
    const g = build(c, true);
    const inputs = inputsOf(g, 11);
    inputs.set('lens', tensor('i32', [c.N], lens));
    const d = g.clone();
    decompose(d);
    verify(d);
    const [Y, ...states] = interpret(d, inputs);
    const D = c.attrs?.direction === 'bidirectional' ? 2 : 1;
    lens.forEach((len, b) => {
      const [Yb, ...statesB] = truncatedReference(c, inputs, b, len);
      // Y[t, dir, b, :] equals the truncated run for t < len and 0 after.
      for (let t = 0; t < c.S; t++) for (let dir = 0; dir < D; dir++) for (let j = 0; j < c.H; j++) {
        const got = Y.data[((t * D + dir) * c.N + b) * c.H + j];
        const want = t < len ? Yb.data[(t * D + dir) * c.H + j] : 0;
        expect(Math.abs(got - want), `Y[${t},${dir},${b},${j}]`).toBeLessThan(1e-5);
      }
      states.forEach((s, k) => {
        for (let dir = 0; dir < D; dir++) for (let j = 0; j < c.H; j++) {
          expect(Math.abs(s.data[(dir * c.N + b) * c.H + j] - statesB[k].data[dir * c.H + j]), `state ${k}[${dir},${b},${j}]`).toBeLessThan(1e-5);
        }
      });
    });
  });
});

describe('recurrent decompositions on WebGPU', () => {
  let gpu: GpuContext | undefined;
  beforeAll(async () => {
    gpu = await webgpuOrSkip();
  });
  const gpuCases: [string, Case][] = [
    ['RNN bidirectional, layout 1', CASES[2][1]],
    ['GRU linear_before_reset 0', CASES[8][1]],
    ['GRU linear_before_reset 1', CASES[9][1]],
    ['LSTM bidirectional, peepholes, clip', CASES[15][1]],
    ['LSTM input_forget', CASES[17][1]],
  ];
  const GPU_TIMEOUT = 300_000; // lavapipe compiles a few dozen pipelines per case; slow on a loaded machine
  it.each(gpuCases)('%s', async (_, c) => {
    if (!gpu) return;
    const g = build(c);
    await expectGpuMatchesCpu(gpu, g, inputsOf(g, 13));
  }, GPU_TIMEOUT);

  it('GRU with a run-time sequence_lens (masked steps)', async () => {
    if (!gpu) return;
    const g = build({ cell: 'GRU', S: 3, N: 3, I: 2, H: 2, bias: true, h0: true, attrs: { direction: 'bidirectional' } }, true);
    const inputs = inputsOf(g, 17);
    inputs.set('lens', tensor('i32', [3], [3, 1, 2]));
    // The CPU kernel rejects short sequences: compare with the decomposed graph on the CPU.
    const d = g.clone();
    decompose(d);
    await expectGpuMatchesCpu(gpu, d, inputs);
  }, GPU_TIMEOUT);
});

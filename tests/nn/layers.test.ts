// nn layers: PyTorch state-dict names and shapes, traced IR ops and attributes, and values against naive
// references (recurrent cells from PyTorch's formulas, attention, losses by hand).
import { describe, expect, it } from 'vitest';
import {
  AvgPool2d, BatchNorm1d, BCELoss, BCEWithLogitsLoss, Conv2d, ConvTranspose2d, CrossEntropyLoss, Dropout, Flatten, GELU, GRU, HingeLoss,
  L1Loss, LayerNorm, Linear, LSTM, manualSeed, MaxPool2d, Module, MSELoss, MultiheadAttention, NLLLoss, ReLU, RNN, Sequential, Softmax,
  SymTensor, trace, TransformerEncoder, TransformerEncoderLayer, withForward,
} from '../../compiler/nn/index.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { run } from './harness.ts';
import { type CellWeights, nest, refRecurrent } from './reference.ts';

const f32 = (shape: number[]) => ({ dtype: 'f32' as const, shape });

function randn(shape: number[], seed: number): Tensor {
  let s = seed;
  const t = tensor('f32', shape);
  for (let i = 0; i < t.data.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    t.data[i] = (s / 2147483648) * 2 - 1;
  }
  return t;
}

const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i]), `index ${i}: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(tol + 1e-4 * Math.abs(want[i]));
};

describe('state dict names follow PyTorch', () => {
  it('Sequential, Linear, Conv2d, BatchNorm', () => {
    const m = new Sequential(new Conv2d(3, 8, 3), new BatchNorm1d(8), new ReLU(), new Flatten(), new Linear(8, 2, { bias: false }));
    expect([...m.stateDict().keys()]).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked', '4.weight']);
    expect(m.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '4.weight']);
    expect(m.stateDict().get('0.weight')!.shape).toEqual([8, 3, 3, 3]);
  });

  it('LSTM / GRU with layers and directions', () => {
    const lstm = new LSTM(4, 5, { numLayers: 2, bidirectional: true });
    const names = [...lstm.stateDict().keys()];
    expect(names.slice(0, 8)).toEqual([
      'weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0',
      'weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse',
    ]);
    expect(lstm.stateDict().get('weight_ih_l1')!.shape).toEqual([20, 10]);
    expect(new GRU(3, 6, { bias: false }).stateDict().get('weight_hh_l0')!.shape).toEqual([18, 6]);
  });

  it('MultiheadAttention and TransformerEncoder', () => {
    const enc = new TransformerEncoder(() => new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }), 2, { norm: new LayerNorm(8) });
    const names = [...enc.stateDict().keys()];
    expect(names.slice(0, 6)).toEqual([
      'layers.0.self_attn.in_proj_weight', 'layers.0.self_attn.in_proj_bias', 'layers.0.self_attn.out_proj.weight',
      'layers.0.self_attn.out_proj.bias', 'layers.0.linear1.weight', 'layers.0.linear1.bias',
    ]);
    expect(names).toContain('layers.1.norm2.bias');
    expect(names.at(-1)).toBe('norm.bias');
  });
});

describe('trace', () => {
  it('adds ONNX-named ops with PyTorch defaults and named params', () => {
    const m = new Sequential(new Conv2d(1, 4, 3, { stride: 2, padding: 1 }), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(16, 3));
    const g = trace(m, { x: f32([2, 1, 8, 8]) });
    expect(g.nodes.map((n) => n.op)).toEqual(['Conv', 'Relu', 'MaxPool', 'Reshape', 'Gemm']);
    const conv = g.nodes[0];
    expect(conv.attrs).toMatchObject({ strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1], group: 1 });
    expect(g.nodes[2].attrs).toMatchObject({ kernel_shape: [2, 2], strides: [2, 2] });
    expect(g.nodes[4].attrs).toMatchObject({ transB: 1 });
    expect(conv.name.startsWith('0/')).toBe(true);
    expect([...g.params.keys()]).toEqual(['0.weight', '0.bias', '4.weight', '4.bias']);
    expect(g.outputs[0].type.shape).toEqual([2, 3]);
  });

  it('reports shape errors of the IR with node context, and misuse outside a trace', () => {
    const m = new Linear(4, 2);
    expect(() => trace(m, { x: f32([3, 5]) })).toThrowError(/\[SHAPE\].*Gemm/);
    expect(() => m.call(undefined as unknown as SymTensor)).toThrowError(/inside trace/);
    expect(() => trace(new Conv2d(1, 2, 3), { x: f32([1, 8, 8]) })).toThrowError(/expects a 4-D input/);
  });

  it('rejects parameters outside the module tree and nested traces', () => {
    const stray = new Linear(2, 2);
    const m = withForward(new Linear(2, 2), (x: SymTensor) => stray.call(x));
    expect(() => trace(m, { x: f32([1, 2]) })).toThrowError(/not registered in the traced module tree/);
    const nested = withForward(new Linear(2, 2), (x: SymTensor) => (trace(new Linear(2, 2), { y: f32([1, 2]) }), x));
    expect(() => trace(nested, { x: f32([1, 2]) })).toThrowError(/cannot be nested/);
  });

  it('withForward keeps the inner names; outputs follow the returned record order', () => {
    const lin = new Linear(2, 3);
    const g = trace(withForward(lin, (x: SymTensor) => ({ a: lin.call(x).relu(), b: x })), { x: f32([4, 2]) });
    expect([...g.params.keys()]).toEqual(['weight', 'bias']);
    expect(g.outputs.map((v) => v.type.shape)).toEqual([[4, 3], [4, 2]]);
    expect(g.outputs[1]).toBe(g.inputs[0]);
  });

  it('Dropout is the identity at inference and a seeded mask in a training trace', () => {
    const m = new Sequential(new Linear(3, 3), new Dropout(0.5));
    expect(trace(m, { x: f32([2, 3]) }).nodes.map((n) => n.op)).toEqual(['Gemm']);
    expect(trace(m, { x: f32([2, 3]) }, { training: true }).nodes.map((n) => n.op)).toEqual(['Gemm', 'DropoutMask', 'Mul']);
    expect(m.training).toBe(false);
  });

  it('Linear on 3-D input uses MatMul with the transposed weight', () => {
    const lin = new Linear(3, 2);
    const x = randn([2, 4, 3], 5);
    const [y] = run(lin, new Map([['x', x]]));
    const w = lin.weight.data.data, b = lin.bias!.data.data;
    const want = new Float32Array(16);
    for (let r = 0; r < 8; r++) for (let o = 0; o < 2; o++) {
      let s = b[o];
      for (let k = 0; k < 3; k++) s += x.data[r * 3 + k] * w[o * 3 + k];
      want[r * 2 + o] = s;
    }
    expect(y.shape).toEqual([2, 4, 2]);
    close(y.data, want);
  });
});

describe('recurrent layers match PyTorch formulas', () => {
  const weightsOf = (m: Module, layers: number, dirs: number, bias = true): CellWeights[][] => {
    const sd = m.stateDict();
    return Array.from({ length: layers }, (_, l) => Array.from({ length: dirs }, (_, d) => {
      const s = `_l${l}${d ? '_reverse' : ''}`;
      return { wih: sd.get(`weight_ih${s}`)!, whh: sd.get(`weight_hh${s}`)!, bih: bias ? sd.get(`bias_ih${s}`) : undefined, bhh: bias ? sd.get(`bias_hh${s}`) : undefined };
    }));
  };

  const cases = [
    { name: 'LSTM 2 layers', make: () => new LSTM(3, 4, { numLayers: 2 }), cell: 'LSTM', L: 2, D: 1 },
    { name: 'GRU 2 layers', make: () => new GRU(3, 4, { numLayers: 2 }), cell: 'GRU', L: 2, D: 1 },
    { name: 'GRU bidirectional', make: () => new GRU(3, 4, { bidirectional: true }), cell: 'GRU', L: 1, D: 2 },
    { name: 'LSTM bidirectional 2 layers, no bias', make: () => new LSTM(3, 4, { bidirectional: true, numLayers: 2, bias: false }), cell: 'LSTM', L: 2, D: 2, bias: false },
    { name: 'RNN relu bidirectional', make: () => new RNN(3, 4, { nonlinearity: 'relu', bidirectional: true }), cell: 'RNN', L: 1, D: 2, relu: true },
  ] as const;

  for (const c of cases) {
    it(c.name, () => {
      manualSeed(7);
      const m = c.make();
      const x = randn([5, 2, 3], 11);
      const outs = run(withForward(m, (t: SymTensor) => (m.call as (a: SymTensor) => unknown).call(m, t)), new Map([['x', x]]));
      const ref = refRecurrent(c.cell, nest(x), weightsOf(m, c.L, c.D, !('bias' in c)), 4, 'relu' in c);
      expect(outs[0].shape).toEqual([5, 2, 4 * c.D]);
      close(outs[0].data, ref.out.flat(2));
      expect(outs[1].shape).toEqual([c.L * c.D, 2, 4]);
      close(outs[1].data, ref.hn.flat(2));
      if (c.cell === 'LSTM') close(outs[2].data, ref.cn.flat(2));
    });
  }

  it('batchFirst and an initial state', () => {
    manualSeed(3);
    const gru = new GRU(2, 3, { batchFirst: true });
    const x = randn([2, 4, 2], 9), h0 = randn([1, 2, 3], 4);
    const [y] = run(withForward(gru, (t: SymTensor, h: SymTensor) => gru.call(t, h)[0]), new Map([['x', x], ['h0', h0]]));
    expect(y.shape).toEqual([2, 4, 3]);
    const sd = gru.stateDict(), xs = nest(x);
    const w = { wih: sd.get('weight_ih_l0')!, whh: sd.get('weight_hh_l0')!, bih: sd.get('bias_ih_l0'), bhh: sd.get('bias_hh_l0') };
    const seqFirst = Array.from({ length: 4 }, (_, t) => [xs[0][t], xs[1][t]]);
    const ref = refRecurrent('GRU', seqFirst, [[w]], 3, false, nest(h0));
    close(y.data, [0, 1].flatMap((n) => ref.out.flatMap((row) => row[n])));
  });

  it('rejects a wrong input size', () => {
    expect(() => trace(new LSTM(3, 4), { x: f32([5, 2, 6]) })).toThrowError(/expects a 3-D input.*3 features/);
  });
});

describe('attention', () => {
  /** Naive multi-head attention for one batch-first input (PyTorch formulas), optional additive mask [L, S]. */
  function naiveMha(m: MultiheadAttention, x: Tensor, mask?: number[][]): number[] {
    const [N, L, E] = x.shape, h = m.numHeads, d = E / h;
    const W = m.inProjWeight.data.data, B = m.inProjBias!.data.data, O = m.outProj.weight.data.data, Ob = m.outProj.bias!.data.data;
    const proj = (n: number, t: number, k: number) => Array.from({ length: E }, (_, o) => {
      let s = B[k * E + o];
      for (let i = 0; i < E; i++) s += W[(k * E + o) * E + i] * x.data[(n * L + t) * E + i];
      return s;
    });
    const out: number[] = [];
    for (let n = 0; n < N; n++) {
      const q = Array.from({ length: L }, (_, t) => proj(n, t, 0)), k = Array.from({ length: L }, (_, t) => proj(n, t, 1)), v = Array.from({ length: L }, (_, t) => proj(n, t, 2));
      for (let t = 0; t < L; t++) {
        const ctx = new Array<number>(E).fill(0);
        for (let hd = 0; hd < h; hd++) {
          const sc = Array.from({ length: L }, (_, s) => {
            let a = 0;
            for (let j = 0; j < d; j++) a += q[t][hd * d + j] * k[s][hd * d + j];
            return a / Math.sqrt(d) + (mask ? mask[t][s] : 0);
          });
          const mx = Math.max(...sc), ex = sc.map((a) => Math.exp(a - mx)), z = ex.reduce((a, b) => a + b, 0);
          for (let s = 0; s < L; s++) for (let j = 0; j < d; j++) ctx[hd * d + j] += (ex[s] / z) * v[s][hd * d + j];
        }
        for (let o = 0; o < E; o++) {
          let s = Ob[o];
          for (let i = 0; i < E; i++) s += O[o * E + i] * ctx[i];
          out.push(s);
        }
      }
    }
    return out;
  }

  it('MultiheadAttention (batchFirst) with a causal bool mask matches the naive formula', () => {
    manualSeed(5);
    const m = new MultiheadAttention(8, 2, { batchFirst: true });
    m.inProjBias!.data = randn([24], 3);
    const x = randn([2, 3, 8], 21);
    const causal = tensor('bool', [3, 3], [0, 1, 1, 0, 0, 1, 0, 0, 0]);
    const net = withForward(m, (t: SymTensor, mask: SymTensor) => m.call(t, t, t, { attnMask: mask }));
    const [y, w] = run(net, new Map<string, Tensor>([['x', x], ['mask', causal]]));
    close(y.data, naiveMha(m, x, [[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]));
    expect(w.shape).toEqual([2, 3, 3]);
    expect(w.data[1]).toBe(0);
  });

  it('seq-first layout gives the transposed result', () => {
    manualSeed(6);
    const m = new MultiheadAttention(4, 1);
    const x = randn([3, 2, 4], 8); // [L, N, E]
    const [y] = run(withForward(m, (t: SymTensor) => m.call(t, t, t)[0]), new Map([['x', x]]));
    const xb = tensor('f32', [2, 3, 4]);
    for (let l = 0; l < 3; l++) for (let n = 0; n < 2; n++) for (let e = 0; e < 4; e++) xb.data[(n * 3 + l) * 4 + e] = x.data[(l * 2 + n) * 4 + e];
    const want = naiveMha(m, xb);
    const got: number[] = [];
    for (let n = 0; n < 2; n++) for (let l = 0; l < 3; l++) for (let e = 0; e < 4; e++) got.push(y.data[(l * 2 + n) * 4 + e]);
    close(got, want);
  });

  it('TransformerEncoderLayer normFirst traces pre-LN', () => {
    const g = trace(new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, normFirst: true, batchFirst: true, dropout: 0 }), { x: f32([1, 4, 8]) });
    expect(g.nodes[0].op).toBe('LayerNormalization');
    expect(g.outputs[0].type.shape).toEqual([1, 4, 8]);
  });
});

describe('losses', () => {
  const lossOf = (loss: Module & { forward(a: SymTensor, b: SymTensor): SymTensor }, f: Tensor, t: Tensor) => run(loss, new Map([['f', f], ['t', t]]))[0].data[0];
  const f = tensor('f32', [2, 2], [0.2, -1.5, 3, 0.5]);
  const t = tensor('f32', [2, 2], [1, -1, -1, 1]);

  it('MSE, L1, Hinge, with mean and sum', () => {
    expect(lossOf(new MSELoss(), f, t)).toBeCloseTo((0.64 + 0.25 + 16 + 0.25) / 4, 5);
    expect(lossOf(new L1Loss({ reduction: 'sum' }), f, t)).toBeCloseTo(0.8 + 0.5 + 4 + 0.5, 5);
    expect(lossOf(new HingeLoss(), f, t)).toBeCloseTo((0.8 + 0 + 4 + 0.5) / 4, 5);
  });

  it('BCE (log clamped at -100) and BCE with logits', () => {
    const p = tensor('f32', [3], [0.9, 0, 0.25]), y = tensor('f32', [3], [1, 1, 0]);
    expect(lossOf(new BCELoss(), p, y)).toBeCloseTo((-Math.log(0.9) + 100 - Math.log(0.75)) / 3, 4);
    const z = tensor('f32', [2], [2, -1]), yz = tensor('f32', [2], [1, 0]);
    const want = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-1))) / 2;
    expect(lossOf(new BCEWithLogitsLoss(), z, yz)).toBeCloseTo(want, 5);
  });

  it('CrossEntropy and NLL with class indices, and CrossEntropy with probabilities', () => {
    const logits = tensor('f32', [2, 3], [1, 2, 3, 0, 0, 0]);
    const idx = tensor('i32', [2], [2, 0]);
    const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    expect(lossOf(new CrossEntropyLoss(), logits, idx)).toBeCloseTo(((lse - 3) + Math.log(3)) / 2, 5);
    expect(lossOf(new NLLLoss({ reduction: 'sum' }), logits, idx)).toBeCloseTo(-3, 5);
    const probs = tensor('f32', [2, 3], [0, 0, 1, 1, 0, 0]);
    expect(lossOf(new CrossEntropyLoss(), logits, probs)).toBeCloseTo(((lse - 3) + Math.log(3)) / 2, 5);
  });

  it('rejects mismatched shapes', () => {
    expect(() => trace(new MSELoss(), { f: f32([2, 2]), t: f32([2]) })).toThrowError(/MSELoss.*\[2,2\].*\[2\]/);
  });
});

describe('other layers', () => {
  it('AvgPool2d counts padding by default (PyTorch), GELU tanh, Softmax dim', () => {
    const x = tensor('f32', [1, 1, 2, 2], [1, 2, 3, 4]);
    const [y] = run(new AvgPool2d(2, { stride: 2, padding: 1 }), new Map([['x', x]]));
    close(y.data, [0.25, 0.5, 0.75, 1]);
    const [z] = run(new AvgPool2d(2, { stride: 2, padding: 1, countIncludePad: false }), new Map([['x', x]]));
    close(z.data, [1, 2, 3, 4]);
    const g = trace(new Sequential(new GELU({ approximate: 'tanh' }), new Softmax(1)), { x: f32([2, 3]) });
    expect(g.nodes.map((n) => [n.op, n.attrs.approximate ?? n.attrs.axis])).toEqual([['Gelu', 'tanh'], ['Softmax', 1]]);
  });

  it('ConvTranspose2d output size and padding "same" conv', () => {
    const g = trace(new ConvTranspose2d(4, 2, 4, { stride: 2, padding: 1, outputPadding: 1 }), { x: f32([1, 4, 5, 5]) });
    expect(g.outputs[0].type.shape).toEqual([1, 2, 11, 11]);
    const c = trace(new Conv2d(2, 3, [3, 4], { padding: 'same', dilation: 2 }), { x: f32([1, 2, 7, 7]) });
    expect(c.outputs[0].type.shape).toEqual([1, 3, 7, 7]);
    expect(c.nodes[0].attrs.pads).toEqual([2, 3, 2, 3]);
  });

  it('BatchNorm1d in eval uses running stats: (x - mean) / sqrt(var + eps) * w + b', () => {
    const bn = new BatchNorm1d(2, { eps: 0 });
    bn.runningMean.data = tensor('f32', [2], [1, -1]);
    bn.runningVar.data = tensor('f32', [2], [4, 0.25]);
    bn.weight!.data = tensor('f32', [2], [2, 1]);
    bn.bias!.data = tensor('f32', [2], [0, 1]);
    const [y] = run(bn, new Map([['x', tensor('f32', [1, 2], [3, 0])]]));
    close(y.data, [2, 3]);
  });

  it('parameters are snapshots in graph.params; unused buffers stay out of the graph', () => {
    const bn = new BatchNorm1d(3);
    const g = trace(bn, { x: f32([4, 3]) });
    expect([...g.params.keys()].sort()).toEqual(['bias', 'running_mean', 'running_var', 'weight']);
    const out = interpret(g, new Map([['x', tensor('f32', [4, 3])]]));
    expect(out[0].shape).toEqual([4, 3]);
  });

  it('errors are KilnErrors', () => {
    expect(() => new MultiheadAttention(10, 3)).toThrow(KilnError);
    expect(() => new Conv2d(3, 4, 3, { groups: 2 })).toThrowError(/divisible by groups/);
  });
});

// The signal converters (compiler/onnx/ops/signal.ts) against values written from the ONNX definitions:
// windows and a mel filterbank worked out by hand, DFT and STFT against the textbook sum
// X[k] = sum_n x[n] e^(-2 pi i k n / L) evaluated per line here; and the refusals, each a KilnError naming
// the node and op.
import { describe, expect, it } from 'vitest';
import { Graph, type Value } from '../../ir/graph.ts';
import { numel, stridesOf } from '../../ir/shape.ts';
import { type Tensor, tensor } from '../../ir/tensor.ts';
import { ImportContext, type OnnxAttr } from '../../compiler/onnx/context.ts';
import { CONVERTERS } from '../../compiler/onnx/ops/index.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { uniform } from '../autodiff/gradcheck.ts';

/** Runs one converter; inputs listed in `runtime` are graph inputs x<i>, the others constants, undefined absent. */
function convert(opType: string, ins: (Tensor | undefined)[], attrs: Record<string, OnnxAttr> = {}, runtime = [0], opset = 17): Tensor {
  const g = new Graph();
  const ctx = new ImportContext(g, opset, 'n');
  const vs = ins.map((t, i) => (t === undefined ? undefined : runtime.includes(i) ? g.addInput(`x${i}`, t) : g.addConstant(t, `c${i}`)));
  g.outputs = CONVERTERS[opType](ctx, { name: 'n', opType, inputs: vs, attrs, outputCount: 1 }) as Value[];
  const feeds = new Map(runtime.filter((i) => ins[i]).map((i) => [`x${i}`, ins[i]!]));
  return interpret(g, feeds)[0];
}

const i32 = (v: number): Tensor => tensor('i32', [], [v]);
const f32 = (v: number): Tensor => tensor('f32', [], [v]);
const signal = (shape: number[], seed = 1): Tensor => tensor('f32', shape, uniform(numel(shape), seed));

function expectClose(got: Tensor, shape: readonly number[], want: ArrayLike<number>, digits = 4): void {
  expect(got.shape).toEqual(shape);
  expect(got.data.length).toBe(want.length);
  Array.from(got.data).forEach((v, i) => expect(v, `element ${i}`).toBeCloseTo(want[i], digits));
}

const coords = (p: number, shape: readonly number[]): number[] => stridesOf(shape).map((s, d) => Math.floor(p / s) % shape[d]);

/**
 * The DFT by its definition along `axis` of x [..., C] (C = 1 real, 2 complex): X[k] = scale *
 * sum_{n < min(N, L)} x[n] e^(sign 2 pi i k n / L), sign - and scale 1 forward, + and 1 / L inverse.
 */
function refDft(x: Tensor, axis: number, length: number, onesided = false, inverse = false): { shape: number[]; data: number[] } {
  const s = x.shape, r = s.length, channels = s[r - 1], st = stridesOf(s);
  const bins = onesided ? Math.floor(length / 2) + 1 : length;
  const shape = s.map((d, i) => (i === axis ? bins : i === r - 1 ? 2 : d));
  const ost = stridesOf(shape);
  const data = new Array<number>(numel(shape)).fill(0);
  for (let p = 0; p < numel(s); p++) {
    const c = coords(p, s);
    if (c[axis] !== 0 || c[r - 1] !== 0) continue;
    for (let k = 0; k < bins; k++) {
      let re = 0, im = 0;
      for (let n = 0; n < Math.min(s[axis], length); n++) {
        const at = p + n * st[axis], xr = x.data[at], xi = channels === 2 ? x.data[at + 1] : 0;
        const t = ((inverse ? 2 : -2) * Math.PI * k * n) / length;
        re += xr * Math.cos(t) - xi * Math.sin(t);
        im += xr * Math.sin(t) + xi * Math.cos(t);
      }
      const o = c.reduce((a, v, d) => a + (d === axis ? k : v) * ost[d], 0);
      data[o] = inverse ? re / length : re;
      data[o + 1] = inverse ? im / length : im;
    }
  }
  return { shape, data };
}

describe('window converters', () => {
  const win = (op: string, size: number, attrs: Record<string, OnnxAttr> = {}) => convert(op, [i32(size)], attrs, []);
  const a0 = 25 / 46, a1 = 21 / 46;

  it('periodic windows (the default) divide by the size', () => {
    expectClose(win('HannWindow', 4), [4], [0, 0.5, 1, 0.5]);
    expectClose(win('HammingWindow', 4), [4], [a0 - a1, a0, 1, a0]);
    expectClose(win('BlackmanWindow', 4), [4], [0, 0.34, 1, 0.34]);
  });

  it('symmetric windows divide by size - 1 and end where they start', () => {
    expectClose(win('HannWindow', 5, { periodic: 0 }), [5], [0, 0.5, 1, 0.5, 0]);
    expectClose(win('HammingWindow', 3, { periodic: 0 }), [3], [a0 - a1, 1, a0 - a1]);
    expectClose(win('BlackmanWindow', 3, { periodic: 0 }), [3], [0, 1, 0]);
    expectClose(win('HannWindow', 1, { periodic: 0 }), [1], [1]);
  });

  it('makes the float dtype output_datatype names, as a constant', () => {
    expect(win('HannWindow', 4, { output_datatype: 10 }).dtype).toBe('f16');
    const g = new Graph();
    const ctx = new ImportContext(g, 17, 'w');
    const [y] = CONVERTERS.HannWindow(ctx, { name: 'w', opType: 'HannWindow', inputs: [g.addConstant(i32(8), 's')], attrs: {}, outputCount: 1 }) as Value[];
    expect(g.constants.has(y)).toBe(true);
    expect(g.nodes).toEqual([]);
  });

  it('refuses an integer output_datatype, a negative or non-scalar size, and a size only known at run time', () => {
    expect(() => win('HannWindow', 4, { output_datatype: 6 })).toThrowError(/\[ONNX_UNSUPPORTED\] output_datatype INT32.*float types.*op HannWindow, node 'n'/);
    expect(() => win('HammingWindow', -1)).toThrowError(/\[ONNX_INVALID\] size \(input 0\) must be an integer >= 0, got -1.*op HammingWindow/);
    expect(() => convert('BlackmanWindow', [tensor('i32', [2], [3, 4])], {}, [])).toThrowError(/size \(input 0\) must be a scalar, got shape \[2\]/);
    expect(() => convert('HannWindow', [i32(4)])).toThrowError(/\[STATIC_INPUT\] size \(input 0\).*graph input 'x0'.*op HannWindow, node 'n'/);
  });
});

describe('MelWeightMatrix converter', () => {
  const mel = (bins: number, dft: number, rate: number, lo: number, hi: number, attrs: Record<string, OnnxAttr> = {}) =>
    convert('MelWeightMatrix', [i32(bins), i32(dft), i32(rate), f32(lo), f32(hi)], attrs, []);

  it('one triangle, worked out by hand', () => {
    // mel(8 Hz) = 12.81; edges every 12.81 / 3 mel: 0, 2.66, 5.33 Hz, at bins floor(17 * hz / 16) = 0, 2, 5.
    expectClose(mel(1, 16, 16, 0, 8), [9, 1], [0, 0.5, 1, 2 / 3, 1 / 3, 0, 0, 0, 0]);
  });

  it('filters whose rising edge is empty peak at their centre bin', () => {
    // mel(4000 Hz) = 2146; edges every 536.5 mel: 0, 427, 1114, 2150 Hz, at bins floor(9 * hz / 8000) = 0, 0, 1, 2.
    expectClose(mel(2, 8, 8000, 0, 4000), [5, 2], [1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('refuses reversed edges, a zero bin count and run-time sizes', () => {
    expect(() => mel(4, 16, 8000, 3000, 1000)).toThrowError(/\[ONNX_INVALID\] needs 0 <= lower_edge_hertz < upper_edge_hertz.*op MelWeightMatrix/);
    expect(() => mel(4, 16, 8000, 0, 5000)).toThrowError(/upper_edge_hertz <= sample_rate \/ 2/);
    expect(() => mel(0, 16, 8000, 0, 4000)).toThrowError(/num_mel_bins \(input 0\) must be an integer >= 1/);
    expect(() => convert('MelWeightMatrix', [i32(4), i32(16), i32(8000), f32(0), f32(4000)], {}, [1])).toThrowError(/\[STATIC_INPUT\] dft_length.*graph input 'x1'/);
  });
});

describe('DFT converter', () => {
  it('the reference is the DFT: [1, 2, 3, 4] -> [10, -2+2i, -2, -2-2i]', () => {
    const got = refDft(tensor('f32', [4, 1], [1, 2, 3, 4]), 0, 4).data;
    [10, 0, -2, 2, -2, 0, -2, -2].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 10));
  });

  it('real input along the default axis 1, full and onesided', () => {
    const x = signal([2, 6, 3, 1]);
    for (const onesided of [0, 1]) {
      const want = refDft(x, 1, 6, onesided === 1);
      expectClose(convert('DFT', [x], { onesided }), want.shape, want.data);
    }
  });

  it('complex input along a middle axis (transposed around the MatMul), forward and inverse', () => {
    const x = signal([3, 5, 4, 2], 2);
    for (const inverse of [0, 1]) {
      const want = refDft(x, 1, 5, false, inverse === 1);
      expectClose(convert('DFT', [x], { axis: 1, inverse }), want.shape, want.data);
    }
    const want = refDft(x, 0, 3);
    expectClose(convert('DFT', [x], { axis: 0 }), want.shape, want.data);
  });

  it('inverse undoes forward', () => {
    const x = signal([2, 7, 2], 3);
    const back = convert('DFT', [convert('DFT', [x], { axis: 1 })], { axis: 1, inverse: 1 });
    expectClose(back, x.shape, x.data);
  });

  it('dft_length cuts the signal or pads it with zeros', () => {
    const x = signal([2, 6, 1], 4);
    for (const length of [4, 9]) {
      const want = refDft(x, 1, length, true);
      expectClose(convert('DFT', [x, i32(length)], { onesided: 1 }), want.shape, want.data);
    }
  });

  it('opset 20 takes the axis as input 2, default -2', () => {
    const x = signal([3, 4, 2], 5);
    const last = refDft(x, 1, 4), first = refDft(x, 0, 3);
    expectClose(convert('DFT', [x], {}, [0], 20), last.shape, last.data);
    expectClose(convert('DFT', [x, undefined, i32(0)], {}, [0], 20), first.shape, first.data);
    expectClose(convert('DFT', [x, undefined, i32(-3)], {}, [0], 20), first.shape, first.data);
    expect(() => convert('DFT', [x], { axis: 1 }, [0], 20)).toThrowError(/from opset 20 DFT takes its axis as input 2/);
  });

  it('refuses the channel axis, a last dim other than 1 or 2, integer signals and a run-time dft_length', () => {
    const x = signal([2, 4, 2]);
    expect(() => convert('DFT', [x], { axis: 2 })).toThrowError(/\[ONNX_INVALID\] axis 2 is outside.*op DFT, node 'n', input shapes \[2,4,2\]/);
    expect(() => convert('DFT', [x], { axis: -1 })).toThrowError(/axis -1 is outside/);
    expect(() => convert('DFT', [signal([2, 4, 3])])).toThrowError(/last dim of 1 \(real\) or 2 \(complex\), got \[2,4,3\]/);
    expect(() => convert('DFT', [tensor('i32', [2, 4, 1])])).toThrowError(/must be a float tensor, got i32/);
    expect(() => convert('DFT', [x, i32(4)], {}, [0, 1])).toThrowError(/\[STATIC_INPUT\] dft_length \(input 1\).*graph input 'x1'.*op DFT/);
    expect(() => convert('DFT', [x, i32(0)])).toThrowError(/dft_length \(input 1\) must be an integer >= 1, got 0/);
  });

  it('refuses a cos/sin matrix past the import fold budget, before building it', () => {
    const g = new Graph();
    const ctx = new ImportContext(g, 17, 'n', { maxFoldElements: 1000 });
    const node = { name: 'n', opType: 'DFT', inputs: [g.addInput('x', { dtype: 'f32' as const, shape: [1, 64, 1] })], attrs: {}, outputCount: 1 };
    expect(() => CONVERTERS.DFT(ctx, node)).toThrowError(/\[LIMIT\] folding at import would make 8192 elements \(\[64,128\]\).*op DFT, node 'n'/);
  });
});

describe('STFT converter', () => {
  /** Frames [B, F, L, C] of x [B, T, C], f * step apart, each times the window. */
  function framed(x: Tensor, step: number, length: number, window?: number[]): Tensor {
    const [b, t, c] = x.shape, frames = Math.floor((t - length) / step) + 1;
    const out = tensor('f32', [b, frames, length, c]);
    for (let i = 0; i < b; i++) for (let f = 0; f < frames; f++) for (let n = 0; n < length; n++) for (let k = 0; k < c; k++) {
      out.data[((i * frames + f) * length + n) * c + k] = x.data[(i * t + f * step + n) * c + k] * (window ? window[n] : 1);
    }
    return out;
  }

  it('frames of frame_length, frame_step apart, onesided by default', () => {
    const x = signal([2, 20, 1], 6);
    const want = refDft(framed(x, 3, 8), 2, 8, true);
    expect(want.shape).toEqual([2, 5, 5, 2]);
    expectClose(convert('STFT', [x, i32(3), undefined, i32(8)]), want.shape, want.data);
  });

  it('a run-time window sets the frame length and weights each frame; complex signals, full spectrum', () => {
    const x = signal([1, 17, 2], 7), w = uniform(6, 8, 0, 1);
    const want = refDft(framed(x, 4, 6, w), 2, 6);
    expectClose(convert('STFT', [x, i32(4), tensor('f32', [6], w)], { onesided: 0 }, [0, 2]), want.shape, want.data);
    const half = refDft(framed(x, 4, 6, w), 2, 6, true);
    expectClose(convert('STFT', [x, i32(4), tensor('f32', [6], w), i32(6)], {}, [0, 2]), half.shape, half.data);
  });

  it('refuses frames longer than the signal, a window that disagrees, no length at all and a run-time frame_step', () => {
    const x = signal([1, 10, 1]);
    expect(() => convert('STFT', [x, i32(2), undefined, i32(11)])).toThrowError(/\[ONNX_INVALID\] frame_length 11 is longer than the signal \(10 samples\).*op STFT, node 'n'/);
    expect(() => convert('STFT', [x, i32(2), signal([4]), i32(5)])).toThrowError(/frame_length 5 differs from the window's length 4/);
    expect(() => convert('STFT', [x, i32(2)])).toThrowError(/needs a window \(input 2\) or a frame_length \(input 3\)/);
    expect(() => convert('STFT', [x, i32(0), undefined, i32(4)])).toThrowError(/frame_step \(input 1\) must be an integer >= 1, got 0/);
    expect(() => convert('STFT', [x, i32(2), undefined, i32(4)], {}, [0, 1])).toThrowError(/\[STATIC_INPUT\] frame_step.*graph input 'x1'.*op STFT/);
    expect(() => convert('STFT', [signal([10, 1]), i32(2), undefined, i32(4)])).toThrowError(/must have rank >= 3/);
  });
});

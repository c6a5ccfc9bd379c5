// ONNX signal-processing ops (opset 17 on), decomposed at import because kiln's sizes are static:
// - HannWindow, HammingWindow, BlackmanWindow and MelWeightMatrix depend only on their size inputs and
//   attributes, so each becomes a constant in the dtype `output_datatype` names;
// - DFT is one MatMul: the signal's (sample, re/im) pairs along the axis, flattened, times a constant
//   [N*C, K*2] matrix of cosines and sines (C = 1 real or 2 complex input channels, K output bins);
// - STFT gathers the frames (constant indices, frame_step apart), multiplies them by the window and takes
//   the DFT of each frame.
// Built from MatMul, Gather, Mul and views, they run on every backend and differentiate with those ops' rules.
import { isFloat, type DType } from '../../../ir/dtype.ts';
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import { fmt, numel } from '../../../ir/shape.ts';
import { type Tensor, tensor } from '../../../ir/tensor.ts';
import { attrOr, fail, type ImportContext, type OnnxConverter, type OnnxNode } from '../context.ts';
import { ONNX_DTYPE_NAMES, onnxElemToDType } from '../tensor.ts';

/** Coefficients a_k of the generalized cosine windows w[n] = sum_k (-1)^k a_k cos(2 pi k n / D). */
const COSINE_WINDOWS: Readonly<Record<string, readonly number[]>> = {
  HannWindow: [0.5, 0.5],
  HammingWindow: [25 / 46, 21 / 46],
  BlackmanWindow: [0.42, 0.5, 0.08],
};

/**
 * A cosine window of `size` samples: D = size when periodic (the window of a size + 1 symmetric one, less
 * its last sample), size - 1 when symmetric. A one-sample window is [1].
 */
export function cosineWindow(coeffs: readonly number[], size: number, periodic: boolean): number[] {
  const d = periodic ? size : size - 1;
  return Array.from({ length: size }, (_, n) =>
    d === 0 ? 1 : coeffs.reduce((w, a, k) => w + (k % 2 ? -a : a) * Math.cos((2 * Math.PI * k * n) / d), 0));
}

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

/**
 * The mel filterbank as ONNX defines it, [floor(dftLength / 2) + 1][melBins]: melBins + 2 edges evenly
 * spaced in mel from mel(lowHz), one mel step of (mel(highHz) - mel(lowHz)) / (melBins + 2) apart, each
 * mapped to the spectrogram bin floor((dftLength + 1) * hz / sampleRate); filter m rises linearly from edge
 * m (0) to edge m + 1 (1) and falls to edge m + 2 (0, excluded). A filter whose rising edge is empty is 1 at
 * its centre.
 */
export function melWeights(melBins: number, dftLength: number, sampleRate: number, lowHz: number, highHz: number): number[][] {
  const lowMel = hzToMel(lowHz), step = (hzToMel(highHz) - lowMel) / (melBins + 2);
  const edges = Array.from({ length: melBins + 2 }, (_, i) => Math.floor(((dftLength + 1) * melToHz(lowMel + i * step)) / sampleRate));
  const rows = Math.floor(dftLength / 2) + 1;
  const w = Array.from({ length: rows }, () => new Array<number>(melBins).fill(0));
  const set = (j: number, m: number, v: number) => { if (j >= 0 && j < rows) w[j][m] = v; };
  for (let m = 0; m < melBins; m++) {
    const [lo, mid, hi] = [edges[m], edges[m + 1], edges[m + 2]];
    if (mid === lo) set(mid, m, 1);
    else for (let j = lo; j <= mid; j++) set(j, m, (j - lo) / (mid - lo));
    for (let j = mid; j < hi; j++) set(j, m, (hi - j) / (hi - mid));
  }
  return w;
}

/**
 * The DFT as a matrix [n * channels, bins * 2]: row (sample i, channel c: re or im) times column (bin k,
 * part d: re or im) is the weight of x_c[i] in X_d[k] = sum_i x[i] e^(-+2 pi j k i / length), the sign +
 * and a 1 / length scale for the inverse. Samples past `length` must be cut before; fewer are zero-padded.
 */
export function dftMatrix(n: number, channels: number, length: number, bins: number, inverse: boolean): number[] {
  const s = inverse ? 1 : -1, scale = inverse ? 1 / length : 1;
  const m = new Array<number>(n * channels * bins * 2).fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < bins; k++) {
      const theta = (2 * Math.PI * ((i * k) % length)) / length;
      const cos = scale * Math.cos(theta), sin = scale * s * Math.sin(theta);
      const at = (c: number, d: number) => (i * channels + c) * bins * 2 + k * 2 + d;
      m[at(0, 0)] = cos; // re from re
      m[at(0, 1)] = sin; // im from re
      if (channels === 2) {
        m[at(1, 0)] = -sin; // re from im
        m[at(1, 1)] = cos; // im from im
      }
    }
  }
  return m;
}

/** A scalar size or parameter input, static (bound or constant). */
function staticScalar(ctx: ImportContext, n: OnnxNode, i: number, what: string): number {
  const t = ctx.requireStatic(n, i, what);
  if (numel(t.shape) !== 1) fail(n, `${what} (input ${i}) must be a scalar, got shape ${fmt(t.shape)}`);
  return t.data[0];
}

function staticSize(ctx: ImportContext, n: OnnxNode, i: number, what: string, min: number): number {
  const v = staticScalar(ctx, n, i, what);
  if (!Number.isInteger(v) || v < min) fail(n, `${what} (input ${i}) must be an integer >= ${min}, got ${v}`);
  return v;
}

/** The float dtype `output_datatype` names (default 1, float). */
function outputDType(n: OnnxNode): DType {
  const code = attrOr<number>(n, 'output_datatype', 1);
  const d = onnxElemToDType(code);
  if (!d || !isFloat(d)) {
    throw new KilnError('ONNX_UNSUPPORTED', `output_datatype ${ONNX_DTYPE_NAMES[code] ?? code} is not supported: kiln makes ${n.opType} in float types only`, { node: n.name, op: n.opType });
  }
  return d;
}

function constantOf(ctx: ImportContext, n: OnnxNode, dtype: DType, shape: number[], values: () => ArrayLike<number>, hint: string): Value {
  ctx.reserve(n.opType, [shape]);
  return ctx.constant(tensor(dtype, shape, values()), hint);
}

const windowOp = (coeffs: readonly number[]): OnnxConverter => (ctx, n) => {
  const size = staticSize(ctx, n, 0, 'size', 0);
  const periodic = attrOr<number>(n, 'periodic', 1) !== 0;
  return [constantOf(ctx, n, outputDType(n), [size], () => cosineWindow(coeffs, size, periodic), 'window')];
};

const melWeightMatrix: OnnxConverter = (ctx, n) => {
  const bins = staticSize(ctx, n, 0, 'num_mel_bins', 1);
  const dftLength = staticSize(ctx, n, 1, 'dft_length', 1);
  const rate = staticSize(ctx, n, 2, 'sample_rate', 1);
  const lo = staticScalar(ctx, n, 3, 'lower_edge_hertz'), hi = staticScalar(ctx, n, 4, 'upper_edge_hertz');
  if (!(lo >= 0 && lo < hi && hi <= rate / 2)) fail(n, `needs 0 <= lower_edge_hertz < upper_edge_hertz <= sample_rate / 2, got ${lo}, ${hi} at sample_rate ${rate}`);
  const shape = [Math.floor(dftLength / 2) + 1, bins];
  return [constantOf(ctx, n, outputDType(n), shape, () => melWeights(bins, dftLength, rate, lo, hi).flat(), 'mel')];
};

/** A float signal whose last dim holds 1 (real) or 2 (re, im) channels, of rank >= minRank. */
function checkSignal(n: OnnxNode, x: Value, minRank: number): void {
  const s = x.type.shape;
  if (!isFloat(x.type.dtype)) fail(n, `the signal must be a float tensor, got ${x.type.dtype}`);
  if (s.length < minRank || (s[s.length - 1] !== 1 && s[s.length - 1] !== 2)) {
    fail(n, `the signal must have rank >= ${minRank} and a last dim of 1 (real) or 2 (complex), got ${fmt(s)}`);
  }
}

/** The permutation moving `axis` to rank - 2 (just before the channel dim), others in order. */
const axisToEnd = (rank: number, axis: number): number[] =>
  [...[...Array(rank - 1).keys()].filter((d) => d !== axis), axis, rank - 1];

const inversePerm = (p: readonly number[]): number[] => {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => { inv[d] = i; });
  return inv;
};

/**
 * The DFT of x [..., N, ..., C] along `axis` (not the channel dim) with `length` points (x is cut to it or,
 * in effect, zero-padded), keeping the first floor(length / 2) + 1 bins when onesided (for the inverse
 * too): [..., K, ..., 2]. `op` names the ONNX op in a refusal of the matrix's size.
 */
function dftAlong(ctx: ImportContext, op: string, x: Value, axis: number, length: number, onesided: boolean, inverse: boolean): Value {
  const rank = x.type.shape.length;
  if (x.type.shape[axis] > length) x = ctx.emit1('Slice', [x], { starts: [0], ends: [length], axes: [axis] });
  const perm = axisToEnd(rank, axis);
  const moved = perm.some((d, i) => d !== i);
  if (moved) x = ctx.emit1('Transpose', [x], { perm });
  const s = x.type.shape, samples = s[rank - 2], channels = s[rank - 1], outer = s.slice(0, rank - 2);
  const bins = onesided ? Math.floor(length / 2) + 1 : length;
  ctx.reserve(op, [[samples * channels, bins * 2]]);
  const w = ctx.constant(tensor(x.type.dtype, [samples * channels, bins * 2], dftMatrix(samples, channels, length, bins, inverse)), 'dft');
  const rows = ctx.emit1('Reshape', [x], { shape: [numel(outer), samples * channels] });
  let y = ctx.emit1('Reshape', [ctx.emit1('MatMul', [rows, w])], { shape: [...outer, bins, 2] });
  if (moved) y = ctx.emit1('Transpose', [y], { perm: inversePerm(perm) });
  return y;
}

/** DFT's axis: an attribute (default 1) before opset 20, then input 2 (default -2); both count the channel dim. */
function dftAxis(ctx: ImportContext, n: OnnxNode, rank: number): number {
  let axis: number;
  if (ctx.opset < 20) axis = attrOr<number>(n, 'axis', 1);
  else {
    if (n.attrs.axis !== undefined) fail(n, `from opset 20 DFT takes its axis as input 2, not an attribute (opset ${ctx.opset})`);
    axis = n.inputs[2] ? staticScalar(ctx, n, 2, 'axis') : -2;
  }
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a > rank - 2) fail(n, `axis ${axis} is outside [-${rank}, -2] and [0, ${rank - 2}] for a signal of shape ${fmt(n.inputs[0]!.type.shape)} (the last dim holds re/im)`);
  return a;
}

const dft: OnnxConverter = (ctx, n) => {
  const x = n.inputs[0] as Value;
  checkSignal(n, x, 2);
  const axis = dftAxis(ctx, n, x.type.shape.length);
  const length = n.inputs[1] ? staticSize(ctx, n, 1, 'dft_length', 1) : x.type.shape[axis];
  if (length < 1) fail(n, `the DFT axis ${axis} of ${fmt(x.type.shape)} is empty`);
  return [dftAlong(ctx, n.opType, x, axis, length, attrOr<number>(n, 'onesided', 0) !== 0, attrOr<number>(n, 'inverse', 0) !== 0)];
};

/** STFT's frame length: input 3, else the window's length; both given must agree. */
function frameLength(ctx: ImportContext, n: OnnxNode, win: Value | undefined): number {
  const given = n.inputs[3] ? staticSize(ctx, n, 3, 'frame_length', 1) : undefined;
  if (win && win.type.shape.length !== 1) fail(n, `the window (input 2) must be 1-D, got ${fmt(win.type.shape)}`);
  const fromWindow = win?.type.shape[0];
  if (given !== undefined && fromWindow !== undefined && given !== fromWindow) fail(n, `frame_length ${given} differs from the window's length ${fromWindow}`);
  const len = given ?? fromWindow;
  if (len === undefined) fail(n, 'STFT needs a window (input 2) or a frame_length (input 3)');
  if (len < 1) fail(n, 'the window is empty');
  return len;
}

/** Gather indices [frames, length]: frame f holds samples f * step ... f * step + length - 1. */
const frameIndices = (frames: number, length: number, step: number): Tensor =>
  tensor('i32', [frames, length], Array.from({ length: frames * length }, (_, p) => Math.floor(p / length) * step + (p % length)));

const stft: OnnxConverter = (ctx, n) => {
  const x = n.inputs[0] as Value, win = n.inputs[2];
  checkSignal(n, x, 3);
  if (x.type.shape.length !== 3) fail(n, `the signal must be [batch, signal_length, 1 or 2], got ${fmt(x.type.shape)}`);
  const step = staticSize(ctx, n, 1, 'frame_step', 1);
  const length = frameLength(ctx, n, win);
  const samples = x.type.shape[1];
  if (length > samples) fail(n, `frame_length ${length} is longer than the signal (${samples} samples)`);
  if (win && win.type.dtype !== x.type.dtype) fail(n, `the window is ${win.type.dtype}, the signal ${x.type.dtype}`);
  const frames = Math.floor((samples - length) / step) + 1;
  ctx.reserve(n.opType, [[frames, length]]);
  let f = ctx.emit1('Gather', [x, ctx.constant(frameIndices(frames, length, step), 'frames')], { axis: 1 });
  if (win) f = ctx.emit1('Mul', [f, ctx.emit1('Reshape', [win], { shape: [length, 1] })]);
  return [dftAlong(ctx, n.opType, f, 2, length, attrOr<number>(n, 'onesided', 1) !== 0, false)];
};

export const SIGNAL_CONVERTERS: Record<string, OnnxConverter> = {
  ...Object.fromEntries(Object.entries(COSINE_WINDOWS).map(([op, coeffs]) => [op, windowOp(coeffs)])),
  MelWeightMatrix: melWeightMatrix,
  DFT: dft,
  STFT: stft,
};

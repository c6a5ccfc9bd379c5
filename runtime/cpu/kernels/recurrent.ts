// CPU kernels of the recurrent ops (RNN, GRU, LSTM): per direction, X is projected for all time steps at
// once, then each step adds the recurrent matmul H·Rᵀ and applies the cell's gate equations in place.
import type { RecurrentOpName } from '../../../ir/ops/index.ts';
import type { Attrs } from '../../../ir/op.ts';
import { RECURRENT_CELLS, type RecurrentCell } from '../../../ir/ops/recurrent.ts';
import type { TypedArray } from '../../../ir/dtype.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';
import {
  type Act, activationsByDirection, checkSequenceLens, clipper, type Dims, dimsOf, initialState, matmulT, storeState, xRow, yOffset,
} from './recurrent-util.ts';

/** What a cell step sees for one direction. */
interface StepEnv {
  readonly m: Dims;
  readonly acts: Act[];
  readonly clip: Act;
  /** R and the offset of this direction's [G*H, H] block. */
  readonly R: TypedArray;
  readonly rOff: number;
  /** GRU with linear_before_reset: the recurrent bias of the h gate, kept out of the X projection. */
  readonly rbh?: Float64Array;
  /** LSTM peepholes [i, o, f] of this direction (zeros when absent). */
  readonly p?: Float64Array;
  readonly attrs: Attrs;
}

/**
 * Advances the state one step. xw holds the projected X (biases included) of all steps, row-major
 * [rows, G*H]; rows[b] is the offset of batch b's row at this step. h (and c) are [N, H], updated in place.
 */
type Step = (xw: Float64Array, rows: Int32Array, h: Float64Array, c: Float64Array) => void;

const rnnStep = (e: StepEnv): Step => {
  const { N, H } = e.m, [f] = e.acts, hr = new Float64Array(N * H);
  return (xw, rows, h) => {
    matmulT(h, 0, N, H, e.R, e.rOff, H, undefined, hr);
    for (let b = 0; b < N; b++) for (let j = 0; j < H; j++) h[b * H + j] = f(e.clip(xw[rows[b] + j] + hr[b * H + j]));
  };
};

/** GRU gates z, r, h: z = f(.), r = f(.), h~ = g(.), H = (1 - z) h~ + z H. */
const gruStep = (e: StepEnv): Step => {
  const { N, H } = e.m, [f, g] = e.acts, H3 = 3 * H;
  const lbr = e.attrs.linear_before_reset !== 0;
  const hr = new Float64Array(N * H3), rh = new Float64Array(N * H), hh = new Float64Array(N * H), z = new Float64Array(N * H);
  return (xw, rows, h) => {
    if (lbr) matmulT(h, 0, N, H, e.R, e.rOff, H3, undefined, hr);
    else matmulT(h, 0, N, H, e.R, e.rOff, 2 * H, undefined, hr); // z and r rows only, stride 2H
    const stride = lbr ? H3 : 2 * H;
    for (let b = 0; b < N; b++) {
      for (let j = 0; j < H; j++) {
        const x = rows[b], k = b * H + j, q = b * stride;
        z[k] = f(e.clip(xw[x + j] + hr[q + j]));
        const r = f(e.clip(xw[x + H + j] + hr[q + H + j]));
        if (lbr) hh[k] = g(e.clip(xw[x + 2 * H + j] + r * (hr[q + 2 * H + j] + e.rbh![j])));
        else rh[k] = r * h[k];
      }
    }
    if (!lbr) {
      matmulT(rh, 0, N, H, e.R, e.rOff + 2 * H * H, H, undefined, hh);
      for (let b = 0; b < N; b++) for (let j = 0; j < H; j++) hh[b * H + j] = g(e.clip(xw[rows[b] + 2 * H + j] + hh[b * H + j]));
    }
    for (let k = 0; k < N * H; k++) h[k] = (1 - z[k]) * hh[k] + z[k] * h[k];
  };
};

/** LSTM gates i, o, f, c with peepholes; C = f C + i c~, H = o h(C). */
const lstmStep = (e: StepEnv): Step => {
  const { N, H } = e.m, [f, g, hAct] = e.acts, H4 = 4 * H, p = e.p!;
  const coupled = e.attrs.input_forget !== 0;
  const hr = new Float64Array(N * H4);
  return (xw, rows, h, c) => {
    matmulT(h, 0, N, H, e.R, e.rOff, H4, undefined, hr);
    for (let b = 0; b < N; b++) {
      const x = rows[b], q = b * H4;
      for (let j = 0; j < H; j++) {
        const k = b * H + j, cp = c[k];
        const i = f(e.clip(xw[x + j] + hr[q + j] + p[j] * cp));
        const fg = coupled ? 1 - i : f(e.clip(xw[x + 2 * H + j] + hr[q + 2 * H + j] + p[2 * H + j] * cp));
        const cc = g(e.clip(xw[x + 3 * H + j] + hr[q + 3 * H + j]));
        const cn = fg * cp + i * cc;
        const o = f(e.clip(xw[x + H + j] + hr[q + H + j] + p[H + j] * cn));
        c[k] = cn;
        h[k] = o * hAct(cn);
      }
    }
  };
};

const STEPS: { readonly [K in RecurrentCell]: (e: StepEnv) => Step } = { RNN: rnnStep, GRU: gruStep, LSTM: lstmStep };

/** Wb + Rb of direction d, except GRU's recurrent h-gate bias under linear_before_reset (applied inside the step). */
function projectionBias(cell: RecurrentCell, B: Tensor | undefined, d: number, G: number, H: number, a: Attrs): Float64Array {
  const bias = new Float64Array(G * H);
  if (!B) return bias;
  const off = d * 2 * G * H;
  const keepRbh = cell === 'GRU' && a.linear_before_reset !== 0;
  for (let k = 0; k < G * H; k++) bias[k] = B.data[off + k] + (keepRbh && k >= 2 * H ? 0 : B.data[off + G * H + k]);
  return bias;
}

function slice(t: Tensor | undefined, start: number, n: number): Float64Array {
  const s = new Float64Array(n);
  if (t) for (let k = 0; k < n; k++) s[k] = t.data[start + k];
  return s;
}

function recurrentKernel(cell: RecurrentCell): CpuKernel {
  const G = RECURRENT_CELLS[cell].gates;
  return (inputs, a, outTypes) => {
    const x = inp(inputs, 0), W = inp(inputs, 1), R = inp(inputs, 2), B = inputs[3];
    const m = dimsOf(x, a), { S, N, I, H } = m;
    checkSequenceLens(inputs[4], S);
    const outs = outTypes.map(alloc);
    const actsByDir = activationsByDirection(cell, a);
    const rows = new Int32Array(N), xw = new Float64Array(S * N * G * H);
    for (let d = 0; d < m.D; d++) {
      const reverse = a.direction === 'reverse' || d === 1;
      matmulT(x.data, 0, S * N, I, W.data, d * G * H * I, G * H, projectionBias(cell, B, d, G, H, a), xw);
      const step = STEPS[cell]({
        m, acts: actsByDir[d], clip: clipper(a.clip as number), R: R.data, rOff: d * G * H * H, attrs: a,
        rbh: B ? slice(B, d * 2 * G * H + G * H + 2 * H, H) : new Float64Array(H),
        p: slice(inputs[7], d * 3 * H, 3 * H),
      });
      const h = initialState(inputs[5], m, d), c = initialState(inputs[6], m, d);
      for (let s = 0; s < S; s++) {
        const t = reverse ? S - 1 - s : s;
        for (let b = 0; b < N; b++) rows[b] = xRow(m, t, b) * G * H;
        step(xw, rows, h, c);
        const y = outs[0].data;
        for (let b = 0; b < N; b++) {
          const o = yOffset(m, t, d, b);
          for (let j = 0; j < H; j++) y[o + j] = h[b * H + j];
        }
      }
      storeState(outs[1].data, h, m, d);
      if (cell === 'LSTM') storeState(outs[2].data, c, m, d);
    }
    return outs;
  };
}

export const RECURRENT_KERNELS: { [K in RecurrentOpName]: CpuKernel } = {
  RNN: recurrentKernel('RNN'),
  GRU: recurrentKernel('GRU'),
  LSTM: recurrentKernel('LSTM'),
};

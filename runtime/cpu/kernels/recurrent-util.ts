// Helpers of the recurrent CPU kernels: activation functions, the transposed-weight matmul used for the
// input and recurrent projections, tensor layout offsets and the run-time sequence_lens check.
import type { Attrs } from '../../../ir/op.ts';
import { RECURRENT_CELLS, numDirections, resolveActivations, type RecurrentCell } from '../../../ir/ops/recurrent.ts';
import type { TypedArray } from '../../../ir/dtype.ts';
import type { Tensor } from '../../../ir/tensor.ts';

export type Act = (x: number) => number;

const sigmoid: Act = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Activation constructors from (alpha, beta), keyed by the names of RNN_ACTIVATIONS. */
const ACTIVATIONS: Readonly<Record<string, (alpha: number, beta: number) => Act>> = {
  Relu: () => (x) => (x > 0 ? x : 0),
  Tanh: () => Math.tanh,
  Sigmoid: () => sigmoid,
  Affine: (al, be) => (x) => al * x + be,
  LeakyRelu: (al) => (x) => (x >= 0 ? x : al * x),
  ThresholdedRelu: (al) => (x) => (x > al ? x : 0),
  ScaledTanh: (al, be) => (x) => al * Math.tanh(be * x),
  HardSigmoid: (al, be) => (x) => Math.max(0, Math.min(1, al * x + be)),
  Elu: (al) => (x) => (x >= 0 ? x : al * Math.expm1(x)),
  Softsign: () => (x) => x / (1 + Math.abs(x)),
  Softplus: () => (x) => (x > 20 ? x : Math.log1p(Math.exp(x))),
};

/** The activation functions of each direction (forward first). */
export function activationsByDirection(cell: RecurrentCell, a: Attrs): Act[][] {
  const all = resolveActivations(cell, a).map(({ name, alpha, beta }) => ACTIVATIONS[name](alpha, beta));
  const per = RECURRENT_CELLS[cell].activations.length;
  return Array.from({ length: numDirections(a) }, (_, d) => all.slice(d * per, (d + 1) * per));
}

/** Clamps to [-clip, clip]; clip 0 means no clipping. */
export const clipper = (clip: number): Act => (clip > 0 ? (x) => (x > clip ? clip : x < -clip ? -clip : x) : (x) => x);

/**
 * out[r*cols + c] = bias[c] + sum_k a[aOff + r*K + k] * w[wOff + c*K + k]: rows of `a` times the transpose
 * of a row-major [cols, K] block of `w` (ONNX keeps W and R as [gates*hidden, input]).
 */
export function matmulT(
  a: ArrayLike<number>, aOff: number, rows: number, K: number,
  w: TypedArray, wOff: number, cols: number, bias: Float64Array | undefined, out: Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    const ar = aOff + r * K, orow = r * cols;
    for (let c = 0; c < cols; c++) {
      const wr = wOff + c * K;
      let s = bias ? bias[c] : 0;
      for (let k = 0; k < K; k++) s += a[ar + k] * w[wr + k];
      out[orow + c] = s;
    }
  }
}

/** Sizes of a recurrent op's run, read from X and the attributes. */
export interface Dims {
  readonly S: number; readonly N: number; readonly I: number; readonly H: number; readonly D: number; readonly layout: number;
}

export function dimsOf(x: Tensor, a: Attrs): Dims {
  const layout = a.layout as number;
  const [S, N, I] = layout === 0 ? x.shape : [x.shape[1], x.shape[0], x.shape[2]];
  return { S, N, I, H: a.hidden_size as number, D: numDirections(a), layout };
}

/** Row of X (and of the projected X) holding time t, batch b. */
export const xRow = (m: Dims, t: number, b: number): number => (m.layout === 0 ? t * m.N + b : b * m.S + t);
/** Offset of Y[t, d, b, :] (layout 0) or Y[b, t, d, :] (layout 1). */
export const yOffset = (m: Dims, t: number, d: number, b: number): number =>
  (m.layout === 0 ? (t * m.D + d) * m.N + b : (b * m.S + t) * m.D + d) * m.H;
/** Offset of a state tensor's [d, b, :] (layout 0: [D, N, H]; layout 1: [N, D, H]). */
export const stateOffset = (m: Dims, d: number, b: number): number => (m.layout === 0 ? d * m.N + b : b * m.D + d) * m.H;

/** Direction d's [N, H] state from an optional initial-state tensor (zeros when absent). */
export function initialState(t: Tensor | undefined, m: Dims, d: number): Float64Array {
  const s = new Float64Array(m.N * m.H);
  if (t) for (let b = 0; b < m.N; b++) for (let j = 0; j < m.H; j++) s[b * m.H + j] = t.data[stateOffset(m, d, b) + j];
  return s;
}

/** Writes direction d's [N, H] state into an output laid out like initial_h. */
export function storeState(dst: TypedArray, s: Float64Array, m: Dims, d: number): void {
  for (let b = 0; b < m.N; b++) for (let j = 0; j < m.H; j++) dst[stateOffset(m, d, b) + j] = s[b * m.H + j];
}

/** kiln runs recurrent ops over the full sequence only: a run-time sequence_lens must say so. */
export function checkSequenceLens(t: Tensor | undefined, S: number): void {
  if (!t) return;
  t.data.forEach((v, b) => {
    if (v !== S) throw new Error(`sequence_lens[${b}] is ${v}; kiln supports only the full sequence length ${S}`);
  });
}

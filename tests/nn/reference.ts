// Naive reference implementations of PyTorch layers (written from PyTorch's documented formulas, with
// PyTorch's weight layouts and gate order), used to check the traced graphs independently of the IR ops.
import type { Tensor } from '../../ir/tensor.ts';

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/** W [rows, cols] times x + b, as a plain array. */
function affine(w: Tensor, x: readonly number[], b?: Tensor): number[] {
  const [rows, cols] = w.shape;
  const out = new Array<number>(rows).fill(0);
  for (let r = 0; r < rows; r++) {
    let s = b ? b.data[r] : 0;
    for (let c = 0; c < cols; c++) s += w.data[r * cols + c] * x[c];
    out[r] = s;
  }
  return out;
}

export interface CellWeights { wih: Tensor; whh: Tensor; bih?: Tensor; bhh?: Tensor }

/** One step of a PyTorch cell; returns [h, c]. Gate rows: LSTM i,f,g,o; GRU r,z,n. */
function step(cell: string, w: CellWeights, x: number[], h: number[], c: number[], H: number, relu: boolean): [number[], number[]] {
  const gi = affine(w.wih, x, w.bih), gh = affine(w.whh, h, w.bhh);
  const at = (g: number[], k: number, j: number) => g[k * H + j];
  const nh = new Array<number>(H), nc = new Array<number>(H);
  for (let j = 0; j < H; j++) {
    if (cell === 'RNN') {
      const a = gi[j] + gh[j];
      nh[j] = relu ? Math.max(0, a) : Math.tanh(a);
    } else if (cell === 'LSTM') {
      const i = sig(at(gi, 0, j) + at(gh, 0, j)), f = sig(at(gi, 1, j) + at(gh, 1, j));
      const g = Math.tanh(at(gi, 2, j) + at(gh, 2, j)), o = sig(at(gi, 3, j) + at(gh, 3, j));
      nc[j] = f * c[j] + i * g;
      nh[j] = o * Math.tanh(nc[j]);
    } else {
      const r = sig(at(gi, 0, j) + at(gh, 0, j)), z = sig(at(gi, 1, j) + at(gh, 1, j));
      const n = Math.tanh(at(gi, 2, j) + r * at(gh, 2, j));
      nh[j] = (1 - z) * n + z * h[j];
    }
  }
  return [nh, nc];
}

/**
 * A multi-layer (bi)directional recurrent layer on x [S][N][I] (seq-first). weights[l][d] per layer and
 * direction, optional initial h0 [L*D][N][H]. Returns output [S][N][D*H] and the final h per (layer*D + d) and batch.
 */
export function refRecurrent(cell: string, x: number[][][], weights: CellWeights[][], H: number, relu = false, h0?: number[][][]): { out: number[][][]; hn: number[][][]; cn: number[][][] } {
  let input = x;
  const hn: number[][][] = [], cn: number[][][] = [];
  const S = x.length, N = x[0].length;
  for (const [l, dirs] of weights.entries()) {
    const outs = dirs.map((w, d) => {
      const ys: number[][][] = Array.from({ length: S }, () => []);
      const hs: number[][] = [], cs: number[][] = [];
      for (let n = 0; n < N; n++) {
        let h = h0 ? h0[l * dirs.length + d][n] : new Array<number>(H).fill(0), c = new Array<number>(H).fill(0);
        for (let k = 0; k < S; k++) {
          const t = d === 1 ? S - 1 - k : k;
          [h, c] = step(cell, w, input[t][n], h, c, H, relu);
          ys[t][n] = h;
        }
        hs.push(h);
        cs.push(c);
      }
      hn.push(hs);
      cn.push(cs);
      return ys;
    });
    input = outs[0].map((row, t) => row.map((hv, n) => outs.flatMap((o) => o[t][n])));
  }
  return { out: input, hn, cn };
}

/** Nested arrays of a row-major tensor. */
export function nest(t: Tensor): number[][][] {
  const [a, b, c] = t.shape;
  return Array.from({ length: a }, (_, i) => Array.from({ length: b }, (_, j) => Array.from(t.data.subarray((i * b + j) * c, (i * b + j + 1) * c))));
}

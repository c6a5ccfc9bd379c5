// CPU kernels of the row ops of the reduce family: Softmax, LogSoftmax, Hardmax along an axis, and the
// losses NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (ONNX semantics), plus the axis split helper.
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import type { Attrs } from '../../../ir/op.ts';
import { numel, type Shape } from '../../../ir/shape.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel, inp } from '../kernel.ts';

/**
 * [outer, n, inner] for walking `shape` along `axis`: element k of row (o, i) is at (o * n + k) * inner + i.
 * With coerce2d the row is everything from `axis` on (the input viewed as 2-D), so inner is 1.
 */
export function axisSplit(shape: Shape, axis: number, coerce2d = false): [number, number, number] {
  const ax = axis < 0 ? axis + shape.length : axis;
  const outer = numel(shape.slice(0, ax));
  if (coerce2d) return [outer, numel(shape.slice(ax)), 1];
  return [outer, shape[ax], numel(shape.slice(ax + 1))];
}

type RowMode = 'softmax' | 'logsoftmax' | 'hardmax';

/** Writes the row op of every row of x (split [outer, n, inner]) into y. */
function rowsInto(x: ArrayLike<number>, y: { [i: number]: number }, [outer, n, inner]: readonly number[], mode: RowMode): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = -Infinity, am = 0;
      for (let k = 0; k < n; k++) {
        const v = x[base + k * inner];
        if (v > m) { m = v; am = k; }
      }
      if (mode === 'hardmax') {
        for (let k = 0; k < n; k++) y[base + k * inner] = k === am ? 1 : 0;
        continue;
      }
      // A row of -Inf (or an empty one) shifts by 0: its exps are 0 and the result NaN, as x - max gives. A +Inf
      // max stays, so the row is NaN (Inf - Inf), as in the ONNX reference.
      if (m === -Infinity) m = 0;
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(x[base + k * inner] - m);
      if (mode === 'softmax') {
        for (let k = 0; k < n; k++) y[base + k * inner] = Math.exp(x[base + k * inner] - m) / s;
      } else {
        // (x - m) - log(s), not x - (m + log s): with a huge m the latter loses log(s) entirely.
        const ls = Math.log(s);
        for (let k = 0; k < n; k++) y[base + k * inner] = x[base + k * inner] - m - ls;
      }
    }
  }
}

const rowKernel = (mode: RowMode): CpuKernel => (xs, a, out) => {
  const x = inp(xs, 0);
  const y = alloc(out[0]);
  rowsInto(x.data, y.data, axisSplit(x.shape, a.axis as number, a.coerce2d !== 0), mode);
  return [y];
};

/**
 * Negative log-likelihood of log-probabilities lp [N,C,d..] at target [N,d..]: per element
 * -lp[n, t, d] * w[t] (0 where t is ignore_index); 'mean' divides the sum by the summed weights.
 */
function nll(lp: ArrayLike<number>, lpShape: Shape, target: Tensor, weight: Tensor | undefined, a: Attrs, y: Tensor): void {
  const [N, C] = lpShape;
  const D = numel(lpShape.slice(2));
  const t = target.data, ignore = a.ignore_index as number, w = weight?.data;
  const none = a.reduction === 'none';
  let total = 0, wsum = 0;
  for (let n = 0; n < N; n++) {
    for (let d = 0; d < D; d++) {
      const c = t[n * D + d];
      let l = 0;
      if (c !== ignore) {
        if (c < 0 || c >= C) throw new Error(`target class ${c} is outside [0, ${C})`);
        const wc = w ? w[c] : 1;
        l = -lp[(n * C + c) * D + d] * wc;
        wsum += wc;
      }
      if (none) y.data[n * D + d] = l;
      else total += l;
    }
  }
  if (!none) y.data[0] = a.reduction === 'mean' ? total / wsum : total;
}

const nllKernel: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), y = alloc(out[0]);
  nll(x.data, x.shape, inp(xs, 1), xs[2], a, y);
  return [y];
};

const sceKernel: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), y = alloc(out[0]), lp = alloc(out[1]);
  rowsInto(x.data, lp.data, axisSplit(x.shape, 1), 'logsoftmax');
  nll(lp.data, x.shape, inp(xs, 1), xs[2], a, y);
  return [y, lp];
};

export const ROW_KERNELS: { [K in Extract<ReduceOpName, 'Softmax' | 'LogSoftmax' | 'Hardmax' | 'NegativeLogLikelihoodLoss' | 'SoftmaxCrossEntropyLoss'>]: CpuKernel } = {
  Softmax: rowKernel('softmax'),
  LogSoftmax: rowKernel('logsoftmax'),
  Hardmax: rowKernel('hardmax'),
  NegativeLogLikelihoodLoss: nllKernel,
  SoftmaxCrossEntropyLoss: sceKernel,
};

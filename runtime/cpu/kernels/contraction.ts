// CPU kernels of the contraction ops. MatMul and Gemm call the blocked GEMM core (gemm.ts); Conv and
// ConvTranspose live in conv.ts, Einsum in einsum.ts.
import { type FloatArray, isFloatArray } from '../../../ir/dtype.ts';
import type { ContractionOpName } from '../../../ir/ops/index.ts';
import { broadcastShapes, numel, type Shape } from '../../../ir/shape.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, broadcastIndex, type CpuKernel, inp } from '../kernel.ts';
import { conv, convTranspose } from './conv.ts';
import { einsum } from './einsum.ts';
import { gemm, gemmAny } from './gemm.ts';

type View = { data: ArrayLike<number>; off: number; rs: number; cs: number };

/** C = alpha A B (+ C): the blocked core for float32 storage, the plain loop for integer dtypes. */
function mm(m: number, n: number, k: number, alpha: number, a: View, b: View, c: Tensor, cOff: number, ldc: number, acc: boolean): void {
  if (isFloatArray(a.data) && isFloatArray(b.data) && isFloatArray(c.data)) {
    gemm(m, n, k, alpha, a as View & { data: FloatArray }, b as View & { data: FloatArray }, c.data, cOff, ldc, acc);
  } else {
    gemmAny(m, n, k, alpha, a, b, c.data, cOff, ldc, acc);
  }
}

const matmul: CpuKernel = (xs, _a, out) => {
  const A = inp(xs, 0), B = inp(xs, 1);
  const r = alloc(out[0]);
  const a2: Shape = A.shape.length === 1 ? [1, A.shape[0]] : A.shape;
  const b2: Shape = B.shape.length === 1 ? [B.shape[0], 1] : B.shape;
  const m = a2[a2.length - 2], k = a2[a2.length - 1], n = b2[b2.length - 1];
  const aBatch = a2.slice(0, -2), bBatch = b2.slice(0, -2);
  const batch = broadcastShapes(aBatch, bBatch);
  const nb = numel(batch);
  if (numel(bBatch) === 1 && numel(aBatch) === nb) {
    // B is shared by every batch: one GEMM with the batch folded into M.
    mm(nb * m, n, k, 1, { data: A.data, off: 0, rs: k, cs: 1 }, { data: B.data, off: 0, rs: n, cs: 1 }, r, 0, n, false);
    return [r];
  }
  const ia = broadcastIndex(aBatch, batch), ib = broadcastIndex(bBatch, batch);
  for (let t = 0; t < nb; t++) {
    mm(m, n, k, 1, { data: A.data, off: ia[t] * m * k, rs: k, cs: 1 }, { data: B.data, off: ib[t] * k * n, rs: n, cs: 1 }, r, t * m * n, n, false);
  }
  return [r];
};

/** out = beta * C broadcast to [m, n]: a bias row (a Linear layer's) and a full C without an index per element. */
function initC(out: Tensor['data'], C: Tensor, m: number, n: number, beta: number): void {
  const c = C.data;
  if (c.length === n && (C.shape.length === 1 || C.shape[C.shape.length - 1] === n)) {
    for (let i = 0, o = 0; i < m; i++) for (let j = 0; j < n; j++, o++) out[o] = beta * c[j];
  } else if (c.length === m * n && C.shape.length === 2) {
    for (let i = 0; i < m * n; i++) out[i] = beta * c[i];
  } else {
    const idx = broadcastIndex(C.shape, [m, n]);
    for (let i = 0; i < out.length; i++) out[i] = beta * c[idx[i]];
  }
}

const gemmKernel: CpuKernel = (xs, a, out) => {
  const A = inp(xs, 0), B = inp(xs, 1), C = xs[2];
  const r = alloc(out[0]);
  const [m, n] = out[0].shape;
  const k = a.transA ? A.shape[0] : A.shape[1];
  const beta = a.beta as number;
  const useC = C !== undefined && beta !== 0;
  if (useC) initC(r.data, C, m, n, beta);
  const av: View = a.transA ? { data: A.data, off: 0, rs: 1, cs: m } : { data: A.data, off: 0, rs: k, cs: 1 };
  const bv: View = a.transB ? { data: B.data, off: 0, rs: 1, cs: k } : { data: B.data, off: 0, rs: n, cs: 1 };
  mm(m, n, k, a.alpha as number, av, bv, r, 0, n, useC);
  return [r];
};

export const CONTRACTION_KERNELS: { [K in ContractionOpName]: CpuKernel } = {
  MatMul: matmul,
  Gemm: gemmKernel,
  Conv: conv,
  ConvTranspose: convTranspose,
  Einsum: einsum,
};

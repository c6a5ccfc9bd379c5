// CPU kernels of Det and its gradient. det by Gaussian elimination with partial pivoting (the product of
// the pivots, negated per row swap). d det(A) / d A[i][j] is the cofactor C[i][j] = (-1)^(i+j) det(minor
// without row i and column j), which equals det(A) * inv(A)^T where A is invertible and stays defined
// where it is not; DetGrad computes the cofactors from the minors' determinants.
import { alloc, type CpuKernel, inp } from '../kernel.ts';

/** Determinant of the m x m row-major matrix `a` (consumed: eliminated in place). */
export function detInPlace(a: Float64Array, m: number): number {
  let det = 1;
  for (let k = 0; k < m; k++) {
    let p = k;
    for (let i = k + 1; i < m; i++) if (Math.abs(a[i * m + k]) > Math.abs(a[p * m + k])) p = i;
    const pivot = a[p * m + k];
    if (pivot === 0) return 0;
    if (p !== k) {
      for (let j = 0; j < m; j++) [a[k * m + j], a[p * m + j]] = [a[p * m + j], a[k * m + j]];
      det = -det;
    }
    det *= pivot;
    for (let i = k + 1; i < m; i++) {
      const f = a[i * m + k] / pivot;
      for (let j = k; j < m; j++) a[i * m + j] -= f * a[k * m + j];
    }
  }
  return det;
}

/** The minor of `a` without row r and column c, as an (m-1) x (m-1) matrix. */
function minor(a: ArrayLike<number>, m: number, r: number, c: number): Float64Array {
  const out = new Float64Array((m - 1) * (m - 1));
  let k = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== r && j !== c) out[k++] = a[i * m + j];
  return out;
}

/** Cofactor C[r][c] of the m x m matrix `a`. */
export const cofactor = (a: ArrayLike<number>, m: number, r: number, c: number): number => ((r + c) % 2 ? -1 : 1) * detInPlace(minor(a, m, r, c), m - 1);

export const DET: CpuKernel = (xs, _a, out) => {
  const x = inp(xs, 0), y = alloc(out[0]), m = x.shape[x.shape.length - 1], mm = m * m;
  for (let b = 0; b < y.data.length; b++) y.data[b] = detInPlace(Float64Array.from(x.data.subarray(b * mm, (b + 1) * mm)), m);
  return [y];
};

export const DET_GRAD: CpuKernel = (xs, _a, out) => {
  const x = inp(xs, 0), dy = inp(xs, 1), dx = alloc(out[0]), m = x.shape[x.shape.length - 1], mm = m * m;
  for (let b = 0; b < dy.data.length; b++) {
    const a = x.data.subarray(b * mm, (b + 1) * mm);
    for (let k = 0; k < mm; k++) dx.data[b * mm + k] = dy.data[b] * cofactor(a, m, Math.floor(k / m), k % m);
  }
  return [dx];
};

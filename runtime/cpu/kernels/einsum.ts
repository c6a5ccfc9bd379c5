// Einsum on the CPU. Two-operand forms without diagonals or one-sided sums become a batched GEMM over
// gathered [batch, M, K] x [batch, K, N] operands; everything else runs a strided sum-of-products loop.
import { floatArray, type FloatArray, isFloatArray } from '../../../ir/dtype.ts';
import { parseEinsum, type EinsumSpec } from '../../../ir/ops/einsum.ts';
import { numel, stridesOf } from '../../../ir/shape.ts';
import type { Tensor } from '../../../ir/tensor.ts';
import { alloc, type CpuKernel } from '../kernel.ts';
import { gemm } from './gemm.ts';

/** Flat offsets of every position of a grid of `dims`, each dim advancing by `strides`. */
function offsets(dims: readonly number[], strides: readonly number[]): Int32Array {
  const n = numel(dims);
  const idx = new Int32Array(n);
  const ctr = new Array<number>(dims.length).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    idx[i] = off;
    for (let d = dims.length - 1; d >= 0; d--) {
      ctr[d]++;
      off += strides[d];
      if (ctr[d] < dims[d]) break;
      off -= strides[d] * ctr[d];
      ctr[d] = 0;
    }
  }
  return idx;
}

/** Stride of each label in operand `i` (repeated labels add up: a diagonal; broadcast size-1 dims read 0). */
function labelStrides(spec: EinsumSpec, x: Tensor, i: number): number[] {
  const st = stridesOf(x.shape);
  const out = new Array<number>(spec.sizes.length).fill(0);
  spec.inputs[i].forEach((l, d) => { if (x.shape[d] !== 1 || spec.sizes[l] === 1) out[l] += st[d]; });
  return out;
}

function generic(spec: EinsumSpec, xs: readonly Tensor[], r: Tensor): void {
  const used = [...new Set(spec.inputs.flat())];
  const sum = used.filter((l) => !spec.output.includes(l));
  const outDims = spec.output.map((l) => spec.sizes[l]), sumDims = sum.map((l) => spec.sizes[l]);
  const strides = xs.map((x, i) => labelStrides(spec, x, i));
  const outOff = strides.map((st) => offsets(outDims, spec.output.map((l) => st[l])));
  const sumOff = strides.map((st) => offsets(sumDims, sum.map((l) => st[l])));
  const nOut = r.data.length, nSum = numel(sumDims), k = xs.length;
  for (let o = 0; o < nOut; o++) {
    let acc = 0;
    for (let s = 0; s < nSum; s++) {
      let p = 1;
      for (let i = 0; i < k; i++) p *= xs[i].data[outOff[i][o] + sumOff[i][s]];
      acc += p;
    }
    r.data[o] = acc;
  }
}

/** Copies x's elements, read at the given per-label strides over `labels`, into a dense array. */
function gather(x: Tensor, st: readonly number[], labels: readonly number[], sizes: readonly number[]): FloatArray {
  const idx = offsets(labels.map((l) => sizes[l]), labels.map((l) => st[l]));
  const out = floatArray(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = x.data[idx[i]];
  return out;
}

/** Batched-GEMM form; false when the equation has diagonals, broadcasts or sums over one operand only. */
function viaGemm(spec: EinsumSpec, xs: readonly Tensor[], r: Tensor): boolean {
  if (xs.length !== 2 || !isFloatArray(r.data)) return false;
  const [la, lb] = spec.inputs, out = spec.output;
  const distinct = (ls: readonly number[]) => new Set(ls).size === ls.length;
  if (!distinct(la) || !distinct(lb)) return false;
  if (xs.some((x, i) => x.shape.some((d, j) => d !== spec.sizes[spec.inputs[i][j]]))) return false;
  if ([...la, ...lb].some((l) => !out.includes(l) && !(la.includes(l) && lb.includes(l)))) return false;
  const batch = out.filter((l) => la.includes(l) && lb.includes(l));
  const ms = out.filter((l) => la.includes(l) && !lb.includes(l));
  const ns = out.filter((l) => lb.includes(l) && !la.includes(l));
  const ks = la.filter((l) => lb.includes(l) && !out.includes(l));
  const size = (ls: number[]) => numel(ls.map((l) => spec.sizes[l]));
  const nb = size(batch), m = size(ms), n = size(ns), k = size(ks);
  const A = gather(xs[0], labelStrides(spec, xs[0], 0), [...batch, ...ms, ...ks], spec.sizes);
  const B = gather(xs[1], labelStrides(spec, xs[1], 1), [...batch, ...ks, ...ns], spec.sizes);
  const C = floatArray(nb * m * n);
  for (let t = 0; t < nb; t++) {
    gemm(m, n, k, 1, { data: A, off: t * m * k, rs: k, cs: 1 }, { data: B, off: t * k * n, rs: n, cs: 1 }, C, t * m * n, n, false);
  }
  // C is laid out [batch..., m..., n...]; read it back in the output's label order.
  const order = [...batch, ...ms, ...ns];
  const cst = stridesOf(order.map((l) => spec.sizes[l]));
  const st = new Array<number>(spec.sizes.length).fill(0);
  order.forEach((l, i) => { st[l] = cst[i]; });
  const idx = offsets(out.map((l) => spec.sizes[l]), out.map((l) => st[l]));
  for (let i = 0; i < idx.length; i++) r.data[i] = C[idx[i]];
  return true;
}

export const einsum: CpuKernel = (xs, a, out) => {
  const ts = xs as readonly Tensor[];
  const spec = parseEinsum(a.equation as string, ts.map((t) => t.shape));
  const r = alloc(out[0]);
  if (!viaGemm(spec, ts, r)) generic(spec, ts, r);
  return [r];
};

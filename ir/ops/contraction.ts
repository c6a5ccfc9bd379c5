// Contraction ops: MatMul (numpy batching), Gemm, Conv and ConvTranspose (N-D, explicit pads) and Einsum.
// Convolution attributes are static and explicit here; the ONNX converter resolves auto_pad and output_shape.
import type { DType } from '../dtype.ts';
import { shapeFail } from '../errors.ts';
import type { AttrSpec, Attrs, OpDef } from '../op.ts';
import { broadcastShapes, fmt, type Shape } from '../shape.ts';
import type { TensorType } from '../tensor.ts';
import { req, requireFloat, requireSameDType } from './common.ts';
import { parseEinsum } from './einsum.ts';

const numeric = (d: DType): DType => (d === 'bool' ? shapeFail('contractions need numeric operands, got bool') : d);

/** numpy matmul shape: 1-D operands gain a dim that is dropped again; batch dims broadcast. */
export function matmulShape(a: Shape, b: Shape): number[] {
  if (a.length === 0 || b.length === 0) shapeFail(`MatMul operands must have rank >= 1, got ${fmt(a)} and ${fmt(b)}`);
  const a2 = a.length === 1 ? [1, a[0]] : a, b2 = b.length === 1 ? [b[0], 1] : b;
  const [m, k] = a2.slice(-2), [k2, n] = b2.slice(-2);
  if (k !== k2) shapeFail(`MatMul inner dims differ: ${fmt(a)} x ${fmt(b)}`);
  const batch = broadcastShapes(a2.slice(0, -2), b2.slice(0, -2));
  return [...batch, ...(a.length === 1 ? [] : [m]), ...(b.length === 1 ? [] : [n])];
}

/** Resolved convolution geometry: per spatial dim stride, dilation, kernel, pads (begin then end). */
export interface ConvGeom {
  readonly nd: number;
  readonly strides: number[];
  readonly dilations: number[];
  readonly kernel: number[];
  readonly padsBegin: number[];
  readonly padsEnd: number[];
}

const listOr = (v: readonly number[], n: number, d: number, what: string): number[] => {
  if (v.length === 0) return new Array<number>(n).fill(d);
  if (v.length !== n) shapeFail(`${what} must have ${n} entries, got [${v}]`);
  return [...v];
};

export function convGeom(w: Shape, a: Attrs, nd: number): ConvGeom {
  const pads = listOr(a.pads as number[], 2 * nd, 0, 'pads');
  const g: ConvGeom = {
    nd,
    strides: listOr(a.strides as number[], nd, 1, 'strides'),
    dilations: listOr(a.dilations as number[], nd, 1, 'dilations'),
    kernel: w.slice(2),
    padsBegin: pads.slice(0, nd),
    padsEnd: pads.slice(nd),
  };
  if (g.strides.some((s) => s < 1) || g.dilations.some((s) => s < 1)) shapeFail(`strides and dilations must be >= 1, got [${g.strides}] and [${g.dilations}]`);
  if (pads.some((p) => p < 0)) shapeFail(`pads must be >= 0, got [${pads}]`);
  return g;
}

/** Checks X, W, B of a (transposed) convolution; returns geometry and group count. */
function convCheck(i: readonly (TensorType | undefined)[], a: Attrs, transposed: boolean): { x: TensorType; w: TensorType; g: ConvGeom; group: number } {
  const x = req(i, 0), w = req(i, 1), b = i[2];
  requireFloat(x);
  requireSameDType(b ? [x, w, b] : [x, w]);
  const nd = x.shape.length - 2;
  if (nd < 1 || nd > 3) shapeFail(`input must be [N,C,spatial...] with 1 to 3 spatial dims, got ${fmt(x.shape)}`);
  if (w.shape.length !== x.shape.length) shapeFail(`weight rank ${w.shape.length} does not match input rank ${x.shape.length}: ${fmt(w.shape)} vs ${fmt(x.shape)}`);
  const group = a.group as number;
  if (group < 1) shapeFail(`group must be >= 1, got ${group}`);
  const c = x.shape[1];
  const outC = transposed ? w.shape[1] * group : w.shape[0];
  if (transposed ? w.shape[0] !== c || c % group !== 0 : w.shape[1] * group !== c || w.shape[0] % group !== 0) {
    shapeFail(`input ${fmt(x.shape)} and weight ${fmt(w.shape)} do not match with group ${group}`);
  }
  if (b && (b.shape.length !== 1 || b.shape[0] !== outC)) shapeFail(`bias must be [${outC}], got ${fmt(b.shape)}`);
  return { x, w, g: convGeom(w.shape, a, nd), group };
}

const effK = (g: ConvGeom, d: number) => (g.kernel[d] - 1) * g.dilations[d] + 1;

const CONV_ATTRS = {
  strides: { type: 'ints', default: [] },
  pads: { type: 'ints', default: [] },
  dilations: { type: 'ints', default: [] },
  group: { type: 'int', default: 1 },
} as const satisfies Record<string, AttrSpec>;

export const CONTRACTION_OPS = {
  /** numpy matmul: batch dims broadcast, 1-D operands are promoted and their dim dropped. */
  MatMul: {
    kind: 'contraction', inputs: [2, 2], attrs: {}, siblings: true,
    infer: (i) => {
      const a = req(i, 0), b = req(i, 1);
      return [{ dtype: numeric(requireSameDType([a, b])), shape: matmulShape(a.shape, b.shape) }];
    },
  },
  /** Y = alpha * op(A) op(B) + beta * C, op = optional transpose, C broadcast to [M,N]. */
  Gemm: {
    kind: 'contraction', inputs: [2, 3], siblings: true,
    attrs: { alpha: { type: 'float', default: 1 }, beta: { type: 'float', default: 1 }, transA: { type: 'int', default: 0 }, transB: { type: 'int', default: 0 } },
    infer: (i, a) => {
      const A = req(i, 0), B = req(i, 1), C = i[2];
      const dtype = numeric(requireSameDType(C ? [A, B, C] : [A, B]));
      if (A.shape.length !== 2 || B.shape.length !== 2) shapeFail(`Gemm operands must be 2-D, got ${fmt(A.shape)} and ${fmt(B.shape)}`);
      const [m, k] = a.transA ? [A.shape[1], A.shape[0]] : A.shape;
      const [k2, n] = a.transB ? [B.shape[1], B.shape[0]] : B.shape;
      if (k !== k2) shapeFail(`Gemm inner dims differ: op(A) is [${m},${k}], op(B) is [${k2},${n}]`);
      if (C) {
        const mn = [m, n].slice(2 - C.shape.length);
        if (C.shape.length > 2 || C.shape.some((d, j) => d !== 1 && d !== mn[j])) shapeFail(`Gemm bias ${fmt(C.shape)} does not broadcast to [${m},${n}]`);
      }
      return [{ dtype, shape: [m, n] }];
    },
  },
  /** X [N,C,spatial], W [M,C/group,kernel], B [M]; pads are [begins..., ends...]; empty lists mean 1s / 0s. */
  Conv: {
    kind: 'contraction', inputs: [2, 3], attrs: CONV_ATTRS,
    infer: (i, a) => {
      const { x, w, g } = convCheck(i, a, false);
      const out = x.shape.slice(2).map((n, d) => Math.floor((n + g.padsBegin[d] + g.padsEnd[d] - effK(g, d)) / g.strides[d]) + 1);
      if (out.some((n) => n < 1)) shapeFail(`Conv output would be empty: input ${fmt(x.shape)}, kernel ${fmt(g.kernel)}, pads [${g.padsBegin},${g.padsEnd}]`);
      return [{ dtype: x.dtype, shape: [x.shape[0], w.shape[0], ...out] }];
    },
  },
  /** X [N,C,spatial], W [C,M/group,kernel], B [M]; out = stride*(in-1) + output_padding + dilated kernel - pads. */
  ConvTranspose: {
    kind: 'contraction', inputs: [2, 3], attrs: { ...CONV_ATTRS, output_padding: { type: 'ints', default: [] } },
    infer: (i, a) => {
      const { x, w, g, group } = convCheck(i, a, true);
      const op = listOr(a.output_padding as number[], g.nd, 0, 'output_padding');
      const out = x.shape.slice(2).map((n, d) => g.strides[d] * (n - 1) + op[d] + effK(g, d) - g.padsBegin[d] - g.padsEnd[d]);
      if (out.some((n) => n < 1)) shapeFail(`ConvTranspose output would be empty: input ${fmt(x.shape)}, kernel ${fmt(g.kernel)}, pads [${g.padsBegin},${g.padsEnd}]`);
      return [{ dtype: x.dtype, shape: [x.shape[0], w.shape[1] * group, ...out] }];
    },
  },
  /** Einstein summation; equation as in numpy (ellipsis, implicit output). */
  Einsum: {
    kind: 'contraction', inputs: [1, 16], attrs: { equation: { type: 'string' } },
    infer: (i, a) => {
      const ts = i.map((t, k) => t ?? req(i, k));
      const dtype = numeric(requireSameDType(ts));
      const s = parseEinsum(a.equation as string, ts.map((t) => t.shape));
      return [{ dtype, shape: s.output.map((l) => s.sizes[l]) }];
    },
  },
} as const satisfies Record<string, OpDef>;

// Gradient rules of the contractions. MatMul: dA = dY B^T, dB = A^T dY on the 1-D-promoted operands, summed
// over broadcast batch dims. Gemm: the same with Gemm's own transpose flags and alpha; dC = beta dY summed to
// C's shape. Conv: dX is ConvTranspose(dY, W) (output_padding restores the rows a stride skipped), dW is the
// ConvWeightGrad op, dB sums dY. ConvTranspose is Conv's adjoint: dX = Conv(dY, W), dW = ConvWeightGrad(dY, X).
// Einsum: each operand's gradient is the einsum of dY with the other operands, diagonals included (./einsum.ts).
import type { Value } from '../../../ir/graph.ts';
import type { ContractionOpName } from '../../../ir/ops/index.ts';
import { type GradBuilder, type GradEntry, type InputGrad } from '../rule.ts';
import { einsumGrad } from './einsum.ts';

/** A MatMul operand promoted to rank >= 2 (1-D A is [1,k], 1-D B is [k,1]). */
const promoted = (v: Value, isA: boolean): number[] => {
  const s = v.type.shape;
  return s.length !== 1 ? [...s] : isA ? [1, s[0]] : [s[0], 1];
};

/** Swaps the last two axes. */
function mT(g: GradBuilder, v: Value): Value {
  const r = v.type.shape.length;
  return g.transpose(v, [...Array(r - 2).keys(), r - 1, r - 2]);
}

function matmulGrad(g: GradBuilder, i: number): Value {
  const [a, b] = [g.x(0), g.x(1)];
  const a2 = g.reshape(a, promoted(a, true)), b2 = g.reshape(b, promoted(b, false));
  const [m, n] = [a2.type.shape.at(-2)!, b2.type.shape.at(-1)!];
  const dy = g.reshape(g.dy(), [...g.dy().type.shape.slice(0, g.y().type.shape.length - (a.type.shape.length === 1 ? 0 : 1) - (b.type.shape.length === 1 ? 0 : 1)), m, n]);
  const d = i === 0 ? g.op1('MatMul', [dy, mT(g, b2)]) : g.op1('MatMul', [mT(g, a2), dy]);
  const own = i === 0 ? a2 : b2;
  return g.reshape(g.unbroadcast(d, own.type.shape), g.x(i).type.shape);
}

const convAttrs = (g: GradBuilder) => ({
  strides: g.attrs.strides as number[], pads: g.attrs.pads as number[], dilations: g.attrs.dilations as number[], group: g.attrs.group as number,
});

/** Conv bias: dY summed over batch and spatial dims. */
const biasGrad: InputGrad = (g) => {
  const r = g.dy().type.shape.length;
  return g.op1('ReduceSum', [g.dy()], { axes: [0, ...Array.from({ length: r - 2 }, (_, k) => k + 2)], keepdims: 0 });
};

/** Crops (or zero-pads) the trailing spatial rows of v to `shape` (they differ when a stride skipped them). */
function fitSpatial(g: GradBuilder, v: Value, shape: readonly number[]): Value {
  const s = v.type.shape, r = s.length;
  if (s.every((d, k) => d === shape[k])) return v;
  const pads = new Array<number>(2 * r).fill(0);
  for (let k = 2; k < r; k++) pads[r + k] = shape[k] - s[k];
  return g.op1('Pad', [v], { pads });
}

const convDx: InputGrad = (g) => {
  const x = g.x(0), w = g.x(1), a = convAttrs(g);
  const nd = x.type.shape.length - 2, k = w.type.shape.slice(2);
  const st = a.strides.length ? a.strides : new Array<number>(nd).fill(1);
  const dil = a.dilations.length ? a.dilations : new Array<number>(nd).fill(1);
  const pads = a.pads.length ? a.pads : new Array<number>(2 * nd).fill(0);
  const o = g.dy().type.shape.slice(2);
  // ConvTranspose size s*(o-1) + effK - pads; output_padding adds what the forward floor division dropped.
  const outPad = o.map((od, d) => x.type.shape[d + 2] - (st[d] * (od - 1) + (k[d] - 1) * dil[d] + 1 - pads[d] - pads[d + nd]));
  return g.op1('ConvTranspose', [g.dy(), w], { ...a, output_padding: outPad });
};

const kernelOf = (w: Value) => w.type.shape.slice(2);

export const CONTRACTION_GRADS: { [K in ContractionOpName]: GradEntry } = {
  MatMul: matmulGrad,
  Gemm: [
    (g) => {
      const { alpha, transA, transB } = g.attrs as { alpha: number; transA: number; transB: number };
      return transA
        ? g.op1('Gemm', [g.x(1), g.dy()], { alpha, transA: transB, transB: 1 })
        : g.op1('Gemm', [g.dy(), g.x(1)], { alpha, transB: transB ? 0 : 1 });
    },
    (g) => {
      const { alpha, transA, transB } = g.attrs as { alpha: number; transA: number; transB: number };
      return transB
        ? g.op1('Gemm', [g.dy(), g.x(0)], { alpha, transA: 1, transB: transA })
        : g.op1('Gemm', [g.x(0), g.dy()], { alpha, transA: transA ? 0 : 1 });
    },
    (g) => g.toInput(g.scale(g.dy(), g.attrs.beta as number), 2),
  ],
  Conv: [
    convDx,
    (g) => g.op1('ConvWeightGrad', [g.x(0), g.dy()], { ...convAttrs(g), kernel_shape: kernelOf(g.x(1)) }),
    biasGrad,
  ],
  ConvTranspose: [
    (g) => fitSpatial(g, g.op1('Conv', [g.dy(), g.x(1)], convAttrs(g)), g.x(0).type.shape),
    (g) => g.op1('ConvWeightGrad', [g.dy(), g.x(0)], { ...convAttrs(g), kernel_shape: kernelOf(g.x(1)) }),
    biasGrad,
  ],
  Einsum: einsumGrad,
};

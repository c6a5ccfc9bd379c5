// Gradient rules of the view-like movement ops: each moves dy back to where the input elements came from.
// Reshape-likes reshape back, Transpose inverts its permutation, Expand and Tile sum over the copies,
// Slice pads dy back with zeros (strided slices interleave zeros through a reshape), constant Pad crops
// (Pad with the negated pads), edge/reflect/wrap Pad adds each pad slice back onto its source, Concat slices
// and Split concatenates. Index-driven ops: ./index-ops.ts.
import type { Value } from '../../../ir/graph.ts';
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { sliceDims, transposePerm } from '../../../ir/ops/movement.ts';
import { normAxis } from '../../../ir/shape.ts';
import { type GradBuilder, type GradEntry, type InputGrad } from '../rule.ts';
import { INDEX_GRADS } from './index-ops.ts';

const ints = (g: GradBuilder, k: string): readonly number[] => g.attrs[k] as readonly number[];
const backToShape: InputGrad[] = [(g) => g.reshape(g.dy(), g.x(0).type.shape)];

const inverse = (perm: readonly number[]): number[] => {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, k) => (inv[p] = k));
  return inv;
};

/** Pads `v` with zeros along `axis` (begin, end). */
function padAxis(g: GradBuilder, v: Value, axis: number, begin: number, end: number): Value {
  if (begin === 0 && end === 0) return v;
  const r = v.type.shape.length;
  const pads = new Array<number>(2 * r).fill(0);
  pads[axis] = begin;
  pads[axis + r] = end;
  return g.op1('Pad', [v], { pads });
}

/** Places the `count` slices of v along `axis` at positions start, start+step, .. of a dim of size n (step >= 1). */
function scatterStrided(g: GradBuilder, v: Value, axis: number, start: number, step: number, n: number): Value {
  const s = v.type.shape, count = s[axis];
  if (step > 1) {
    // [.., count, ..] -> [.., count, 1, ..] -> pad to [.., count, step, ..] -> [.., count*step, ..], keep (count-1)*step+1.
    const lifted = g.reshape(v, [...s.slice(0, axis + 1), 1, ...s.slice(axis + 1)]);
    const spaced = g.reshape(padAxis(g, lifted, axis + 1, 0, step - 1), s.map((d, k) => (k === axis ? d * step : d)));
    v = padAxis(g, spaced, axis, 0, -(step - 1));
  }
  const span = (count - 1) * step + 1;
  return padAxis(g, v, axis, start, n - start - span);
}

/** Slice: dy placed back at the sliced positions, zeros elsewhere. */
const sliceGrad: InputGrad = (g) => {
  const x = g.x(0), shape = x.type.shape;
  const dims = sliceDims(shape, g.attrs);
  if (dims.some((d) => d.count === 0)) return g.zeros(x.type);
  let v = g.dy();
  dims.forEach((d, axis) => {
    if (d.step === 1 && d.count === shape[axis]) return;
    if (d.step > 0) {
      v = scatterStrided(g, v, axis, d.start, d.step, shape[axis]);
      return;
    }
    // A negative step: reverse dy along the axis, then its elements ascend from the last position taken.
    v = g.op1('Slice', [v], { starts: [-1], ends: [-(2 ** 31)], axes: [axis], steps: [-1] });
    v = scatterStrided(g, v, axis, d.start + (d.count - 1) * d.step, -d.step, shape[axis]);
  });
  return v;
};

/** The input position an edge / reflect / wrap pad copies into pad position j (< 0: before, >= n: after). */
const PAD_SOURCE: Record<string, (j: number, n: number) => number> = {
  edge: (j, n) => Math.min(Math.max(j, 0), n - 1),
  reflect: (j, n) => (j < 0 ? -j : 2 * (n - 1) - j),
  wrap: (j, n) => ((j % n) + n) % n,
};

/**
 * Non-constant Pad, one axis at a time (the modes are separable), last axis first: the centre of dy plus,
 * for each pad position, its slice added at the input position it copied.
 */
function modePadGrad(g: GradBuilder, pads: readonly number[]): Value {
  const shape = g.x(0).type.shape, r = shape.length, src = PAD_SOURCE[g.attrs.mode as string];
  let v = g.dy();
  for (let ax = r - 1; ax >= 0; ax--) {
    const n = shape[ax], b = pads[ax], e = pads[ax + r];
    if (b === 0 && e === 0) continue;
    const take = (lo: number, hi: number) => g.op1('Slice', [v], { starts: [lo], ends: [hi], axes: [ax] });
    let acc = take(b, b + n);
    for (let j = -b; j < n + e; j++) {
      if (j >= 0 && j < n) continue;
      const s = src(j, n);
      acc = g.add(acc, padAxis(g, take(j + b, j + b + 1), ax, s, n - 1 - s));
    }
    v = acc;
  }
  return v;
}

/** A permuting op's gradient: reshape dy to the permuted intermediate, transpose back, reshape to x. */
function unpermute(g: GradBuilder, mid: readonly number[], perm: readonly number[]): Value {
  const permuted = perm.map((p) => mid[p]);
  return g.reshape(g.transpose(g.reshape(g.dy(), permuted), inverse(perm)), g.x(0).type.shape);
}

export const MOVEMENT_GRADS: { [K in MovementOpName]: GradEntry } = {
  Reshape: backToShape, Squeeze: backToShape, Unsqueeze: backToShape, Flatten: backToShape,
  Transpose: [(g) => g.transpose(g.dy(), inverse(transposePerm(g.x(0).type.shape.length, ints(g, 'perm'))))],
  Expand: [(g) => g.toInput(g.dy(), 0)],
  Slice: [sliceGrad],
  // Constant padding: crop the pads off (negative pads on the cropped dims pad zeros back).
  Pad: [(g) => {
    const pads = ints(g, 'pads');
    if (g.attrs.mode === 'constant') return g.op1('Pad', [g.dy()], { pads: pads.map((p) => -p) });
    if (pads.some((p) => p < 0)) g.fail(`no gradient for ${g.attrs.mode} padding with negative pads`);
    return modePadGrad(g, pads);
  }],
  Concat: (g, i) => {
    const r = g.y().type.shape.length, axis = normAxis(g.attrs.axis as number, r);
    const start = g.node.inputs.slice(0, i).reduce((s, v) => s + v!.type.shape[axis], 0);
    return g.op1('Slice', [g.dy()], { starts: [start], ends: [start + g.x(i).type.shape[axis]], axes: [axis] });
  },
  Split: [(g) => g.op1('Concat', g.node.outputs.map((_, k) => g.dy(k)), { axis: g.attrs.axis as number })],
  // Tile: view dy as [r0, d0, r1, d1, ..] and sum over the repeat axes.
  Tile: [(g) => {
    const s = g.x(0).type.shape, rep = ints(g, 'repeats');
    const split = g.reshape(g.dy(), s.flatMap((d, k) => [rep[k], d]));
    return g.reshape(g.sumKeep(split, s.map((_, k) => 2 * k)), s);
  }],
  DepthToSpace: [(g) => {
    const [n, c, h, w] = g.x(0).type.shape, b = g.attrs.blocksize as number, cb = c / (b * b);
    return g.attrs.mode === 'CRD'
      ? unpermute(g, [n, cb, b, b, h, w], [0, 1, 4, 2, 5, 3])
      : unpermute(g, [n, b, b, cb, h, w], [0, 3, 4, 1, 5, 2]);
  }],
  SpaceToDepth: [(g) => {
    const [n, c, h, w] = g.x(0).type.shape, b = g.attrs.blocksize as number;
    return unpermute(g, [n, c, h / b, b, w / b, b], [0, 3, 5, 1, 2, 4]);
  }],
  Trilu: [(g) => g.op1('Trilu', [g.dy()], { ...g.attrs })],
  ...INDEX_GRADS,
};

// Movement ops: views and copies whose output elements are input elements moved around (Reshape,
// Transpose, Expand, Slice, Pad, Concat, Split, Squeeze/Unsqueeze, Flatten, Tile, DepthToSpace, Trilu).
// The index-driven ops (Gather, Scatter, OneHot, Resize...) live in movement-index.ts.
import { shapeFail } from '../errors.ts';
import type { Attrs, OpDef } from '../op.ts';
import { broadcastShapes, fmt, normAxis, numel, type Shape } from '../shape.ts';
import type { TensorType } from '../tensor.ts';
import { req, requireSameDType } from './common.ts';
import { INDEX_OPS } from './movement-index.ts';

const ints = (a: Attrs, k: string): readonly number[] => a[k] as readonly number[];
const int = (a: Attrs, k: string): number => a[k] as number;
const like = (x: TensorType, shape: Shape): TensorType[] => [{ dtype: x.dtype, shape: [...shape] }];

/** Axes normalized against `rank`; naming an axis twice is an error. */
export function distinctAxes(axes: readonly number[], rank: number): number[] {
  const norm = axes.map((x) => normAxis(x, rank));
  if (new Set(norm).size !== norm.length) shapeFail(`axes ${fmt(axes)} name an axis twice`);
  return norm;
}

/** Reshape target with at most one -1 (inferred); 0 is a literal zero here (the importer resolves ONNX's copy rule). */
export function reshapeTarget(from: Shape, shape: readonly number[]): number[] {
  const neg = shape.filter((d) => d === -1).length;
  if (neg > 1 || shape.some((d) => d < -1)) shapeFail(`reshape target ${fmt(shape)} has invalid dims`);
  const known = shape.reduce((a, d) => (d === -1 ? a : a * d), 1);
  const total = numel(from);
  const out = shape.map((d) => (d === -1 ? (known === 0 ? 0 : total / known) : d));
  if (!out.every(Number.isInteger) || numel(out) !== total) shapeFail(`cannot reshape ${fmt(from)} to ${fmt(shape)}`);
  return out;
}

/** The permutation of Transpose; empty means reversed axes. */
export function transposePerm(rank: number, perm: readonly number[]): number[] {
  const p = perm.length === 0 ? [...Array(rank).keys()].reverse() : [...perm];
  if (p.length !== rank || [...p].sort((a, b) => a - b).some((v, i) => v !== i)) shapeFail(`perm ${fmt(perm)} is not a permutation of rank ${rank}`);
  return p;
}

export interface SliceDim { start: number; step: number; count: number }

/** Per-dimension start, step and length of an ONNX Slice (negative indices, clamping, negative steps). */
export function sliceDims(shape: Shape, a: Attrs): SliceDim[] {
  const starts = ints(a, 'starts'), ends = ints(a, 'ends');
  const axes = ints(a, 'axes').length ? ints(a, 'axes') : starts.map((_, i) => i);
  const steps = ints(a, 'steps').length ? ints(a, 'steps') : starts.map(() => 1);
  if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length) {
    shapeFail(`starts, ends, axes and steps differ in length: ${starts.length}, ${ends.length}, ${axes.length}, ${steps.length}`);
  }
  const dims: SliceDim[] = shape.map((d) => ({ start: 0, step: 1, count: d }));
  distinctAxes(axes, shape.length).forEach((ax, i) => {
    const d = shape[ax], st = steps[i];
    if (st === 0) shapeFail('slice step must not be 0');
    let s = starts[i] < 0 ? starts[i] + d : starts[i];
    let e = ends[i] < 0 ? ends[i] + d : ends[i];
    if (st > 0) [s, e] = [clamp(s, 0, d), clamp(e, 0, d)];
    else [s, e] = [clamp(s, 0, d - 1), clamp(e, -1, d - 1)];
    dims[ax] = { start: s, step: st, count: Math.max(0, Math.ceil((e - s) / st)) };
  });
  return dims;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);

/** Sizes of Split's outputs. */
function splitInfer(i: readonly (TensorType | undefined)[], a: Attrs): TensorType[] {
  const x = req(i, 0), ax = normAxis(int(a, 'axis'), x.shape.length), split = ints(a, 'split');
  if (split.length === 0 || split.some((s) => s < 0)) shapeFail(`split sizes ${fmt(split)} are invalid`);
  if (split.reduce((s, v) => s + v, 0) !== x.shape[ax]) shapeFail(`split sizes ${fmt(split)} do not sum to dim ${ax} of ${fmt(x.shape)}`);
  return split.map((s) => ({ dtype: x.dtype, shape: x.shape.map((d, k) => (k === ax ? s : d)) }));
}

function concatInfer(i: readonly (TensorType | undefined)[], a: Attrs): TensorType[] {
  const xs = i.map((_, k) => req(i, k));
  const d = requireSameDType(xs), r = xs[0].shape.length, ax = normAxis(int(a, 'axis'), r);
  const out = [...xs[0].shape];
  for (const x of xs.slice(1)) {
    if (x.shape.length !== r || x.shape.some((v, k) => k !== ax && v !== out[k])) shapeFail(`cannot concat ${xs.map((t) => fmt(t.shape)).join(', ')} on axis ${ax}`);
    out[ax] += x.shape[ax];
  }
  return [{ dtype: d, shape: out }];
}

function spaceDepth(x: TensorType, bs: number, toSpace: boolean): number[] {
  if (x.shape.length !== 4) shapeFail(`input must be 4-D NCHW, got ${fmt(x.shape)}`);
  const [n, c, h, w] = x.shape;
  if (bs < 1) shapeFail(`blocksize ${bs} must be positive`);
  if (toSpace) {
    if (c % (bs * bs) !== 0) shapeFail(`channels of ${fmt(x.shape)} not divisible by blocksize^2 = ${bs * bs}`);
    return [n, c / (bs * bs), h * bs, w * bs];
  }
  if (h % bs !== 0 || w % bs !== 0) shapeFail(`spatial dims of ${fmt(x.shape)} not divisible by blocksize ${bs}`);
  return [n, c * bs * bs, h / bs, w / bs];
}

const movement = (arity: readonly [number, number], attrs: OpDef['attrs'], infer: OpDef['infer']): OpDef => ({ kind: 'movement', inputs: arity, attrs, infer });
/** A movement op whose kernel computes each output element from its own index (fusion may give it an epilogue). */
const perElement = (arity: readonly [number, number], attrs: OpDef['attrs'], infer: OpDef['infer']): OpDef => ({ ...movement(arity, attrs, infer), perElement: true });
/** A movement op that only changes how its input is read (a strided view): no kernel, no copy. */
const view = (arity: readonly [number, number], attrs: OpDef['attrs'], infer: OpDef['infer']): OpDef => ({ kind: 'view', inputs: arity, attrs, infer });

export const MOVEMENT_OPS = {
  /** shape: target dims, one may be -1; 0 is a literal zero. */
  Reshape: view([1, 1], { shape: { type: 'ints' } }, (i, a) => like(req(i, 0), reshapeTarget(req(i, 0).shape, ints(a, 'shape')))),
  /** perm: empty reverses the axes. */
  Transpose: view([1, 1], { perm: { type: 'ints', default: [] } }, (i, a) => {
    const x = req(i, 0);
    return like(x, transposePerm(x.shape.length, ints(a, 'perm')).map((p) => x.shape[p]));
  }),
  /** Bidirectional broadcast of the input with `shape`. */
  Expand: view([1, 1], { shape: { type: 'ints' } }, (i, a) => like(req(i, 0), broadcastShapes(req(i, 0).shape, ints(a, 'shape')))),
  /** ONNX Slice with static starts/ends/axes/steps (empty axes: 0..n-1; empty steps: all 1). */
  Slice: view([1, 1], {
    starts: { type: 'ints' }, ends: { type: 'ints' }, axes: { type: 'ints', default: [] }, steps: { type: 'ints', default: [] },
  }, (i, a) => like(req(i, 0), sliceDims(req(i, 0).shape, a).map((d) => d.count))),
  /** pads: [begin_0..begin_n, end_0..end_n], negative crops; mode constant|reflect|edge|wrap. */
  Pad: perElement([1, 1], {
    pads: { type: 'ints' }, mode: { type: 'string', default: 'constant' }, value: { type: 'float', default: 0 },
  }, (i, a) => {
    const x = req(i, 0), r = x.shape.length, p = ints(a, 'pads');
    if (p.length !== 2 * r) shapeFail(`pads ${fmt(p)} must have 2*rank = ${2 * r} entries for ${fmt(x.shape)}`);
    if (!['constant', 'reflect', 'edge', 'wrap'].includes(a.mode as string)) shapeFail(`unknown pad mode '${a.mode}'`);
    const out = x.shape.map((d, k) => d + p[k] + p[k + r]);
    if (out.some((d) => d < 0)) shapeFail(`pads ${fmt(p)} crop ${fmt(x.shape)} below zero`);
    if (a.mode !== 'constant' && x.shape.some((d, k) => d === 0 && out[k] > 0)) shapeFail(`${a.mode} padding of an empty dim in ${fmt(x.shape)}`);
    if (a.mode === 'reflect' && x.shape.some((d, k) => (p[k] > 0 || p[k + r] > 0) && d < 2)) shapeFail(`reflect padding needs dims >= 2, got ${fmt(x.shape)}`);
    return like(x, out);
  }),
  Concat: perElement([1, 65536], { axis: { type: 'int' } }, concatInfer),
  /** split: the size of each output along `axis`. */
  Split: movement([1, 1], { axis: { type: 'int', default: 0 }, split: { type: 'ints' } }, splitInfer),
  /** axes: dims of size 1 to drop; empty drops every dim of size 1. */
  Squeeze: view([1, 1], { axes: { type: 'ints', default: [] } }, (i, a) => {
    const x = req(i, 0);
    const axes = ints(a, 'axes').length ? distinctAxes(ints(a, 'axes'), x.shape.length) : x.shape.flatMap((d, k) => (d === 1 ? [k] : []));
    for (const ax of axes) if (x.shape[ax] !== 1) shapeFail(`cannot squeeze axis ${ax} of ${fmt(x.shape)}: size is not 1`);
    return like(x, x.shape.filter((_, k) => !axes.includes(k)));
  }),
  /** axes: positions of the new dims of size 1 in the output. */
  Unsqueeze: view([1, 1], { axes: { type: 'ints' } }, (i, a) => {
    const x = req(i, 0), r = x.shape.length + ints(a, 'axes').length;
    const axes = distinctAxes(ints(a, 'axes'), r);
    const out: number[] = [];
    for (let k = 0, j = 0; k < r; k++) out.push(axes.includes(k) ? 1 : x.shape[j++]);
    return like(x, out);
  }),
  Flatten: view([1, 1], { axis: { type: 'int', default: 1 } }, (i, a) => {
    const x = req(i, 0), r = x.shape.length, ax = int(a, 'axis');
    if (ax < -r || ax > r) shapeFail(`axis ${ax} out of range for ${fmt(x.shape)}`);
    const k = ax < 0 ? ax + r : ax;
    return like(x, [numel(x.shape.slice(0, k)), numel(x.shape.slice(k))]);
  }),
  Tile: perElement([1, 1], { repeats: { type: 'ints' } }, (i, a) => {
    const x = req(i, 0), rep = ints(a, 'repeats');
    if (rep.length !== x.shape.length || rep.some((v) => v < 0)) shapeFail(`repeats ${fmt(rep)} do not fit ${fmt(x.shape)}`);
    return like(x, x.shape.map((d, k) => d * rep[k]));
  }),
  /** mode DCR (depth-column-row) or CRD (column-row-depth). */
  DepthToSpace: perElement([1, 1], { blocksize: { type: 'int' }, mode: { type: 'string', default: 'DCR' } }, (i, a) => {
    if (a.mode !== 'DCR' && a.mode !== 'CRD') shapeFail(`unknown DepthToSpace mode '${a.mode}'`);
    return like(req(i, 0), spaceDepth(req(i, 0), int(a, 'blocksize'), true));
  }),
  SpaceToDepth: perElement([1, 1], { blocksize: { type: 'int' } }, (i, a) => like(req(i, 0), spaceDepth(req(i, 0), int(a, 'blocksize'), false))),
  /** Keeps the upper (j - i >= k) or lower (j - i <= k) triangle of the last two dims, zeroing the rest. */
  Trilu: perElement([1, 1], { upper: { type: 'int', default: 1 }, k: { type: 'int', default: 0 } }, (i) => {
    const x = req(i, 0);
    if (x.shape.length < 2) shapeFail(`Trilu needs rank >= 2, got ${fmt(x.shape)}`);
    return like(x, x.shape);
  }),
  ...INDEX_OPS,
} as const satisfies Record<string, OpDef>;

// Building blocks shared by the softmax, normalization and loss decompositions: reductions that keep
// their axes, per-channel vectors viewed against an N x C x ... tensor, moments (mean and biased
// variance as the mean of squared deviations) and an index ramp for one-hot comparisons.
import type { Value } from '../../ir/graph.ts';
import { normAxis } from '../../ir/shape.ts';
import { tensor } from '../../ir/tensor.ts';
import type { Emitter } from './rule.ts';

/** A reduction over `axes` that keeps them as size-1 dims (so the result broadcasts back against x). */
export function reduceKeep(e: Emitter, op: 'ReduceSum' | 'ReduceMean' | 'ReduceMax', x: Value, axes: readonly number[]): Value {
  // An empty axis list means "no axis" here, never "every axis".
  return e.op1(op, [x], { axes: [...axes], keepdims: 1, noop_with_empty_axes: 1 });
}

/** A per-channel vector [C] viewed as [C, 1, ..] so it broadcasts along axis 1 of a rank-`rank` tensor. */
export function perChannel(e: Emitter, v: Value, rank: number): Value {
  const c = v.type.shape[0];
  if (rank <= 2) return v;
  return e.op1('Reshape', [v], { shape: [c, ...new Array<number>(rank - 2).fill(1)] });
}

/** Mean and biased variance over `axes` (kept as size-1 dims), with the centered input. */
export function moments(e: Emitter, x: Value, axes: readonly number[]): { mean: Value; centered: Value; variance: Value } {
  const mean = reduceKeep(e, 'ReduceMean', x, axes);
  const centered = e.op1('Sub', [x, mean]);
  const variance = reduceKeep(e, 'ReduceMean', e.op1('Mul', [centered, centered]), axes);
  return { mean, centered, variance };
}

/** 1 / sqrt(variance + eps). */
export function invStdDev(e: Emitter, variance: Value, eps: number): Value {
  return e.op1('Reciprocal', [e.op1('Sqrt', [e.op1('Add', [variance, e.num(eps, variance)])])]);
}

/** x * scale + bias (either may be absent). */
export function affine(e: Emitter, x: Value, scale: Value | undefined, bias: Value | undefined): Value {
  const scaled = scale ? e.op1('Mul', [x, scale]) : x;
  return bias ? e.op1('Add', [scaled, bias]) : scaled;
}

/** An i32 ramp 0..n-1 laid along axis `axis` of a rank-`rank` tensor ([n, 1, ..] after `axis`). */
export function ramp(e: Emitter, n: number, axis: number, rank: number): Value {
  const shape = [n, ...new Array<number>(rank - axis - 1).fill(1)];
  return e.constant(tensor('i32', shape, Array.from({ length: n }, (_, k) => k)), 'ramp');
}

/** Axes [from, rank). */
export const axesFrom = (from: number, rank: number): number[] => Array.from({ length: rank - from }, (_, k) => from + k);

/** `axis` normalized against `rank`. */
export const axisOf = (axis: number, rank: number): number => normAxis(axis, rank);

// Static shapes: broadcasting, strides and axis normalization shared by shape rules and kernels.
import { shapeFail } from './errors.ts';

export type Shape = readonly number[];

export const numel = (s: Shape): number => s.reduce((a, b) => a * b, 1);

/** The most elements one value may hold: kernels and buffers index elements with i32. */
export const MAX_NUMEL = 2147483647;

/** Why no value can have this shape (a negative or fractional dim, more elements than i32 indexes); undefined if it can. */
export function shapeProblem(s: Shape): string | undefined {
  const bad = s.findIndex((d) => !Number.isInteger(d) || d < 0);
  if (bad >= 0) return `dimension ${bad} is ${s[bad]}; dimensions are non-negative integers`;
  const n = numel(s);
  if (n > MAX_NUMEL) return `it holds ${n} elements, more than the ${MAX_NUMEL} that i32 indexing reaches`;
  return undefined;
}

export function stridesOf(s: Shape): number[] {
  const st = new Array<number>(s.length);
  let acc = 1;
  for (let i = s.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= s[i];
  }
  return st;
}

/** Numpy-style multidirectional broadcasting. */
export function broadcastShapes(...shapes: Shape[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      const d = s[i];
      if (out[o] === 1) out[o] = d;
      else if (d !== 1 && d !== out[o]) shapeFail(`shapes ${shapes.map(fmt).join(', ')} do not broadcast`);
    }
  }
  return out;
}

/** Axis in [-rank, rank) to [0, rank). */
export function normAxis(axis: number, rank: number): number {
  if (axis < -rank || axis >= Math.max(rank, 1)) shapeFail(`axis ${axis} out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

export const fmt = (s: Shape): string => `[${s.join(',')}]`;

/**
 * Strides for reading a tensor of shape `from` as if broadcast to `to` (0 stride on broadcast dims).
 */
export function broadcastStrides(from: Shape, to: Shape): number[] {
  const st = stridesOf(from);
  const out = new Array<number>(to.length).fill(0);
  for (let i = 0; i < from.length; i++) {
    const o = to.length - from.length + i;
    out[o] = from[i] === 1 && to[o] !== 1 ? 0 : st[i];
  }
  return out;
}

// Strided views: how a kernel reads a value that lives in a buffer as an affine view (offset plus one
// stride per dimension). Reshape, transpose, broadcast and slice change only the view, never the data.
import { stridesOf, type Shape } from './shape.ts';

export interface View {
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
}

export const contiguous = (shape: Shape): View => ({ shape: [...shape], strides: stridesOf(shape), offset: 0 });

export const isContiguous = (v: View): boolean =>
  v.offset === 0 && stridesOf(v.shape).every((s, i) => v.shape[i] === 1 || s === v.strides[i]);

export const permuteView = (v: View, perm: readonly number[]): View => ({
  shape: perm.map((p) => v.shape[p]),
  strides: perm.map((p) => v.strides[p]),
  offset: v.offset,
});

/** Numpy broadcasting of a view to a larger shape: new and size-1 dims get stride 0. */
export function broadcastView(v: View, to: Shape): View {
  const lead = to.length - v.shape.length;
  return {
    shape: [...to],
    strides: to.map((d, i) => (i < lead || (v.shape[i - lead] === 1 && d !== 1) ? 0 : v.strides[i - lead])),
    offset: v.offset,
  };
}

/** Per-axis start and step (the output shape gives the count). */
export function sliceView(v: View, starts: readonly number[], steps: readonly number[], shape: Shape): View {
  return {
    shape: [...shape],
    strides: v.strides.map((s, i) => s * steps[i]),
    offset: v.offset + starts.reduce((acc, st, i) => acc + st * v.strides[i], 0),
  };
}

/** A reshape keeps the view only when the source is contiguous; otherwise the caller materializes. */
export function reshapeView(v: View, shape: Shape): View | undefined {
  if (!isContiguous(v)) return undefined;
  return { ...contiguous(shape), offset: v.offset };
}

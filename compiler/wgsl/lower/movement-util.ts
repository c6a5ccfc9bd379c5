// Small WGSL helpers shared by the movement lowerings (movement.ts, movement-index.ts, resize.ts):
// strided reads, per-op invocation counts and the run-time index normalization of Gather/Scatter.
import { numel, type Shape } from '../../../ir/shape.ts';
import type { LowerContext, TensorRef } from '../kernel.ts';
import { cast, lit, offsetExpr } from '../wgsl.ts';

/** A coordinate expression safe to multiply by a stride (offsetExpr does not parenthesize). */
const atom = (e: string): string => (/^[\w.]+$/.test(e) ? e : `(${e})`);

/** The element of `ref` at the given coordinate expressions, through its view. */
export const read = (ref: TensorRef, coordExprs: readonly string[]): string => `${ref.load(offsetExpr(ref.view, coordExprs.map(atom)))}`;

/** An index tensor's element as an i32 (indices are i32 or u32; OneHot also takes floats, truncated). */
export const readIndex = (ref: TensorRef, coordExprs: readonly string[]): string => cast(read(ref, coordExprs), ref.elem, 'i32');

/** The zero of a tensor's storage type. */
export const zero = (ref: TensorRef): string => lit(0, ref.elem);

/** The input at position i, which the op table makes required. */
export const input = (ctx: LowerContext, i: number): TensorRef => {
  const r = ctx.inputs[i];
  if (!r) throw new Error(`input ${i} is missing`);
  return r;
};

export const count = (shape: Shape): number => numel(shape);

/** A divisor safe in generated WGSL: a zero-size dim never runs, but `x % 0` must still compile. */
export const nz = (n: number): number => n || 1;

/**
 * Index normalization: negative indices count from the end (as on the CPU). An index still out of range
 * is an error on the CPU; a kernel cannot raise one, so it is clamped into [0, n - 1].
 */
export const INDEX_PRELUDE = `fn kiln_index(i: i32, n: i32) -> i32 { return clamp(select(i, i + n, i < 0), 0, n - 1); }`;


// Small WGSL text helpers shared by all lowerings: element types, literals, index decomposition and
// strided loads. Index arithmetic is in i32 (buffers stay below 2 GiB).
import type { DType } from '../../ir/dtype.ts';
import type { Shape } from '../../ir/shape.ts';
import type { View } from '../../ir/view.ts';

export type WgslScalar = 'f32' | 'i32' | 'u32';

const WGSL_TYPES: { readonly [K in DType]: WgslScalar } = { f32: 'f32', f16: 'f32', i32: 'i32', u32: 'u32', i8: 'i32', u8: 'u32', bool: 'u32' };

/** Storage and compute type of a dtype (bool is a 0/1 u32, i8/u8 widen to i32/u32, f16 computes in f32). */
export const wgslType = (d: DType): WgslScalar => WGSL_TYPES[d];

/** A literal of the given WGSL type; infinities and NaN become bit patterns. */
export function lit(v: number, t: WgslScalar): string {
  if (t === 'f32') {
    // Through private variables: as const-expressions, infinities and NaN are WGSL compile errors.
    if (Number.isNaN(v)) return 'bitcast<f32>(kiln_nan_bits)';
    if (v === Infinity) return 'bitcast<f32>(kiln_inf_bits)';
    if (v === -Infinity) return '(-bitcast<f32>(kiln_inf_bits))';
    const s = Math.fround(v).toString();
    return /[.e]/.test(s) ? `f32(${s})` : `${s}.0`;
  }
  if (t === 'i32') return v === -2147483648 ? 'i32(-2147483647 - 1)' : `${Math.trunc(v)}i`;
  return `${Math.max(0, Math.trunc(v))}u`;
}

/** Statements that split the linear index `idx` into coordinates `${prefix}0..` of `shape`. */
export function coords(idx: string, shape: Shape, prefix = 'c'): string {
  if (shape.length === 0) return '';
  const lines: string[] = [`var ${prefix}_rest = ${idx};`];
  for (let d = shape.length - 1; d >= 0; d--) {
    if (d === 0) lines.push(`let ${prefix}0 = ${prefix}_rest;`);
    // A zero-size dimension never runs, but the kernel must still compile: divide by 1 instead.
    else lines.push(`let ${prefix}${d} = ${prefix}_rest % ${shape[d] || 1}; ${prefix}_rest = ${prefix}_rest / ${shape[d] || 1};`);
  }
  return lines.join('\n  ');
}

/** Flat element offset of a view at the given coordinate expressions (terms with stride 0 vanish). */
export function offsetExpr(view: View, coordExprs: readonly string[]): string {
  const term = (c: string, s: number) => (s === 1 ? c : /^[\w.]+$/.test(c) ? `${c} * ${s}` : `(${c}) * ${s}`);
  const terms = view.strides.flatMap((s, i) => (s === 0 || view.shape[i] === 1 ? [] : [term(coordExprs[i], s)]));
  if (view.offset !== 0 || terms.length === 0) terms.unshift(String(view.offset));
  return terms.join(' + ');
}

export const coordNames = (rank: number, prefix = 'c'): string[] => Array.from({ length: rank }, (_, i) => `${prefix}${i}`);

/** Declarations every kernel module starts with. */
export const COMMON_PRELUDE = 'var<private> kiln_inf_bits: u32 = 0x7f800000u;\nvar<private> kiln_nan_bits: u32 = 0x7fc00000u;';

/** Converts a value of one WGSL scalar type to another (bool-as-u32 stays 0/1). */
export const cast = (expr: string, from: WgslScalar, to: WgslScalar): string => (from === to ? expr : `${to}(${expr})`);

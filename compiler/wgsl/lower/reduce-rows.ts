// Axis reductions in WGSL, shared by the Reduce* ops and the global pools. A Fold says how to start,
// accumulate, merge and finish; axisReduction picks one of two kernels: one invocation per output element
// looping over its reduced elements, or (for long reductions) one workgroup per output element whose
// invocations fold strided slices and then merge them in a shared-memory tree.
import { numel, type Shape } from '../../../ir/shape.ts';
import type { KernelFeatures, KernelSource, TensorRef } from '../kernel.ts';
import { SUBGROUP_BUILTINS, SUBGROUP_PRELUDE, subgroupMerge, subgroupSlots } from './subgroup-merge.ts';
import type { View } from '../../../ir/view.ts';
import { cast, coordNames, coords, lit, offsetExpr, type WgslScalar } from '../wgsl.ts';

/** How one reduction folds its elements; every function returns a WGSL expression. */
export interface Fold {
  /** Accumulator start value in the compute type. */
  readonly init: (t: WgslScalar) => string;
  /** The accumulator after folding element `x` (`m` is the centering value when `center` is set). */
  readonly step: (acc: string, x: string, t: WgslScalar) => string;
  /** Merges two partial accumulators (workgroup tree). */
  readonly combine: (a: string, b: string, t: WgslScalar) => string;
  /** The fold of `acc` over the invocations of a subgroup, e.g. subgroupAdd (subgroup-merge.ts). */
  readonly subgroup: (acc: string, t: WgslScalar) => string;
  /** Final value from the accumulator and the group size n; defaults to the accumulator. */
  readonly finish?: (acc: string, n: number, t: WgslScalar) => string;
  /** The finish result is f32 even for integer inputs (L2, LogSum). */
  readonly floatResult?: boolean;
  /** Computes in f32 whatever the input type (LogSumExp). */
  readonly floatCompute?: boolean;
  /** A first pass, in this fold's compute type, whose result `m` (0 when not finite) is visible to `step` and `finish` (LogSumExp's max). */
  readonly center?: Fold;
  /** Output value of an empty reduction, as the CPU computes it. */
  readonly empty: number;
}

/** Max and min that propagate NaN (as the CPU does), and LogSumExp's centering guard. */
export const FOLD_PRELUDE = `
fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }
`;

/** Reductions with more reduced elements than this get a workgroup per output element. */
export const PARALLEL_MIN = 1024;
/** ... as do shorter ones when there are few outputs to spread over invocations. */
const PARALLEL_FEW_OUTPUTS = { minReduced: 256, maxOutputs: 512 };
export const WG = 256;
const MAX_WORKGROUPS = 65535;

/** Whether a reduction of n elements into each of outN outputs should take a workgroup per output. */
export const useWorkgroups = (n: number, outN: number): boolean =>
  n >= PARALLEL_MIN || (n >= PARALLEL_FEW_OUTPUTS.minReduced && outN <= PARALLEL_FEW_OUTPUTS.maxOutputs);

/** Merges adjacent dims that one stride can walk (and drops size-1 dims): fewer divisions per index. */
export function mergeDims(shape: Shape, strides: readonly number[]): { shape: number[]; strides: number[] } {
  const s: number[] = [], st: number[] = [];
  shape.forEach((d, i) => {
    if (d === 1) return;
    const last = s.length - 1;
    if (last >= 0 && st[last] === strides[i] * d) {
      s[last] *= d;
      st[last] = strides[i];
    } else {
      s.push(d);
      st.push(strides[i]);
    }
  });
  return { shape: s, strides: st };
}

/** Splits a view into the kept dims (walked by the output index) and the reduced dims. */
function splitView(v: View, axes: readonly number[]): { kept: View; reduced: View } {
  const pick = (red: boolean) => mergeDims(v.shape.filter((_, i) => axes.includes(i) === red), v.strides.filter((_, i) => axes.includes(i) === red));
  return { kept: { ...pick(false), offset: v.offset }, reduced: { ...pick(true), offset: 0 } };
}

/** Statements that name the coordinates of `idx` in `view` and the flat offset `name` they address. */
export function offsetOf(idx: string, view: View, name: string, prefix: string): string {
  const r = view.shape.length;
  if (r <= 1) return `let ${name} = ${offsetExpr(view, [idx])};`;
  return `${coords(idx, view.shape, prefix)}\n  let ${name} = ${offsetExpr(view, coordNames(r, prefix))};`;
}

/** The compute type of a fold over `x`. */
const computeType = (x: TensorRef, f: Fold): WgslScalar => (f.floatCompute ? 'f32' : x.elem);

/** A loop folding reduced elements r = first, first + step, ... into `acc` of compute type t. */
function foldLoop(x: TensorRef, reduced: View, f: Fold, t: WgslScalar, first: string, step: string, acc = 'acc'): string {
  const n = numel(reduced.shape);
  const load = cast(x.load('base + roff'), x.elem, t);
  return `var ${acc}: ${t} = ${f.init(t)};
  for (var r = ${first}; r < ${n}; r += ${step}) {
    ${offsetOf('r', reduced, 'roff', 'q').replaceAll('\n  ', '\n    ')}
    ${acc} = ${f.step(acc, load, t)};
  }`;
}

/** The value written to the output: finish, then conversion to the output's storage type. */
function result(x: TensorRef, out: TensorRef, f: Fold, acc: string, n: number): string {
  const t = computeType(x, f);
  const value = f.finish ? f.finish(acc, n, t) : acc;
  return cast(value, f.floatResult ? 'f32' : t, out.elem);
}

/**
 * Kernel writing out[i] = fold over the `axes` of x, for each output element i (output is contiguous); a
 * workgroup's merge goes through subgroups where `features` has them.
 */
export function axisReduction(x: TensorRef, out: TensorRef, axes: readonly number[], f: Fold, what: string, features: KernelFeatures = {}): KernelSource {
  const { kept, reduced } = splitView(x.view, axes);
  const outN = numel(kept.shape), n = numel(reduced.shape);
  if (n === 0) {
    const v = out.elem === 'f32' ? f.empty : Number.isFinite(f.empty) ? Math.trunc(f.empty) : 0;
    // The phony read keeps the (empty) input bound: auto layouts drop bindings a kernel never uses.
    return { body: `// ${what} over no elements\n  ${out.store('idx', lit(v, out.elem))}`, invocations: outN };
  }
  if (!useWorkgroups(n, outN)) return serialReduction(x, out, kept, reduced, f, what);
  return features.subgroups ? subgroupReduction(x, out, kept, reduced, f, what) : workgroupReduction(x, out, kept, reduced, f, what);
}

function serialReduction(x: TensorRef, out: TensorRef, kept: View, reduced: View, f: Fold, what: string): KernelSource {
  const n = numel(reduced.shape), t = computeType(x, f);
  const center = f.center ? `${foldLoop(x, reduced, f.center, t, '0', '1', 'mx')}\n  let m = kiln_finite_or_zero(mx);\n  ` : '';
  return {
    decls: FOLD_PRELUDE,
    body: `// ${what}: one invocation per output element folds its ${n} reduced elements.
  ${offsetOf('idx', kept, 'base', 'k')}
  ${center}${foldLoop(x, reduced, f, t, '0', '1')}
  ${out.store('idx', result(x, out, f, 'acc', n))}`,
    invocations: numel(kept.shape),
  };
}

/** Workgroup counts for one workgroup per item, spread over x and y (each at most 65,535). */
export function workgroupsFor(items: number): [number, number, number] {
  if (items <= MAX_WORKGROUPS) return [items, 1, 1];
  return [MAX_WORKGROUPS, Math.ceil(items / MAX_WORKGROUPS), 1];
}

/** A shared-memory tree merge of `kiln_part` into kiln_part[0] (every invocation reaches the barriers). */
function treeMerge(f: Fold, t: WgslScalar, acc = 'acc'): string {
  return `kiln_part[lid] = ${acc};
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { kiln_part[lid] = ${f.combine('kiln_part[lid]', 'kiln_part[lid + s]', t)}; }
    workgroupBarrier();
  }`;
}

function workgroupReduction(x: TensorRef, out: TensorRef, kept: View, reduced: View, f: Fold, what: string): KernelSource {
  const outN = numel(kept.shape), n = numel(reduced.shape);
  const t = computeType(x, f);
  const lidI = 'i32(lid)';
  const center = f.center
    ? `${foldLoop(x, reduced, f.center, t, lidI, `${WG}`, 'mx')}
  ${treeMerge(f.center, t, 'mx')}
  let m = kiln_finite_or_zero(kiln_part[0]);
  workgroupBarrier();
  `
    : '';
  const entry = `@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  // ${what}: workgroup per output element; ${WG} invocations fold strided slices of its ${n} elements, then a tree merges them.
  let idx = i32(wid.x + wid.y * nwg.x);
  if (idx >= ${outN}) { return; }
  ${offsetOf('idx', kept, 'base', 'k')}
  ${center}${foldLoop(x, reduced, f, t, lidI, `${WG}`)}
  ${treeMerge(f, t)}
  if (lid == 0u) { ${out.store('idx', result(x, out, f, 'kiln_part[0]', n))} }
}`;
  return { decls: `${FOLD_PRELUDE}var<workgroup> kiln_part: array<${t}, ${WG}>;`, entry, workgroups: workgroupsFor(outN), workgroupSize: WG };
}

/** The workgroup reduction with the subgroup merge (subgroup-merge.ts) in place of the tree. */
function subgroupReduction(x: TensorRef, out: TensorRef, kept: View, reduced: View, f: Fold, what: string): KernelSource {
  const outN = numel(kept.shape), n = numel(reduced.shape);
  const t = computeType(x, f);
  const lidI = 'i32(lid)';
  const center = f.center
    ? `${foldLoop(x, reduced, f.center, t, lidI, `${WG}`, 'mx')}
  ${subgroupMerge(f.center, t, 'mx', 'mx_all')}
  let m = kiln_finite_or_zero(mx_all);
  workgroupBarrier();
  `
    : '';
  const entry = `@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32, ${SUBGROUP_BUILTINS}) {
  // ${what}: workgroup per output element; ${WG} invocations fold strided slices of its ${n} elements, then subgroups merge them.
  let idx = i32(wid.x + wid.y * nwg.x);
  if (idx >= ${outN}) { return; }
  ${offsetOf('idx', kept, 'base', 'k')}
  ${center}${foldLoop(x, reduced, f, t, lidI, `${WG}`)}
  ${subgroupMerge(f, t, 'acc', 'acc_all')}
  if (lid == 0u) { ${out.store('idx', result(x, out, f, 'acc_all', n))} }
}`;
  const decls = `${FOLD_PRELUDE}${SUBGROUP_PRELUDE}var<workgroup> kiln_part: array<${t}, ${subgroupSlots(WG)}>;`;
  return { enables: ['subgroups'], decls, entry, workgroups: workgroupsFor(outN), workgroupSize: WG };
}

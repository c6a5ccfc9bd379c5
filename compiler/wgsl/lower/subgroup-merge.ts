// The subgroup merge of a workgroup's partial folds (WebGPU feature `subgroups`), the alternative to the
// workgroup-memory tree: each subgroup folds its invocations' partials with one subgroup operation (the
// fold's `subgroup`, e.g. subgroupAdd), its first invocation writes that to workgroup memory (one slot per
// subgroup), one barrier, then every subgroup folds the slots again the same way, so every invocation
// holds the workgroup's value. log2(workgroup) barriers become one. Subgroup sizes differ by adapter (4 to
// 128, a power of two): the kernel reads them from builtins, never assumes one. The order of the folds is
// fixed for a given subgroup size, so results repeat run to run.
import type { WgslScalar } from '../wgsl.ts';
import type { Fold } from './reduce-rows.ts';

/** The entry-point parameters the merge reads. */
export const SUBGROUP_BUILTINS =
  '@builtin(subgroup_invocation_id) sg_lane: u32, @builtin(subgroup_size) sg_size: u32, @builtin(subgroup_id) sg_id: u32, @builtin(num_subgroups) sg_count: u32';

/** Subgroup max and min that propagate NaN, as the folds' kiln_max_nan / kiln_min_nan do (needs FOLD_PRELUDE). */
export const SUBGROUP_PRELUDE = `
fn kiln_sg_max(x: f32) -> f32 { let m = subgroupMax(x); return select(m, bitcast<f32>(kiln_nan_bits), subgroupAny(kiln_isnan_r(x))); }
fn kiln_sg_min(x: f32) -> f32 { let m = subgroupMin(x); return select(m, bitcast<f32>(kiln_nan_bits), subgroupAny(kiln_isnan_r(x))); }
`;

/** Workgroup slots the merge needs for a workgroup of `wg` invocations: one per subgroup of at least 4. */
export const subgroupSlots = (wg: number): number => Math.max(1, Math.ceil(wg / 4));

/**
 * Statements merging every invocation's `acc` (compute type t) through the workgroup array `part` (at
 * least subgroupSlots(wg) long) into `let ${out}`, held by every invocation. Must run in uniform control
 * flow; the caller puts a barrier before `part` is written again.
 */
export function subgroupMerge(f: Fold, t: WgslScalar, acc: string, out: string, part = 'kiln_part'): string {
  return `let ${out}_sg = ${f.subgroup(acc, t)};
  if (sg_lane == 0u) { ${part}[sg_id] = ${out}_sg; }
  workgroupBarrier();
  var ${out}_p: ${t} = ${f.init(t)};
  for (var s = sg_lane; s < sg_count; s += sg_size) { ${out}_p = ${f.combine(`${out}_p`, `${part}[s]`, t)}; }
  let ${out} = ${f.subgroup(`${out}_p`, t)};`;
}

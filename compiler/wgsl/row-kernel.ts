// The row kernel of a row group (softmax, log-softmax, layer and batch norm, with their prologues and
// epilogues), where a row is every element of `full` sharing the kept coordinates. Long rows take one
// workgroup each: the group's reductions run as phases in topological order, the invocations fold strided
// elements of the row, a shared-memory tree merges the partial folds, and every invocation keeps the row's
// result in a private variable `krN` that later members read; then one invocation writes the per-row
// outputs and all invocations write the per-element outputs of their strided elements. Short rows
// (SERIAL_ROW_MAX) take one invocation each, which runs the same phases over its whole row serially. With
// the subgroups feature, long rows merge their partial folds per subgroup (lower/subgroup-merge.ts).
import { KilnError } from '../../ir/errors.ts';
import type { Node, Value } from '../../ir/graph.ts';
import type { KernelGroup } from '../../ir/schedule.ts';
import { OPS } from '../../ir/ops/index.ts';
import { numel, stridesOf } from '../../ir/shape.ts';
import type { KernelFeatures, KernelSource, TensorRef } from './kernel.ts';
import { SUBGROUP_BUILTINS, SUBGROUP_PRELUDE, subgroupMerge, subgroupSlots } from './lower/subgroup-merge.ts';
import { FOLDS } from './lower/reduce.ts';
import { type Fold, FOLD_PRELUDE, workgroupsFor } from './lower/reduce-rows.ts';
import { cast, coordNames, coords, offsetExpr } from './wgsl.ts';

const MAX_WG = 256, MIN_WG = 32;

/**
 * Rows of at most this many elements run one invocation per row, folding serially (no workgroup memory,
 * no barriers). On lavapipe that was 3-8x faster for every shape tried (1024x10 softmax 3.0 -> 0.36 ms,
 * 256x32 0.92 -> 0.27, 512x64 10.9 -> 1.0, 1024x128 36 -> 6.2): a short row leaves most of a workgroup idle
 * and pays a barrier per tree level. Longer rows keep a workgroup each, which hardware GPUs read coalesced.
 */
export const SERIAL_ROW_MAX = 128;

/** Whether a row group can run `n` as one of its phases. */
export const isRowReduction = (n: Node): boolean => OPS[n.op].kind === 'reduce';

export interface RowKernelParts {
  readonly group: KernelGroup;
  /** How the kernel reads a reduction's operand (a member's function, a buffer, a literal). */
  readonly refFor: (u: Value) => TensorRef;
  /** The value of a non-reduction member at a flat index of its own shape. */
  readonly call: (n: Node, at: string) => string;
  /** Statement storing `value` at element `at` of group output j (converted to its buffer's storage). */
  readonly store: (j: number, at: string, value: string) => string;
  /** With subgroups, long rows merge their partial folds per subgroup (subgroup-merge.ts) instead of a tree. */
  readonly features?: KernelFeatures;
}

export const reductionVar = (k: number) => `kr${k}`;

export function rowKernel(p: RowKernelParts): KernelSource {
  const { group: gr } = p;
  const row = gr.row!;
  const rows = numel(gr.shape), len = numel(row.full) / Math.max(1, rows);
  const wg = Math.min(MAX_WG, Math.max(MIN_WG, 2 ** Math.ceil(Math.log2(Math.max(1, len)))));
  const index = new Map(gr.nodes.map((n, k) => [n, k]));
  const reductions = gr.nodes.filter(isRowReduction);
  // Flat index in `full` of element e of row r: kept coordinates from r, reduced ones from e.
  const kept = row.full.map((_, d) => d).filter((d) => !row.axes.includes(d));
  const strides = stridesOf(row.full);
  const flatTerms = [...kept.map((d, k) => `k${k} * ${strides[d]}`), ...row.axes.map((d, k) => `q${k} * ${strides[d]}`)];
  const flat = `fn kiln_row_flat(r: i32, e: i32) -> i32 {
  ${coords('r', kept.map((d) => row.full[d]), 'k')}
  ${coords('e', row.axes.map((d) => row.full[d]), 'q')}
  return ${flatTerms.length ? flatTerms.join(' + ') : '0'};
}`;
  const inputs = reductions.map((r) => {
    const x = p.refFor(r.inputs[0]!);
    const cs = coordNames(row.full.length);
    return `fn kiln_row_in${index.get(r)}(i: i32) -> f32 {\n  ${coords('i', row.full)}\n  return ${cast(x.load(offsetExpr(x.view, cs)), x.elem, 'f32')};\n}`;
  });
  const serial = len <= SERIAL_ROW_MAX;
  const foldOf = (r: Node): Fold => {
    const f = FOLDS[r.op as keyof typeof FOLDS] as Fold | undefined;
    if (!f) throw new KilnError('BACKEND', 'no row-kernel fold for this reduction', { node: r.name, op: r.op });
    if (r.outputs[0].type.dtype !== 'f32') throw new KilnError('BACKEND', 'row kernels reduce f32 values only', { node: r.name, op: r.op });
    return f;
  };
  /** A phase of the serial kernel: this invocation folds its whole row. */
  const serialPhase = (r: Node): string => {
    const f = foldOf(r), k = index.get(r)!;
    const fold = (fd: Fold, acc: string) => `var ${acc}: f32 = ${fd.init('f32')};
    for (var e = 0; e < ${len}; e++) {
      let x = kiln_row_in${k}(kiln_row_flat(row, e));
      ${acc} = ${fd.step(acc, 'x', 'f32')};
    }`;
    const center = f.center ? `${fold(f.center, 'mx')}\n    let m = kiln_finite_or_zero(mx);\n    ` : '';
    return `{ // phase: ${r.op} ${r.name}
    ${center}${fold(f, 'acc')}
    ${reductionVar(k)} = ${f.finish ? f.finish('acc', len, 'f32') : 'acc'};
  }`;
  };
  const phase = (r: Node): string => {
    const f = foldOf(r), k = index.get(r)!;
    const fold = (fd: Fold, acc: string) => `var ${acc}: f32 = ${fd.init('f32')};
    for (var e = i32(lid); e < ${len}; e += ${wg}) {
      let x = kiln_row_in${k}(kiln_row_flat(row, e));
      ${acc} = ${fd.step(acc, 'x', 'f32')};
    }
    kiln_part[lid] = ${acc};
    workgroupBarrier();
    for (var s = ${wg / 2}u; s > 0u; s = s >> 1u) {
      if (lid < s) { kiln_part[lid] = ${fd.combine('kiln_part[lid]', 'kiln_part[lid + s]', 'f32')}; }
      workgroupBarrier();
    }`;
    const center = f.center ? `${fold(f.center, 'mx')}\n    let m = kiln_finite_or_zero(kiln_part[0]);\n    workgroupBarrier();\n    ` : '';
    const done = f.finish ? f.finish('kiln_part[0]', len, 'f32') : 'kiln_part[0]';
    return `{ // phase: ${r.op} ${r.name}
    ${center}${fold(f, 'acc')}
    ${reductionVar(k)} = ${done};
    workgroupBarrier();
  }`;
  };
  /** A phase of the subgroup kernel: as `phase`, merging through subgroups. */
  const subgroupPhase = (r: Node): string => {
    const f = foldOf(r), k = index.get(r)!;
    const fold = (fd: Fold, acc: string) => `var ${acc}: f32 = ${fd.init('f32')};
    for (var e = i32(lid); e < ${len}; e += ${wg}) {
      let x = kiln_row_in${k}(kiln_row_flat(row, e));
      ${acc} = ${fd.step(acc, 'x', 'f32')};
    }
    ${subgroupMerge(fd, 'f32', acc, `${acc}_all`).replaceAll('\n  ', '\n    ')}`;
    const center = f.center ? `${fold(f.center, 'mx')}\n    let m = kiln_finite_or_zero(mx_all);\n    workgroupBarrier();\n    ` : '';
    return `{ // phase: ${r.op} ${r.name}
    ${center}${fold(f, 'acc')}
    ${reductionVar(k)} = ${f.finish ? f.finish('acc_all', len, 'f32') : 'acc_all'};
    workgroupBarrier();
  }`;
  };
  const subgroups = !!p.features?.subgroups;
  const level = (v: Value) => (numel(v.type.shape) === numel(row.full) && numel(row.full) !== rows ? 'full' : 'row');
  const valueAt = (v: Value, at: string) => {
    const n = gr.nodes.find((m) => m.outputs.includes(v))!;
    return isRowReduction(n) ? reductionVar(index.get(n)!) : p.call(n, at);
  };
  const rowStores = gr.outputs.flatMap((v, j) => (level(v) === 'row' ? [p.store(j, 'row', valueAt(v, 'row'))] : []));
  const fullStores = gr.outputs.flatMap((v, j) => (level(v) === 'full' ? [p.store(j, 'i', valueAt(v, 'i'))] : []));
  const privates = reductions.map((r) => `var<private> ${reductionVar(index.get(r)!)}: f32;`);
  if (serial) {
    const body = `// Row kernel: one invocation per row of ${len} elements, ${reductions.length} reduction phase(s), folded serially.
  let row = idx;
  ${reductions.map(serialPhase).join('\n  ')}
  ${rowStores.join(' ')}
  for (var e = 0; e < ${len}; e++) {
    let i = kiln_row_flat(row, e);
    ${fullStores.join(' ')}
  }`;
    return { decls: [FOLD_PRELUDE, ...privates, flat, ...inputs].join('\n'), body, invocations: rows };
  }
  const entry = `// Row kernel: one workgroup per row of ${len} elements, ${reductions.length} reduction phase(s).
@compute @workgroup_size(${wg})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32${subgroups ? `, ${SUBGROUP_BUILTINS}` : ''}) {
  // The row index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
  let row = i32(wid.x + wid.y * nwg.x);
  if (row >= ${rows}) { return; }
  ${reductions.map(subgroups ? subgroupPhase : phase).join('\n  ')}
  ${rowStores.length ? `if (lid == 0u) { ${rowStores.join(' ')} }` : ''}
  for (var e = i32(lid); e < ${len}; e += ${wg}) {
    let i = kiln_row_flat(row, e);
    ${fullStores.join(' ')}
  }
}`;
  const decls = [
    FOLD_PRELUDE,
    ...(subgroups ? [SUBGROUP_PRELUDE] : []),
    `var<workgroup> kiln_part: array<f32, ${subgroups ? subgroupSlots(wg) : wg}>;`,
    ...privates,
    flat,
    ...inputs,
  ].join('\n');
  return { ...(subgroups ? { enables: ['subgroups'] as const } : {}), decls, entry, workgroups: workgroupsFor(rows), workgroupSize: wg };
}

// WGSL for the ops that walk one axis: ArgMax/ArgMin (index of the best element), CumSum (running sum) and
// TopK (the k best elements and their indices, ranked without sorting). Inputs are read through their views.
import { normAxis, numel } from '../../../ir/shape.ts';
import type { KernelSource, Lowering, LowerContext, TensorRef } from '../kernel.ts';
import type { View } from '../../../ir/view.ts';
import { lit } from '../wgsl.ts';
import { FOLD_PRELUDE, mergeDims, offsetOf, useWorkgroups, WG, workgroupsFor } from './reduce-rows.ts';

/** One axis of a view: its length n, its stride, and the view of the remaining dims (the lines). */
interface AxisLines {
  readonly n: number;
  readonly stride: number;
  readonly lines: View;
  /** Count of lines, and of elements after the axis (the output stride of the axis). */
  readonly count: number;
  readonly inner: number;
}

function axisLines(v: View, axisAttr: number): AxisLines {
  const ax = normAxis(axisAttr, v.shape.length);
  const rest = mergeDims(v.shape.filter((_, i) => i !== ax), v.strides.filter((_, i) => i !== ax));
  return {
    n: v.shape[ax],
    stride: v.strides[ax],
    lines: { ...rest, offset: v.offset },
    count: numel(rest.shape),
    inner: numel(v.shape.slice(ax + 1)),
  };
}

const input = (ctx: LowerContext) => ctx.inputs[0] as TensorRef;
const times = (e: string, k: number) => (k === 1 ? e : `${e} * ${k}`);
/** Offset of line `line`'s first element in a contiguous output whose axis has length `len`. */
const lineStart = (line: string, a: AxisLines, len: number) =>
  a.inner === 1 ? times(line, len) : `(${line} / ${a.inner}) * ${len * a.inner} + ${line} % ${a.inner}`;

/** ArgMax / ArgMin: the first best index (or the last with select_last_index), as i32. */
export const ARG_REDUCE = (better: '>' | '<'): Lowering => (ctx) => {
  const x = input(ctx), out = ctx.outputs[0];
  const a = axisLines(x.view, ctx.node.attrs.axis as number);
  const last = ctx.node.attrs.select_last_index !== 0;
  if (useWorkgroups(a.n, a.count)) return argWorkgroups(ctx.node.op, x, out, a, better, last);
  const tie = last ? ` || v == best` : '';
  return {
    body: `// ${ctx.node.op} along an axis of ${a.n}: one invocation per output element scans it.
  ${offsetOf('idx', a.lines, 'base', 'k')}
  var best = ${x.load(`base`)};
  var bi = 0i;
  for (var j = 1; j < ${a.n}; j++) {
    let v = ${x.load(`base + ${times('j', a.stride)}`)};
    if (v ${better} best${tie}) { best = v; bi = j; }
  }
  ${out.name}[idx] = bi;`,
    invocations: a.count,
  };
};

/**
 * ArgMax / ArgMin over a long axis: a workgroup per output element. Each invocation keeps the best (value,
 * index) of its strided slice, skipping NaN; a tree merges the pairs, ties going to the lower index (the
 * higher with select_last_index). As on the CPU, a NaN first element wins (index 0).
 */
function argWorkgroups(op: string, x: TensorRef, out: TensorRef, a: AxisLines, better: '>' | '<', last: boolean): KernelSource {
  const isNan = (v: string) => (x.elem === 'f32' ? `kiln_isnan_r(${v})` : 'false');
  const tie = last ? 'bj > bi' : 'bj < bi';
  const entry = `@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  // ${op} along an axis of ${a.n}: workgroup per output element; strided scans, then a tree of (value, index) pairs.
  let idx = i32(wid.x + wid.y * nwg.x);
  if (idx >= ${a.count}) { return; }
  ${offsetOf('idx', a.lines, 'base', 'k')}
  var best = ${x.load(`base`)};
  var bi = -1;
  for (var j = i32(lid); j < ${a.n}; j += ${WG}) {
    let v = ${x.load(`base + ${times('j', a.stride)}`)};
    if (!${isNan('v')} && (bi < 0 || v ${better} best${last ? ' || v == best' : ''})) { best = v; bi = j; }
  }
  kiln_best[lid] = best;
  kiln_at[lid] = bi;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) {
      let vj = kiln_best[lid + s];
      let bj = kiln_at[lid + s];
      let bi = kiln_at[lid];
      let vi = kiln_best[lid];
      if (bj >= 0 && (bi < 0 || vj ${better} vi || (vj == vi && ${tie}))) { kiln_best[lid] = vj; kiln_at[lid] = bj; }
    }
    workgroupBarrier();
  }
  if (lid == 0u) { ${out.name}[idx] = select(kiln_at[0], 0, kiln_at[0] < 0 || ${isNan(`${x.load(`base`)}`)}); }
}`;
  return {
    decls: `${FOLD_PRELUDE}var<workgroup> kiln_best: array<${x.elem}, ${WG}>;\nvar<workgroup> kiln_at: array<i32, ${WG}>;`,
    entry,
    workgroups: workgroupsFor(a.count),
    workgroupSize: WG,
  };
}

/** CumSum: one invocation per line runs the sum along it (exclusive leaves out the current element). */
export const CUM_SUM: Lowering = (ctx) => {
  const x = input(ctx), out = ctx.outputs[0];
  const a = axisLines(x.view, ctx.node.attrs.axis as number);
  const rev = ctx.node.attrs.reverse !== 0, excl = ctx.node.attrs.exclusive !== 0;
  const pos = rev ? `${a.n - 1} - j` : 'j';
  const write = excl
    ? `${out.store(`obase + ${times('p', a.inner)}`, 's')}\n    s = s + v;`
    : `s = s + v;\n    ${out.store(`obase + ${times('p', a.inner)}`, 's')}`;
  return {
    body: `// CumSum along an axis of ${a.n}${rev ? ', from the end' : ''}${excl ? ', exclusive' : ''}: one invocation per line.
  ${offsetOf('idx', a.lines, 'base', 'k')}
  let obase = ${lineStart('idx', a, a.n)};
  var s = ${lit(0, x.elem)};
  for (var j = 0; j < ${a.n}; j++) {
    let p = ${pos};
    let v = ${x.load(`base + ${times('p', a.stride)}`)};
    ${write}
  }`,
    invocations: a.count,
  };
};

/**
 * TopK: one invocation per input element counts the elements ranked before it (larger, or smaller when
 * largest=0; ties by lower index) and, when that rank is below k, writes itself to output slot `rank`.
 */
export const TOP_K: Lowering = (ctx) => {
  const x = input(ctx), [vals, inds] = ctx.outputs;
  const a = axisLines(x.view, ctx.node.attrs.axis as number);
  const k = ctx.node.attrs.k as number;
  const cmp = ctx.node.attrs.largest !== 0 ? '>' : '<';
  return {
    body: `// TopK (k=${k} of ${a.n}): each element's rank is the count of elements ordered before it.
  let line = idx / ${a.n};
  let j = idx % ${a.n};
  ${offsetOf('line', a.lines, 'base', 'k')}
  let v = ${x.load(`base + ${times('j', a.stride)}`)};
  var rank = 0;
  for (var q = 0; q < ${a.n}; q++) {
    let w = ${x.load(`base + ${times('q', a.stride)}`)};
    if (w ${cmp} v || (w == v && q < j)) { rank++; }
  }
  if (rank < ${k}) {
    let o = ${lineStart('line', a, k)} + ${times('rank', a.inner)};
    ${vals.store('o', 'v')}
    ${inds.name}[o] = j;
  }`,
    invocations: k === 0 ? 0 : a.count * a.n,
  };
};

// WGSL lowerings of the index-driven movement ops: Gather, GatherElements, GatherND, ScatterElements,
// ScatterND, OneHot and ReverseSequence. Gathers read one element per output element. Scatters are
// race-free and deterministic: each output element starts from the data and scans, in the CPU's order, the
// updates that could land on it, applying the reduction (none: the last one wins).
// Negative indices count from the end; indices still out of range (an error on the CPU) are clamped.
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { normAxis, numel } from '../../../ir/shape.ts';
import type { LowerContext, Lowering } from '../kernel.ts';
import { coordNames, coords } from '../wgsl.ts';
import { count, input, INDEX_PRELUDE, read, readIndex } from './movement-util.ts';

const REDUCE: Record<string, (old: string, u: string) => string> = {
  none: (_o, u) => u, add: (o, u) => `${o} + ${u}`, mul: (o, u) => `${o} * ${u}`, max: (o, u) => `max(${o}, ${u})`, min: (o, u) => `min(${o}, ${u})`,
};

const replaceAt = (cs: readonly string[], d: number, e: string): string[] => cs.map((c, k) => (k === d ? e : c));

/** The kernel's index check for index `raw` along a dim of size n (valid: [-n, n), negatives wrap), or nothing. */
const flagOutside = (ctx: LowerContext, raw: string, n: number): string => (ctx.check ? ctx.check(`${raw} < ${-n} || ${raw} >= ${n}`) : '');

/** `let name = kiln_index(raw, n);`, flagging an out-of-range index first (the CPU raises for it). */
const checkedIndex = (ctx: LowerContext, name: string, raw: string, n: number): string =>
  `let ${name}_raw = ${raw};\n  ${flagOutside(ctx, `${name}_raw`, n)}\n  let ${name} = kiln_index(${name}_raw, ${n});`;

// Gather: out[pre, i.., post] = x[pre, index(i..), post].
const gather: Lowering = (ctx) => {
  const x = input(ctx, 0), ind = input(ctx, 1), out = ctx.outputs[0], shape = out.view.shape;
  const ax = normAxis(ctx.node.attrs.axis as number, x.view.shape.length), q = ind.view.shape.length, cs = coordNames(shape.length);
  const body = [
    coords('idx', shape),
    checkedIndex(ctx, 'j', readIndex(ind, cs.slice(ax, ax + q)), x.view.shape[ax]),
    `${out.store('idx', `${read(x, [...cs.slice(0, ax), 'j', ...cs.slice(ax + q)])}`)}`,
  ];
  return { decls: INDEX_PRELUDE, body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

// GatherElements: out[c] = x[c with c[axis] = index(indices[c])].
const gatherElements: Lowering = (ctx) => {
  const x = input(ctx, 0), ind = input(ctx, 1), out = ctx.outputs[0], shape = out.view.shape;
  const ax = normAxis(ctx.node.attrs.axis as number, x.view.shape.length), cs = coordNames(shape.length);
  const body = [
    coords('idx', shape),
    checkedIndex(ctx, 'j', readIndex(ind, cs), x.view.shape[ax]),
    `${out.store('idx', `${read(x, replaceAt(cs, ax, 'j'))}`)}`,
  ];
  return { decls: INDEX_PRELUDE, body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

// GatherND: out[batch, tuple.., rest] = x[batch, indices[batch, tuple.., 0..k-1], rest].
const gatherNd: Lowering = (ctx) => {
  const x = input(ctx, 0), ind = input(ctx, 1), out = ctx.outputs[0], shape = out.view.shape, xs = x.view.shape;
  const b = ctx.node.attrs.batch_dims as number, q = ind.view.shape.length, k = ind.view.shape[q - 1], cs = coordNames(shape.length);
  const tuple = cs.slice(0, q - 1);
  const lets = Array.from({ length: k }, (_, m) => checkedIndex(ctx, `j${m}`, readIndex(ind, [...tuple, `${m}`]), xs[b + m]));
  const src = [...cs.slice(0, b), ...coordNames(k, 'j'), ...cs.slice(q - 1)];
  const body = [coords('idx', shape), ...lets, `${out.store('idx', `${read(x, src)}`)}`];
  return { decls: INDEX_PRELUDE, body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

// ScatterElements: each output element scans the updates on its line along the axis.
const scatterElements: Lowering = (ctx) => {
  const x = input(ctx, 0), ind = input(ctx, 1), upd = input(ctx, 2), out = ctx.outputs[0], shape = out.view.shape, is = ind.view.shape;
  const ax = normAxis(ctx.node.attrs.axis as number, shape.length), cs = coordNames(shape.length), f = REDUCE[ctx.node.attrs.reduction as string];
  const reach = is.flatMap((n, d) => (d !== ax && n < shape[d] ? [`c${d} < ${n}`] : []));
  const at = replaceAt(cs, ax, 'j');
  const pad = reach.length ? '  ' : '';
  const scan = [
    `${pad}for (var j = 0; j < ${is[ax]}; j++) {`,
    `${pad}  let s_raw = ${readIndex(ind, at)};`,
    `${pad}  ${flagOutside(ctx, 's_raw', shape[ax])}`,
    `${pad}  if (kiln_index(s_raw, ${shape[ax]}) == c${ax}) { v = ${f('v', read(upd, at))}; }`,
    `${pad}}`,
  ].join('\n  ');
  const body = [
    '// scatter: apply, in order, the updates that land on this element',
    coords('idx', shape),
    `var v = ${read(x, cs)};`,
    reach.length ? `if (${reach.join(' && ')}) {\n  ${scan}\n  }` : scan,
    `${out.store('idx', `v`)}`,
  ];
  return { decls: INDEX_PRELUDE, body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

// ScatterND: each output element scans every index tuple and applies those that name its prefix.
const scatterNd: Lowering = (ctx) => {
  const x = input(ctx, 0), ind = input(ctx, 1), upd = input(ctx, 2), out = ctx.outputs[0], shape = out.view.shape;
  const is = ind.view.shape, q = is.length, k = is[q - 1], cs = coordNames(shape.length), f = REDUCE[ctx.node.attrs.reduction as string];
  const tupleShape = is.slice(0, q - 1), u = coordNames(q - 1, 'u');
  const raws = Array.from({ length: k }, (_, m) => `let s${m}_raw = ${readIndex(ind, [...u, `${m}`])}; ${flagOutside(ctx, `s${m}_raw`, shape[m])}`);
  const hits = Array.from({ length: k }, (_, m) => `kiln_index(s${m}_raw, ${shape[m]}) == c${m}`);
  const body = [
    '// scatter: apply, in order, the index tuples that name this element',
    coords('idx', shape),
    `var v = ${read(x, cs)};`,
    `for (var t = 0; t < ${numel(tupleShape)}; t++) {`,
    `  ${coords('t', tupleShape, 'u').replaceAll('\n  ', '\n    ')}`,
    ...raws.map((r) => `  ${r}`),
    `  if (${hits.join(' && ') || 'true'}) { v = ${f('v', read(upd, [...u, ...cs.slice(k)]))}; }`,
    '}',
    `${out.store('idx', `v`)}`,
  ];
  return { decls: INDEX_PRELUDE, body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

// OneHot: on where the (wrapped) index equals the coordinate on the new axis, off elsewhere.
const oneHot: Lowering = (ctx) => {
  const ind = input(ctx, 0), vals = input(ctx, 1), out = ctx.outputs[0], shape = out.view.shape;
  const ax = normAxis(ctx.node.attrs.axis as number, shape.length), depth = ctx.node.attrs.depth as number, cs = coordNames(shape.length);
  const body = [
    coords('idx', shape),
    `let i = ${readIndex(ind, cs.filter((_, d) => d !== ax))};`,
    `let hot = select(i, i + ${depth}, i < 0) == c${ax};`,
    `${out.store('idx', `select(${read(vals, ['0'])}, ${read(vals, ['1'])}, hot)`)}`,
  ];
  return { body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

// ReverseSequence: the first len[b] steps along the time axis are read reversed (len clamped to [0, T]).
const reverseSequence: Lowering = (ctx) => {
  const x = input(ctx, 0), lens = input(ctx, 1), out = ctx.outputs[0], shape = out.view.shape, a = ctx.node.attrs;
  const b = a.batch_axis as number, t = a.time_axis as number, cs = coordNames(shape.length);
  const body = [
    coords('idx', shape),
    `let len = clamp(${readIndex(lens, [`c${b}`])}, 0, ${shape[t]});`,
    `let s = select(c${t}, len - 1 - c${t}, c${t} < len);`,
    `${out.store('idx', `${read(x, replaceAt(cs, t, 's'))}`)}`,
  ];
  return { body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

export const INDEX_LOWERINGS = {
  Gather: gather,
  GatherElements: gatherElements,
  GatherND: gatherNd,
  ScatterElements: scatterElements,
  ScatterND: scatterNd,
  OneHot: oneHot,
  ReverseSequence: reverseSequence,
} satisfies { [K in MovementOpName]?: Lowering };

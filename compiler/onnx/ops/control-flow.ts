// ONNX control flow in a static compiler: every subgraph is converted into the one IR graph.
// - If: a condition that is constant after folding (or bound at import) takes its branch alone; a condition
//   known only at run time computes both branches and selects each output with Where (if-conversion: the
//   cost is both branches' work), which needs the branches' outputs to agree in shape and dtype.
// - Loop and Scan: unrolled, one copy of the body per iteration, so the trip count (Loop: M and each
//   iteration's condition; Scan: the scan axis) must be known at import time. Scan outputs are stacked.
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import { fmt, numel, sameShape } from '../../../ir/shape.ts';
import { fmtType, scalar } from '../../../ir/tensor.ts';
import type { GraphProto } from '../proto.ts';
import { attrOr, fail, graphInputsBehind, type ImportContext, type OnnxConverter, type OnnxNode } from '../context.ts';

/** Iterations one Loop or Scan may unroll into: each is a copy of its body in the compiled graph. */
export const MAX_UNROLLED_ITERATIONS = 4096;

function graphAttr(n: OnnxNode, key: string): GraphProto {
  const a = n.attrs[key];
  if (!a || typeof a !== 'object' || !('graph' in a)) fail(n, `${n.opType} needs the graph attribute '${key}'`);
  return a.graph;
}

/** STATIC_INPUT for a value known only at run time, naming the graph inputs it is computed from (to bind). */
function notStatic(ctx: ImportContext, n: OnnxNode, v: Value, problem: string): KilnError {
  const inputs = graphInputsBehind(ctx.graph, v);
  const bind = inputs.length
    ? `bind ${inputs.map((i) => `'${i}'`).join(', ')} at import (importOnnx(..., { bind: { ${inputs[0]}: ... } }), kiln compile --bind ${inputs[0]}=...)`
    : 'make it constant';
  return new KilnError('STATIC_INPUT', `${problem}; ${bind}`, { node: n.name, op: n.opType, input: inputs.length === 1 && inputs[0] === v.name ? v.name : undefined, inputs });
}

/** A scalar-like ([] or [1]) bool value as a [] value, so Where keeps the branch outputs' shapes. */
function conditionScalar(ctx: ImportContext, n: OnnxNode, cond: Value): Value {
  if (cond.type.dtype !== 'bool' || numel(cond.type.shape) !== 1) fail(n, `the condition must be one bool, got ${fmtType(cond.type)}`);
  return cond.type.shape.length === 0 ? cond : ctx.emit1('Reshape', [cond], { shape: [] });
}

const ifConverter: OnnxConverter = (ctx, n) => {
  const cond = conditionScalar(ctx, n, n.inputs[0]!);
  const thenBranch = graphAttr(n, 'then_branch'), elseBranch = graphAttr(n, 'else_branch');
  const known = ctx.constValue(cond);
  if (known) return ctx.subgraph(known.data[0] ? thenBranch : elseBranch, []);
  const yes = ctx.subgraph(thenBranch, []), no = ctx.subgraph(elseBranch, []);
  if (yes.length !== no.length) fail(n, `the branches have ${yes.length} and ${no.length} outputs`);
  return yes.map((t, i) => {
    const e = no[i];
    if (t.type.dtype !== e.type.dtype || !sameShape(t.type.shape, e.type.shape)) {
      throw notStatic(ctx, n, n.inputs[0]!, `the condition is known only at run time and output ${i} differs between the branches (then ${fmtType(t.type)}, else ${fmtType(e.type)}), so both cannot be computed and selected: one branch must be taken`);
    }
    return ctx.emit1('Where', [cond, t, e]);
  });
};

/** `v` with a new axis of size 1 at `axis`, as a view. */
const withAxis = (ctx: ImportContext, v: Value, axis: number): Value =>
  ctx.emit1('Reshape', [v], { shape: [...v.type.shape.slice(0, axis), 1, ...v.type.shape.slice(axis)] });

/** Per-iteration values stacked along a new `axis` (in iteration order unless `reverse`). */
function stack(ctx: ImportContext, n: OnnxNode, values: readonly Value[], axis: number, reverse: boolean, what: string): Value {
  const first = values[0];
  const odd = values.find((v) => v.type.dtype !== first.type.dtype || !sameShape(v.type.shape, first.type.shape));
  if (odd) fail(n, `${what} changes shape or dtype between iterations (${fmtType(first.type)}, then ${fmtType(odd.type)}); a static graph stacks equal ones`);
  const rank = first.type.shape.length;
  const at = axis < 0 ? axis + rank + 1 : axis;
  if (at < 0 || at > rank) fail(n, `${what}: axis ${axis} is out of range for rank ${rank} values`);
  const ordered = reverse ? [...values].reverse() : values;
  const parts = ordered.map((v) => withAxis(ctx, v, at));
  return parts.length === 1 ? parts[0] : ctx.emit1('Concat', parts, { axis: at });
}

function checkUnroll(n: OnnxNode, iterations: number): void {
  if (iterations > MAX_UNROLLED_ITERATIONS) {
    throw new KilnError('LIMIT', `${n.opType} would unroll into ${iterations} iterations, more than ${MAX_UNROLLED_ITERATIONS} (each is a copy of its body in the compiled graph)`, { node: n.name, op: n.opType });
  }
}

/** Whether a Loop body's cond_out is its cond_in (directly or through Identity): it then runs all M iterations. */
function passesConditionThrough(body: GraphProto): boolean {
  const condIn = body.input[1]?.name, condOut = body.output[0]?.name;
  if (!condIn || !condOut) return false;
  return condIn === condOut || body.node.some((k) => k.op_type === 'Identity' && k.input[0] === condIn && k.output[0] === condOut);
}

/**
 * Loop(M, cond, v_initial...): body(iteration_num, cond_in, v_in...) -> (cond_out, v_out..., scan_out...).
 * M and cond must be static; each iteration's cond_out must fold to a constant.
 */
const loop: OnnxConverter = (ctx, n) => {
  const body = graphAttr(n, 'body');
  const carried = n.inputs.slice(2) as Value[];
  if (carried.some((v) => !v)) fail(n, 'loop-carried inputs may not be empty');
  const trip = n.inputs[0] ? ctx.requireStatic(n, 0, 'the trip count M').data[0] : Infinity;
  let cond = n.inputs[1] ? ctx.requireStatic(n, 1, 'the loop condition').data[0] !== 0 : true;
  const scanCount = body.output.length - 1 - carried.length;
  if (scanCount < 0) fail(n, `the body has ${body.output.length} outputs, fewer than 1 + ${carried.length} loop-carried values`);
  if (Number.isFinite(trip) && passesConditionThrough(body)) checkUnroll(n, trip); // refused before any unrolling
  let state = carried;
  const scans: Value[][] = Array.from({ length: scanCount }, () => []);
  let i = 0;
  for (; i < trip && cond; i++) {
    checkUnroll(n, i + 1);
    const outs = ctx.subgraph(body, [ctx.constant(scalar('i32', i), 'iteration'), ctx.constant(scalar('bool', 1), 'cond'), ...state]);
    const next = ctx.constValue(outs[0]);
    if (!next) {
      throw notStatic(ctx, n, outs[0], `the condition computed by iteration ${i} depends on run-time values; kiln unrolls loops, so it must fold to a constant (a loop that stops on data cannot be compiled statically)`);
    }
    cond = next.data[0] !== 0;
    state = outs.slice(1, 1 + carried.length);
    outs.slice(1 + carried.length).forEach((v, k) => scans[k].push(v));
  }
  if (scanCount > 0 && i === 0) fail(n, 'the loop runs zero iterations, so its scan outputs have no element shape to take');
  return [...state, ...scans.map((vs, k) => stack(ctx, n, vs, 0, false, `scan output ${k}`))];
};

/** The values of an int-list attribute of one entry per `count`, `dflt` when absent. */
function perEntry(n: OnnxNode, key: string, count: number, dflt: number): number[] {
  const v = attrOr<number[]>(n, key, Array<number>(count).fill(dflt));
  if (v.length !== count) fail(n, `attribute '${key}' has ${v.length} entries, the node ${count}`);
  return v;
}

/** Element `t` of `x` along `axis`, that axis removed (a static slice, a view). */
function sliceAt(ctx: ImportContext, x: Value, axis: number, t: number): Value {
  const s = ctx.emit1('Slice', [x], { starts: [t], ends: [t + 1], axes: [axis], steps: [] });
  return ctx.emit1('Reshape', [s], { shape: [...x.type.shape.slice(0, axis), ...x.type.shape.slice(axis + 1)] });
}

/** Opset 9+ Scan over states and scan inputs; returns the final states and the stacked scan outputs. */
function scanBody(ctx: ImportContext, n: OnnxNode, body: GraphProto, states: readonly Value[], inputs: readonly Value[]): Value[] {
  const m = inputs.length;
  const inAxes = perEntry(n, 'scan_input_axes', m, 0), inDirs = perEntry(n, 'scan_input_directions', m, 0);
  const axes = inputs.map((x, j) => {
    const r = x.type.shape.length, a = inAxes[j] < 0 ? inAxes[j] + r : inAxes[j];
    if (a < 0 || a >= r) fail(n, `scan input ${j} of shape ${fmt(x.type.shape)} has no axis ${inAxes[j]}`);
    return a;
  });
  const lengths = inputs.map((x, j) => x.type.shape[axes[j]]);
  const steps = lengths[0] ?? 0;
  if (lengths.some((l) => l !== steps)) fail(n, `the scan inputs have different lengths along their scan axes: ${lengths.join(', ')}`);
  if (steps === 0) fail(n, 'the scan inputs are empty along their scan axes, so the scan outputs have no element shape to take');
  checkUnroll(n, steps);
  const k = body.output.length - states.length;
  if (k < 0) fail(n, `the body has ${body.output.length} outputs, fewer than its ${states.length} states`);
  const outAxes = perEntry(n, 'scan_output_axes', k, 0), outDirs = perEntry(n, 'scan_output_directions', k, 0);
  let state = states;
  const scans: Value[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < steps; t++) {
    const slices = inputs.map((x, j) => sliceAt(ctx, x, axes[j], inDirs[j] ? steps - 1 - t : t));
    const outs = ctx.subgraph(body, [...state, ...slices]);
    state = outs.slice(0, states.length);
    outs.slice(states.length).forEach((v, q) => scans[q].push(v));
  }
  return [...state, ...scans.map((vs, q) => stack(ctx, n, vs, outAxes[q], outDirs[q] === 1, `scan output ${q}`))];
}

/**
 * Scan. Opset 9+: (states..., scan inputs...) with per-input axes and directions. Opset 8: a leading
 * optional sequence_lens and a batch axis 0 on every input (scan axis 1): each batch element is scanned
 * alone and the results stacked, which needs sequence_lens absent or the full length everywhere.
 */
const scan: OnnxConverter = (ctx, n) => {
  const body = graphAttr(n, 'body');
  const m = attrOr<number>(n, 'num_scan_inputs', -1);
  const given = ctx.opset < 9 ? n.inputs.slice(1) : n.inputs;
  if (m < 1 || m > given.length) fail(n, `num_scan_inputs must be in 1..${given.length}, got ${m}`);
  if (given.some((v) => !v)) fail(n, 'state and scan inputs may not be empty');
  const states = given.slice(0, given.length - m) as Value[], inputs = given.slice(given.length - m) as Value[];
  if (ctx.opset >= 9) return scanBody(ctx, n, body, states, inputs);

  const batch = [...states, ...inputs][0].type.shape[0];
  if ([...states, ...inputs].some((v) => v.type.shape[0] !== batch)) fail(n, 'opset 8 Scan: every state and scan input has the batch size as dimension 0');
  const lens = n.inputs[0] && ctx.requireStatic(n, 0, 'sequence_lens');
  if (lens && Array.from(lens.data).some((l) => l !== inputs[0].type.shape[1])) {
    throw new KilnError('ONNX_UNSUPPORTED', `sequence_lens [${Array.from(lens.data)}] shorter than the sequence (${inputs[0].type.shape[1]}) is not supported: a static scan runs every step`, { node: n.name, op: n.opType });
  }
  const { directions, ...rest } = n.attrs;
  const opset9: OnnxNode = { ...n, attrs: directions === undefined ? rest : { ...rest, scan_input_directions: directions } };
  const perBatch = Array.from({ length: batch }, (_, b) => scanBody(ctx, opset9, body, states.map((v) => sliceAt(ctx, v, 0, b)), inputs.map((v) => sliceAt(ctx, v, 0, b))));
  return perBatch[0].map((_, q) => stack(ctx, n, perBatch.map((r) => r[q]), 0, false, `output ${q}`));
};

export const CONTROL_FLOW_CONVERTERS: Record<string, OnnxConverter> = { If: ifConverter, Loop: loop, Scan: scan };

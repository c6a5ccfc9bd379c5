// The CPU interpreter: runs a verified graph node by node. It is the numerical oracle of the tests and
// the backend users get when no WebGPU adapter exists.
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import { lastUses } from '../../ir/liveness.ts';
import { sameShape } from '../../ir/shape.ts';
import { hostBytes, type Tensor } from '../../ir/tensor.ts';
import { allocArray, type TypedArray } from '../../ir/dtype.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { numel } from '../../ir/shape.ts';
import { runFused } from './epilogue.ts';
import { runGroup, schedule, stepIO, type Step } from './fuse.ts';
import { fastElementwise } from './kernels/elementwise-fast.ts';
import { CPU_KERNELS } from './kernels/index.ts';

/** Runs one node on concrete inputs; used by the interpreter and by constant folding. */
export function evalNode(node: Node, inputs: readonly (Tensor | undefined)[]): Tensor[] {
  const outTypes = node.outputs.map((v) => v.type);
  try {
    return CPU_KERNELS[node.op](inputs, node.attrs, outTypes);
  } catch (e) {
    // A kernel's own KilnError (an index out of range) gains the node it happened at.
    if (e instanceof KilnError) throw e.context.node ? e : new KilnError(e.code, e.detail, { ...e.context, node: node.name, op: node.op });
    throw new KilnError('BACKEND', `CPU kernel failed: ${(e as Error).message}`, {
      node: node.name, op: node.op, shapes: inputs.map((t) => t?.shape),
    });
  }
}

/** A fusible elementwise node (fuse.ts) computed over `into`, an operand's array; undefined when it has no fast loop. */
function inPlace(node: Node, ins: readonly Tensor[], into: TypedArray): Tensor[] | undefined {
  const t = fastElementwise(node.op as OpName, ins, node.attrs, node.outputs[0].type, into);
  return t && [t];
}

/** Checks run inputs against the graph's declared inputs. */
export function checkInputs(graph: Graph, inputs: ReadonlyMap<string, Tensor>): void {
  for (const v of graph.inputs) {
    const t = inputs.get(v.name);
    if (!t) throw new KilnError('INPUT', `missing input '${v.name}' (${v.type.dtype}[${v.type.shape}])`);
    if (t.dtype !== v.type.dtype || !sameShape(t.shape, v.type.shape)) {
      throw new KilnError('INPUT', `input '${v.name}' must be ${v.type.dtype}[${v.type.shape}], got ${t.dtype}[${t.shape}]`);
    }
  }
  for (const name of inputs.keys()) {
    if (!graph.inputs.some((v) => v.name === name)) throw new KilnError('INPUT', `unknown input '${name}'; graph inputs: ${graph.inputs.map((v) => v.name).join(', ')}`);
  }
}

export interface InterpretOptions {
  /** Called when a tensor is released after its last use (or at once when nothing reads it), with the node index. */
  readonly onRelease?: (v: Value, step: number) => void;
  /**
   * Debugging: after each node, scan its float outputs and throw KilnError('NUMERIC') naming the first node
   * whose output holds a NaN or Inf (constants and inputs are not checked). Off by default.
   */
  readonly checkFinite?: boolean;
}

/** The NUMERIC error for the first non-finite element of a node's float outputs, or undefined. */
function nonFinite(node: Node, outs: readonly Tensor[]): KilnError | undefined {
  for (const [k, t] of outs.entries()) {
    if (t.dtype !== 'f32' && t.dtype !== 'f16') continue;
    const at = t.data.findIndex((x) => !Number.isFinite(x));
    if (at >= 0) {
      return new KilnError('NUMERIC', `checkFinite: node '${node.name}' (${node.op}) wrote ${t.data[at]} at element ${at} of its output '${node.outputs[k].name}' ${t.dtype}[${t.shape}], the run's first non-finite value`, { node: node.name, op: node.op });
    }
  }
  return undefined;
}

/**
 * Runs the whole graph and returns its outputs in order. Each intermediate tensor is dropped right after
 * the last node that reads it (values nothing reads, at once); graph outputs and state-update sources
 * are kept. A step program's state updates (graph.updates) are applied to its constants after the run.
 */
export function interpret(graph: Graph, inputs: ReadonlyMap<string, Tensor>, opts: InterpretOptions = {}): Tensor[] {
  checkInputs(graph, inputs);
  const env = new Map<Value, Tensor>(graph.constants);
  for (const v of graph.inputs) env.set(v, inputs.get(v.name)!);
  // checkFinite names the node that went non-finite, so it runs every node on its own.
  const steps: Step[] = opts.checkFinite ? graph.nodes.map((node, index) => ({ node, index })) : schedule(graph);
  const rw = steps.map(stepIO);
  const lastUse = lastUses(rw, [...graph.outputs, ...graph.updates.values()]);
  const release = (v: Value, i: number) => {
    if (graph.constants.has(v) || !env.delete(v)) return;
    opts.onRelease?.(v, i);
  };
  const given = new Set(graph.inputs);
  /** An operand of `node` that dies at step i and whose array nothing else holds: the output may overwrite it. */
  const reusable = (node: Node, i: number): TypedArray | undefined => {
    const want = allocArray(node.outputs[0].type.dtype, 0).constructor, n = numel(node.outputs[0].type.shape);
    for (const v of node.inputs) {
      if (!v || lastUse.get(v) !== i || graph.constants.has(v) || given.has(v)) continue;
      const d = env.get(v)!.data;
      if (d.length !== n || d.constructor !== want) continue;
      let shared = false;
      for (const [u, t] of env) if (u !== v && t.data === d) { shared = true; break; }
      if (!shared) return d;
    }
    return undefined;
  };
  steps.forEach((step, i) => {
    const { reads, writes } = rw[i];
    if ('node' in step) {
      const node = step.node;
      const ins = node.inputs.map((v) => (v ? env.get(v) : undefined));
      const into = step.reuse && !opts.checkFinite ? reusable(node, i) : undefined;
      const outs = (into && inPlace(node, ins as Tensor[], into)) || evalNode(node, ins);
      const bad = opts.checkFinite ? nonFinite(node, outs) : undefined;
      if (bad) throw bad;
      node.outputs.forEach((v, k) => env.set(v, outs[k]));
    } else if ('group' in step) {
      runGroup(step.group, env).forEach((t, k) => env.set(writes[k], t));
    } else {
      const ins = step.producer.inputs.map((v) => (v ? env.get(v) : undefined));
      runFused(step.producer, step.clamp, step.pool, ins).forEach((t, k) => env.set(writes[k], t));
    }
    for (const v of reads) if (v && lastUse.get(v) === i) release(v, step.index);
    for (const v of writes) if (!lastUse.has(v)) release(v, step.index);
  });
  const outputs = graph.outputs.map((v) => env.get(v)!);
  const updated = [...graph.updates].map(([target, source]) => [target, env.get(source)!] as const);
  for (const [target, t] of updated) graph.constants.set(target, t);
  return outputs;
}

/** What one interpret() of a graph does: its steps (fused loops and single nodes) and the most bytes of intermediates live at once. */
export interface InterpretProfile {
  readonly steps: number;
  /** Distinct kinds of step: fused groups and op names. */
  readonly kernels: number;
  readonly peakBytes: number;
}

/** The schedule interpret() would run, measured without running it (inputs and constants not counted). */
export function interpretProfile(graph: Graph): InterpretProfile {
  const steps = schedule(graph);
  const rw = steps.map(stepIO);
  const lastUse = lastUses(rw, [...graph.outputs, ...graph.updates.values()]);
  const kinds = new Set(steps.map((s) => ('node' in s ? s.node.op : 'group' in s ? `group ${s.group.members.map((m) => m.node.op).join('+')}` : `fused ${s.producer.op}`)));
  let live = 0, peak = 0;
  rw.forEach(({ reads, writes }, i) => {
    for (const v of writes) live += hostBytes(v.type);
    peak = Math.max(peak, live);
    for (const v of new Set(reads)) if (v && lastUse.get(v) === i && !graph.constants.has(v) && !graph.inputs.includes(v)) live -= hostBytes(v.type);
    for (const v of writes) if (!lastUse.has(v)) live -= hostBytes(v.type);
  });
  return { steps: steps.length, kernels: kinds.size, peakBytes: peak };
}

// The IR verifier: SSA (every value produced once, by one graph input, constant or node output, and
// defined before use; value and graph input names unique), every shape a valid static shape (non-negative
// dims, at most MAX_NUMEL elements), every node's recorded output types equal to what its shape rule gives
// now, constants matching their types, outputs defined. Runs after every pass in tests and debug builds.
import { KilnError, ShapeRuleError } from './errors.ts';
import type { Graph, Node, Value } from './graph.ts';
import { OPS } from './ops/index.ts';
import { fmt, numel, sameShape, shapeProblem } from './shape.ts';
import { fmtType } from './tensor.ts';

export function verify(g: Graph): void {
  /** Who produced each defined value, and which value holds each name, for SSA errors naming both. */
  const producer = new Map<Value, string>();
  const byName = new Map<string, Value>();
  const define = (v: Value, who: string, ctx?: { node: string; op: string }): void => {
    const prev = producer.get(v);
    if (prev !== undefined) throw new KilnError('VERIFY', `value '${v.name}' has two producers: ${prev} and ${who}`, ctx);
    const same = byName.get(v.name);
    if (same !== undefined) throw new KilnError('VERIFY', `two values are named '${v.name}': one from ${producer.get(same)}, one from ${who}`, ctx);
    const problem = shapeProblem(v.type.shape);
    if (problem) throw new KilnError('VERIFY', `value '${v.name}' (from ${who}) has shape ${fmt(v.type.shape)}: ${problem}`, ctx);
    producer.set(v, who);
    byName.set(v.name, v);
  };
  for (const v of g.inputs) define(v, `graph input '${v.name}'`);
  for (const [v, t] of g.constants) {
    if (t.dtype !== v.type.dtype || !sameShape(t.shape, v.type.shape) || t.data.length !== numel(t.shape)) {
      throw new KilnError('VERIFY', `constant '${v.name}' holds ${fmtType(t)} (${t.data.length} elements) but is typed ${fmtType(v.type)}`);
    }
    define(v, `constant '${v.name}'`);
  }
  for (const n of g.nodes) verifyNode(n, producer, define);
  for (const v of g.outputs) if (!producer.has(v)) throw new KilnError('VERIFY', `graph output '${v.name}' is never defined`);
  for (const [target, source] of g.updates) {
    if (!g.constants.has(target)) throw new KilnError('VERIFY', `update target '${target.name}' is not a constant`);
    if (!producer.has(source)) throw new KilnError('VERIFY', `update source '${source.name}' is never defined`);
    if (source.type.dtype !== target.type.dtype || !sameShape(source.type.shape, target.type.shape)) {
      throw new KilnError('VERIFY', `update of '${target.name}' (${fmtType(target.type)}) comes from ${fmtType(source.type)}`);
    }
  }
}

function verifyNode(n: Node, producer: ReadonlyMap<Value, string>, define: (v: Value, who: string, ctx: { node: string; op: string }) => void): void {
  const ctx = { node: n.name, op: n.op, shapes: n.inputs.map((v) => v?.type.shape) };
  if (!OPS[n.op]) throw new KilnError('VERIFY', 'unknown op', ctx);
  for (const v of n.inputs) {
    if (v && !producer.has(v)) throw new KilnError('VERIFY', `input '${v.name}' is used before it is defined`, ctx);
  }
  let types;
  try {
    types = OPS[n.op].infer(n.inputs.map((v) => v?.type), n.attrs);
  } catch (e) {
    if (e instanceof ShapeRuleError) throw new KilnError('VERIFY', `shape rule no longer holds: ${e.message}`, ctx);
    throw e;
  }
  if (types.length !== n.outputs.length) throw new KilnError('VERIFY', `has ${n.outputs.length} outputs, its rule gives ${types.length}`, ctx);
  n.outputs.forEach((v, i) => {
    if (producer.has(v)) throw new KilnError('VERIFY', `output '${v.name}' is defined twice: by ${producer.get(v)} and by node '${n.name}' (${n.op})`, ctx);
    if (types[i].dtype !== v.type.dtype || !sameShape(types[i].shape, v.type.shape)) {
      throw new KilnError('VERIFY', `output '${v.name}' is typed ${fmtType(v.type)} but its rule gives ${fmtType(types[i])}`, ctx);
    }
    define(v, `node '${n.name}' (${n.op})`, ctx);
  });
}

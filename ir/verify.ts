// The IR verifier: every value defined once and before use, every node's recorded output types equal
// to what its shape rule gives now, constants matching their types, outputs defined. Runs after every
// pass in tests and debug builds.
import { KilnError, ShapeRuleError } from './errors.ts';
import type { Graph, Value } from './graph.ts';
import { OPS } from './ops/index.ts';
import { numel, sameShape } from './shape.ts';
import { fmtType } from './tensor.ts';

export function verify(g: Graph): void {
  const defined = new Set<Value>(g.inputs);
  for (const [v, t] of g.constants) {
    if (t.dtype !== v.type.dtype || !sameShape(t.shape, v.type.shape) || t.data.length !== numel(t.shape)) {
      throw new KilnError('VERIFY', `constant '${v.name}' holds ${fmtType(t)} (${t.data.length} elements) but is typed ${fmtType(v.type)}`);
    }
    defined.add(v);
  }
  for (const n of g.nodes) {
    const ctx = { node: n.name, op: n.op, shapes: n.inputs.map((v) => v?.type.shape) };
    if (!OPS[n.op]) throw new KilnError('VERIFY', 'unknown op', ctx);
    for (const v of n.inputs) {
      if (v && !defined.has(v)) throw new KilnError('VERIFY', `input '${v.name}' is used before it is defined`, ctx);
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
      if (defined.has(v)) throw new KilnError('VERIFY', `output '${v.name}' is defined twice`, ctx);
      if (types[i].dtype !== v.type.dtype || !sameShape(types[i].shape, v.type.shape)) {
        throw new KilnError('VERIFY', `output '${v.name}' is typed ${fmtType(v.type)} but its rule gives ${fmtType(types[i])}`, ctx);
      }
      defined.add(v);
    });
  }
  for (const v of g.outputs) if (!defined.has(v)) throw new KilnError('VERIFY', `graph output '${v.name}' is never defined`);
  for (const [target, source] of g.updates) {
    if (!g.constants.has(target)) throw new KilnError('VERIFY', `update target '${target.name}' is not a constant`);
    if (!defined.has(source)) throw new KilnError('VERIFY', `update source '${source.name}' is never defined`);
    if (source.type.dtype !== target.type.dtype || !sameShape(source.type.shape, target.type.shape)) {
      throw new KilnError('VERIFY', `update of '${target.name}' (${fmtType(target.type)}) comes from ${fmtType(source.type)}`);
    }
  }
}

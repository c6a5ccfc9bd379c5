// Serializes an IR Graph into the manifest's JSON form (runtime/artifact-format.ts): values with their
// types, nodes with op, attributes and value indices, constants referring to weight entries by name (or,
// for the small constants the kernels inline and so give no buffer, holding their values).
// runtime/artifact-graph.ts reads it back.
import type { Graph, Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { SerializedAttr, SerializedGraph, SerializedValue } from '../../runtime/artifact-format.ts';

/** JSON has no Infinity, NaN or -0: those numbers travel as strings. */
const num = (x: number | string): number | string => (typeof x === 'number' && (!Number.isFinite(x) || Object.is(x, -0)) ? (Object.is(x, -0) ? '-0' : String(x)) : x);

function encodeAttr(v: AttrValue): SerializedAttr {
  return Array.isArray(v) ? (v as readonly (number | string)[]).map(num) : num(v as number | string);
}

/** `weightOf` names the weights entry that holds each constant's data; a constant it names none for carries its values. */
export function serializeGraph(g: Graph, weightOf: (v: Value) => string | undefined): SerializedGraph {
  const index = new Map<Value, number>();
  const values: SerializedValue[] = [];
  const at = (v: Value): number => {
    let i = index.get(v);
    if (i === undefined) {
      i = values.length;
      index.set(v, i);
      values.push({ name: v.name, dtype: v.type.dtype, shape: [...v.type.shape] });
    }
    return i;
  };
  const inputs = g.inputs.map(at);
  const paramName = new Map([...g.params].map(([name, v]) => [v, name]));
  const constants = [...g.constants.keys()].map((v) => {
    const param = paramName.get(v);
    const weight = weightOf(v);
    const data = weight === undefined ? { data: Array.from(g.constants.get(v)!.data as ArrayLike<number>, num) } : { weight };
    return { value: at(v), ...data, ...(param !== undefined ? { param } : {}) };
  });
  const nodes = g.nodes.map((n) => ({
    name: n.name,
    op: n.op,
    attrs: Object.fromEntries(Object.entries(n.attrs).map(([k, v]) => [k, encodeAttr(v)])),
    inputs: n.inputs.map((v) => (v ? at(v) : null)),
    outputs: n.outputs.map(at),
  }));
  const outputs = g.outputs.map(at);
  return { name: g.name, values, inputs, outputs, constants, nodes };
}

// Rebuilds the IR Graph stored in an artifact's manifest, so the CPU interpreter can run a compiled
// artifact without the compiler. Constants take their data from the verified weights (GPU storage
// types narrowed back: u32 to bool); the result is checked by the IR verifier. Kept out of
// runtime/index.ts: it pulls in the op table, which the WebGPU-only bundle does not need.
import { allocArray } from '../ir/dtype.ts';
import { KilnError } from '../ir/errors.ts';
import { Graph, type Node, type Value } from '../ir/graph.ts';
import type { AttrValue } from '../ir/op.ts';
import { isOpName, OPS } from '../ir/ops/index.ts';
import { numel } from '../ir/shape.ts';
import { verify } from '../ir/verify.ts';
import type { Artifact } from './artifact.ts';
import type { SerializedAttr, SerializedGraph } from './artifact-format.ts';
import { specializations } from './specialization.ts';
import { decodeHalves } from './webgpu/half.ts';

const bad = (detail: string): never => {
  throw new KilnError('ARTIFACT', `manifest graph: ${detail}`);
};

/** Non-finite and negative-zero floats travel as strings in JSON. */
function decodeAttr(v: SerializedAttr, float: boolean): AttrValue {
  if (!float) return v as AttrValue;
  return Array.isArray(v) ? v.map(Number) : Number(v);
}

/** The artifact's optimized graph as an IR Graph, its constants filled from the artifact's weights. */
export function artifactGraph(a: Artifact): Graph {
  return deserializeGraph(a.manifest.graph, weightValues(a));
}

/** The graphs of every specialization of the artifact (the main one first), as artifactGraph. */
export function artifactGraphs(a: Artifact): Graph[] {
  const weight = weightValues(a);
  return specializations(a.manifest).map((s) => deserializeGraph(s.graph, weight));
}

/** A weight's values by tensor name: f16 buffers (precision 'f16', packed halves) decoded to the f32 values they hold. */
function weightValues(a: Artifact): (name: string) => ArrayLike<number> | undefined {
  const halves = new Map(a.programs.flatMap((p) => p.buffers.filter((b) => b.dtype === 'f16').map((b) => [b.name, b.shape.reduce((x, y) => x * y, 1)] as const)));
  return (name) => {
    const d = a.weights.get(name);
    const n = halves.get(name);
    return d && n !== undefined ? decodeHalves(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), n) : d;
  };
}

/** The values a constant carries in the manifest: one per element, numbers or the strings JSON cannot say as numbers. */
function inlineValues(data: unknown, v: Value): number[] {
  const n = numel(v.type.shape);
  const ok = (x: unknown) => typeof x === 'number' || x === 'Infinity' || x === '-Infinity' || x === 'NaN' || x === '-0';
  if (!Array.isArray(data) || data.length !== n || !data.every(ok)) bad(`constant '${v.name}' must carry ${n} numbers as its data`);
  return (data as (number | string)[]).map(Number);
}

export function deserializeGraph(s: SerializedGraph, weight: (name: string) => ArrayLike<number> | undefined): Graph {
  const g = new Graph(s.name);
  const values: Value[] = s.values.map((v) => {
    const val = g.newValue({ dtype: v.dtype, shape: v.shape }, v.name);
    if (val.name !== v.name) bad(`value name '${v.name}' appears twice`);
    return val;
  });
  const at = (i: number | null): Value => values[i ?? -1] ?? bad(`value index ${i} is out of range`);
  g.inputs.push(...s.inputs.map(at));
  g.outputs = s.outputs.map(at);
  for (const c of s.constants) {
    const v = at(c.value);
    const src = c.data !== undefined ? inlineValues(c.data, v) : (c.weight !== undefined && weight(c.weight)) || bad(`constant '${v.name}' refers to missing weight '${c.weight}'`);
    const data = allocArray(v.type.dtype, src.length);
    data.set(src);
    g.constants.set(v, { dtype: v.type.dtype, shape: [...v.type.shape], data });
    if (c.param !== undefined) g.params.set(c.param, v);
  }
  g.nodes = s.nodes.map((n): Node => {
    if (!isOpName(n.op)) bad(`node '${n.name}' has unknown op '${n.op}'`);
    const specs = OPS[n.op as keyof typeof OPS].attrs as Record<string, { type: string }>;
    const attrs: Record<string, AttrValue> = {};
    for (const [k, v] of Object.entries(n.attrs)) attrs[k] = decodeAttr(v, specs[k]?.type === 'float' || specs[k]?.type === 'floats');
    return { name: n.name, op: n.op as Node['op'], attrs, inputs: n.inputs.map((i) => (i === null ? undefined : at(i))), outputs: n.outputs.map(at) };
  });
  verify(g);
  return g;
}

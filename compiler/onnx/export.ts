// ONNX exporter: writes a kiln graph as an ONNX model of one fixed opset. Every op is checked first and
// all the ones ONNX cannot express are listed in one error; then each node goes through its family's
// rule (compiler/onnx/export-ops/), constants become initializers (parameters under their names), and
// inputs and outputs are declared with their static shapes and element types.
//
// The graph is written as given. Exporting the graph import or tracing returns (before decomposition)
// is the round trip that keeps composites (Softmax, LayerNormalization, LSTM...) as the ONNX ops they
// came from; a decomposed graph exports too, as the primitives it holds.
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Value } from '../../ir/graph.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { ExportContext, type ExportEntry, type NoExport } from './export-context.ts';
import { EXPORTERS } from './export-ops/index.ts';
import { ONNX_ELEM } from './export-tensor.ts';
import { encodeModel } from './proto.ts';

/** The default-domain opset of exported models (within the importer's range, so exports re-import). */
export const EXPORT_OPSET = 20;
/** The ONNX IR version that opset 20 belongs to. */
export const EXPORT_IR_VERSION = 9;

export interface ExportOptions {
  /** The ONNX graph name; the kiln graph's name by default. */
  name?: string;
  /** producer_name of the model; 'kiln' by default. */
  producer?: string;
  /**
   * State to carry that the graph does not read (e.g. `module.stateDict()`: BatchNorm's num_batches_tracked
   * is unused at inference), written as extra initializers under its names so that loadOnnxWeights restores
   * it; num_batches_tracked is written as PyTorch's int64. Entries the graph already holds are skipped.
   */
  state?: ReadonlyMap<string, Tensor>;
}

const isNoExport = (e: ExportEntry | undefined): e is NoExport => e !== undefined && typeof e !== 'function';

/** Serializes `graph` as an ONNX ModelProto (opset EXPORT_OPSET). */
export function exportOnnx(graph: Graph, opts: ExportOptions = {}): Uint8Array {
  checkExportable(graph);
  const ctx = new ExportContext(graph);
  const inputs = graph.inputs.map((v) => valueInfo(ctx.name(v), v));
  for (const node of graph.nodes) {
    ctx.node = node;
    const rule = EXPORTERS[node.op] as Exclude<ExportEntry, NoExport>;
    try {
      rule(ctx, node);
    } catch (e) {
      if (e instanceof KilnError) throw e;
      throw new KilnError('ONNX_UNSUPPORTED', `cannot export to ONNX: ${(e as Error).message}`, { node: node.name, op: node.op });
    }
  }
  ctx.node = undefined;
  if (opts.state) ctx.writeState(opts.state);
  const outputs = outputNames(ctx, graph).map((name, i) => valueInfo(name, graph.outputs[i]));
  return encodeModel({
    ir_version: EXPORT_IR_VERSION,
    producer_name: opts.producer ?? 'kiln',
    opset_import: [{ domain: '', version: EXPORT_OPSET }],
    graph: { name: opts.name ?? graph.name, node: ctx.nodes, initializer: ctx.initializers, input: inputs, output: outputs },
  });
}

/** Refuses, listing every offending node at once, a graph ONNX cannot hold. */
function checkExportable(graph: Graph): void {
  if (graph.updates.size > 0) {
    throw new KilnError('ONNX_UNSUPPORTED', `cannot export to ONNX: the graph updates ${graph.updates.size} state value(s) (a train step); export the forward graph with the trained weights`);
  }
  const bad = graph.nodes.flatMap((n) => {
    const e = EXPORTERS[n.op] as ExportEntry | undefined;
    if (e === undefined) return [{ n, why: `op ${n.op} has no ONNX export rule` }];
    return isNoExport(e) ? [{ n, why: e.unsupported }] : [];
  });
  if (bad.length === 0) return;
  const list = bad.map(({ n, why }) => `node '${n.name}' (${n.op}): ${why}`).join('; ');
  throw new KilnError('ONNX_UNSUPPORTED', `cannot export to ONNX: ${list}`, { node: bad[0].n.name, op: bad[0].n.op });
}

/**
 * The ONNX names of the graph outputs. An output that is a graph input, a constant, or listed a second
 * time gets an Identity of its own, so that every graph output is a distinct node output.
 */
function outputNames(ctx: ExportContext, graph: Graph): string[] {
  const seen = new Set<Value>();
  return graph.outputs.map((v) => {
    const own = !seen.has(v) && !graph.inputs.includes(v) && !graph.constants.has(v);
    seen.add(v);
    if (own) return ctx.name(v);
    const out = ctx.fresh(`${v.name}_out`);
    ctx.emit('Identity', [ctx.name(v)], [out]);
    return out;
  });
}

function valueInfo(name: string, v: Value): object {
  const dim = v.type.shape.map((d) => ({ dim_value: d }));
  return { name, type: { tensor_type: { elem_type: ONNX_ELEM[v.type.dtype], shape: { dim } } } };
}

// What an ONNX export rule sees: the IR node being written, ONNX names for IR values, fresh names for
// helper values, and emitters for ONNX nodes and for the static int64 inputs (shapes, axes, pads) that
// the IR keeps as attributes. A constant is written the first time a node reads it: a parameter as an
// initializer under its name (ONNX's place for weights, which kiln's importer reads as parameters), any
// other constant (folded values, helper shapes) as a Constant node, so a re-import keeps the same
// parameter set instead of turning every constant into a trainable weight.
import type { DType } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { OPS, type OpName } from '../../ir/ops/index.ts';
import { ONNX_ATTR_TYPE, ONNX_DTYPE } from './schema.ts';
import { ONNX_ELEM, protoOfTensor, protoOfValues, stateElem, type TensorProtoObject } from './export-tensor.ts';

/** An ONNX attribute value, tagged with its ONNX kind. */
export type OnnxAttrValue =
  | { readonly i: number } | { readonly f: number } | { readonly s: string }
  | { readonly ints: readonly number[] } | { readonly floats: readonly number[] } | { readonly strings: readonly string[] }
  | { readonly t: TensorProtoObject };
export type OnnxAttrs = Readonly<Record<string, OnnxAttrValue>>;

/** A NodeProto as protobufjs's fromObject reads it. */
export interface NodeProtoObject { name: string; op_type: string; input: string[]; output: string[]; attribute: object[] }

/** Writes one IR node as ONNX nodes whose final outputs carry the names of the node's outputs. */
export type ExportRule = (ctx: ExportContext, node: Node) => void;
/** An IR op ONNX cannot express, with the reason shown in the error. */
export interface NoExport { readonly unsupported: string }
export type ExportEntry = ExportRule | NoExport;
/** Each op family's table covers every op of the family (a missing one fails tsc). */
export type ExportTable<K extends OpName> = { readonly [P in K]: ExportEntry };

const utf8 = new TextEncoder();

const ATTR_ENCODERS: Readonly<Record<string, (v: never) => object>> = {
  i: (v: number) => ({ type: ONNX_ATTR_TYPE.INT, i: v }),
  f: (v: number) => ({ type: ONNX_ATTR_TYPE.FLOAT, f: v }),
  s: (v: string) => ({ type: ONNX_ATTR_TYPE.STRING, s: utf8.encode(v) }),
  ints: (v: number[]) => ({ type: ONNX_ATTR_TYPE.INTS, ints: [...v] }),
  floats: (v: number[]) => ({ type: ONNX_ATTR_TYPE.FLOATS, floats: [...v] }),
  strings: (v: string[]) => ({ type: ONNX_ATTR_TYPE.STRINGS, strings: v.map((s) => utf8.encode(s)) }),
  t: (v: TensorProtoObject) => ({ type: ONNX_ATTR_TYPE.TENSOR, t: v }),
};

/** An AttributeProto object for fromObject. */
export function encodeAttr(name: string, a: OnnxAttrValue): object {
  const [kind, v] = Object.entries(a)[0] as [string, never];
  return { name, ...ATTR_ENCODERS[kind](v) };
}

/** IR attribute types as ONNX attributes (a dtype becomes its ONNX element type code). */
const FROM_IR: Readonly<Record<string, (v: AttrValue) => OnnxAttrValue>> = {
  int: (v) => ({ i: v as number }),
  float: (v) => ({ f: v as number }),
  ints: (v) => ({ ints: v as number[] }),
  floats: (v) => ({ floats: v as number[] }),
  string: (v) => ({ s: v as string }),
  dtype: (v) => ({ i: ONNX_ELEM[v as DType] }),
};

/**
 * The node's IR attributes as ONNX attributes of the same names, typed by the op table. Empty lists are
 * left out: in the IR they mean ONNX's default (all-ones strides, zero pads), which ONNX spells by absence.
 */
export function irAttrs(node: Node, drop: readonly string[] = []): Record<string, OnnxAttrValue> {
  const specs = OPS[node.op].attrs as Readonly<Record<string, { type: string }>>;
  const out: Record<string, OnnxAttrValue> = {};
  for (const [k, v] of Object.entries(node.attrs)) {
    if (drop.includes(k) || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = FROM_IR[specs[k].type](v);
  }
  return out;
}

export class ExportContext {
  readonly nodes: NodeProtoObject[] = [];
  readonly initializers: TensorProtoObject[] = [];
  /** The IR node being written, named in errors. */
  node: Node | undefined;
  private readonly names = new Map<Value, string>();
  /** Constants already written (as initializers or Constant nodes). */
  private readonly emitted = new Set<Value>();
  private readonly used = new Set<string>();
  private readonly nodeNames = new Set<string>();
  private readonly params: ReadonlySet<Value>;

  constructor(readonly graph: Graph) {
    this.params = new Set(graph.params.values());
    // Parameters keep their parameter names (the names trained weights are exported and loaded by).
    for (const [name, v] of graph.params) this.bind(v, name);
    for (const v of graph.inputs) this.bind(v, v.name);
  }

  /** The ONNX name of an IR value ('' for an absent optional input); a constant is written here, once. */
  name(v: Value | undefined): string {
    if (!v) return '';
    const name = this.names.get(v) ?? this.bind(v, v.name);
    const t = this.graph.constants.get(v);
    if (t && !this.emitted.has(v)) {
      this.emitted.add(v);
      if (this.params.has(v)) return this.initializer(v, name, t);
      this.emit('Constant', [], [name], { value: { t: protoOfTensor('', t) } });
    }
    return this.names.get(v)!;
  }

  /**
   * Writes a parameter as an initializer under its name, in its state dtype (stateElem: num_batches_tracked
   * as PyTorch's int64); when that differs from kiln's, the nodes read a Cast of it to kiln's dtype.
   */
  private initializer(v: Value, name: string, t: Tensor): string {
    const elem = stateElem(name, t);
    this.initializers.push(protoOfValues(name, elem, t.shape, t.data));
    if (elem === ONNX_ELEM[t.dtype]) return name;
    const cast = this.fresh(`${name}_${t.dtype}`);
    this.emit('Cast', [name], [cast], { to: { i: ONNX_ELEM[t.dtype] } });
    this.names.set(v, cast);
    return cast;
  }

  /** Extra state initializers (state the graph does not read), each under its name in its state dtype. */
  writeState(state: ReadonlyMap<string, Tensor>): void {
    const have = new Set(this.initializers.map((i) => i.name));
    for (const [name, t] of state) {
      if (have.has(name) || this.graph.params.has(name)) continue;
      if (this.used.has(name) || this.graph.hasName(name)) this.fail(`state '${name}' clashes with a value of the graph`);
      this.used.add(name);
      this.initializers.push(protoOfValues(name, stateElem(name, t), t.shape, t.data));
    }
  }

  /** A name no other value uses, derived from `hint`. */
  fresh(hint: string): string {
    let name = hint;
    for (let i = 1; this.used.has(name) || this.graph.hasName(name); i++) name = `${hint}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Appends an ONNX node; its name is the IR node's (made unique when one IR node becomes several). */
  emit(opType: string, inputs: readonly string[], outputs: readonly string[], attrs: OnnxAttrs = {}): void {
    let name = this.node?.name ?? opType;
    for (let i = 1; this.nodeNames.has(name); i++) name = `${this.node?.name ?? opType}_${i}`;
    this.nodeNames.add(name);
    const input = [...inputs];
    while (input.length > 0 && input[input.length - 1] === '') input.pop();
    const attribute = Object.entries(attrs).map(([k, a]) => encodeAttr(k, a));
    this.nodes.push({ name, op_type: opType, input, output: [...outputs], attribute });
  }

  /** Emits a single-output helper node and returns its fresh output name. */
  temp(opType: string, inputs: readonly string[], attrs: OnnxAttrs = {}, hint = opType): string {
    const out = this.fresh(`${this.node?.name ?? 'kiln'}_${hint}`);
    this.emit(opType, inputs, [out], attrs);
    return out;
  }

  /** A helper Constant holding `values` with ONNX element type `elem` and shape `dims` (default 1-D). */
  constant(values: ArrayLike<number>, elem: number, hint: string, dims: readonly number[] = [values.length]): string {
    return this.temp('Constant', [], { value: { t: protoOfValues('', elem, dims, values) } }, hint);
  }

  /** A 1-D int64 Constant: the static shapes, axes and sizes ONNX takes as inputs. */
  int64s(values: readonly number[], hint: string): string {
    return this.constant(values, ONNX_DTYPE.INT64, hint);
  }

  /** A scalar of the given kiln dtype (a Clip bound, a Pad value). */
  scalar(v: number, dtype: DType, hint: string): string {
    return this.constant([v], ONNX_ELEM[dtype], hint, []);
  }

  /** `name` cast to ONNX element type `elem`. */
  cast(name: string, elem: number, hint = 'cast'): string {
    return this.temp('Cast', [name], { to: { i: elem } }, hint);
  }

  /** Refuses the current node: ONNX cannot express it as kiln has it. */
  fail(why: string): never {
    throw new KilnError('ONNX_UNSUPPORTED', `cannot export to ONNX: ${why}`, { node: this.node?.name, op: this.node?.op });
  }

  private bind(v: Value, want: string): string {
    const name = this.used.has(want) ? this.fresh(want) : want;
    this.used.add(name);
    this.names.set(v, name);
    return name;
  }
}

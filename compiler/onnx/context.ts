// What an ONNX op converter sees: the node's inputs as IR values, decoded attributes, and helpers to
// emit IR nodes (constant-folded on the spot when every input is constant) and to read static inputs.
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { fmt, numel, type Shape, shapeProblem } from '../../ir/shape.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { evalNode } from '../../runtime/cpu/interpreter.ts';
import type { GraphProto } from './proto.ts';

/** A decoded ONNX attribute: numbers, strings, lists, a tensor, or a subgraph (If branches, Loop and Scan bodies). */
export type OnnxAttr = number | string | number[] | string[] | Tensor | { graph: GraphProto };

/** Converts a subgraph into the importing graph with its inputs bound to `inputs`; returns its outputs. */
export type SubgraphRunner = (g: GraphProto, inputs: readonly Value[]) => Value[];

export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly (Value | undefined)[];
  readonly attrs: Readonly<Record<string, OnnxAttr>>;
  readonly outputCount: number;
}

/** Size budgets for what import itself allocates (folded constants, initializers); see ImportOptions. */
export interface ImportBudget {
  /** Elements one folded node (or a converter-made constant) may produce. */
  maxFoldElements: number;
  /** Elements all folded constants of one import may hold together. */
  maxFoldTotalElements: number;
  /** Bytes one initializer or tensor attribute may declare. */
  maxTensorBytes: number;
}

export const DEFAULT_BUDGET: Readonly<ImportBudget> = {
  maxFoldElements: 16 * 1024 * 1024,
  maxFoldTotalElements: 256 * 1024 * 1024,
  maxTensorBytes: 1024 * 1024 * 1024,
};

export type OnnxConverter = (ctx: ImportContext, node: OnnxNode) => (Value | undefined)[];

export class ImportContext {
  /** Constants whose int64 values were clamped into i32; an error if used as runtime data. */
  readonly clamped = new Set<Value>();
  readonly budget: Readonly<ImportBudget>;
  /** Elements folded so far, against budget.maxFoldTotalElements. */
  private folded = 0;
  /** Converts a subgraph in the scope of the node being converted (set by the importer). */
  subgraph: SubgraphRunner = () => {
    throw new KilnError('ONNX_UNSUPPORTED', 'subgraphs are converted only during an import', { node: this.node });
  };
  constructor(readonly graph: Graph, readonly opset: number, public node = '', budget: Partial<ImportBudget> = {}) {
    this.budget = { ...DEFAULT_BUDGET, ...budget };
  }

  /**
   * Refuses, before anything is allocated, a constant of this shape that import would compute: an invalid
   * shape, or one past the fold budgets. Converters that build constants themselves call it first.
   */
  reserve(op: string, shapes: readonly Shape[]): void {
    let n = 0;
    for (const s of shapes) {
      const problem = shapeProblem(s);
      if (problem) throw new KilnError('SHAPE', `a constant of shape ${fmt(s)} cannot be made: ${problem}`, { node: this.node, op });
      n += numel(s);
    }
    const shown = shapes.map(fmt).join(', ');
    if (n > this.budget.maxFoldElements) {
      throw new KilnError('LIMIT', `folding at import would make ${n} elements (${shown}), more than maxFoldElements = ${this.budget.maxFoldElements}`, { node: this.node, op });
    }
    if (this.folded + n > this.budget.maxFoldTotalElements) {
      throw new KilnError('LIMIT', `folding at import would make ${n} more elements (${shown}) after ${this.folded}, more than maxFoldTotalElements = ${this.budget.maxFoldTotalElements}`, { node: this.node, op });
    }
    this.folded += n;
  }

  /** Emits an IR node; folds it into constants when all its inputs are non-parameter constants. */
  emit(op: OpName, inputs: readonly (Value | undefined)[], attrs: Record<string, AttrValue> = {}): Value[] {
    const g = this.graph;
    const outs = g.addNode(op, inputs, attrs, this.uniqueName(op));
    const present = inputs.filter((v): v is Value => v !== undefined);
    // Folding stops at parameters, so that they stay trainable and shareable (only shape subgraphs fold).
    const params = new Set(g.params.values());
    if (present.length > 0 && present.every((v) => g.isConstant(v) && !params.has(v))) {
      const node = g.nodes.pop()!;
      this.reserve(op, outs.map((v) => v.type.shape));
      const results = evalNode(node, node.inputs.map((v) => (v ? g.constants.get(v) : undefined)));
      outs.forEach((v, i) => g.constants.set(v, results[i]));
      if (present.some((v) => this.clamped.has(v))) outs.forEach((v) => this.clamped.add(v));
    } else {
      for (const v of present) {
        if (this.clamped.has(v)) throw new KilnError('DTYPE', `int64 constant '${v.name}' holds values outside i32 and is used at run time`, { node: this.node, op });
      }
    }
    return outs;
  }

  /** Emits a single-output node. */
  emit1(op: OpName, inputs: readonly (Value | undefined)[], attrs: Record<string, AttrValue> = {}): Value {
    return this.emit(op, inputs, attrs)[0];
  }

  constant(t: Tensor, hint = 'const'): Value {
    return this.graph.addConstant(t, `${this.node || 'c'}_${hint}`);
  }

  /** The value of a constant input, or undefined when it is absent or computed at run time. */
  constValue(v: Value | undefined): Tensor | undefined {
    return v ? this.graph.constants.get(v) : undefined;
  }

  /**
   * A static input's tensor; otherwise STATIC_INPUT naming the node, the graph input if the value is one,
   * and the graph inputs it is computed from (context.inputs), which binding would make it constant.
   */
  requireStatic(n: OnnxNode, i: number, what: string): Tensor {
    const v = n.inputs[i];
    const t = this.constValue(v);
    if (t) return t;
    const input = v && this.graph.inputs.includes(v) ? v.name : undefined;
    const inputs = v ? graphInputsBehind(this.graph, v) : [];
    const from = input ? ` (it is graph input '${input}')` : inputs.length ? ` (it is computed from graph input${inputs.length > 1 ? 's' : ''} ${inputs.map((s) => `'${s}'`).join(', ')})` : '';
    throw new KilnError('STATIC_INPUT', `${what} (input ${i}) must be a constant or computable from constants; kiln needs static shapes${from}`, { node: n.name, op: n.opType, input, inputs });
  }

  /** A static input's values as numbers; undefined when the optional input is absent. */
  staticInts(n: OnnxNode, i: number, what: string): number[] | undefined {
    return n.inputs[i] ? Array.from(this.requireStatic(n, i, what).data) : undefined;
  }

  private uniqueName(op: string): string {
    return `${this.node || op}`;
  }
}

/** Names of the graph inputs that v is computed from (v's own name when it is one), in graph-input order. */
export function graphInputsBehind(g: Graph, v: Value): string[] {
  const needed = new Set<Value>([v]);
  // Nodes are in topological order: walking them backwards reaches every producer after its consumers.
  for (let k = g.nodes.length - 1; k >= 0; k--) {
    const node = g.nodes[k];
    if (node.outputs.some((o) => needed.has(o))) for (const x of node.inputs) if (x) needed.add(x);
  }
  return g.inputs.filter((x) => needed.has(x)).map((x) => x.name);
}

/** The attribute, or `dflt` when absent; an attribute of another kind than `dflt` (a list for an int...) is refused. */
export function attrOr<T extends OnnxAttr>(n: OnnxNode, key: string, dflt: T): T {
  const v = n.attrs[key];
  if (v === undefined) return dflt;
  const want = attrKind(dflt), got = attrKind(v);
  const elem = Array.isArray(dflt) && dflt.length > 0 ? typeof dflt[0] : undefined;
  if (want !== got || (elem && (v as unknown[]).some((x) => typeof x !== elem))) {
    throw new KilnError('ONNX_INVALID', `attribute '${key}' must be ${elem ? `a list of ${elem === 'number' ? 'numbers' : 'strings'}` : want}, got ${got} ${JSON.stringify(v)?.slice(0, 80)}`, { node: n.name, op: n.opType });
  }
  return v as T;
}

function attrKind(v: OnnxAttr): string {
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'string') return 'a string';
  if (Array.isArray(v)) return 'a list';
  return 'graph' in v ? 'a graph' : 'a tensor';
}

export function fail(n: OnnxNode, msg: string): never {
  throw new KilnError('ONNX_INVALID', msg, { node: n.name, op: n.opType, shapes: n.inputs.map((v) => v?.type.shape) });
}

/** A valid node kiln does not take (an attribute value, dtype or form it has no lowering for), naming node, op and input shapes. */
export function unsupported(n: OnnxNode, msg: string): never {
  throw new KilnError('ONNX_UNSUPPORTED', msg, { node: n.name, op: n.opType, shapes: n.inputs.map((v) => v?.type.shape) });
}

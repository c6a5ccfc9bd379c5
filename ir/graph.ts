// Graph, Node and Value: a statically shaped dataflow graph in topological order. Nodes are added
// through Graph.addNode, which applies attribute defaults and runs the op's shape rule, so every
// Value has a concrete dtype and shape the moment it exists.
import { DTYPE_NAMES } from './dtype.ts';
import { KilnError, ShapeRuleError } from './errors.ts';
import type { AttrSpec, Attrs, AttrValue } from './op.ts';
import { OPS, type OpName } from './ops/index.ts';
import { fmt, shapeProblem } from './shape.ts';
import type { Tensor, TensorType } from './tensor.ts';

export interface Value {
  readonly id: number;
  readonly name: string;
  readonly type: TensorType;
}

export interface Node {
  readonly name: string;
  readonly op: OpName;
  readonly inputs: readonly (Value | undefined)[];
  readonly outputs: readonly Value[];
  readonly attrs: Attrs;
}

export class Graph {
  readonly inputs: Value[] = [];
  outputs: Value[] = [];
  nodes: Node[] = [];
  /** Initializers and folded constants. Named initializers keep their ONNX / parameter names. */
  readonly constants = new Map<Value, Tensor>();
  /** Constants that are model parameters (weights a user can load, export or train), by name. */
  readonly params = new Map<string, Value>();
  /**
   * State updates of a step program (training): after a run, each key (a constant: a parameter or
   * optimizer state) takes the value its mapped value had in that run.
   */
  readonly updates = new Map<Value, Value>();
  private nextId = 0;
  private readonly names = new Set<string>();
  /** Per name hint, the suffix newValue's search for a free name starts at (cleared when a name is freed). */
  private readonly suffixFrom = new Map<string, number>();

  constructor(readonly name = 'main') {}

  /** A structural copy that passes may rewrite freely; values, nodes and tensors are immutable and shared. */
  clone(): Graph {
    const c = new Graph(this.name);
    c.inputs.push(...this.inputs);
    c.outputs = [...this.outputs];
    c.nodes = [...this.nodes];
    for (const [v, t] of this.constants) c.constants.set(v, t);
    for (const [k, v] of this.params) c.params.set(k, v);
    for (const [k, v] of this.updates) c.updates.set(k, v);
    c.nextId = this.nextId;
    for (const n of this.names) c.names.add(n);
    return c;
  }

  /** A fresh value; the name is made unique if taken (hint_1, hint_2, ...: the first free one). */
  newValue(type: TensorType, hint = 'v'): Value {
    let name = hint;
    if (this.names.has(name)) {
      // Suffixes below suffixFrom's entry are all taken (no name was freed since), so the search starts
      // there: an unrolled loop names thousands of values from one hint without a quadratic scan.
      let i = this.suffixFrom.get(hint) ?? 1;
      while (this.names.has(`${hint}_${i}`)) i++;
      name = `${hint}_${i}`;
      this.suffixFrom.set(hint, i + 1);
    }
    this.names.add(name);
    return { id: this.nextId++, name, type: { dtype: type.dtype, shape: [...type.shape] } };
  }

  /** Gives a node output a user-facing name (e.g. the ONNX graph output name); the name must be free. */
  renameValue(v: Value, name: string): void {
    if (v.name === name) return;
    if (this.names.has(name)) throw new KilnError('VERIFY', `cannot rename '${v.name}' to '${name}': the name is taken`);
    this.names.delete(v.name);
    this.suffixFrom.clear();
    this.names.add(name);
    (v as { name: string }).name = name;
  }

  /** Whether a value name is in use. */
  hasName(name: string): boolean {
    return this.names.has(name);
  }

  addInput(name: string, type: TensorType): Value {
    const problem = shapeProblem(type.shape);
    if (problem) throw new KilnError('SHAPE', `graph input '${name}' cannot have shape ${fmt(type.shape)}: ${problem}`);
    const v = this.newValue(type, name);
    this.inputs.push(v);
    return v;
  }

  addConstant(t: Tensor, name = 'const'): Value {
    const v = this.newValue(t, name);
    this.constants.set(v, t);
    return v;
  }

  /** A named parameter: a constant whose value is a weight of the model. */
  addParam(name: string, t: Tensor): Value {
    if (this.params.has(name)) throw new KilnError('VERIFY', `parameter '${name}' is defined twice`);
    const v = this.addConstant(t, name);
    this.params.set(name, v);
    return v;
  }

  isConstant(v: Value | undefined): boolean {
    return v !== undefined && this.constants.has(v);
  }

  /** Adds a node after checking its attributes and inferring its output types. */
  addNode(op: OpName, inputs: readonly (Value | undefined)[], attrs: Record<string, AttrValue> = {}, name?: string): Value[] {
    const nodeName = name ?? `${op}_${this.nodes.length}`;
    const def = OPS[op];
    const ctx = { node: nodeName, op, shapes: inputs.map((v) => v?.type.shape) };
    const [min, max] = def.inputs;
    if (inputs.length < min || inputs.length > max) {
      throw new KilnError('VERIFY', `expects ${min === max ? min : `${min} to ${max}`} inputs, got ${inputs.length}`, ctx);
    }
    for (let i = 0; i < min; i++) {
      if (!inputs[i]) throw new KilnError('VERIFY', `required input ${i} is missing`, ctx);
    }
    const full = withDefaults(def.attrs, attrs, ctx);
    let types: TensorType[];
    try {
      types = def.infer(inputs.map((v) => v?.type), full);
    } catch (e) {
      if (e instanceof ShapeRuleError) throw new KilnError('SHAPE', e.message, ctx);
      throw e;
    }
    types.forEach((t, i) => {
      const problem = shapeProblem(t.shape);
      if (problem) throw new KilnError('SHAPE', `output ${i} would have shape ${fmt(t.shape)}: ${problem}`, ctx);
    });
    const outputs = types.map((t, i) => this.newValue(t, types.length === 1 ? nodeName : `${nodeName}_${i}`));
    this.nodes.push({ name: nodeName, op, inputs: [...inputs], outputs, attrs: full });
    return outputs;
  }

  /** Every value the graph reads: inputs, constants and node outputs. */
  producers(): Map<Value, Node> {
    const m = new Map<Value, Node>();
    for (const n of this.nodes) for (const o of n.outputs) m.set(o, n);
    return m;
  }
}

const ATTR_CHECKS: Record<AttrSpec['type'], (v: AttrValue) => boolean> = {
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => typeof v === 'number',
  ints: (v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x)),
  floats: (v) => Array.isArray(v) && v.every((x) => typeof x === 'number'),
  string: (v) => typeof v === 'string',
  dtype: (v) => typeof v === 'string' && (DTYPE_NAMES as string[]).includes(v),
};

function withDefaults(specs: Readonly<Record<string, AttrSpec>>, given: Record<string, AttrValue>, ctx: { node: string; op: string }): Attrs {
  const out: Record<string, AttrValue> = {};
  for (const [k, v] of Object.entries(given)) {
    const spec = specs[k];
    if (!spec) throw new KilnError('ATTRIBUTE', `unknown attribute '${k}'`, ctx);
    if (!ATTR_CHECKS[spec.type](v)) throw new KilnError('ATTRIBUTE', `attribute '${k}' must be of type ${spec.type}, got ${JSON.stringify(v)}`, ctx);
    out[k] = v;
  }
  for (const [k, spec] of Object.entries(specs)) {
    if (k in out) continue;
    if (spec.default === undefined) throw new KilnError('ATTRIBUTE', `required attribute '${k}' is missing`, ctx);
    out[k] = spec.default;
  }
  return out;
}

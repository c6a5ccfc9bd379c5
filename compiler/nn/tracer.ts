// The tracer: runs a module's forward on symbolic tensors (SymTensor) that add IR nodes to a Graph; it
// is ir/builder.ts's GraphBuilder, naming nodes after the module path. Parameters become named graph
// params (state-dict names) the first time forward uses them; numbers become scalar constants (one per
// dtype and value). trace() is the entry point. In training mode a trace may also read the step
// counter input (Dropout masks) and record state updates (BatchNorm running statistics) in graph.updates.
import { GraphBuilder } from '../../ir/builder.ts';
import type { DType } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import type { Shape } from '../../ir/shape.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { mix32 } from '../../runtime/cpu/kernels/dropout.ts';
import { Parameter, type Module } from './module.ts';
import { SymTensor } from './tensor.ts';

/** What forward may be given and return: symbolic tensors, parameters or plain numbers. */
export type Operand = SymTensor | Parameter | number;

export interface InputSpec {
  readonly dtype: DType;
  readonly shape: Shape;
}

export interface TraceOptions {
  /** Trace in training mode (BatchNorm normalizes with batch statistics). Default: the module's own mode. */
  training?: boolean;
  /** Graph name. */
  name?: string;
  /** Base seed of the Dropout masks (each Dropout of the trace derives its own); default 0. */
  seed?: number;
}

/** The train step's scalar f32 step counter (1, 2, ...): a training trace with Dropout reads it as an input. */
export const STEP_INPUT = 'step';

let active: Tracer | undefined;

/** The trace in progress; modules and symbolic ops only work inside trace(). */
export function activeTracer(): Tracer {
  if (!active) throw new KilnError('USAGE', 'nn modules and symbolic tensors can only be used inside trace(module, inputs)');
  return active;
}

export class Tracer extends GraphBuilder {
  private readonly paths = new Map<Module, string>();
  private readonly paramNames = new Map<Parameter, string>();
  private readonly paramValues = new Map<Parameter, Value>();
  private readonly scope: string[] = [];
  private step?: Value;
  private seeds = 0;

  /** A trace of `root` into a new graph named `name`, or onto an existing graph (see traceInto). */
  constructor(root: Module | undefined, name: string | Graph, private readonly seed = 0, prefix = '') {
    super(typeof name === 'string' ? new Graph(name) : name, prefix);
    if (!root) return;
    for (const [path, m] of root.namedModules()) if (!this.paths.has(m)) this.paths.set(m, path);
    for (const [n, p] of root.namedState()) if (!this.paramNames.has(p)) this.paramNames.set(p, n);
  }

  enter(m: Module): void {
    this.scope.push(this.paths.get(m) ?? m.constructor.name);
  }

  exit(): void {
    this.scope.pop();
  }

  /** Nodes are named after the current module path and the graph's node count: `fc/Gemm_3`. */
  protected override nodeName(op: OpName): string {
    const where = this.scope.filter((s) => s !== '').at(-1);
    return `${this.prefix}${where ? `${where}/` : ''}${op}_${this.graph.nodes.length}`;
  }

  protected override scalarName(): string {
    return 'scalar';
  }

  /** The graph value of a module parameter, added as a named graph param on first use. */
  param(p: Parameter): Value {
    let v = this.paramValues.get(p);
    if (v) return v;
    const name = this.paramNames.get(p);
    if (!name) throw new KilnError('USAGE', `a Parameter of shape [${p.shape}] is used in forward but is not registered in the traced module tree`);
    v = this.graph.addParam(name, p.data);
    this.paramValues.set(p, v);
    return v;
  }

  /** The step counter input (STEP_INPUT, f32 scalar), added on first use. */
  stepInput(): Value {
    this.step ??= this.graph.addInput(STEP_INPUT, { dtype: 'f32', shape: [] });
    if (this.step.name !== STEP_INPUT) throw new KilnError('USAGE', `the step counter needs the input name '${STEP_INPUT}', which another input of the trace already has`);
    return this.step;
  }

  /** A fresh u32 seed for one random op of this trace (derived from the trace seed and a counter). */
  nextSeed(): number {
    return mix32((this.seed >>> 0) ^ mix32(0x9e3779b9 + this.seeds++));
  }

  /** The current value of a module state tensor: its latest recorded update in this trace, else the parameter. */
  state(p: Parameter): Value {
    const v = this.param(p);
    return this.graph.updates.get(v) ?? v;
  }

  /** Records the state tensor's value after a run (a state update, e.g. a running statistic). */
  setState(p: Parameter, next: Value): void {
    const v = this.param(p);
    if (next.type.dtype !== v.type.dtype || next.type.shape.join() !== v.type.shape.join()) {
      throw new KilnError('USAGE', `state '${v.name}' ${v.type.dtype}[${v.type.shape}] cannot take a ${next.type.dtype}[${next.type.shape}] value`);
    }
    this.graph.updates.set(v, next);
  }

  /** Graph value of an operand; numbers take `dtype`. */
  value(o: Operand, dtype: DType = 'f32'): Value {
    if (o instanceof SymTensor) {
      if (o.tracer !== this) throw new KilnError('USAGE', `symbolic tensor '${o.value.name}' belongs to another trace`);
      return o.value;
    }
    if (o instanceof Parameter) return this.param(o);
    return this.num(o, dtype);
  }

  wrap(v: Value): SymTensor {
    return new SymTensor(this, v);
  }
}

/** The dtype numbers should take next to these operands: the first tensor's, else f32. */
export function operandDType(os: readonly (Operand | undefined)[]): DType {
  for (const o of os) {
    if (o instanceof SymTensor) return o.dtype;
    if (o instanceof Parameter) return o.data.dtype;
  }
  return 'f32';
}

/** Emits one node from operands and wraps its outputs. */
export function emit(op: OpName, inputs: readonly (Operand | undefined)[], attrs: Record<string, AttrValue> = {}): SymTensor[] {
  const t = activeTracer();
  const d = operandDType(inputs);
  return t.op(op, inputs.map((o) => (o === undefined ? undefined : t.value(o, d))), attrs).map((v) => t.wrap(v));
}

/** Emits one node and returns its first output. */
export const emit1 = (op: OpName, inputs: readonly (Operand | undefined)[], attrs: Record<string, AttrValue> = {}): SymTensor => emit(op, inputs, attrs)[0];

/** Lifts an operand to a symbolic tensor (parameters and numbers become graph constants). */
export function sym(o: Operand, dtype?: DType): SymTensor {
  if (o instanceof SymTensor) return o;
  const t = activeTracer();
  return t.wrap(t.value(o, dtype ?? operandDType([o])));
}

/** A constant tensor in the trace (not a parameter). */
export function constant(t: Tensor, hint = 'const'): SymTensor {
  const tr = activeTracer();
  return tr.wrap(tr.constant(t, hint));
}

/** A tree of symbolic tensors forward may return: one, an array (nested) or a record. */
export type TraceOutput = SymTensor | readonly TraceOutput[] | { readonly [k: string]: TraceOutput };

function flatten(o: unknown, out: Value[]): void {
  if (o instanceof SymTensor) out.push(o.value);
  else if (Array.isArray(o)) for (const x of o) flatten(x, out);
  else if (o && typeof o === 'object' && !(o instanceof Parameter)) for (const x of Object.values(o)) flatten(x, out);
  else throw new KilnError('USAGE', `forward must return symbolic tensors (or arrays/records of them), got ${o instanceof Parameter ? 'a Parameter' : String(o)} as output ${out.length}`);
}

/**
 * Traces `module.forward` on symbolic inputs (given in forward's argument order) into a Graph. The
 * graph's outputs are forward's results, flattened in order; graph.params holds the parameters used.
 */
export function trace(module: Module, inputs: Readonly<Record<string, InputSpec>>, opts: TraceOptions = {}): Graph {
  if (active) throw new KilnError('USAGE', 'trace() cannot be nested');
  const t = new Tracer(module, opts.name ?? module.constructor.name, opts.seed);
  const modes = module.namedModules().map(([, m]) => [m, m.training] as const);
  if (opts.training !== undefined) module.train(opts.training);
  active = t;
  try {
    const args = Object.entries(inputs).map(([name, spec]) => t.wrap(t.graph.addInput(name, spec)));
    const result = (module.call as (...a: unknown[]) => unknown).apply(module, args);
    const outs: Value[] = [];
    flatten(result, outs);
    t.graph.outputs = outs;
    return t.graph;
  } finally {
    active = undefined;
    for (const [m, mode] of modes) m.training = mode;
  }
}

/**
 * Runs `fn` with an active trace that adds its nodes to an existing graph (names prefixed `prefix`):
 * how the train step builds a loss module's graph on the model's output. `wrap` lifts the graph's own
 * values to symbolic tensors.
 */
export function traceInto<R>(graph: Graph, prefix: string, fn: (wrap: (v: Value) => SymTensor) => R): R {
  if (active) throw new KilnError('USAGE', 'traceInto() cannot run inside another trace');
  const t = new Tracer(undefined, graph, 0, prefix);
  active = t;
  try {
    return fn((v) => t.wrap(v));
  } finally {
    active = undefined;
  }
}

/**
 * Training-mode dropout: x * DropoutMask, the mask drawn from this trace's next seed and the step counter
 * input, so every train step draws a new mask (kept elements scaled by 1 / (1 - p), as PyTorch).
 */
export function randomDropout(x: SymTensor, p: number): SymTensor {
  if (!(p >= 0 && p <= 1)) throw new KilnError('USAGE', `dropout probability must be in [0, 1], got ${p}`);
  if (p === 0) return x;
  const t = activeTracer();
  const [mask] = t.op('DropoutMask', [t.stepInput()], { shape: [...x.shape], ratio: p, seed: t.nextSeed(), dtype: x.dtype });
  return emit1('Mul', [x, t.wrap(mask)]);
}

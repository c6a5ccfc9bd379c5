// Module and Parameter: the PyTorch-like containers of the nn API. A module owns named parameters,
// buffers (running statistics) and child modules; its state dict uses PyTorch's dotted names.
import { KilnError } from '../../ir/errors.ts';
import { fmt, sameShape, type Shape } from '../../ir/shape.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { activeTracer } from './tracer.ts';
import { seededUniform } from '../seeded-uniform.ts';

/** A tensor of a module's state: a trainable parameter, or a buffer (trainable false). */
export class Parameter {
  constructor(public data: Tensor, readonly trainable = true) {}
  get shape(): Shape {
    return this.data.shape;
  }
}

/** Base class of every layer. Subclasses register state in the constructor and define forward. */
export abstract class Module {
  /** Training mode: BatchNorm uses batch statistics. Modules start in eval mode (unlike PyTorch). */
  training = false;
  private readonly ownParams = new Map<string, Parameter>();
  private readonly children = new Map<string, Module>();

  abstract forward(...args: never[]): unknown;

  /** Runs forward inside the active trace, naming the nodes it adds after this module's path. */
  call<M extends Module>(this: M, ...args: Parameters<M['forward']>): ReturnType<M['forward']> {
    const t = activeTracer();
    t.enter(this);
    try {
      return (this.forward as (...a: unknown[]) => ReturnType<M['forward']>).apply(this, args);
    } finally {
      t.exit();
    }
  }

  /** Registers a trainable parameter (PyTorch: nn.Parameter attribute). */
  protected param(name: string, data: Tensor): Parameter {
    return this.register(name, new Parameter(data, true));
  }

  /** Registers a buffer: loadable state that is not trained (PyTorch: register_buffer). */
  protected buffer(name: string, data: Tensor): Parameter {
    return this.register(name, new Parameter(data, false));
  }

  /** Registers a child module under `name` (PyTorch: a Module attribute). */
  protected module<M extends Module>(name: string, m: M): M {
    this.checkName(name);
    this.children.set(name, m);
    return m;
  }

  /** Registers a child whose state keeps its own names (no prefix); see withForward. */
  protected embed<M extends Module>(m: M): M {
    if (this.children.has('')) throw new KilnError('USAGE', `${this.constructor.name} already embeds a module`);
    this.children.set('', m);
    return m;
  }

  private register(name: string, p: Parameter): Parameter {
    this.checkName(name);
    this.ownParams.set(name, p);
    return p;
  }

  private checkName(name: string): void {
    if (name === '' || name.includes('.')) throw new KilnError('USAGE', `state name '${name}' must be non-empty and contain no '.'`);
    if (this.ownParams.has(name) || this.children.has(name)) throw new KilnError('USAGE', `'${name}' is registered twice in ${this.constructor.name}`);
  }

  /** Child modules with their dotted paths (this module itself has path ''). */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [n, m] of this.children) out.push(...m.namedModules(prefix && n ? `${prefix}.${n}` : prefix || n));
    return out;
  }

  /** Every parameter and buffer with its state-dict name, in registration order. */
  namedState(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [path, m] of this.namedModules()) {
      for (const [n, p] of m.ownParams) out.push([path ? `${path}.${n}` : n, p]);
    }
    return out;
  }

  /** Trainable parameters only (PyTorch: named_parameters). */
  namedParameters(): [string, Parameter][] {
    return this.namedState().filter(([, p]) => p.trainable);
  }

  /** Buffers only (PyTorch: named_buffers). */
  namedBuffers(): [string, Parameter][] {
    return this.namedState().filter(([, p]) => !p.trainable);
  }

  /** Parameters and buffers by name (PyTorch: state_dict). */
  stateDict(): Map<string, Tensor> {
    return new Map(this.namedState().map(([n, p]) => [n, p.data]));
  }

  /**
   * Copies tensors into the parameters and buffers of the same state-dict names (PyTorch: load_state_dict).
   * Each must have its state's dtype and shape. strict (default): the names must be exactly the module's;
   * otherwise the names that did not match are returned.
   */
  loadStateDict(dict: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>, opts: { strict?: boolean } = {}): { missingKeys: string[]; unexpectedKeys: string[] } {
    const given = dict instanceof Map ? (dict as ReadonlyMap<string, Tensor>) : new Map(Object.entries(dict));
    const state = new Map(this.namedState());
    const missingKeys = [...state.keys()].filter((k) => !given.has(k));
    const unexpectedKeys = [...given.keys()].filter((k) => !state.has(k));
    if ((opts.strict ?? true) && (missingKeys.length || unexpectedKeys.length)) {
      throw new KilnError('USAGE', `loadStateDict: missing keys: ${missingKeys.join(', ') || 'none'}; unexpected keys: ${unexpectedKeys.join(', ') || 'none'}`);
    }
    const loads: [Parameter, Tensor][] = [];
    for (const [name, t] of given) {
      const p = state.get(name);
      if (!p) continue;
      if (p.data.dtype !== t.dtype || !sameShape(p.data.shape, t.shape)) {
        throw new KilnError('SHAPE', `loadStateDict: '${name}' is ${p.data.dtype}${fmt(p.data.shape)}, got ${t.dtype}${fmt(t.shape)}`);
      }
      loads.push([p, t]);
    }
    // Checked first, so a failed load changes nothing; copies, so the module never aliases the caller's tensors.
    for (const [p, t] of loads) p.data = tensor(t.dtype, t.shape, t.data);
    return { missingKeys, unexpectedKeys };
  }

  train(mode = true): this {
    for (const [, m] of this.namedModules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }
}

class WithForward<A extends unknown[], R> extends Module {
  constructor(inner: Module, private readonly fn: (...args: A) => R) {
    super();
    this.embed(inner);
  }
  forward(...args: A): R {
    return this.fn(...args);
  }
}

/**
 * A module computing `fn` (which calls `inner`) whose state is exactly inner's, under the same names:
 * adds outputs or a loss to a model without renaming its parameters. E.g.
 * `withForward(net, (x, t) => new CrossEntropyLoss().call(net.call(x), t))`.
 */
export function withForward<A extends unknown[], R>(inner: Module, fn: (...args: A) => R): Module {
  return new WithForward(inner, fn);
}

// Initialisation: PyTorch's default initialisers (uniform bounds), from a seeded generator so that
// a freshly built model is reproducible. Real weights come from loadWeights.
let nextUniform = seededUniform(0x2545f491);

/** Seeds the initialiser (PyTorch: torch.manual_seed). */
export function manualSeed(s: number): void {
  nextUniform = seededUniform(s >>> 0 || 1);
}

/** U(-bound, bound): PyTorch's default for Linear/Conv (bound = 1/sqrt(fan_in)) and recurrent layers. */
export function uniform(shape: Shape, bound: number): Tensor {
  const t = tensor('f32', shape);
  for (let i = 0; i < t.data.length; i++) t.data[i] = (2 * nextUniform() - 1) * bound;
  return t;
}

/** N(0, 1) by Box-Muller: PyTorch's default for Embedding. */
export function normal(shape: Shape): Tensor {
  const t = tensor('f32', shape);
  for (let i = 0; i < t.data.length; i++) {
    const u = Math.max(nextUniform(), 1e-12), v = nextUniform();
    t.data[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return t;
}

/** A constant-filled f32 tensor (ones for norm scales, zeros for shifts and running means). */
export function filled(shape: Shape, v: number): Tensor {
  const t = tensor('f32', shape);
  t.data.fill(v);
  return t;
}

/** Normalizes an int-or-tuple argument (PyTorch's _pair) to `n` values. */
export function tuple(v: number | readonly number[], n: number, what: string): number[] {
  const out = typeof v === 'number' ? new Array<number>(n).fill(v) : [...v];
  if (out.length !== n || !out.every(Number.isInteger)) throw new KilnError('USAGE', `${what} must be an integer or ${n} integers, got ${fmt(out)}`);
  return out;
}

// Codegen: a graph of primitives becomes a Program. Each value gets a location (a buffer and a strided
// view into it); view ops only compute a new view; every other node, or with a fusion schedule every
// group (fused.ts), becomes one kernel whose WGSL reads its inputs through their views. Identical
// kernels (same WGSL text) share one pipeline. Codegen reads the graph it is given and does not change it
// (beyond naming the copies it makes).
import { type TypedArray } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { Schedule } from '../../ir/schedule.ts';
import { numel } from '../../ir/shape.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { contiguous, isContiguous, type View } from '../../ir/view.ts';
import { VIEW_RULES } from '../../ir/view-rules.ts';
import { isLiteralConstant } from '../../passes/fuse.ts';
import { type BufferRole, isPacked8, type Program, PROGRAM_VERSION } from '../../runtime/program.ts';
import { emitWideConcat, isWideConcat } from './concat-window.ts';
import { emitGroup } from './fused.ts';
import { bufferRef, type KernelFeatures, outputElem, packedOutRef, KernelParams, type KernelSource, type LowerContext, paramBufferRef, type TensorRef, wideAligned } from './kernel.ts';
import { LOWERINGS } from './lower/index.ts';
import { vectorOperands } from './lower/vector-operands.ts';
import { F16_MAX, toF16Storage } from './f16.ts';
import { ProgramBuilder, toStorage } from './program-builder.ts';
import { coordNames, coords, offsetExpr, wgslType } from './wgsl.ts';

export interface CompiledProgram {
  readonly program: Program;
  /** Initial contents of parameter and constant buffers, in storage types. */
  readonly data: ReadonlyMap<number, TypedArray>;
}

export interface Location { buffer: number; view: View }

/**
 * Whether precision 'f16' stores constant `t` as f16: f32 data of more than one element (weights, tables)
 * whose finite values all fit f16's range. Scalars (epsilons, literals) and data beyond 65504 (mask
 * constants such as -1e9) keep f32, so no value changes by more than f16's rounding.
 */
export function halfWeight(t: Tensor): boolean {
  if (t.dtype !== 'f32' || t.data.length < 2) return false;
  for (const x of t.data as Float32Array) if (Math.abs(x) > F16_MAX && Number.isFinite(x)) return false;
  return true;
}

/** Lists every node that has no WebGPU path, all at once. */
function checkLowerable(g: Graph): void {
  const bad = g.nodes.filter((n) => !VIEW_RULES[n.op] && !LOWERINGS[n.op]);
  if (bad.length) throw new KilnError('BACKEND', `no WebGPU lowering for: ${bad.map((n) => `${n.op} (${n.name})`).join(', ')}`);
}

export type Build = (inputs: readonly (TensorRef | undefined)[], outputs: readonly TensorRef[], check: LowerContext['check']) => KernelSource;

/**
 * What both codegen paths share: the program being built and where each value lives (a buffer and a
 * strided view into it). Views are resolved lazily, so a view whose input is computed inside a fused
 * kernel never needs a location.
 */
export class Codegen {
  readonly b = new ProgramBuilder();
  readonly loc = new Map<Value, Location>();
  private readonly producer: Map<Value, Node>;
  private readonly params: ReadonlySet<Value>;

  constructor(readonly g: Graph, readonly features: KernelFeatures = {}) {
    this.producer = g.producers();
    this.params = new Set(g.params.values());
  }

  /** A scalar constant kernels of fusion groups read as a literal (parameters and state stay buffers). */
  isLiteral(v: Value): boolean {
    return isLiteralConstant(this.g, v, this.params);
  }

  private scratchCount = 0;

  /** A value of codegen's own (a copy's target): the graph is read, never changed. */
  scratch(of: Value, what: string): Value {
    return { id: -++this.scratchCount, name: `${of.name}_${what}`, type: of.type };
  }

  /** `half`: stored as f16 (precision 'f16'). An i8/u8 value is always stored four to a u32 word. */
  owned(v: Value, role: BufferRole, half = false): Location {
    const l = { buffer: this.b.addBuffer(v.name, role, v.type, half), view: contiguous(v.type.shape) };
    this.loc.set(v, l);
    return l;
  }

  /** A constant's own buffer, created (and filled) on first use; an f16 weight's when halfWeight allows. */
  constant(v: Value): Location {
    const l = this.loc.get(v);
    if (l) return l;
    const t = this.g.constants.get(v)!;
    const role = this.params.has(v) ? 'param' : 'const';
    if (this.features.f16Storage && halfWeight(t)) {
      const own = this.owned(v, role, true);
      this.b.data.set(own.buffer, toF16Storage(t.data));
      return own;
    }
    // int8/uint8 weights stay packed four to a word on the GPU (their bytes as they are).
    const own = this.owned(v, role);
    this.b.data.set(own.buffer, toStorage(t));
    return own;
  }

  /** Where a value lives when it and the views leading to it are expressible over a buffer (no copy). */
  tryLocOf(v: Value): Location | undefined {
    const known = this.loc.get(v);
    if (known) return known;
    if (this.g.constants.has(v)) return this.constant(v);
    const node = this.producer.get(v);
    const rule = node && VIEW_RULES[node.op];
    const inner = rule && this.tryLocOf(node.inputs[0]!);
    const view = inner && rule(inner.view, node);
    if (!view) return undefined;
    const l = { buffer: inner.buffer, view };
    this.loc.set(v, l);
    return l;
  }

  /** Where a materialized value (or a view of one) lives; a view the strides cannot express is copied first. */
  locOf(v: Value): Location {
    const known = this.tryLocOf(v);
    if (known) return known;
    if (this.g.constants.has(v)) return this.constant(v);
    const node = this.producer.get(v);
    const rule = node && VIEW_RULES[node.op];
    if (!node || !rule) throw new KilnError('BACKEND', `value '${v.name}' is read before any kernel computes it`);
    const x = node.inputs[0]!;
    let view = rule(this.locOf(x).view, node);
    if (!view) {
      // The view cannot express this reshape of a strided input: copy the input contiguous first.
      const contig = this.scratch(x, 'contig');
      this.emit(`copy_${node.name}`, [node.name], [x], [contig], copy);
      this.loc.set(x, this.loc.get(contig)!);
      view = rule(this.loc.get(x)!.view, node)!;
    }
    const l = { buffer: this.locOf(x).buffer, view };
    this.loc.set(v, l);
    return l;
  }

  /**
   * Emits one kernel named `label` (listing the graph nodes it computes) reading `ins` through their views and
   * writing `outs` contiguously: into fresh buffers of the given role, or into existing ones (state updates).
   */
  emit(label: string, nodes: string[], ins: readonly (Value | undefined)[], outs: readonly Value[], build: Build, target: BufferRole | readonly number[] = 'temp', wide: ReadonlySet<number> = new Set()): void {
    // One binding per distinct buffer: the memory plan may place values in one arena, and WebGPU refuses
    // overlapping writable ranges of a buffer in one dispatch.
    const present = ins.filter((v): v is Value => v !== undefined);
    const buffers = [...new Set(present.map((v) => this.locOf(v).buffer))];
    const names = buffers.map((_, i) => `in${i}`);
    const params = new KernelParams();
    const inputsByPos = ins.map((v) => (v ? this.inputRef(names[buffers.indexOf(this.locOf(v).buffer)], v, params, wide.has(this.locOf(v).buffer)) : undefined));
    const outBuffers = typeof target === 'string' ? outs.map((v) => this.owned(v, target).buffer) : target;
    const outRefs = outs.map((v, i) => this.outputRef(`out${i}`, v, outBuffers[i], label));
    const bind = (buffer: number) => {
      if (!buffers.includes(buffer)) buffers.push(buffer), names.push(`in${buffers.length - 1}`);
      return names[buffers.indexOf(buffer)];
    };
    const s = build(inputsByPos, outRefs, this.checkHook(label, bind, params));
    const elems = buffers.map((buf) => ({ name: names[buffers.indexOf(buf)], elem: this.bindingElem(buf, wide) }));
    const outElems = outRefs.map((r, i) => ({ name: `out${i}`, elem: outputElem(this.b.buffers[outBuffers[i]].dtype, r.elem) }));
    const kernel = this.b.addKernel(label, nodes, s, { inputs: elems, outputs: outElems, params: params.values.length });
    this.b.dispatch(kernel, [...buffers, ...outBuffers], s, params.values);
  }

  /**
   * How kernel `label` writes value `v` contiguously into `buffer` through its binding `name`: packed
   * 8-bit buffers through atomic byte stores (packedOutRef), others as plain elements.
   */
  outputRef(name: string, v: Value, buffer: number, label: string): TensorRef {
    const dtype = this.b.buffers[buffer].dtype, elem = wgslType(v.type.dtype), view = contiguous(v.type.shape);
    return isPacked8(dtype) ? packedOutRef(name, dtype, elem, view, label) : bufferRef(name, v.type.dtype, elem, view);
  }

  /**
   * How a kernel reads the materialized value `v` through its binding `name`: a view that covers only part
   * of its buffer (a slice, e.g. one time step) takes its offset from a kernel parameter, so the kernel's
   * text does not depend on where the slice starts.
   */
  inputRef(name: string, v: Value, params: KernelParams, wide = false): TensorRef {
    const l = this.locOf(v);
    const buf = this.b.buffers[l.buffer];
    return paramBufferRef(name, v.type.dtype, wgslType(v.type.dtype), l.view, numel(buf.shape), params, wide, buf.dtype === 'f16', isPacked8(buf.dtype) ? buf.dtype : undefined);
  }

  /**
   * The buffers a kernel binds wide (as arrays of vec4, for vec4 loads) among those of the contraction
   * operands: each whose value's view allows it (`wideAligned`). Every read of a wide buffer in
   * the kernel then goes through the vec4 binding.
   */
  wideBuffers(operands: readonly Value[]): Set<number> {
    const wide = new Set<number>();
    for (const v of operands) {
      const l = this.tryLocOf(v);
      if (l && wideAligned(v.type.dtype, l.view, numel(this.b.buffers[l.buffer].shape))) wide.add(l.buffer);
    }
    return wide;
  }

  /** The element type a kernel declares for binding `buffer`: its storage scalar, or vec4 of it when wide. */
  bindingElem(buffer: number, wide: ReadonlySet<number>): string {
    const dtype = this.b.buffers[buffer].dtype;
    const elem = dtype === 'f16' ? 'f16' : isPacked8(dtype) ? 'u32' : wgslType(dtype);
    return wide.has(buffer) ? `vec4<${elem}>` : elem;
  }

  /** One kernel for one node, through its lowering. */
  emitNode(node: Node): void {
    if (isWideConcat(node)) return emitWideConcat(this, node);
    const wide = this.wideBuffers(vectorOperands(node));
    this.emit(`${node.op}_${node.name}`, [node.name], node.inputs, node.outputs, (inputs, outputs, check) => lower(node, inputs, outputs, check, this.features), 'temp', wide);
  }

  private statusBuffer?: number;
  private readonly sites: string[] = [];

  /**
   * The index-check hook of one kernel: its first check makes it a check site (a word of the program's
   * status buffer, chosen by a kernel parameter so sites share pipelines) and binds the status buffer.
   */
  checkHook(label: string, bind: (buffer: number) => string, params: KernelParams): (violated: string) => string {
    let slot: string | undefined;
    return (violated) => {
      this.statusBuffer ??= this.b.addBuffer('kiln_status', 'status', { dtype: 'u32', shape: [1] });
      const name = bind(this.statusBuffer);
      if (slot === undefined) {
        this.sites.push(label);
        slot = params.slot(this.sites.length - 1);
      }
      return `if (${violated}) { ${name}[${slot}] = 1u; }`;
    };
  }

  /** Graph outputs and state updates, after every kernel; returns the finished program. */
  finish(inputs: Program['inputs']): CompiledProgram {
    const { g, b } = this;
    // Each graph output gets a buffer of its own; views, inputs, constants and repeated outputs are copied.
    const claimed = new Set<number>();
    const outputs = g.outputs.map((v, i) => {
      const l = this.locOf(v);
      const buf = b.buffers[l.buffer];
      if (buf.role === 'temp' && buf.dtype !== 'f16' && isContiguous(l.view) && numel(l.view.shape) <= numel(buf.shape) && !claimed.has(l.buffer)) {
        buf.role = 'output';
        claimed.add(l.buffer);
        return { name: v.name, buffer: l.buffer, dtype: v.type.dtype, shape: [...v.type.shape] };
      }
      const out = this.scratch(v, 'out');
      this.emit(`output_${i}`, [`output ${v.name}`], [v], [out], copy, 'output');
      claimed.add(this.loc.get(out)!.buffer);
      return { name: v.name, buffer: this.loc.get(out)!.buffer, dtype: v.type.dtype, shape: [...v.type.shape] };
    });

    // State updates (training): copy each new value into its parameter's or state's own buffer, last
    // (fused programs mostly write them in place already).
    const state: number[] = [];
    for (const [target, source] of g.updates) {
      const to = this.locOf(target), from = this.locOf(source);
      state.push(to.buffer);
      if (to.buffer === from.buffer && isContiguous(from.view)) continue;
      this.emit(`update_${target.name}`, [`update ${target.name}`], [source], [target], copy, [to.buffer]);
    }

    let checks: Program['checks'];
    if (this.statusBuffer !== undefined) {
      Object.assign(b.buffers[this.statusBuffer], { shape: [this.sites.length], bytes: 4 * this.sites.length });
      checks = { buffer: this.statusBuffer, sites: [...this.sites] };
    }
    const program: Program = { version: PROGRAM_VERSION, inputs, outputs, buffers: b.buffers, kernels: b.kernels, dispatches: b.dispatches, state, ...(checks ? { checks } : {}) };
    return { program, data: b.data };
  }
}

/** Calls a node's lowering; a failure that is not already a KilnError names the node. */
export function lower(node: Node, inputs: LowerContext['inputs'], outputs: LowerContext['outputs'], check?: LowerContext['check'], features?: KernelFeatures): KernelSource {
  try {
    return LOWERINGS[node.op]({ node, inputs, outputs, check, features });
  } catch (e) {
    if (e instanceof KilnError) throw e;
    throw new KilnError('BACKEND', `WGSL lowering failed: ${(e as Error).message}`, { node: node.name, op: node.op, shapes: node.inputs.map((v) => v?.type.shape) });
  }
}

/**
 * The Program for a graph of primitives: one kernel per schedule group when a fusion schedule is given,
 * else one kernel per non-view node (the unfused reference). Kernels use only the optional `features` given.
 */
export function generateProgram(g: Graph, schedule?: Schedule, features: KernelFeatures = {}): CompiledProgram {
  checkLowerable(g);
  const cg = new Codegen(g, features);
  const inputs = g.inputs.map((v) => ({ name: v.name, buffer: cg.owned(v, 'input').buffer, dtype: v.type.dtype, shape: [...v.type.shape] }));
  // Parameters and state always have buffers (trainers share and read them by name); with fusion, scalar
  // constants are literals in the kernels that read them and get a buffer only where a kernel binds one.
  for (const v of g.constants.keys()) if (!schedule || !cg.isLiteral(v)) cg.constant(v);
  if (!schedule) {
    for (const node of g.nodes) if (!VIEW_RULES[node.op]) cg.emitNode(node);
  } else {
    for (const group of schedule.groups) emitGroup(cg, group);
  }
  return cg.finish(inputs);
}

const copy: Build = (i, o) => copyKernel(i[0]!, o[0]);

/** Materializes a strided view into a contiguous buffer. */
function copyKernel(x: TensorRef, out: TensorRef): KernelSource {
  const shape = out.view.shape;
  return {
    body: `${coords('idx', shape)}\n  ${out.store('idx', x.load(offsetExpr(x.view, coordNames(shape.length))))}`,
    invocations: numel(shape),
  };
}

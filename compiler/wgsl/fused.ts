// Emits one kernel for a fusion group (ir/schedule.ts). Every elementwise member becomes a WGSL function
// `kfN(i)` computing its value at flat index i of its own shape, reading its operands through TensorRefs:
// a buffer binding, another member's function (through any view), a literal for a scalar constant, or
// `acc` for the anchor's value in an epilogue. A pointwise group is one invocation per element storing
// its outputs; an anchored group calls the anchor's own lowering with these refs as inputs and an output
// ref whose `store` evaluates the epilogue and writes every output of the group at that index. All
// outputs are computed before any is stored, so outputs written in place over a state they read stay
// correct.
import { KilnError } from '../../ir/errors.ts';
import type { Node, Value } from '../../ir/graph.ts';
import type { KernelGroup } from '../../ir/schedule.ts';
import { numel } from '../../ir/shape.ts';
import { contiguous, type View } from '../../ir/view.ts';
import { VIEW_RULES, ViewChains } from '../../ir/view-rules.ts';
import { MAX_BINDINGS } from '../../passes/fuse.ts';
import { type Codegen, lower } from './codegen.ts';
import { KernelParams, type KernelSource, outputElem, packedStore, type TensorRef } from './kernel.ts';
import { isPacked8 } from '../../runtime/program.ts';
import { ELEMENTWISE_PRELUDE, pointwiseValue, pointwiseValue4 } from './lower/elementwise.ts';
import { siblingLowering } from './lower/matmul.ts';
import { vectorOperands } from './lower/vector-operands.ts';
import { isRowReduction, reductionVar, rowKernel } from './row-kernel.ts';
import { type Vec4Plan, vec4Plan } from './vec4-pointwise.ts';
import { coordNames, coords, lit, offsetExpr, wgslType } from './wgsl.ts';

const chainsOf = new WeakMap<Codegen, ViewChains>();

/** A ref with no buffer behind it: reading `name` is a lowering that bypasses `load`, a codegen bug. */
function computedRef(what: string, v: Value, view: View, load: (at: string) => string, store?: TensorRef['store']): TensorRef {
  return {
    get name(): string {
      throw new KilnError('BACKEND', `a lowering reads ${what} '${v.name}' as a buffer instead of through load()`);
    },
    dtype: v.type.dtype,
    elem: wgslType(v.type.dtype),
    view,
    load,
    store:
      store ??
      (() => {
        throw new KilnError('BACKEND', `cannot store into the input '${v.name}'`);
      }),
  };
}

/** The same source read through another view (the name is forwarded lazily: it may not exist). */
function withView(r: TensorRef, view: View): TensorRef {
  return {
    get name() {
      return r.name;
    },
    dtype: r.dtype, elem: r.elem, view, load: r.load, store: r.store,
  };
}

/** The view chains of a codegen run, computed once. */
function chainsFor(cg: Codegen): ViewChains {
  let chains = chainsOf.get(cg);
  if (!chains) chainsOf.set(cg, (chains = new ViewChains(cg.g.producers())));
  return chains;
}

export function emitGroup(cg: Codegen, gr: KernelGroup): void {
  if (gr.kind === 'single' && gr.nodes.length === 1) return cg.emitNode(gr.anchor!);
  new GroupEmitter(cg, gr).emit();
}

/** The state of emitting one group: its bindings, parameters, member functions and remapped views. */
class GroupEmitter {
  private readonly vc: ViewChains;
  private readonly producer: Map<Value, Node>;
  private readonly index: Map<Node, number>;
  /** A row kernel has no epilogue accumulator: its reductions are phases read through `krN`. */
  private readonly rows: boolean;
  private readonly anchor: Node | undefined;
  /** Sibling contractions share the kernel; each epilogue member belongs to (and reads `acc` of) one of them. */
  private readonly anchors: Node[];
  private readonly outBuffers: number[];
  private readonly outNames: string[];
  private readonly inBuffers: number[] = [];
  private readonly params = new KernelParams();
  private readonly bufferRefs = new Map<Value, TensorRef>();
  private readonly remaps: string[] = [];
  private readonly anchorOfNode = new Map<Node, Node | undefined>();
  /** Buffers bound as vec4 arrays: the anchor's matrix operands read straight from a buffer, where aligned. */
  private readonly wide: ReadonlySet<number>;
  /** A pointwise group that runs one vec4 per invocation (vec4-pointwise.ts), its wide buffers. */
  private readonly vec4: Vec4Plan | undefined;

  constructor(private readonly cg: Codegen, private readonly gr: KernelGroup) {
    this.vc = chainsFor(cg);
    this.producer = new Map(gr.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
    this.index = new Map(gr.nodes.map((n, k) => [n, k]));
    this.rows = gr.kind === 'row';
    this.anchor = this.rows ? undefined : gr.anchor;
    this.anchors = this.anchor ? [this.anchor, ...(gr.siblings ?? [])] : [];
    // Outputs: fresh buffers (f16 for f32 values later kernels read, with precision 'f16'), or the buffer
    // of the state a value updates in place.
    const graphOutputs = new Set(cg.g.outputs);
    this.outBuffers = gr.outputs.map((v) => {
      const t = gr.inPlace.get(v);
      if (!t) return cg.owned(v, 'temp', !!cg.features.f16Storage && v.type.dtype === 'f32' && !graphOutputs.has(v)).buffer;
      const buffer = cg.locOf(t).buffer;
      // A packed buffer is bound as atomic words where written, which its plain reads cannot share.
      if (isPacked8(cg.b.buffers[buffer].dtype)) throw new KilnError('BACKEND', `a fused kernel would update the ${cg.b.buffers[buffer].dtype} state '${t.name}' in place; packed 8-bit state has no in-place update path`, { node: this.producer.get(v)?.name, op: this.producer.get(v)?.op });
      cg.loc.set(v, { buffer, view: contiguous(v.type.shape) });
      return buffer;
    });
    this.outNames = gr.outputs.map((_, j) => `out${j}`);
    const direct = this.anchors.length === 1 ? vectorOperands(this.anchor!).filter((u) => !this.producer.has(this.vc.base(u)) && !cg.isLiteral(this.vc.base(u))) : [];
    this.vec4 = !this.anchor && !this.rows ? vec4Plan(cg, gr, this.vc, this.outBuffers) : undefined;
    // A buffer the kernel also writes (a state updated in place) keeps its scalar binding for the stores.
    this.wide = this.vec4?.wide ?? new Set([...cg.wideBuffers(direct)].filter((b) => !this.outBuffers.includes(b)));
  }

  emit(): void {
    const { cg, gr, inBuffers, outBuffers, outNames, params } = this;
    const label = `${gr.anchor ? gr.anchor.op : 'fused'}_${(gr.anchor ?? gr.nodes[0]).name}`;
    const functions = this.functions();
    const src = this.source();
    const decls = [ELEMENTWISE_PRELUDE, ...functions, ...this.remaps, src.decls ?? ''].join('\n');
    if (inBuffers.length + outBuffers.length > MAX_BINDINGS) {
      throw new KilnError('BACKEND', `fused kernel ${label} needs ${inBuffers.length + outBuffers.length} storage buffers, over the ${MAX_BINDINGS} WebGPU guarantees`);
    }
    const elemOf = (buffer: number) => cg.bindingElem(buffer, this.wide);
    const kernel = cg.b.addKernel(label, gr.nodes.map((n) => n.name), { ...src, decls }, {
      inputs: inBuffers.map((buf, i) => ({ name: `in${i}`, elem: elemOf(buf) })),
      outputs: outBuffers.map((buf, j) => ({ name: outNames[j], elem: outputElem(cg.b.buffers[buf].dtype, elemOf(buf)) })),
      params: params.values.length,
    });
    cg.b.dispatch(kernel, [...inBuffers, ...outBuffers], src, params.values);
  }

  /** The binding of a buffer: an output's own, or the next input binding. */
  private bindingName(buffer: number): string {
    const j = this.outBuffers.indexOf(buffer);
    if (j >= 0) return this.outNames[j];
    if (!this.inBuffers.includes(buffer)) this.inBuffers.push(buffer);
    return `in${this.inBuffers.indexOf(buffer)}`;
  }

  /** How the kernel reads a materialized value: through its buffer's binding (wide or not). */
  private inputRef(u: Value): TensorRef {
    const buffer = this.cg.locOf(u).buffer;
    return this.cg.inputRef(this.bindingName(buffer), u, this.params, this.wide.has(buffer));
  }

  /** The anchor whose value member `n` is computed from (its epilogue), if any. */
  private anchorOf(n: Node): Node | undefined {
    if (this.anchors.includes(n)) return n;
    if (!this.anchorOfNode.has(n)) {
      let found: Node | undefined;
      for (const u of n.inputs) {
        const p = u && this.producer.get(this.vc.base(u));
        found ??= p && this.anchorOf(p);
      }
      this.anchorOfNode.set(n, found);
    }
    return this.anchorOfNode.get(n);
  }

  private call(n: Node, at: string, acc: string): string {
    return `kf${this.index.get(n)}(${at}${this.anchorOf(n) !== undefined ? `, ${acc}` : ''})`;
  }

  /** How a member (or the anchor) reads operand `u`. */
  private refFor(u: Value, literals: boolean): TensorRef {
    const { cg, vc } = this;
    const b = vc.base(u);
    const p = this.producer.get(b);
    if (p) {
      const view = vc.view(u);
      if (!view) throw new KilnError('BACKEND', `fused value '${b.name}' is read through a view the strides cannot express`, { node: p.name, op: p.op });
      if (this.anchors.includes(p)) return computedRef('the epilogue value', u, view, () => 'acc');
      if (this.rows && isRowReduction(p)) return computedRef('the row reduction', u, view, () => reductionVar(this.index.get(p)!));
      return computedRef('the fused value', u, view, (at) => this.call(p, at, 'acc'));
    }
    if (literals && cg.isLiteral(b)) {
      const value = cg.g.constants.get(b)!.data[0] as number;
      return computedRef('the literal', u, vc.view(u) ?? contiguous(u.type.shape), () => lit(Number(value), wgslType(b.type.dtype)));
    }
    // One ref (and at most one offset parameter) per value the kernel reads from a buffer.
    let r = this.bufferRefs.get(u);
    if (!r) this.bufferRefs.set(u, (r = cg.tryLocOf(u) ? this.inputRef(u) : this.remapped(u, literals)));
    return r;
  }

  /**
   * A view chain the strides cannot express (a reshape of a transposed buffer): the reshape's output is
   * read by recomputing its input's offset from the logical index in a function, instead of a copy kernel.
   */
  private remapped(u: Value, literals: boolean): TensorRef {
    const p = this.vc.viewNode(u);
    const rule = p && VIEW_RULES[p.op];
    if (!p || !rule) return this.inputRef(u);
    const x = this.refFor(p.inputs[0]!, literals);
    const view = rule(x.view, p);
    if (view) return withView(x, view);
    const name = `kremap${this.remaps.length}`, shape = p.inputs[0]!.type.shape;
    this.remaps.push(`fn ${name}(i: i32) -> ${x.elem} {\n  ${coords('i', shape)}\n  return ${x.load(offsetExpr(x.view, coordNames(shape.length)))};\n}`);
    return computedRef('the remapped view', u, rule(contiguous(shape), p)!, (at) => `${name}(${at})`);
  }

  /** One WGSL function per elementwise member: its value at a flat index of its own shape. */
  private functions(): string[] {
    if (this.vec4) return this.functions4();
    return this.gr.nodes.filter((n) => !this.anchors.includes(n) && !(this.rows && isRowReduction(n))).map((n) => this.scalarFunction(n));
  }

  /** The function of member `n`: its value at a flat index of its own shape. */
  private scalarFunction(n: Node): string {
    const out = n.outputs[0], shape = out.type.shape, elem = wgslType(out.type.dtype);
    const ins = n.inputs.filter((u): u is Value => u !== undefined).map((u) => this.refFor(u, true));
    const value = pointwiseValue(n, ins, { dtype: out.type.dtype, elem }, shape, coordNames(shape.length));
    const own = this.anchorOf(n);
    const params = `i: i32${own ? `, acc: ${wgslType(own.outputs[0].type.dtype)}` : ''}`;
    return `// ${n.op} ${n.name}\nfn kf${this.index.get(n)}(${params}) -> ${elem} {\n  ${coords('i', shape)}\n  return ${value};\n}`;
  }

  /**
   * The members of a vec4 group: functions of vec4 index i returning the vec4 of elements 4i..4i+3 (a
   * member of one element keeps its scalar function, read at 0 and splat).
   */
  private functions4(): string[] {
    return this.gr.nodes.map((n) => {
      if (numel(n.outputs[0].type.shape) === 1) return this.scalarFunction(n);
      const args = n.inputs.filter((u): u is Value => u !== undefined).map((u, k) => {
        const r = this.refFor(u, true);
        const at = r.load4 && numel(u.type.shape) > 1 ? r.load4('4 * i') : numel(u.type.shape) > 1 ? r.load('i') : `vec4<f32>(${r.load(offsetExpr(r.view, r.view.shape.map(() => '0')))})`;
        return `let a${k} = ${at};`;
      });
      const value = pointwiseValue4(n, args.map((_, k) => `a${k}`));
      return `// ${n.op} ${n.name}\nfn kf${this.index.get(n)}(i: i32) -> vec4<f32> {\n  ${args.join(' ')}\n  return ${value};\n}`;
    });
  }

  /**
   * Statements computing the outputs of anchor `a` (all outputs without one) at flat index `idx`, with the
   * anchor's value `acc`, then storing them.
   */
  private storeAt(idx: string, acc?: string, a: Node | undefined = this.anchor): string {
    const { gr, producer, outNames } = this;
    const mine = gr.outputs.flatMap((v, j) => {
      const owner = this.anchorOf(producer.get(v)!);
      return owner === a || (owner === undefined && a === this.anchor) ? [j] : [];
    });
    const values = mine.map((j) => {
      const n = producer.get(gr.outputs[j])!;
      return `let o${j} = ${this.anchors.includes(n) ? 'e_a' : this.call(n, 'e_i', 'e_a')};`;
    });
    const stores = mine.map((j) => this.storeOut(j, 'e_i', `o${j}`));
    return `{\n    let e_i = ${idx};${acc === undefined ? '' : ` let e_a = ${acc};`}\n    ${values.join(' ')}\n    ${stores.join(' ')}\n  }`;
  }

  /**
   * Statement storing `v` at element `at` of output j: packed 8-bit buffers through atomic byte stores
   * (packedStore), others as one element (converted to f16 for f16 buffers).
   */
  private storeOut(j: number, at: string, v: string): string {
    if (isPacked8(this.cg.b.buffers[this.outBuffers[j]].dtype)) return packedStore(this.outNames[j])(at, v);
    return `${this.outNames[j]}[${at}] = ${this.toStorage(j, v)};`;
  }

  /** Value `v` (f32, or vec4<f32> in a vec4 group) converted for output j's buffer: f16 buffers take f16. */
  private toStorage(j: number, v: string): string {
    if (this.cg.b.buffers[this.outBuffers[j]].dtype !== 'f16') return v;
    return this.vec4 ? `vec4<f16>(${v})` : `f16(${v})`;
  }

  /** The kernel body: a row kernel, one invocation per element, or the anchors' lowering with the epilogue. */
  private source(): KernelSource {
    const { gr, anchor, anchors } = this;
    if (this.rows) return rowKernel({ group: gr, refFor: (u) => this.refFor(u, true), call: (n, at) => this.call(n, at, 'acc'), store: (j, at, v) => this.storeOut(j, at, v), features: this.cg.features });
    if (!anchor) return { body: this.storeAt('idx'), invocations: numel(gr.shape) / (this.vec4 ? 4 : 1) };
    const stored = new Set<Node>();
    const contexts = anchors.map((a) => {
      const out = a.outputs[0];
      const noLoad = () => {
        throw new KilnError('BACKEND', `cannot load the output '${out.name}'`);
      };
      const outRef = computedRef('the kernel output', out, contiguous(out.type.shape), noLoad, (idx, value) => {
        stored.add(a);
        return this.storeAt(idx, value, a);
      });
      return { node: a, inputs: a.inputs.map((u) => u && this.refFor(u, false)), outputs: [outRef] };
    });
    const label = `${anchor.op}_${anchor.name}`;
    const check = this.cg.checkHook(label, (buffer) => this.bindingName(buffer), this.params);
    const src = anchors.length === 1 ? lower(anchor, contexts[0].inputs, contexts[0].outputs, check, this.cg.features) : siblingLowering(contexts);
    const silent = anchors.find((a) => !stored.has(a) && gr.outputs.some((v) => this.anchorOf(this.producer.get(v)!) === a));
    if (silent) throw new KilnError('BACKEND', 'the lowering does not write through its output accessor, so its fused epilogue cannot run', { node: silent.name, op: silent.op });
    return src;
  }
}

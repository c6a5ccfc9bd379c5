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
import { isLiteralConstant, MAX_BINDINGS } from '../../passes/fuse.ts';
import { type Codegen, lower } from './codegen.ts';
import { KernelParams, type KernelSource, type TensorRef } from './kernel.ts';
import { ELEMENTWISE_PRELUDE, pointwiseValue } from './lower/elementwise.ts';
import { siblingLowering } from './lower/matmul.ts';
import { isRowReduction, reductionVar, rowKernel } from './row-kernel.ts';
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

export function emitGroup(cg: Codegen, gr: KernelGroup): void {
  if (gr.kind === 'single' && gr.nodes.length === 1) return cg.emitNode(gr.anchor!);
  const g = cg.g;
  let chains = chainsOf.get(cg);
  if (!chains) chainsOf.set(cg, (chains = new ViewChains(g.producers())));
  const vc = chains;
  const producer = new Map<Value, Node>(gr.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  const index = new Map(gr.nodes.map((n, k) => [n, k]));
  // A row kernel has no epilogue accumulator: its reductions are phases read through `krN`.
  const rows = gr.kind === 'row';
  const anchor = rows ? undefined : gr.anchor;
  // Sibling contractions share the kernel; each epilogue member belongs to (and reads `acc` of) one of them.
  const anchors = anchor ? [anchor, ...(gr.siblings ?? [])] : [];
  const label = `${gr.anchor ? gr.anchor.op : 'fused'}_${(gr.anchor ?? gr.nodes[0]).name}`;

  // Outputs: fresh buffers, or the buffer of the state a value updates in place.
  const outBuffers = gr.outputs.map((v) => {
    const t = gr.inPlace.get(v);
    if (!t) return cg.owned(v, 'temp').buffer;
    const buffer = cg.locOf(t).buffer;
    cg.loc.set(v, { buffer, view: contiguous(v.type.shape) });
    return buffer;
  });
  const outNames = gr.outputs.map((_, j) => `out${j}`);
  const inBuffers: number[] = [];
  const bindingName = (buffer: number): string => {
    const j = outBuffers.indexOf(buffer);
    if (j >= 0) return outNames[j];
    if (!inBuffers.includes(buffer)) inBuffers.push(buffer);
    return `in${inBuffers.indexOf(buffer)}`;
  };

  const anchorOfNode = new Map<Node, Node | undefined>();
  /** The anchor whose value member `n` is computed from (its epilogue), if any. */
  const anchorOf = (n: Node): Node | undefined => {
    if (anchors.includes(n)) return n;
    if (!anchorOfNode.has(n)) {
      let found: Node | undefined;
      for (const u of n.inputs) {
        const p = u && producer.get(vc.base(u));
        found ??= p && anchorOf(p);
      }
      anchorOfNode.set(n, found);
    }
    return anchorOfNode.get(n);
  };
  const anchorDependent = (n: Node) => anchorOf(n) !== undefined;
  const call = (n: Node, at: string, acc: string) => `kf${index.get(n)}(${at}${anchorDependent(n) ? `, ${acc}` : ''})`;

  const params = new KernelParams();
  const bufferRefs = new Map<Value, TensorRef>();
  /** How a member (or the anchor) reads operand `u`. */
  const refFor = (u: Value, literals: boolean): TensorRef => {
    const b = vc.base(u);
    const p = producer.get(b);
    if (p) {
      const view = vc.view(u);
      if (!view) throw new KilnError('BACKEND', `fused value '${b.name}' is read through a view the strides cannot express`, { node: p.name, op: p.op });
      if (anchors.includes(p)) return computedRef('the epilogue value', u, view, () => 'acc');
      if (rows && isRowReduction(p)) return computedRef('the row reduction', u, view, () => reductionVar(index.get(p)!));
      return computedRef('the fused value', u, view, (at) => call(p, at, 'acc'));
    }
    if (literals && isLiteralConstant(g, b)) {
      const value = g.constants.get(b)!.data[0] as number;
      return computedRef('the literal', u, vc.view(u) ?? contiguous(u.type.shape), () => lit(Number(value), wgslType(b.type.dtype)));
    }
    // One ref (and at most one offset parameter) per value the kernel reads from a buffer.
    let r = bufferRefs.get(u);
    if (!r) bufferRefs.set(u, (r = cg.tryLocOf(u) ? cg.inputRef(bindingName(cg.locOf(u).buffer), u, params) : remapped(u, literals)));
    return r;
  };
  /**
   * A view chain the strides cannot express (a reshape of a transposed buffer): the reshape's output is
   * read by recomputing its input's offset from the logical index in a function, instead of a copy kernel.
   */
  const remaps: string[] = [];
  const remapped = (u: Value, literals: boolean): TensorRef => {
    const p = vc.viewNode(u);
    const rule = p && VIEW_RULES[p.op];
    if (!p || !rule) return cg.inputRef(bindingName(cg.locOf(u).buffer), u, params);
    const x = refFor(p.inputs[0]!, literals);
    const view = rule(x.view, p);
    if (view) return withView(x, view);
    const name = `kremap${remaps.length}`, shape = p.inputs[0]!.type.shape;
    remaps.push(`fn ${name}(i: i32) -> ${x.elem} {\n  ${coords('i', shape)}\n  return ${x.load(offsetExpr(x.view, coordNames(shape.length)))};\n}`);
    return computedRef('the remapped view', u, rule(contiguous(shape), p)!, (at) => `${name}(${at})`);
  };

  const functions = gr.nodes.filter((n) => !anchors.includes(n) && !(rows && isRowReduction(n))).map((n) => {
    const out = n.outputs[0], shape = out.type.shape, elem = wgslType(out.type.dtype);
    const ins = n.inputs.filter((u): u is Value => u !== undefined).map((u) => refFor(u, true));
    const value = pointwiseValue(n, ins, { dtype: out.type.dtype, elem }, shape, coordNames(shape.length));
    const own = anchorOf(n);
    const params = `i: i32${own ? `, acc: ${wgslType(own.outputs[0].type.dtype)}` : ''}`;
    return `// ${n.op} ${n.name}\nfn kf${index.get(n)}(${params}) -> ${elem} {\n  ${coords('i', shape)}\n  return ${value};\n}`;
  });

  /**
   * Statements computing the outputs of anchor `a` (all outputs without one) at flat index `idx`, with the
   * anchor's value `acc`, then storing them.
   */
  const storeAt = (idx: string, acc?: string, a: Node | undefined = anchor): string => {
    const mine = gr.outputs.flatMap((v, j) => {
      const owner = anchorOf(producer.get(v)!);
      return owner === a || (owner === undefined && a === anchor) ? [j] : [];
    });
    const values = mine.map((j) => {
      const n = producer.get(gr.outputs[j])!;
      return `let o${j} = ${anchors.includes(n) ? 'e_a' : call(n, 'e_i', 'e_a')};`;
    });
    const stores = mine.map((j) => `${outNames[j]}[e_i] = o${j};`);
    return `{\n    let e_i = ${idx};${acc === undefined ? '' : ` let e_a = ${acc};`}\n    ${values.join(' ')}\n    ${stores.join(' ')}\n  }`;
  };

  let src: KernelSource;
  if (rows) {
    src = rowKernel({ group: gr, refFor: (u) => refFor(u, true), call: (n, at) => call(n, at, 'acc'), outNames });
  } else if (!anchor) {
    src = { body: storeAt('idx'), invocations: numel(gr.shape) };
  } else {
    const stored = new Set<Node>();
    const contexts = anchors.map((a) => {
      const out = a.outputs[0];
      const noLoad = () => {
        throw new KilnError('BACKEND', `cannot load the output '${out.name}'`);
      };
      const outRef = computedRef('the kernel output', out, contiguous(out.type.shape), noLoad, (idx, value) => {
        stored.add(a);
        return storeAt(idx, value, a);
      });
      return { node: a, inputs: a.inputs.map((u) => u && refFor(u, false)), outputs: [outRef] };
    });
    src = anchors.length === 1 ? lower(anchor, contexts[0].inputs, contexts[0].outputs) : siblingLowering(contexts);
    const silent = anchors.find((a) => !stored.has(a) && gr.outputs.some((v) => anchorOf(producer.get(v)!) === a));
    if (silent) throw new KilnError('BACKEND', 'the lowering does not write through its output accessor, so its fused epilogue cannot run', { node: silent.name, op: silent.op });
  }
  const decls = [ELEMENTWISE_PRELUDE, ...functions, ...remaps, src.decls ?? ''].join('\n');
  if (inBuffers.length + outBuffers.length > MAX_BINDINGS) {
    throw new KilnError('BACKEND', `fused kernel ${label} needs ${inBuffers.length + outBuffers.length} storage buffers, over the ${MAX_BINDINGS} WebGPU guarantees`);
  }
  const elemOf = (buffer: number) => wgslType(cg.b.buffers[buffer].dtype);
  const kernel = cg.b.addKernel(label, gr.nodes.map((n) => n.name), { ...src, decls }, {
    inputs: inBuffers.map((buf, i) => ({ name: `in${i}`, elem: elemOf(buf) })),
    outputs: outBuffers.map((buf, j) => ({ name: outNames[j], elem: elemOf(buf) })),
    params: params.values.length,
  });
  cg.b.dispatch(kernel, [...inBuffers, ...outBuffers], src, params.values);
}

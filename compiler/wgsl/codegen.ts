// Codegen: a graph of primitives becomes a Program. Each value gets a location (a buffer and a strided
// view into it); view ops only compute a new view; every other node becomes one kernel whose WGSL reads
// its inputs through their views. Identical kernels (same WGSL text) share one pipeline.
import { type TypedArray } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Value } from '../../ir/graph.ts';
import { numel } from '../../ir/shape.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { type BufferDecl, type BufferRole, type DispatchDecl, type KernelDecl, type Program, PROGRAM_VERSION, storageDType } from '../../runtime/program.ts';
import { bufferRef, type KernelSource, type TensorRef } from './kernel.ts';
import { LOWERINGS } from './lower/index.ts';
import { contiguous, isContiguous, type View } from '../../ir/view.ts';
import { VIEW_RULES } from '../../ir/view-rules.ts';
import { COMMON_PRELUDE, coordNames, coords, offsetExpr, wgslType } from './wgsl.ts';

export interface CompiledProgram {
  readonly program: Program;
  /** Initial contents of parameter and constant buffers, in storage types. */
  readonly data: ReadonlyMap<number, TypedArray>;
}

interface Location { buffer: number; view: View }

const DEFAULT_WORKGROUP = 64;
const MAX_WORKGROUPS = 65535;

class ProgramBuilder {
  readonly buffers: (BufferDecl & { role: BufferRole })[] = [];
  readonly kernels: KernelDecl[] = [];
  readonly dispatches: DispatchDecl[] = [];
  readonly data = new Map<number, TypedArray>();
  private readonly kernelByText = new Map<string, number>();

  addBuffer(name: string, role: BufferRole, v: { dtype: Value['type']['dtype']; shape: readonly number[] }): number {
    const dtype = storageDType(v.dtype);
    this.buffers.push({ name, role, dtype, shape: [...v.shape], bytes: Math.max(4, numel(v.shape) * 4) });
    return this.buffers.length - 1;
  }

  addKernel(name: string, nodes: string[], src: KernelSource, refs: { inputs: TensorRef[]; outputs: TensorRef[] }): number {
    const wg = src.workgroupSize ?? DEFAULT_WORKGROUP;
    // Every binding is read_write: inputs and outputs may be ranges of one arena buffer, and WebGPU does not
    // allow one buffer bound read-only and writable in the same dispatch.
    const bindings = [...refs.inputs, ...refs.outputs].map((r, i) => `@group(0) @binding(${i}) var<storage, read_write> ${r.name}: array<${r.elem}>;`);
    const entry =
      src.entry ??
      `@compute @workgroup_size(${wg})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * ${wg}u);
  if (idx >= ${src.invocations ?? 0}) { return; }
  ${src.body ?? ''}
}`;
    const wgsl = [`// kiln kernel: ${nodes.join(', ')}`, ...bindings, COMMON_PRELUDE, src.decls ?? '', entry, ''].join('\n');
    const key = wgsl.slice(wgsl.indexOf('\n') + 1);
    let k = this.kernelByText.get(key);
    if (k === undefined) {
      k = this.kernels.length;
      const access = [...refs.inputs, ...refs.outputs].map(() => 'read_write' as const);
      this.kernels.push({ name, wgsl, entryPoint: 'main', workgroupSize: wg, bindings: access, nodes, outputs: refs.outputs.length });
      this.kernelByText.set(key, k);
    }
    return k;
  }

  dispatch(kernel: number, bindings: number[], src: KernelSource): void {
    const wg = src.workgroupSize ?? DEFAULT_WORKGROUP;
    const workgroups = src.workgroups ?? spread(Math.ceil((src.invocations ?? 0) / wg));
    if (workgroups[0] * workgroups[1] * workgroups[2] === 0) return;
    this.dispatches.push({ kernel, bindings, workgroups: [workgroups[0], workgroups[1], workgroups[2]] });
  }
}

/** Spreads a workgroup count over x, y and z so no dimension exceeds the WebGPU limit. */
export function spread(n: number): [number, number, number] {
  if (n <= MAX_WORKGROUPS) return [n, 1, 1];
  const y = Math.ceil(n / MAX_WORKGROUPS);
  if (y <= MAX_WORKGROUPS) return [MAX_WORKGROUPS, y, 1];
  return [MAX_WORKGROUPS, MAX_WORKGROUPS, Math.ceil(y / MAX_WORKGROUPS)];
}

function toStorage(t: Tensor): TypedArray {
  return t.dtype === 'bool' ? Uint32Array.from(t.data) : t.dtype === 'f16' ? Float32Array.from(t.data) : t.data;
}

/** Lists every node that has no WebGPU path, all at once. */
function checkLowerable(g: Graph): void {
  const bad = g.nodes.filter((n) => !VIEW_RULES[n.op] && !LOWERINGS[n.op]);
  if (bad.length) throw new KilnError('BACKEND', `no WebGPU lowering for: ${bad.map((n) => `${n.op} (${n.name})`).join(', ')}`);
}

export function generateProgram(g: Graph): CompiledProgram {
  checkLowerable(g);
  const b = new ProgramBuilder();
  const loc = new Map<Value, Location>();
  const owned = (v: Value, role: BufferRole) => {
    const l = { buffer: b.addBuffer(v.name, role, v.type), view: contiguous(v.type.shape) };
    loc.set(v, l);
    return l;
  };
  const inputs = g.inputs.map((v) => ({ name: v.name, buffer: owned(v, 'input').buffer, dtype: v.type.dtype, shape: [...v.type.shape] }));
  const paramValues = new Set(g.params.values());
  for (const [v, t] of g.constants) b.data.set(owned(v, paramValues.has(v) ? 'param' : 'const').buffer, toStorage(t));

  const ref = (v: Value, name: string): TensorRef => bufferRef(name, v.type.dtype, wgslType(v.type.dtype), loc.get(v)!.view);
  type Build = (inputs: readonly (TensorRef | undefined)[], outputs: readonly TensorRef[]) => KernelSource;
  /**
   * Emits one kernel named `label` (listing the graph nodes it computes) reading `ins` through their views and
   * writing `outs` contiguously: into fresh buffers of the given role, or into existing ones (state updates).
   */
  const emit = (label: string, nodes: string[], ins: readonly (Value | undefined)[], outs: readonly Value[], build: Build, target: BufferRole | readonly number[] = 'temp') => {
    // One binding per distinct value: the memory plan may place values in one arena, and WebGPU refuses
    // overlapping writable ranges of a buffer in one dispatch.
    const present = [...new Set(ins.filter((v): v is Value => v !== undefined))];
    const inRefs = present.map((v, i) => ref(v, `in${i}`));
    const inputsByPos = ins.map((v) => (v ? inRefs[present.indexOf(v)] : undefined));
    const outBuffers = typeof target === 'string' ? outs.map((v) => owned(v, target).buffer) : target;
    const outRefs = outs.map((v, i) => bufferRef(`out${i}`, v.type.dtype, wgslType(v.type.dtype), contiguous(v.type.shape)));
    const s = build(inputsByPos, outRefs);
    const kernel = b.addKernel(label, nodes, s, { inputs: inRefs, outputs: outRefs });
    b.dispatch(kernel, [...present.map((v) => loc.get(v)!.buffer), ...outBuffers], s);
  };
  const copy: Build = (i, o) => copyKernel(i[0]!, o[0]);

  for (const node of g.nodes) {
    const rule = VIEW_RULES[node.op];
    const x = node.inputs[0];
    if (rule && x) {
      let view = rule(loc.get(x)!.view, node);
      if (!view) {
        // The view cannot express this reshape of a strided input: copy the input contiguous first.
        const contig = g.newValue(x.type, `${x.name}_contig`);
        emit(`copy_${node.name}`, [node.name], [x], [contig], copy);
        loc.set(x, loc.get(contig)!);
        view = rule(loc.get(x)!.view, node)!;
      }
      loc.set(node.outputs[0], { buffer: loc.get(x)!.buffer, view });
      continue;
    }
    emit(`${node.op}_${node.name}`, [node.name], node.inputs, node.outputs, (inputs, outputs) => {
      try {
        return LOWERINGS[node.op]({ node, inputs, outputs });
      } catch (e) {
        if (e instanceof KilnError) throw e;
        throw new KilnError('BACKEND', `WGSL lowering failed: ${(e as Error).message}`, { node: node.name, op: node.op, shapes: node.inputs.map((v) => v?.type.shape) });
      }
    });
  }

  // Each graph output gets a buffer of its own; views, inputs, constants and repeated outputs are copied.
  const claimed = new Set<number>();
  const outputs = g.outputs.map((v, i) => {
    const l = loc.get(v)!;
    const buf = b.buffers[l.buffer];
    if (buf.role === 'temp' && isContiguous(l.view) && numel(l.view.shape) * 4 <= buf.bytes && !claimed.has(l.buffer)) {
      buf.role = 'output';
      claimed.add(l.buffer);
      return { name: v.name, buffer: l.buffer, dtype: v.type.dtype, shape: [...v.type.shape] };
    }
    const out = g.newValue(v.type, `${v.name}_out`);
    emit(`output_${i}`, [`output ${v.name}`], [v], [out], copy, 'output');
    claimed.add(loc.get(out)!.buffer);
    return { name: v.name, buffer: loc.get(out)!.buffer, dtype: v.type.dtype, shape: [...v.type.shape] };
  });

  // State updates (training): copy each new value into its parameter's or state's own buffer, last.
  const state: number[] = [];
  for (const [target, source] of g.updates) {
    const to = loc.get(target)!, from = loc.get(source)!;
    state.push(to.buffer);
    if (to.buffer === from.buffer && isContiguous(from.view)) continue;
    emit(`update_${target.name}`, [`update ${target.name}`], [source], [target], copy, [to.buffer]);
  }

  const program: Program = { version: PROGRAM_VERSION, inputs, outputs, buffers: b.buffers, kernels: b.kernels, dispatches: b.dispatches, state };
  return { program, data: b.data };
}

/** Materializes a strided view into a contiguous buffer. */
function copyKernel(x: TensorRef, out: TensorRef): KernelSource {
  const shape = out.view.shape;
  return {
    body: `${coords('idx', shape)}\n  ${out.name}[idx] = ${x.name}[${offsetExpr(x.view, coordNames(shape.length))}];`,
    invocations: numel(shape),
  };
}

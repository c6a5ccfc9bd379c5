// Builds a Program: buffers, kernels deduplicated by their WGSL text (one pipeline each), and the ordered
// dispatch list. Codegen (unfused and fused) feeds it kernel sources and bindings.
import type { TypedArray } from '../../ir/dtype.ts';
import type { Value } from '../../ir/graph.ts';
import { numel } from '../../ir/shape.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { type BufferDecl, type BufferRole, type DispatchDecl, type KernelDecl, storageDType } from '../../runtime/program.ts';
import type { KernelSource, TensorRef } from './kernel.ts';
import { COMMON_PRELUDE } from './wgsl.ts';

const DEFAULT_WORKGROUP = 64;
const MAX_WORKGROUPS = 65535;

export class ProgramBuilder {
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

  addKernel(name: string, nodes: string[], src: KernelSource, refs: { inputs: readonly Pick<TensorRef, 'name' | 'elem'>[]; outputs: readonly Pick<TensorRef, 'name' | 'elem'>[] }): number {
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

export function toStorage(t: Tensor): TypedArray {
  return t.dtype === 'bool' ? Uint32Array.from(t.data) : t.dtype === 'f16' ? Float32Array.from(t.data) : t.data;
}


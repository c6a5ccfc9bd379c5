// Builds a Program: buffers, kernels deduplicated by their WGSL text (one pipeline each), and the ordered
// dispatch list. Codegen (unfused and fused) feeds it kernel sources and bindings.
import type { TypedArray } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Value } from '../../ir/graph.ts';
import { numel } from '../../ir/shape.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { bufferBytes, type BufferDecl, type BufferRole, type DispatchDecl, type KernelDecl, storageDType, widenToStorage } from '../../runtime/program.ts';
import type { KernelSource, TensorRef } from './kernel.ts';
import { COMMON_PRELUDE } from './wgsl.ts';

const DEFAULT_WORKGROUP = 64;

/** A storage binding of a kernel: its variable and element type (a scalar, or `vec4<f32>` for a wide binding). */
export type Binding = Pick<TensorRef, 'name'> & { readonly elem: string };
const MAX_WORKGROUPS = 65535;

export class ProgramBuilder {
  readonly buffers: (BufferDecl & { role: BufferRole })[] = [];
  readonly kernels: KernelDecl[] = [];
  readonly dispatches: DispatchDecl[] = [];
  readonly data = new Map<number, TypedArray>();
  private readonly kernelByText = new Map<string, number>();

  /**
   * `half`: an f32 value stored as f16 (precision 'f16' weights), 2 bytes an element; i8/u8 values are
   * packed, 1 byte an element; either rounded up to whole u32 words.
   */
  addBuffer(name: string, role: BufferRole, v: { dtype: Value['type']['dtype']; shape: readonly number[] }, half = false): number {
    const dtype = half ? 'f16' : storageDType(v.dtype);
    this.buffers.push({ name, role, dtype, shape: [...v.shape], bytes: bufferBytes(dtype, numel(v.shape)) });
    return this.buffers.length - 1;
  }

  /** `params`: how many per-dispatch i32 parameters (KernelParams slots) the kernel reads from `kp`. */
  addKernel(name: string, nodes: string[], src: KernelSource, refs: { inputs: readonly Binding[]; outputs: readonly Binding[]; params?: number }): number {
    const wg = src.workgroupSize ?? DEFAULT_WORKGROUP;
    // Every binding is read_write: inputs and outputs may be ranges of one arena buffer, and WebGPU does not
    // allow one buffer bound read-only and writable in the same dispatch.
    const bindings = [...refs.inputs, ...refs.outputs].map((r, i) => `@group(0) @binding(${i}) var<storage, read_write> ${r.name}: array<${r.elem}>;`);
    const params = refs.params ?? 0;
    // Uniform arrays need a 16-byte element stride: four i32 slots per vec4.
    if (params) bindings.push(`struct KilnParams { o: array<vec4<i32>, ${Math.ceil(params / 4)}> }`, '@group(1) @binding(0) var<uniform> kp: KilnParams;');
    const entry =
      src.entry ??
      `@compute @workgroup_size(${wg})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * ${wg}u);
  if (idx >= ${src.invocations ?? 0}) { return; }
  ${src.body ?? ''}
}`;
    // A kernel binding an f16 buffer (weights of precision 'f16') enables f16.
    const halves = [...refs.inputs, ...refs.outputs].some((r) => r.elem.includes('f16')) ? (['f16'] as const) : [];
    const enables = [...new Set([...(src.enables ?? []), ...halves])].map((e) => `enable ${e};`);
    const wgsl = [`// kiln kernel: ${nodes.join(', ')}`, ...enables, ...bindings, COMMON_PRELUDE, src.decls ?? '', entry, ''].join('\n');
    // Keyed on the code without comments: comments name graph nodes (the header, fused members), which
    // differ between kernels that are otherwise one pipeline (e.g. the steps of an unrolled LSTM).
    const key = wgsl.replace(/\/\/.*$/gm, '');
    let k = this.kernelByText.get(key);
    if (k === undefined) {
      k = this.kernels.length;
      const access = [...refs.inputs, ...refs.outputs].map(() => 'read_write' as const);
      this.kernels.push({ name, wgsl, entryPoint: 'main', workgroupSize: wg, bindings: access, nodes, outputs: refs.outputs.length, ...(params ? { params } : {}), ...(src.choice ? { choice: src.choice } : {}) });
      this.kernelByText.set(key, k);
    }
    return k;
  }

  /** `params`: the values of the kernel's parameters for this dispatch (KernelParams.values). */
  dispatch(kernel: number, bindings: number[], src: KernelSource, params: readonly number[] = []): void {
    const wg = src.workgroupSize ?? DEFAULT_WORKGROUP;
    const workgroups = src.workgroups ?? spread(Math.ceil((src.invocations ?? 0) / wg));
    if (workgroups[0] * workgroups[1] * workgroups[2] === 0) return;
    if (params.length !== (this.kernels[kernel].params ?? 0)) throw new KilnError('BACKEND', `dispatch of kernel '${this.kernels[kernel].name}' gives ${params.length} parameters, the kernel reads ${this.kernels[kernel].params ?? 0}`);
    this.dispatches.push({ kernel, bindings, workgroups: [workgroups[0], workgroups[1], workgroups[2]], ...(params.length ? { params: [...params] } : {}) });
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
  return widenToStorage(t);
}


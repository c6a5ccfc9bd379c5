// What a WGSL lowering sees and returns. A lowering writes the per-invocation body (or a whole entry
// function for tiled kernels); codegen adds the bindings, the header comment and the dispatch.
import type { DType } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Node } from '../../ir/graph.ts';
import type { View } from '../../ir/view.ts';
import type { WgslExtension } from '../../runtime/webgpu/device.ts';
import type { WgslScalar } from './wgsl.ts';

/**
 * A tensor as a kernel sees it: its dtype and the strided view to read it through, with accessors. The
 * view maps coordinates to a flat offset in the *source*: a buffer binding, a value fused into this
 * kernel (computed where it is read), or an inlined literal. Lowerings of the kinds fusion joins
 * (elementwise, reduce, contraction) read only through `load` and write only through `store`.
 */
export interface TensorRef {
  /** The binding variable. Only a buffer-backed ref has one: reading it on a fused or literal ref throws. */
  readonly name: string;
  readonly dtype: DType;
  readonly elem: WgslScalar;
  readonly view: View;
  /** Expression for the element at flat source offset `at` (an offset the view computed). */
  load(at: string): string;
  /** Statement writing `value` (of type `elem`) at contiguous index `idx` of this output. */
  store(idx: string, value: string): string;
  /**
   * Expression for the vec4 of elements `at`..`at`+3 (`at` a multiple of 4): only on a ref to a buffer bound
   * as an array of vec4 (a wide binding, see `wideAligned`).
   */
  load4?(at: string): string;
}

/**
 * How a binding's elements are read: `name[at]`, or component `at & 3` of vec4 `at >> 2` of a wide binding;
 * from an f16 binding (`half`), converted to f32.
 */
const scalarAt = (name: string, wide: boolean, half = false) => (at: string) => {
  const e = wide ? `${name}[(${at}) >> 2][(${at}) & 3]` : `${name}[${at}]`;
  return half ? `f32(${e})` : e;
};

/**
 * A ref to a buffer binding: `name[at]`; with `wide`, the binding is `array<vec4<f32>>` and offers `load4`.
 * With `half` the buffer holds f16 values (precision 'f16'): loads convert to f32, and reading the binding by
 * name (which would skip the conversion) is an error naming the value, so an op not written for f16 fails at
 * compile time rather than computing on unconverted halves.
 */
export function bufferRef(name: string, dtype: DType, elem: WgslScalar, view: View, wide = false, half = false): TensorRef {
  const store = (idx: string, value: string) => `${name}[${idx}] = ${value};`;
  const load4 = wide ? { load4: (at: string) => (half ? `vec4<f32>(${name}[(${at}) >> 2])` : `${name}[(${at}) >> 2]`) } : {};
  const ref = { name, dtype, elem, view, load: scalarAt(name, wide, half), store, ...load4 };
  return half ? halfNamed(ref) : ref;
}

/** The ref with a `name` that refuses: the buffer is f16 and only `load` converts it. */
function halfNamed(r: TensorRef): TensorRef {
  const { name: _, ...rest } = r;
  return Object.defineProperty(rest, 'name', {
    get(): string {
      throw new KilnError('BACKEND', `precision 'f16': a kernel reads the f16 buffer '${r.name}' directly instead of through load(); this op has no f16 path yet, compile it with precision 'f32'`);
    },
  }) as TensorRef;
}

/** The 8-bit storage of packed buffers: four i8/u8 elements to a u32 word, element k in bits 8k..8k+7. */
export type Packed8 = 'i8' | 'u8';

/**
 * Element `at` of a packed 8-bit binding (declared `array<u32>`): its byte of word `at >> 2`, zero-extended
 * to u32 for u8 and sign-extended to i32 for i8 (extractBits on an i32 replicates the top bit).
 */
export const packedAt = (name: string, packed: Packed8) => (at: string): string => {
  const word = `${name}[(${at}) >> 2]`, bit = `u32((${at}) & 3) * 8u`;
  return packed === 'i8' ? `extractBits(bitcast<i32>(${word}), ${bit}, 8u)` : `extractBits(${word}, ${bit}, 8u)`;
};

/** A read-only ref to a packed 8-bit buffer: loads unpack, and reading the binding by name (raw words) is refused. */
export function packedRef(name: string, dtype: DType, elem: WgslScalar, view: View, packed: Packed8, base?: string): TensorRef {
  const at0 = packedAt(name, packed);
  const load = base === undefined ? at0 : (at: string) => at0(at === '0' ? base : `(${at}) + ${base}`);
  const ref: TensorRef = {
    get name(): string {
      throw new KilnError('BACKEND', `a kernel reads the packed ${packed} buffer '${name}' directly instead of through load(); this op has no packed 8-bit path yet`);
    },
    dtype, elem, view: base === undefined ? view : { ...view, offset: 0 }, load,
    store: () => {
      throw new KilnError('BACKEND', `cannot store into the packed ${packed} input buffer '${name}'`);
    },
  };
  return ref;
}

/**
 * Statement writing `value` (i32 for i8, u32 for u8) as element `idx` of a packed 8-bit output bound as
 * `array<atomic<u32>>`: its byte of word `idx >> 2` is cleared, then set to the value's low 8 bits. Other
 * invocations only ever change the other bytes of the word, and each atomic is indivisible, so no write
 * is lost; the value wraps modulo 256 as the CPU's Int8Array/Uint8Array stores do.
 */
export const packedStore = (name: string) => (idx: string, value: string): string =>
  `{ let kiln_w = (${idx}) >> 2; let kiln_s = u32((${idx}) & 3) * 8u; atomicAnd(&${name}[kiln_w], ~(0xffu << kiln_s)); atomicOr(&${name}[kiln_w], (u32(${value}) & 0xffu) << kiln_s); }`;

/** The binding element type of a kernel output stored in a buffer of storage dtype `dtype`. */
export const outputElem = (dtype: DType, elem: string): string => (dtype === 'i8' || dtype === 'u8' ? 'atomic<u32>' : elem);

/**
 * A kernel's contiguous output in a packed 8-bit buffer (bound `array<atomic<u32>>`, see `packedStore`):
 * only `store` writes it. A lowering that writes its output by name (`out[i] = v`) would store a whole
 * word per element, so reading `name` is refused naming the kernel: that op has no packed output path.
 */
export function packedOutRef(name: string, dtype: Packed8, elem: WgslScalar, view: View, kernel: string): TensorRef {
  return {
    get name(): string {
      throw new KilnError('BACKEND', `kernel '${kernel}' writes its ${dtype} output by name instead of through store(); this op has no packed 8-bit output path yet (i8/u8 values are stored four to a u32 word)`);
    },
    dtype, elem, view,
    load: () => {
      throw new KilnError('BACKEND', `kernel '${kernel}' cannot load its own packed ${dtype} output`);
    },
    store: packedStore(name),
  };
}

/**
 * Whether a kernel may bind the buffer behind `view` wide (as `array<vec4<f32>>`, for vec4 loads): an f32
 * buffer of a (non-zero: a vec4 binding holds at least one) multiple of 4 elements that the view spans (so its offset is a literal, not a kernel
 * parameter), read through a view whose innermost axis is contiguous with a multiple of 4 elements and
 * whose offset and other strides are multiples of 4. Each 4-element run of that axis is then one vec4.
 */
export function wideAligned(dtype: DType, view: View, bufferElems: number): boolean {
  const r = view.shape.length;
  if (dtype !== 'f32' || bufferElems === 0 || bufferElems % 4 !== 0 || r === 0 || span(view) < bufferElems) return false;
  if (view.strides[r - 1] !== 1 || view.shape[r - 1] % 4 !== 0 || view.offset % 4 !== 0) return false;
  return view.shape.every((d, i) => i === r - 1 || d === 1 || view.strides[i] % 4 === 0);
}

/**
 * The per-dispatch scalars of one kernel (today: view offsets), read from the uniform `kp` at
 * `@group(1)`, so kernels that differ only in these values share one WGSL text and one pipeline. Slots
 * are allocated in the order codegen creates refs, which depends on the graph's structure only.
 */
export class KernelParams {
  readonly values: number[] = [];

  /** The WGSL expression reading a new slot that holds `value` in each dispatch. */
  slot(value: number): string {
    const k = this.values.push(value) - 1;
    return `kp.o[${k >> 2}].${'xyzw'[k & 3]}`;
  }
}

/** Number of elements a view can reach from its first one (its span), 0 when it is empty. */
function span(v: View): number {
  if (v.shape.some((d) => d === 0)) return 0;
  return 1 + v.shape.reduce((acc, d, i) => acc + (d - 1) * Math.abs(v.strides[i]), 0);
}

/**
 * A buffer ref whose view offset is a kernel parameter when the view covers only part of its buffer
 * (`bufferElems` elements): a slice at time step 0 (offset 0) and at step t (offset t·stride) then have the
 * same text. The rule looks at the view's extent, never at the offset's value; a view spanning its whole
 * buffer has the one offset its strides allow, which stays a literal.
 */
export function paramBufferRef(name: string, dtype: DType, elem: WgslScalar, view: View, bufferElems: number, params: KernelParams, wide = false, half = false, packed?: Packed8): TensorRef {
  if (packed) return packedRef(name, dtype, elem, view, packed, span(view) >= bufferElems ? undefined : params.slot(view.offset));
  if (span(view) >= bufferElems) return bufferRef(name, dtype, elem, view, wide, half);
  const base = params.slot(view.offset), at0 = scalarAt(name, wide, half);
  const load = (at: string) => at0(at === '0' ? base : /[&|^<>]/.test(at) ? `(${at}) + ${base}` : `${at} + ${base}`);
  const ref: TensorRef = { name, dtype, elem, view: { ...view, offset: 0 }, load, store: (idx, value) => `${name}[${idx}] = ${value};` };
  return half ? halfNamed(ref) : ref;
}

/**
 * The optional WebGPU features a compile may use in its kernels (compile option `features`, normally the
 * adapter's own). Absent features keep the portable kernels, so the output for a given set is fixed.
 */
export interface KernelFeatures {
  /** Subgroup operations (WebGPU feature `subgroups`): workgroup merges fold per subgroup first. */
  readonly subgroups?: boolean;
  /**
   * Precision 'f16' (WebGPU feature `shader-f16`): weights, and the f32 values fused kernels write for
   * later kernels, are stored as f16, converted to f32 where read and to f16 where stored.
   */
  readonly f16Storage?: boolean;
}

/** The numeric precision of a compile's stored weights (compile option `precision`). */
export type Precision = 'f32' | 'f16';

/** The kernel features a list of WebGPU feature names (an adapter's `features`) allows, at a precision. */
export function kernelFeatures(names: Iterable<string> = [], precision: Precision = 'f32'): KernelFeatures {
  const has = new Set(names);
  if (precision === 'f16' && !has.has('shader-f16')) {
    throw new KilnError('USAGE', `precision 'f16' needs the WebGPU feature shader-f16, which the features compiled for (${[...has].join(', ') || 'none'}) lack; pass the adapter's features, or compile with precision 'f32'`);
  }
  return { ...(has.has('subgroups') ? { subgroups: true } : {}), ...(precision === 'f16' ? { f16Storage: true } : {}) };
}

export interface LowerContext {
  readonly node: Node;
  readonly inputs: readonly (TensorRef | undefined)[];
  /** Outputs are contiguous buffers of their own. */
  readonly outputs: readonly TensorRef[];
  /**
   * A statement that flags this kernel's index check when the WGSL condition `violated` holds (codegen
   * binds the program's status buffer on first use); lowerings of index-reading ops call it.
   */
  readonly check?: (violated: string) => string;
  /** The optional features the kernel may use. */
  readonly features?: KernelFeatures;
}

export interface KernelSource {
  /** WGSL extensions the kernel uses (each needs its device feature, runtime/webgpu/device.ts). */
  readonly enables?: readonly WgslExtension[];
  /** Module-scope declarations: helper functions, constants, workgroup arrays. */
  readonly decls?: string;
  /**
   * Statements run by each invocation with `idx: i32` its linear index, already checked to be below
   * `invocations`. Leave undefined when `entry` is given.
   */
  readonly body?: string;
  /** A full entry function `fn main(...)` for kernels that manage their own invocation layout. */
  readonly entry?: string;
  /** Invocations needed (with `body`), or workgroups (with `entry`, as [x, y, z]). */
  readonly invocations?: number;
  readonly workgroups?: readonly [number, number, number];
  readonly workgroupSize?: number;
  /** The contraction kernel's variant and tile configuration (recorded in the program, shown by `kiln inspect`). */
  readonly choice?: string;
}

export type Lowering = (ctx: LowerContext) => KernelSource;

/** A composite op: its GPU path is its decomposition into primitives (passes/decompose), never a kernel. */
export const decomposed: Lowering = (ctx) => {
  throw new KilnError('BACKEND', 'composite op reached codegen: it has no decomposition rule in passes/decompose', { node: ctx.node.name, op: ctx.node.op });
};

/** The lowerings made by notOnGpu, with their reasons (read by gpuGap, e.g. for docs/onnx-coverage.md). */
const GAPS = new WeakMap<Lowering, string>();

/** A deliberate gap: the op has no GPU lowering yet; compiling it for WebGPU is an error that says so. */
export const notOnGpu = (why: string): Lowering => {
  const lowering: Lowering = (ctx) => {
    throw new KilnError('BACKEND', `no WebGPU lowering: ${why}`, { node: ctx.node.name, op: ctx.node.op });
  };
  GAPS.set(lowering, why);
  return lowering;
};

/** Why a lowering is a notOnGpu gap, or undefined for a real lowering (or `decomposed`). */
export const gpuGap = (l: Lowering): string | undefined => GAPS.get(l);

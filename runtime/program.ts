// The Program: what codegen produces and the runtimes consume. Plain data (serializable as JSON plus a
// weights file): WGSL kernels, the buffers they touch, and the ordered dispatch list with bindings.
// Version 2 adds the memory plan: temporaries are ranges of a few arena buffers, at offsets aligned to
// the limits the plan assumed; inputs, outputs, parameters, constants and state keep buffers of their own.
// Version 3 adds kernel parameters: a kernel may read per-dispatch i32 values (view offsets) from a uniform
// at group 1 (KernelDecl.params, DispatchDecl.params), so kernels that differ only by offsets are one.
// Version 4 stores every i8/u8 buffer packed, four elements to a u32 word (before: only weights; computed
// values, inputs and outputs were widened to i32/u32), so a v3 program's i8/u8 temps would be misread.
import type { DType, TypedArray } from '../ir/dtype.ts';
import type { Shape } from '../ir/shape.ts';

/** Bumped whenever the format changes; loaders refuse any other version. */
export const PROGRAM_VERSION = 4;

/** `status`: the index-check flags kernels raise (Program.checks), read back with a run's outputs. */
export type BufferRole = 'input' | 'output' | 'param' | 'const' | 'temp' | 'status';

export interface BufferDecl {
  readonly name: string;
  readonly role: BufferRole;
  /**
   * Element type as stored on the GPU: bool is stored as u32, f16 as f32 (or as f16, for weights of precision
   * 'f16'); i8/u8 (weights, temps, inputs and outputs alike) as packed bytes, four to a u32 word.
   */
  readonly dtype: DType;
  readonly shape: Shape;
  /** Size in bytes (a multiple of 4, at least 4). */
  readonly bytes: number;
  /** For a temp placed by the memory plan: its arena (index into Program.arenas) and byte offset there. */
  readonly arena?: number;
  readonly offset?: number;
}

export interface KernelDecl {
  readonly name: string;
  readonly wgsl: string;
  readonly entryPoint: string;
  readonly workgroupSize: number;
  /** Access of each binding, in binding order: inputs are read-only, outputs read-write. */
  readonly bindings: readonly ('read' | 'read_write')[];
  /** Graph nodes this kernel computes. */
  readonly nodes: readonly string[];
  /** How many of the bindings, at the end, the kernel writes (its outputs); the others it only reads. */
  readonly outputs: number;
  /**
   * How many per-dispatch i32 parameters (view offsets) the kernel reads from its uniform
   * `@group(1) @binding(0) var<uniform> kp: KilnParams` (an array of vec4<i32>); absent: none, no group 1.
   */
  readonly params?: number;
  /** A contraction kernel's variant and tile (e.g. `vec4 8x8 4x8 k32`): a tuned or heuristic choice, for inspection. */
  readonly choice?: string;
}

export interface DispatchDecl {
  readonly kernel: number;
  /** Buffer indices in binding order (@binding(0), @binding(1), ...). */
  readonly bindings: readonly number[];
  /** Workgroup counts; codegen has already spread large counts over y and z. */
  readonly workgroups: readonly [number, number, number];
  /** The values of the kernel's parameters (as many as KernelDecl.params, i32) for this dispatch. */
  readonly params?: readonly number[];
}

export interface IoDecl {
  readonly name: string;
  readonly buffer: number;
  /** The graph's dtype (bool, f16) before GPU storage widening. */
  readonly dtype: DType;
  readonly shape: Shape;
}

export interface ArenaDecl {
  readonly bytes: number;
}

/** The device limits a memory plan assumed; a device must meet them to run the program. */
export interface ProgramLimits {
  /** Every arena offset is a multiple of this; the device's alignment must divide it. */
  readonly minStorageBufferOffsetAlignment: number;
  /** Arenas stay within this many bytes (one larger temp gets an arena of its own). */
  readonly maxStorageBufferBindingSize: number;
}

export interface Program {
  readonly version: number;
  readonly inputs: readonly IoDecl[];
  readonly outputs: readonly IoDecl[];
  readonly buffers: readonly BufferDecl[];
  readonly kernels: readonly KernelDecl[];
  readonly dispatches: readonly DispatchDecl[];
  /** Buffers a run updates in place (parameters and optimizer state of a train step). */
  readonly state: readonly number[];
  /** GPU buffers holding the planned temps (BufferDecl.arena/offset); absent before planning. */
  readonly arenas?: readonly ArenaDecl[];
  /** The limits the memory plan assumed; present with `arenas`. */
  readonly limits?: ProgramLimits;
  /**
   * Index checks: kernels that read indices (gathers, scatters, labels) set word k of the u32 `buffer`
   * when an index is out of range at check site k (`sites[k]` names the kernel and node). The executor
   * reads the words back with the next outputs it reads and raises a KilnError naming the sites.
   */
  readonly checks?: ChecksDecl;
}

export interface ChecksDecl {
  readonly buffer: number;
  readonly sites: readonly string[];
}

const STORAGE: { readonly [K in DType]: DType } = { f32: 'f32', f16: 'f32', i32: 'i32', u32: 'u32', i8: 'i8', u8: 'u8', bool: 'u32' };

/** GPU storage element type for a graph dtype: bool widens to u32, f16 to f32; i8/u8 stay bytes (packed four to a word). */
export const storageDType = (d: DType): DType => STORAGE[d];

/**
 * The first inconsistency of a program's memory layout, naming the field, or undefined: every arena
 * index in range, every placed buffer a temp inside its arena at an offset aligned as the plan assumed.
 */
export function layoutProblem(p: Program): string | undefined {
  const arenas = p.arenas ?? [];
  const align = p.limits?.minStorageBufferOffsetAlignment;
  if (arenas.length && !(Number.isInteger(align) && align! > 0)) return `limits.minStorageBufferOffsetAlignment must be a positive integer, got ${align}`;
  for (const [a, arena] of arenas.entries()) if (!(Number.isInteger(arena.bytes) && arena.bytes > 0)) return `arenas[${a}].bytes must be a positive integer, got ${arena.bytes}`;
  for (const [i, b] of p.buffers.entries()) {
    if (b.arena === undefined && b.offset === undefined) continue;
    const at = `buffers[${i}] ('${b.name}')`;
    if (b.role !== 'temp') return `${at}.arena: only temp buffers are placed in arenas, this one is ${b.role}`;
    if (!Number.isInteger(b.arena) || b.arena! < 0 || b.arena! >= arenas.length) return `${at}.arena ${b.arena} is not one of the ${arenas.length} arenas`;
    if (!Number.isInteger(b.offset) || b.offset! < 0 || b.offset! % align! !== 0) return `${at}.offset ${b.offset} is not a multiple of the alignment ${align}`;
    if (b.offset! + b.bytes > arenas[b.arena!].bytes) return `${at}.offset ${b.offset} + ${b.bytes} bytes runs past arena ${b.arena} (${arenas[b.arena!].bytes} bytes)`;
  }
  return undefined;
}

/**
 * The first inconsistency of the kernel parameters, naming the field, or undefined: a kernel's `params` is a
 * positive integer (at most 4096 slots: 64 KiB of uniforms) and each dispatch gives exactly that many i32s.
 */
export function paramsProblem(p: Program): string | undefined {
  for (const [k, kernel] of p.kernels.entries()) {
    const n = kernel.params;
    if (n !== undefined && !(Number.isInteger(n) && n > 0 && n <= 4096)) return `kernels[${k}].params must be an integer in 1..4096, got ${n}`;
  }
  for (const [i, d] of p.dispatches.entries()) {
    const want = p.kernels[d.kernel]?.params ?? 0;
    const got = d.params === undefined ? 0 : Array.isArray(d.params) ? d.params.length : -1;
    if (got !== want) return `dispatches[${i}].params must hold the ${want} parameters kernel ${d.kernel} reads, got ${got < 0 ? JSON.stringify(d.params) : got}`;
    const bad = d.params?.find((v) => !(Number.isInteger(v) && v >= -2147483648 && v <= 2147483647));
    if (bad !== undefined) return `dispatches[${i}].params: ${bad} is not an i32`;
  }
  return undefined;
}

const STORAGE_ARRAYS = { f32: Float32Array, i32: Int32Array, u32: Uint32Array } as const;

/** A tensor's data in its GPU storage type (the data itself when no widening is needed: i8/u8 bytes as they are). */
export function widenToStorage(t: { readonly dtype: DType; readonly data: TypedArray }): TypedArray {
  const s = storageDType(t.dtype);
  return s === t.dtype ? t.data : STORAGE_ARRAYS[s as keyof typeof STORAGE_ARRAYS].from(t.data);
}

/** Whether a buffer of this storage dtype holds packed bytes (i8/u8 values, four to a u32 word, element k in bits 8k..8k+7 of word k >> 2). */
export const isPacked8 = (d: DType): d is 'i8' | 'u8' => d === 'i8' || d === 'u8';

/** Bytes a buffer of this storage dtype needs per element: 1 packed, 2 for f16 weights, else 4. */
export const storageBytes = (d: DType): number => (isPacked8(d) ? 1 : d === 'f16' ? 2 : 4);

/** Bytes of a buffer holding `elements` values of storage dtype `d`: whole u32 words, at least one. */
export const bufferBytes = (d: DType, elements: number): number => Math.max(4, Math.ceil((elements * storageBytes(d)) / 4) * 4);

// The Program: what codegen produces and the runtimes consume. Plain data (serializable as JSON plus a
// weights file): WGSL kernels, the buffers they touch, and the ordered dispatch list with bindings.
import type { DType } from '../ir/dtype.ts';
import type { Shape } from '../ir/shape.ts';

/** Bumped whenever the format changes; loaders refuse any other version. */
export const PROGRAM_VERSION = 1;

export type BufferRole = 'input' | 'output' | 'param' | 'const' | 'temp';

export interface BufferDecl {
  readonly name: string;
  readonly role: BufferRole;
  /** Element type as stored on the GPU: bool is stored as u32, f16 as f32. */
  readonly dtype: DType;
  readonly shape: Shape;
  /** Size in bytes (a multiple of 4, at least 4). */
  readonly bytes: number;
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
}

export interface DispatchDecl {
  readonly kernel: number;
  /** Buffer indices in binding order (@binding(0), @binding(1), ...). */
  readonly bindings: readonly number[];
  /** Workgroup counts; codegen has already spread large counts over y and z. */
  readonly workgroups: readonly [number, number, number];
}

export interface IoDecl {
  readonly name: string;
  readonly buffer: number;
  /** The graph's dtype (bool, f16) before GPU storage widening. */
  readonly dtype: DType;
  readonly shape: Shape;
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
}

/** GPU storage element type for a graph dtype. */
export const storageDType = (d: DType): DType => (d === 'bool' ? 'u32' : d === 'f16' ? 'f32' : d);

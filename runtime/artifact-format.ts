// The compiled artifact's on-disk format: manifest.json (a Program plus the weights' digest, the
// optimized graph in serialized IR and the manifest's own digest) next to weights.safetensors. Types and
// the manifest's canonical form, shared by the writer in compiler/artifact/ and the loader in
// runtime/artifact.ts.
import type { DType } from '../ir/dtype.ts';
import type { Program } from './program.ts';

/** The `format` field of every kiln manifest. */
export const ARTIFACT_FORMAT = 'kiln-artifact';
export const MANIFEST_FILE = 'manifest.json';
export const WEIGHTS_FILE = 'weights.safetensors';

export interface WeightsDecl {
  /** File name relative to the manifest. */
  readonly file: string;
  readonly bytes: number;
  /** Lowercase hex SHA-256 of the whole file. */
  readonly sha256: string;
}

/** A graph value: its index in `values` is how nodes, inputs, outputs and constants refer to it. */
export interface SerializedValue { readonly name: string; readonly dtype: DType; readonly shape: readonly number[] }

/** Attribute values as JSON: non-finite and negative-zero floats are written as strings ("Infinity", "-0"). */
export type SerializedAttr = number | string | readonly (number | string)[];

export interface SerializedNode {
  readonly name: string;
  readonly op: string;
  readonly attrs: Readonly<Record<string, SerializedAttr>>;
  /** Value indices; null for an absent optional input. */
  readonly inputs: readonly (number | null)[];
  readonly outputs: readonly number[];
}

export interface SerializedConstant {
  readonly value: number;
  /** The weights entry (a buffer name) holding its data in GPU storage type; absent when `data` holds it. */
  readonly weight?: string;
  /**
   * The values themselves, for a constant the kernels inline into their WGSL (a scalar such as LayerNorm's
   * epsilon or a literal factor), which so has no buffer; Infinity, -Infinity, NaN and -0 as strings.
   */
  readonly data?: readonly (number | string)[];
  /** Set when the constant is a model parameter. */
  readonly param?: string;
}

export interface SerializedGraph {
  readonly name: string;
  readonly values: readonly SerializedValue[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly constants: readonly SerializedConstant[];
  readonly nodes: readonly SerializedNode[];
}

/** manifest.json: the Program (whose `version` is the format version) plus the fields below. */
/**
 * Another specialization of the model (e.g. another batch size) in the same artifact: its own program and
 * graph, sharing the manifest's kernel table (its dispatches index `Manifest.kernels`, which holds every
 * specialization's kernels once) and weights file (its parameter and constant buffers name tensors there).
 */
export interface SpecializationDecl extends Omit<Program, 'version' | 'kernels'> {
  readonly graph: SerializedGraph;
}

export interface Manifest extends Program {
  readonly format: typeof ARTIFACT_FORMAT;
  readonly name: string;
  readonly weights: WeightsDecl;
  /** The graph the program was generated from, for the CPU interpreter. */
  readonly graph: SerializedGraph;
  /** Further specializations; a run takes the one whose input sizes match its inputs (the main program first). */
  readonly specializations?: readonly SpecializationDecl[];
  /** Set by `kiln compile --tune`: the adapter the contraction kernels were tuned on, and each key's kernel. */
  readonly tuning?: { readonly adapter: string; readonly choices: Readonly<Record<string, string>> };
  /**
   * Lowercase hex SHA-256 of canonicalManifest(this manifest without `digest`): it covers every field,
   * the weights' size and SHA-256 included, so one check refuses a tampered manifest or weights.
   */
  readonly digest: string;
}

/**
 * The bytes the manifest digest is taken over: the manifest without its `digest` field as JSON with
 * object keys sorted at every level (undefined fields dropped, as JSON.stringify does), so the digest
 * survives a write and re-read of manifest.json whatever its formatting or key order.
 */
export function canonicalManifest(m: object): string {
  const { digest: _d, ...rest } = m as { digest?: unknown };
  return JSON.stringify(rest, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

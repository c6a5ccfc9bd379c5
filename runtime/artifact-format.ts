// The compiled artifact's on-disk format: manifest.json (a Program plus the weights' digest and the
// optimized graph in serialized IR) next to weights.safetensors. Types only, shared by the writer in
// compiler/artifact/ and the loader in runtime/artifact.ts.
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
  /** The weights entry (a buffer name) holding its data in GPU storage type. */
  readonly weight: string;
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
export interface Manifest extends Program {
  readonly format: typeof ARTIFACT_FORMAT;
  readonly name: string;
  readonly weights: WeightsDecl;
  /** The graph the program was generated from, for the CPU interpreter. */
  readonly graph: SerializedGraph;
}

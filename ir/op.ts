// The shape of one op-table entry. Each op is declared once: arity, attribute schema with defaults,
// shape/dtype rule and its kind. Other layers (CPU kernels, WGSL lowering, gradients) key their own
// tables by op name, typed as mapped types over OpName so that a missing entry fails `tsc`.
import type { DType } from './dtype.ts';
import type { TensorType } from './tensor.ts';

/**
 * How fusion and planning see an op; they never look at its name. A `view` op only changes how its single
 * input is read (reshape, transpose, broadcast, slice): codegen gives it no kernel and no buffer.
 */
export type OpKind = 'elementwise' | 'reduce' | 'contraction' | 'view' | 'movement' | 'opaque';

export type AttrValue = number | string | readonly number[] | readonly string[];
export type Attrs = Readonly<Record<string, AttrValue>>;

export type AttrType = 'int' | 'float' | 'ints' | 'floats' | 'string' | 'dtype';

export interface AttrSpec {
  readonly type: AttrType;
  /** Absent default means the attribute is required. */
  readonly default?: AttrValue;
}

export type InputTypes = readonly (TensorType | undefined)[];

export interface OpDef {
  readonly kind: OpKind;
  /** Composite ops decompose into primitives before codegen (a pass); the CPU runs them directly. */
  readonly composite?: boolean;
  /**
   * An opaque or movement op that computes each output element on its own, from its index (a gather, a
   * pad): fusion may append an elementwise epilogue to its kernel, evaluated where each element is stored.
   */
  readonly perElement?: boolean;
  /**
   * A contraction whose products of one A with several B (the same rows, depth and batch; e.g. attention's
   * query, key and value projections) may share one kernel, their columns side by side.
   */
  readonly siblings?: boolean;
  /** Its kernel checks the indices it reads (out of range is flagged in the status buffer: one more binding). */
  readonly checksIndices?: boolean;
  /** Minimum and maximum input count; optional inputs are `undefined` in InputTypes. */
  readonly inputs: readonly [number, number];
  readonly attrs: Readonly<Record<string, AttrSpec>>;
  /** Shape and dtype rule: output types from input types; throws ShapeRuleError via shapeFail. */
  readonly infer: (inputs: InputTypes, attrs: Attrs) => TensorType[];
}

/** Reads a typed attribute after defaults have been applied by the graph builder. */
export const attrInt = (a: Attrs, k: string): number => a[k] as number;
export const attrFloat = (a: Attrs, k: string): number => a[k] as number;
export const attrInts = (a: Attrs, k: string): readonly number[] => a[k] as readonly number[];
export const attrStr = (a: Attrs, k: string): string => a[k] as string;
export const attrDType = (a: Attrs, k: string): DType => a[k] as DType;

// ONNX operator coverage, computed from kiln's own tables, never listed by hand: the ONNX op list
// (onnx-ops.ts) against the converter table (ops/index.ts CONVERTERS), the opsets the importer takes
// (MIN_OPSET..MAX_OPSET, from the op's first ONNX version), the CPU kernels and WGSL lowerings of the IR op
// of the same name (a notOnGpu gap or a composite without a decomposition means no WebGPU path), its
// autodiff rule, and for an op kiln refuses the reason from refusals.ts. An ONNX op with no IR op of its
// name is converted at import into other IR ops ("primitives"); it runs where those do.
import { isOpName, OPS, type OpName } from '../../ir/ops/index.ts';
import { GRAD_RULES } from '../../passes/autodiff/index.ts';
import { isNonDiff } from '../../passes/autodiff/rule.ts';
import { DECOMPOSITIONS } from '../../passes/decompose/index.ts';
import { CPU_KERNELS } from '../../runtime/cpu/kernels/index.ts';
import { decomposed, gpuGap } from '../wgsl/kernel.ts';
import { LOWERINGS } from '../wgsl/lower/index.ts';
import { MAX_OPSET, MIN_OPSET } from './importer.ts';
import { ONNX_DEPRECATED, ONNX_OPS } from './onnx-ops.ts';
import { CONVERTERS } from './ops/index.ts';
import { LEGACY_FORMS } from './ops/legacy.ts';
import { reasonKind, type ReasonKind } from './refusals.ts';

/** A backend's or autodiff's answer for one op: yes, no (with why), or decided by the IR ops it becomes. */
export type Support =
  | { readonly kind: 'yes' }
  | { readonly kind: 'no'; readonly why: string }
  | { readonly kind: 'zero'; readonly why: string }
  | { readonly kind: 'decomposed' }
  | { readonly kind: 'primitives' };

export interface SupportedRow {
  readonly op: string;
  readonly versions: readonly number[];
  readonly supported: true;
  /** The default-domain opsets kiln imports the op in. */
  readonly opsets: readonly [number, number];
  /** The IR op of the same name, when there is one. */
  readonly irOp?: OpName;
  readonly cpu: Support;
  readonly webgpu: Support;
  readonly gradient: Support;
  readonly notes: readonly string[];
}

export interface RefusedRow {
  readonly op: string;
  readonly versions: readonly number[];
  readonly supported: false;
  readonly reason: ReasonKind;
}

export type CoverageRow = SupportedRow | RefusedRow;

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const YES: Support = { kind: 'yes' };
const PRIMITIVES: Support = { kind: 'primitives' };

function cpuSupport(op: OpName): Support {
  return has(CPU_KERNELS, op) ? YES : { kind: 'no', why: 'no CPU kernel' };
}

function gpuSupport(op: OpName): Support {
  const l = LOWERINGS[op];
  if (l === decomposed) return DECOMPOSITIONS[op] ? { kind: 'decomposed' } : { kind: 'no', why: 'composite without a decomposition rule' };
  const gap = gpuGap(l);
  if (gap !== undefined && OPS[op].kind !== 'view') return { kind: 'no', why: gap };
  return YES;
}

function gradSupport(op: OpName): Support {
  const e = GRAD_RULES[op];
  if (!isNonDiff(e)) return YES;
  if (e.nonDiff === 'decomposed') return { kind: 'decomposed' };
  return e.nonDiff === 'zero' ? { kind: 'zero', why: e.why } : { kind: 'no', why: e.why };
}

/** IR ops with no WebGPU path: an import-time conversion that emits one does not run on WebGPU. */
export function gpuGapOps(): { op: OpName; why: string }[] {
  return (Object.keys(OPS) as OpName[]).flatMap((op) => {
    const s = gpuSupport(op);
    return s.kind === 'no' ? [{ op, why: s.why }] : [];
  });
}

function supportedRow(op: string, versions: readonly number[]): SupportedRow {
  const notes: string[] = [];
  if (reasonKind(op) === 'data-dependent') notes.push('output size depends on the values: imported only where those inputs are constants (folded at import)');
  if (has(ONNX_DEPRECATED, op)) notes.push(`deprecated by ONNX in opset ${ONNX_DEPRECATED[op]}`);
  const legacy = LEGACY_FORMS[op];
  if (legacy && versions[0] < legacy.since) notes.push(`opsets before ${legacy.since} rewritten to the opset-${legacy.since} form (legacy.ts)`);
  const opsets: [number, number] = [Math.max(MIN_OPSET, versions[0]), MAX_OPSET];
  if (!isOpName(op)) return { op, versions, supported: true, opsets, cpu: PRIMITIVES, webgpu: PRIMITIVES, gradient: PRIMITIVES, notes };
  return { op, versions, supported: true, opsets, irOp: op, cpu: cpuSupport(op), webgpu: gpuSupport(op), gradient: gradSupport(op), notes };
}

/** One row per ONNX default-domain op of opsets MIN_OPSET..MAX_OPSET, by name. */
export function onnxCoverage(): CoverageRow[] {
  return Object.keys(ONNX_OPS)
    .filter((op) => ONNX_OPS[op][0] <= MAX_OPSET)
    .sort()
    .map((op) => (has(CONVERTERS, op) ? supportedRow(op, ONNX_OPS[op]) : { op, versions: ONNX_OPS[op], supported: false, reason: reasonKind(op) }));
}

/** Converter ops that are not ONNX default-domain ops of the listed opsets (a typo or a missing row in onnx-ops.ts). */
export const convertersOutsideOnnx = (): string[] => Object.keys(CONVERTERS).filter((op) => !has(ONNX_OPS, op)).sort();

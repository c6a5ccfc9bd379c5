// The schema check of a Program (the artifact manifest minus its own fields), run at artifact load and at
// executor load: every field's type and range from one table per record (counts, indices and sizes are
// integers in a range, names strings, lists arrays of bounded length), then what ties records together:
// kernel and buffer indices in range, bindings as many as the kernel declares, buffers as large as their
// shapes, io decls matching their buffers, and the stated limits on dispatches and total bytes. Arena
// placement and kernel parameters are left to layoutProblem and paramsProblem (program.ts), which run
// after it on records this check has shown to be well formed. Each problem names its field path.
import { DTYPE_NAMES } from '../ir/dtype.ts';
import { storageBytes, storageDType, type Program } from './program.ts';

/** At most this many dispatches in one program. */
export const MAX_DISPATCHES = 65536;
/** At most this many bytes of GPU buffers (own buffers plus arenas) in one program. */
export const MAX_TOTAL_BYTES = 2 ** 31;
/** Workgroup counts per dimension, and invocations per workgroup, as WebGPU's default limits allow. */
export const MAX_WORKGROUPS = 65535;
export const MAX_WORKGROUP_SIZE = 1024;
const MAX_ITEMS = 1 << 20;
const MAX_DIM = 2 ** 31 - 1;

/** A field check: the problem with value `v` at path `at`, or undefined. */
type Check = (v: unknown, at: string) => string | undefined;

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : Array.isArray(v) ? 'an array' : String(v));
const int = (min: number, max: number): Check => (v, at) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `${at} must be an integer in ${min}..${max}, got ${show(v)}`;
const str: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} must be a string, got ${show(v)}`);
const oneOf = (...values: string[]): Check => (v, at) => (values.includes(v as string) ? undefined : `${at} must be one of ${values.join(', ')}, got ${show(v)}`);
const opt = (c: Check): Check => (v, at) => (v === undefined ? undefined : c(v, at));
const any: Check = () => undefined;
const arr = (item: Check, max = MAX_ITEMS, min = 0): Check => (v, at) => {
  if (!Array.isArray(v)) return `${at} must be an array, got ${show(v)}`;
  if (v.length < min || v.length > max) return `${at} must hold ${min === max ? min : `${min}..${max}`} items, got ${v.length}`;
  for (let i = 0; i < v.length; i++) {
    const p = item(v[i], `${at}[${i}]`);
    if (p) return p;
  }
  return undefined;
};
const obj = (fields: Record<string, Check>): Check => (v, at) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `${at} must be an object, got ${show(v)}`;
  for (const k in fields) {
    const p = fields[k]((v as Record<string, unknown>)[k], at ? `${at}.${k}` : k);
    if (p) return p;
  }
  return undefined;
};

const size = int(0, Number.MAX_SAFE_INTEGER);
const dtype = oneOf(...DTYPE_NAMES);
const shape = arr(int(0, MAX_DIM), 64);
const io = obj({ name: str, buffer: size, dtype, shape });
const PROGRAM = obj({
  inputs: arr(io),
  outputs: arr(io),
  buffers: arr(obj({ name: str, role: oneOf('input', 'output', 'param', 'const', 'temp', 'status'), dtype, shape, bytes: int(4, Number.MAX_SAFE_INTEGER), arena: any, offset: any })),
  kernels: arr(obj({ name: str, wgsl: str, entryPoint: str, workgroupSize: int(1, MAX_WORKGROUP_SIZE), bindings: arr(oneOf('read', 'read_write')), nodes: arr(str), outputs: size, choice: opt(str) })),
  dispatches: arr(obj({ kernel: size, bindings: arr(size), workgroups: arr(int(1, MAX_WORKGROUPS), 3, 3), params: opt(arr(any)) }), MAX_DISPATCHES),
  state: arr(size),
  arenas: opt(arr(obj({ bytes: any }))),
  limits: opt(obj({ minStorageBufferOffsetAlignment: any, maxStorageBufferBindingSize: int(1, Number.MAX_SAFE_INTEGER) })),
  checks: opt(obj({ buffer: size, sites: arr(str, MAX_DISPATCHES) })),
});

const elements = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** The first problem of a program's structure, naming the field path (`dispatches[12].workgroups[1]`), or undefined. */
export function programProblem(raw: unknown): string | undefined {
  const shapeProblem = PROGRAM(raw, '');
  if (shapeProblem) return shapeProblem;
  const p = raw as Program;
  const nb = p.buffers.length;
  for (const [i, b] of p.buffers.entries()) {
    if (b.bytes % 4 !== 0) return `buffers[${i}].bytes must be a multiple of 4, got ${b.bytes}`;
    // f16 buffers (weights of precision 'f16') hold 2 bytes an element, packed i8/u8 buffers 1; every other storage type 4.
    const need = storageBytes(b.dtype) * elements(b.shape);
    if (b.bytes < need) return `buffers[${i}].bytes ${b.bytes} is less than the ${need} its shape [${b.shape}] needs`;
  }
  for (const [field, list] of [['inputs', p.inputs], ['outputs', p.outputs]] as const) {
    for (const [i, d] of list.entries()) {
      const b = p.buffers[d.buffer];
      if (!b) return `${field}[${i}].buffer ${d.buffer} is not one of the ${nb} buffers`;
      if (storageDType(d.dtype) !== b.dtype) return `${field}[${i}].dtype ${d.dtype} is not stored in buffer ${d.buffer} (${b.dtype})`;
      // A graph output may be a reshape or a leading slice of the buffer it is read from: it must fit.
      const bytes = storageBytes(b.dtype) * elements(d.shape);
      if (bytes > b.bytes) return `${field}[${i}].shape [${d.shape}] needs ${bytes} bytes, more than the ${b.bytes} of buffer ${d.buffer}`;
    }
  }
  for (const [i, s] of p.state.entries()) if (s >= nb) return `state[${i}] ${s} is not one of the ${nb} buffers`;
  if (p.checks) {
    const b = p.buffers[p.checks.buffer];
    if (!b || b.role !== 'status') return `checks.buffer ${p.checks.buffer} is not a status buffer`;
    if (b.bytes < 4 * p.checks.sites.length) return `checks.buffer ${p.checks.buffer} holds ${b.bytes / 4} flags, fewer than the ${p.checks.sites.length} check sites`;
  }
  for (const [k, kernel] of p.kernels.entries()) {
    if (kernel.outputs > kernel.bindings.length) return `kernels[${k}].outputs ${kernel.outputs} is more than its ${kernel.bindings.length} bindings`;
  }
  for (const [i, d] of p.dispatches.entries()) {
    const kernel = p.kernels[d.kernel];
    if (!kernel) return `dispatches[${i}].kernel ${d.kernel} is not one of the ${p.kernels.length} kernels`;
    if (d.bindings.length !== kernel.bindings.length) return `dispatches[${i}].bindings must hold the ${kernel.bindings.length} buffers kernel ${d.kernel} binds, got ${d.bindings.length}`;
    const j = d.bindings.findIndex((b) => b >= nb);
    if (j >= 0) return `dispatches[${i}].bindings[${j}] ${d.bindings[j]} is not one of the ${nb} buffers`;
  }
  return undefined;
}

/** The device limits deviceProblem compares against (a subset of GPUSupportedLimits). */
export interface ComputeLimits {
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupSizeX: number;
}

/**
 * After programProblem and layoutProblem: the stated limit on total bytes (own buffers plus arenas) and,
 * given a device's limits, workgroup counts and sizes within them; the first problem, or undefined.
 */
export function deviceProblem(p: Program, limits?: ComputeLimits): string | undefined {
  let total = 0;
  for (const b of p.buffers) if (b.arena === undefined) total += b.bytes;
  for (const a of p.arenas ?? []) total += a.bytes;
  if (total > MAX_TOTAL_BYTES) return `buffers and arenas need ${total} bytes in all, over the limit of ${MAX_TOTAL_BYTES}`;
  if (!limits) return undefined;
  const wgMax = limits.maxComputeWorkgroupsPerDimension;
  const sizeMax = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  for (const [k, kernel] of p.kernels.entries()) {
    if (kernel.workgroupSize > sizeMax) return `kernels[${k}].workgroupSize ${kernel.workgroupSize} is over this device's limit of ${sizeMax} invocations`;
  }
  for (const [i, d] of p.dispatches.entries()) {
    const j = d.workgroups.findIndex((n) => n > wgMax);
    if (j >= 0) return `dispatches[${i}].workgroups[${j}] ${d.workgroups[j]} is over this device's maxComputeWorkgroupsPerDimension ${wgMax}`;
  }
  return undefined;
}

// The artifact loader: reads manifest.json and weights.safetensors (from a folder in Node, a URL, or
// bytes in hand), refuses another format version, a manifest whose digest does not match its content, a
// memory layout that does not hold together (arena index, offset alignment, range within the arena),
// a weights file that is not a plain file inside the folder and weights whose size, SHA-256 or tensors
// do not match the manifest, and opens WebGPU sessions that run the program on typed arrays by name.
// Runtime code only: no compiler, no ts-morph, no protobuf; it runs in Node and in the browser.
import type { TypedArray } from '../ir/dtype.ts';
import { KilnError } from '../ir/errors.ts';
import type { Tensor } from '../ir/tensor.ts';
import { ARTIFACT_FORMAT, canonicalManifest, MANIFEST_FILE, type Manifest } from './artifact-format.ts';
import { layoutProblem, paramsProblem, PROGRAM_VERSION, type Program } from './program.ts';
import { deviceProblem, MAX_DISPATCHES, programProblem } from './program-check.ts';
import { pickSpecialization, specializations } from './specialization.ts';
import { readWeights } from './weights.ts';
import type { GpuContext } from './webgpu/device.ts';
import { WebGpuExecutor, type RunOptions } from './webgpu/executor.ts';

/**
 * Where an artifact lives: a folder path (Node) or a URL of the folder holding manifest.json, or the
 * manifest with the weights bytes (or with the folder URL/path to fetch the weights from).
 */
export type ArtifactSource =
  | string
  | URL
  | { readonly manifest: Manifest | string; readonly weights: Uint8Array | ArrayBuffer }
  | { readonly manifest: Manifest | string; readonly base: string | URL };

/** Typed-array class names by graph dtype, as the generated model.ts types them. */
const ARRAY_NAMES = { f32: 'Float32Array', f16: 'Float32Array', i32: 'Int32Array', u32: 'Uint32Array', i8: 'Int8Array', u8: 'Uint8Array', bool: 'Uint8Array' } as const;
const STORED_CODES: Record<string, string> = { f32: 'F32', i32: 'I32', u32: 'U32', f16: 'F16', i8: 'I8', u8: 'U8' };

const invalid = (detail: string, path?: string): never => {
  throw new KilnError('ARTIFACT', detail, { path });
};

/** A plain file name: no separator, no `..`, no drive letter or URL scheme, not hidden. */
const PLAIN_FILE = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** The part of node:fs/promises the loader uses. */
interface FileStat { isFile(): boolean; readonly size: number }
interface NodeFs {
  realpath(p: string | URL): Promise<string>;
  stat(p: string): Promise<FileStat>;
  readonly constants?: { readonly O_RDONLY: number; readonly O_NONBLOCK?: number };
  open(p: string, flags: string | number): Promise<{
    stat(): Promise<FileStat>;
    read(buf: Uint8Array, off: number, len: number, pos: number): Promise<{ bytesRead: number }>;
    close(): Promise<void>;
  }>;
}

/**
 * Reads one file of the artifact folder: fetch for URLs, node:fs for file: URLs and paths. `file` must
 * be a plain name; in Node its realpath must lie inside the folder's and it must be a regular file, and
 * when `bytes` is given exactly that many bytes are read (a file of another size is refused unread).
 */
async function readFile(base: string | URL, file: string, bytes?: number): Promise<Uint8Array> {
  if (typeof file !== 'string' || !PLAIN_FILE.test(file)) {
    invalid(`artifact file ${JSON.stringify(file)} is not a plain file name inside the artifact folder`);
  }
  let where: string | URL = base;
  if (typeof base === 'string' && /^[a-z][a-z\d+.-]+:\/\//i.test(base)) where = new URL(base);
  else if (typeof base === 'string' && !(typeof process !== 'undefined' && process.versions?.node)) where = new URL(base, location.href);
  if (typeof where === 'string' || where.protocol === 'file:') {
    const fsName = 'node:fs/promises'; // not a static import: the browser bundle must not pull in node:fs
    const fs = (await import(/* @vite-ignore */ fsName)) as NodeFs;
    const dir = typeof where === 'string' ? where : slash(where);
    const path = typeof where === 'string' ? `${where.replace(/\/?$/, '/')}${file}` : new URL(file, slash(where));
    try {
      return await readConfined(fs, dir, path, file, bytes);
    } catch (e) {
      if (e instanceof KilnError) throw e;
      return invalid(`cannot read artifact file: ${(e as Error).message}`, String(path));
    }
  }
  const url = new URL(file, slash(where));
  const res = await fetch(url);
  if (!res.ok) invalid(`cannot fetch artifact file (HTTP ${res.status})`, url.href);
  return new Uint8Array(await res.arrayBuffer());
}

/** Node: the file's realpath inside the folder's, a regular file, read in full or exactly `bytes` long. */
async function readConfined(fs: NodeFs, dir: string | URL, path: string | URL, file: string, bytes?: number): Promise<Uint8Array> {
  const root = await fs.realpath(dir);
  const real = await fs.realpath(path);
  const sep = root.startsWith('/') ? '/' : '\\';
  if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) invalid(`artifact file '${file}' resolves (through a link) to a file outside the artifact folder`, file);
  const refuseKind = (st: FileStat) => {
    if (!st.isFile()) invalid(`artifact file '${file}' is not a regular file`, file);
    if (bytes !== undefined && st.size !== bytes) invalid(`artifact file '${file}' does not have the ${bytes} bytes the manifest declares`, file);
  };
  refuseKind(await fs.stat(real)); // before open: opening a FIFO would block
  // Non-blocking where the platform has it, and checked again once open: a FIFO swapped in cannot hang us.
  const h = await fs.open(real, fs.constants ? fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) : 'r');
  try {
    const st = await h.stat();
    refuseKind(st);
    const out = new Uint8Array(bytes ?? st.size);
    for (let done = 0; done < out.length; ) {
      const { bytesRead } = await h.read(out, done, out.length - done, done);
      if (bytesRead === 0) invalid(`artifact file '${file}' changed while being read`, file);
      done += bytesRead;
    }
    return out;
  } finally {
    await h.close();
  }
}

const slash = (u: URL): URL => (u.pathname.endsWith('/') ? u : new URL(`${u.href}/`));

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new KilnError('BACKEND', 'WebCrypto (crypto.subtle) is unavailable, so the weights cannot be verified: serve the page from https or localhost');
  const d = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Checks the manifest's format name and version only. */
function checkFormat(raw: unknown, path?: string): Manifest {
  const m = raw as Manifest;
  if (!m || typeof m !== 'object' || m.format !== ARTIFACT_FORMAT) invalid(`not a kiln artifact manifest (format ${JSON.stringify(m?.format)}, expected '${ARTIFACT_FORMAT}')`, path);
  if (m.version !== PROGRAM_VERSION) {
    invalid(`artifact format version ${m.version} is not supported: this runtime reads version ${PROGRAM_VERSION} (recompile with kiln compile)`, path);
  }
  // Before the digest, which would hash a manifest of any size: the stated bound on dispatches.
  const n = Array.isArray(m.dispatches) ? m.dispatches.length : 0;
  if (n > MAX_DISPATCHES) invalid(`manifest: dispatches must hold 0..${MAX_DISPATCHES} items, got ${n}`, path);
  return m;
}

/** The manifest digest: SHA-256 of canonicalManifest(m), the manifest without its `digest` field. */
export const manifestDigest = (m: object): Promise<string> => sha256Hex(new TextEncoder().encode(canonicalManifest(m)));

/** Refuses a manifest without a digest or whose content does not hash to it (any field changed). */
export async function checkDigest(m: Manifest, path?: string): Promise<void> {
  if (typeof m.digest !== 'string' || !/^[0-9a-f]{64}$/.test(m.digest)) {
    invalid('manifest has no digest (removed, or written by an older kiln): recompile with kiln compile', path);
  }
  if ((await manifestDigest(m)) !== m.digest) invalid('manifest digest does not match its content: the manifest was changed after kiln compile wrote it', path);
}

/**
 * Checks the manifest's format name and version, the Program's schema (types, ranges, indices, sizes,
 * stated limits: program-check.ts), memory layout and kernel parameters.
 */
export function checkManifest(raw: unknown, path?: string): Manifest {
  const m = checkFormat(raw, path);
  checkProgram(m, 'manifest', path);
  if (m.specializations !== undefined && !Array.isArray(m.specializations)) invalid('manifest: specializations must be an array', path);
  if ((m.specializations?.length ?? 0) > MAX_SPECIALIZATIONS) invalid(`manifest: at most ${MAX_SPECIALIZATIONS} specializations, got ${m.specializations!.length}`, path);
  m.specializations?.forEach((s, i) => {
    if (!s || typeof s !== 'object') invalid(`manifest: specializations[${i}] is not an object`, path);
    checkProgram({ ...s, version: m.version, kernels: m.kernels }, `manifest specializations[${i}]`, path);
  });
  return m;
}

/** At most this many specializations in one artifact (each gets an executor at load). */
export const MAX_SPECIALIZATIONS = 16;

function checkProgram(p: Program, where: string, path?: string): void {
  const schema = programProblem(p);
  if (schema) invalid(`${where}: ${schema}`, path);
  const problem = layoutProblem(p);
  if (problem) invalid(`${where} memory layout: ${problem}`, path);
  const bad = paramsProblem(p);
  if (bad) invalid(`${where} kernel parameters: ${bad}`, path);
  const over = deviceProblem(p);
  if (over) invalid(`${where}: ${over}`, path);
}

/** Verifies the weights against the manifest and returns parameter and constant data by buffer name. */
export async function checkWeights(m: Manifest, bytes: Uint8Array, path = m.weights.file): Promise<Map<string, TypedArray>> {
  // The messages name what the manifest declares, never the size or hash of the bytes at hand.
  if (bytes.byteLength !== m.weights.bytes) invalid(`weights file does not have the ${m.weights.bytes} bytes the manifest declares`, path);
  if ((await sha256Hex(bytes)) !== m.weights.sha256) invalid(`weights file does not match the manifest's SHA-256 ${m.weights.sha256}`, path);
  const stored = readWeights(bytes, path);
  const out = new Map<string, TypedArray>();
  for (const b of [m, ...(m.specializations ?? [])].flatMap((p) => p.buffers)) {
    if (b.role !== 'param' && b.role !== 'const') continue;
    const t = stored.get(b.name) ?? invalid(`weights file lacks tensor '${b.name}'`, path);
    if (t.dtype !== STORED_CODES[b.dtype] || t.shape.length !== b.shape.length || t.shape.some((d, i) => d !== b.shape[i])) {
      invalid(`tensor '${b.name}' is ${t.dtype}[${t.shape}], its buffer is ${b.dtype}[${b.shape}]`, path);
    }
    out.set(b.name, t.data);
  }
  for (const name of stored.keys()) if (!out.has(name)) invalid(`weights file has tensor '${name}' that no buffer of the manifest takes`, path);
  return out;
}

/** The run's inputs as tensors, each checked against the program's input declaration (typed array class, length), and no unknown names. */
export function inputTensors(p: Pick<Program, 'inputs'>, inputs: { readonly [name: string]: TypedArray }): Map<string, Tensor> {
  const tensors = new Map<string, Tensor>();
  for (const io of p.inputs) {
    const data = inputs[io.name];
    const n = io.shape.reduce((a, b) => a * b, 1);
    const want = ARRAY_NAMES[io.dtype];
    if (!data || Object.prototype.toString.call(data) !== `[object ${want}]` || data.length !== n) {
      invalid(`input '${io.name}' must be a ${want} of ${n} elements (${io.dtype}[${io.shape}])`);
    }
    tensors.set(io.name, { dtype: io.dtype, shape: io.shape, data });
  }
  for (const k of Object.keys(inputs)) {
    if (!p.inputs.some((io) => io.name === k)) invalid(`unknown input '${k}'; inputs: ${p.inputs.map((io) => io.name).join(', ')}`);
  }
  return tensors;
}

/** Typed arrays by output name; defineProperty, so that an output named __proto__ becomes a property, not the prototype. */
export function outputRecord(p: Pick<Program, 'outputs'>, data: (name: string, index: number) => TypedArray): Record<string, TypedArray> {
  const result: Record<string, TypedArray> = {};
  p.outputs.forEach((o, i) => Object.defineProperty(result, o.name, { value: data(o.name, i), enumerable: true, writable: true, configurable: true }));
  return result;
}

/** Loads and verifies an artifact; nothing touches the GPU until createSession. */
export async function loadArtifact(source: ArtifactSource): Promise<Artifact> {
  const inline = typeof source === 'object' && 'manifest' in source ? source : undefined;
  const base = inline ? ('base' in inline ? inline.base : undefined) : (source as string | URL);
  let raw: unknown = inline?.manifest;
  if (raw === undefined || typeof raw === 'string') {
    const text = typeof raw === 'string' ? raw : new TextDecoder().decode(await readFile(base!, MANIFEST_FILE));
    try {
      raw = JSON.parse(text);
    } catch (e) {
      invalid(`manifest is not JSON: ${(e as Error).message}`, MANIFEST_FILE);
    }
  }
  // Format and version first (another version is told to recompile), then the digest, before any other check.
  await checkDigest(checkFormat(raw, MANIFEST_FILE), MANIFEST_FILE);
  const manifest = checkManifest(raw, MANIFEST_FILE);
  const given = inline && 'weights' in inline ? inline.weights : undefined;
  const bytes = given ? (given instanceof Uint8Array ? given : new Uint8Array(given)) : await readFile(base!, manifest.weights?.file, manifest.weights?.bytes);
  return new Artifact(manifest, await checkWeights(manifest, bytes));
}

/** Initial buffer contents of a program by buffer index (its parameters and constants), as the executor takes them. */
const bufferData = (p: Program, weights: ReadonlyMap<string, TypedArray>): Map<number, TypedArray> =>
  new Map(p.buffers.flatMap((b, i) => (weights.has(b.name) ? [[i, weights.get(b.name)!] as const] : [])));

export class Artifact {
  /** The programs of the artifact's specializations (e.g. batch sizes), the main one first. */
  readonly programs: readonly Program[];
  /** The main program (programs[0]). */
  readonly program: Program;
  /** Initial buffer contents of the main program by buffer index, as the executor takes them. */
  readonly data: Map<number, TypedArray>;

  constructor(
    readonly manifest: Manifest,
    /** Parameter and constant data (GPU storage types) by buffer name. */
    readonly weights: ReadonlyMap<string, TypedArray>,
  ) {
    this.programs = specializations(manifest).map((s) => s.program);
    this.program = this.programs[0];
    this.data = bufferData(this.program, weights);
  }

  /**
   * Uploads the weights and compiles the kernels on a WebGPU device (the default one if none is given);
   * opts.warmUp (default true) forces the driver's first-submit shader compile here (LoadOptions.warmUp).
   * Every specialization gets an executor; they share the main one's parameter and constant buffers by name.
   */
  async createSession(gpu?: GpuContext, opts: { readonly warmUp?: boolean } = {}): Promise<Session> {
    const main = await WebGpuExecutor.load(this.program, this.data, gpu, { warmUp: opts.warmUp });
    const owned = this.program.buffers.filter((b) => b.role === 'param' || b.role === 'const').map((b) => b.name);
    const sharedBuffers = new Map(owned.map((name) => [name, main.buffer(name)]));
    const executors = [main];
    for (const p of this.programs.slice(1)) {
      const data = new Map([...bufferData(p, this.weights)].filter(([i]) => !sharedBuffers.has(p.buffers[i].name)));
      executors.push(await WebGpuExecutor.load(p, data, gpu, { warmUp: opts.warmUp, sharedBuffers }));
    }
    return new Session(executors, this.programs);
  }
}

export class Session {
  readonly backend = 'webgpu' as const;
  /** The main specialization's executor (executors[0]). */
  readonly executor: WebGpuExecutor;

  constructor(
    /** One executor per specialization, in the artifact's order; the first owns the shared weights. */
    readonly executors: readonly WebGpuExecutor[],
    private readonly programs: readonly Program[],
  ) {
    this.executor = executors[0];
  }

  private disposed = false;

  /**
   * Runs the program on typed arrays by input name; resolves to typed arrays by output name. With
   * opts.timeoutMs, a run that has not finished in time rejects with a KilnError; with opts.checkFinite, the
   * first kernel writing a NaN or Inf is named in a KilnError('NUMERIC') (see RunOptions).
   */
  async run(inputs: { readonly [name: string]: TypedArray }, opts: Pick<RunOptions, 'timeoutMs' | 'checkFinite'> = {}): Promise<Record<string, TypedArray>> {
    if (this.disposed) throw new KilnError('USAGE', 'this session was disposed; create a new session to run the model');
    const k = pickSpecialization(this.programs, inputs);
    const out = await this.executors[k].run(inputTensors(this.programs[k], inputs), { timeoutMs: opts?.timeoutMs, checkFinite: opts?.checkFinite });
    return outputRecord(this.programs[k], (name) => out.get(name)!.data);
  }

  /** Frees the GPU buffers; idempotent, and later runs are refused with a KilnError. */
  dispose(): void {
    this.disposed = true;
    // The shared weights belong to the first executor: free it last.
    for (const e of [...this.executors].reverse()) e.dispose();
  }
}

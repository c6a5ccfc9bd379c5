// The artifact writer behind `kiln compile`: compiles a graph for WebGPU and writes a folder with
// manifest.json (the Program, the weights' digest, the optimized graph in serialized IR and the
// manifest's own digest over all of it), weights.safetensors (parameter and constant buffers by buffer
// name, in GPU storage types) and the typed module: model.ts, and model.js with model.d.ts.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Value } from '../../ir/graph.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { compileForWebGpu } from '../compile.ts';
import type { Precision } from '../wgsl/kernel.ts';
import { decodeHalves } from '../../runtime/webgpu/half.ts';
import { numel } from '../../ir/shape.ts';
import { ARTIFACT_FORMAT, canonicalManifest, MANIFEST_FILE, WEIGHTS_FILE, type Manifest, type SerializedGraph, type SpecializationDecl } from '../../runtime/artifact-format.ts';
import type { DispatchDecl, KernelDecl, Program } from '../../runtime/program.ts';
import { sameShape } from '../../ir/shape.ts';
import { importOnnx, type ImportOptions } from '../onnx/importer.ts';
import { decodeModel } from '../onnx/proto.ts';
import { writeSafetensors } from '../safetensors.ts';
import { serializeGraph } from './serialize-graph.ts';
import { generateTypedModule } from './typed-module.ts';
import { type TuneResult, tuningRecord } from '../tune.ts';

export const MODULE_FILE = 'model.ts';

export interface ArtifactOptions {
  /** Model name in the manifest (default: the graph's name). */
  readonly name?: string;
  /** Module specifier the generated module imports the runtime from (default: `kiln/runtime`). */
  readonly runtimeImport?: string;
  /** Where the model came from, for the generated module's header. */
  readonly source?: string;
  /** Names for the graph outputs, in order (ONNX output names: graph values are named after their nodes). */
  readonly outputNames?: readonly string[];
  /** Contraction kernels tuned for an adapter (compiler/tune.ts): used by codegen and recorded in the manifest. */
  readonly tuning?: TuneResult;
  /**
   * Values of the ONNX model's symbolic dimensions (compileOnnxArtifact), by dim_param name; a list of values
   * (`{ batch: [1, 8] }`) compiles one specialization per combination, the first one the main program.
   */
  readonly dims?: Readonly<Record<string, number | readonly number[]>>;
  /** Graph inputs bound to values at import (compileOnnxArtifact; ImportOptions.bind, `kiln compile --bind`). */
  readonly bind?: ImportOptions['bind'];
  /**
   * 'f16' (`kiln compile --precision f16`): weights and fused intermediates stored as f16 (CompileOptions.precision);
   * the artifact then needs a device with shader-f16, and its weights file holds F16 tensors. Default 'f32'.
   */
  readonly precision?: Precision;
  /** The same model at other shapes, compiled into the same artifact (buildArtifact, writeArtifact). */
  readonly specializations?: readonly Graph[];
}

export interface BuiltArtifact {
  readonly manifest: Manifest;
  readonly weights: Uint8Array;
}

/** How artifacts compile (the autotuner must time the same program): frozen weights, BatchNorm folded. */
export const ARTIFACT_COMPILE = { frozen: true } as const;

/** One specialization compiled: its program (buffers renamed where weights differ), its graph serialized. */
interface CompiledSpecialization {
  readonly program: Program;
  readonly graph: SerializedGraph;
}

const sameData = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));

/**
 * Compiles one graph of the artifact, adding its parameter and constant data to `tensors` (shared by name
 * with the specializations before it when equal; renamed `<name>@<k>` when a tensor of that name differs).
 */
function compileSpecialization(graph: Graph, k: number, tensors: Map<string, Tensor>, opts: Pick<ArtifactOptions, 'tuning' | 'precision'>): CompiledSpecialization {
  // The same steps as compileForWebGpu, keeping the lowered graph: it is what the manifest stores.
  // Artifacts are portable: no optional features, except shader-f16 when asked for by precision 'f16'.
  const precision = opts.precision === 'f16' ? { precision: 'f16' as const, features: ['shader-f16'] } : {};
  const { program, data, graph: lowered } = compileForWebGpu(graph, { ...ARTIFACT_COMPILE, gemmTuning: opts.tuning?.choices, ...precision });
  const renamed = new Map<string, string>();
  const buffers = program.buffers.map((b, i) => {
    if (b.role !== 'param' && b.role !== 'const') return b;
    const stored = data.get(i) ?? fail(`buffer '${b.name}' has no initial data`);
    // An f16 buffer's data is packed halves; the weights file takes its values (written back as exact F16).
    const d = b.dtype === 'f16' ? decodeHalves(new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength), numel(b.shape)) : stored;
    // int8/uint8 weights (a quantized model's) are packed buffers: their data is the bytes, written as I8/U8.
    const t: Tensor = { dtype: b.dtype, shape: b.shape, data: d };
    const have = tensors.get(b.name);
    const name = !have || (have.dtype === t.dtype && sameShape(have.shape, t.shape) && sameData(have.data, t.data)) ? b.name : `${b.name}@${k}`;
    tensors.set(name, t);
    renamed.set(b.name, name);
    return name === b.name ? b : { ...b, name };
  });
  // A constant without a buffer is one the kernels inline (a scalar, a few per-channel values): the graph carries its values.
  return { program: { ...program, buffers }, graph: serializeGraph(lowered, (v: Value) => renamed.get(v.name)) };
}

/** The kernel table of all specializations, each kernel once, and each program's dispatches renumbered into it. */
function shareKernels(programs: readonly Program[]): { kernels: KernelDecl[]; dispatches: DispatchDecl[][] } {
  const kernels: KernelDecl[] = [];
  const index = new Map<string, number>();
  const dispatches = programs.map((p) => {
    const at = p.kernels.map((kd) => {
      const key = JSON.stringify(kd);
      if (!index.has(key)) index.set(key, kernels.push(kd) - 1);
      return index.get(key)!;
    });
    return p.dispatches.map((d) => ({ ...d, kernel: at[d.kernel] }));
  });
  return { kernels, dispatches };
}

/**
 * Compiles `graph` (left unchanged) into a manifest and weights, in memory. With opts.specializations
 * (the same model at other shapes, e.g. other batch sizes), one artifact holds them all: one weights
 * file and one kernel table, and a run takes the program whose input sizes match.
 */
export function buildArtifact(graph: Graph, opts: Pick<ArtifactOptions, 'name' | 'outputNames' | 'tuning' | 'specializations' | 'precision'> = {}): BuiltArtifact {
  const tensors = new Map<string, Tensor>();
  const compiled = [graph, ...(opts.specializations ?? [])].map((g, k) => compileSpecialization(g, k, tensors, opts));
  const { kernels, dispatches } = shareKernels(compiled.map((c) => c.program));
  const weights = writeSafetensors(tensors, { metadata: { format: 'kiln-weights', model: opts.name ?? graph.name } });
  const sha256 = createHash('sha256').update(weights).digest('hex');
  const names = opts.outputNames;
  const main = compiled[0].program;
  if (names && (names.length !== main.outputs.length || new Set(names).size !== names.length)) fail(`output names [${names}] do not name the ${main.outputs.length} outputs uniquely`);
  const named = (p: Program) => p.outputs.map((o, i) => ({ ...o, name: names?.[i] ?? o.name }));
  const more: SpecializationDecl[] = compiled.slice(1).map(({ program: { version: _v, kernels: _k, ...p }, graph: g }, i) => {
    if (p.inputs.length !== main.inputs.length || p.inputs.some((io, j) => io.name !== main.inputs[j].name || io.dtype !== main.inputs[j].dtype)) {
      fail(`specialization ${i + 1} has inputs (${p.inputs.map((io) => `${io.name}: ${io.dtype}`)}), the model has (${main.inputs.map((io) => `${io.name}: ${io.dtype}`)})`);
    }
    return { ...p, dispatches: dispatches[i + 1], outputs: named(compiled[i + 1].program), graph: g };
  });
  const unsealed: Omit<Manifest, 'digest'> = {
    format: ARTIFACT_FORMAT,
    name: opts.name ?? graph.name,
    ...main,
    kernels,
    outputs: named(main),
    weights: { file: WEIGHTS_FILE, bytes: weights.byteLength, sha256 },
    graph: compiled[0].graph,
    ...(more.length ? { specializations: more } : {}),
    ...(opts.tuning ? { tuning: tuningRecord(opts.tuning) } : {}),
  };
  return { manifest: sealManifest(unsealed), weights };
}

/** Adds the manifest digest (SHA-256 of the canonical manifest, which holds the weights' hash too). */
export function sealManifest(m: Omit<Manifest, 'digest'>): Manifest {
  return { ...m, digest: createHash('sha256').update(canonicalManifest(m)).digest('hex') };
}

function fail(detail: string): never {
  throw new KilnError('BACKEND', `artifact writer: ${detail}`);
}

/** The package's runtime entries, as a generated module imports them by default. */
export const RUNTIME_IMPORT = 'kiln/runtime';

/** The CPU entry next to a runtime entry: `kiln/runtime/cpu` for the package, `.../runtime/cpu/index.ts` for a path to runtime/index.ts. */
export function cpuRuntimeImport(runtimeImport: string): string {
  const file = /\/index\.(ts|js)$/.exec(runtimeImport);
  return file ? `${runtimeImport.slice(0, file.index)}/cpu/index.${file[1]}` : `${runtimeImport}/cpu`;
}

/** Writes manifest.json, weights.safetensors and the typed module (model.ts, model.js, model.d.ts) into `outDir` (created if needed). */
export function writeArtifact(graph: Graph, outDir: string, opts: ArtifactOptions = {}): BuiltArtifact {
  const built = buildArtifact(graph, opts);
  const runtimeImport = opts.runtimeImport ?? RUNTIME_IMPORT;
  const module = generateTypedModule(built.manifest, { runtimeImport, cpuRuntimeImport: cpuRuntimeImport(runtimeImport), source: opts.source });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, MANIFEST_FILE), JSON.stringify(built.manifest, null, 1) + '\n');
  writeFileSync(join(outDir, WEIGHTS_FILE), built.weights);
  writeFileSync(join(outDir, MODULE_FILE), module.ts);
  writeFileSync(join(outDir, 'model.js'), module.js);
  writeFileSync(join(outDir, 'model.d.ts'), module.dts);
  return built;
}

/** Every combination of the pinned values (`{ batch: [1, 8], seq: 16 }` → batch 1 and batch 8, both at seq 16), in order. */
export function dimCombinations(dims: Readonly<Record<string, number | readonly number[]>>): Record<string, number>[] {
  return Object.entries(dims).reduce<Record<string, number>[]>(
    (acc, [name, v]) => acc.flatMap((c) => (typeof v === 'number' ? [v] : v).map((n) => ({ ...c, [name]: n }))),
    [{}],
  );
}

/** `kiln compile`: imports an ONNX model and writes its artifact. */
export function compileOnnxArtifact(modelPath: string, outDir: string, opts: Omit<ArtifactOptions, 'source'> = {}): BuiltArtifact {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(modelPath);
  } catch {
    throw new KilnError('ONNX_PARSE', 'cannot read model file', { path: modelPath });
  }
  const [graph, ...specializations] = dimCombinations(opts.dims ?? {}).map((dims) => importOnnx(bytes, { baseDir: dirname(modelPath), path: modelPath, dims, bind: opts.bind }).graph);
  const outputNames = decodeModel(bytes, modelPath).graph?.output.map((o, i) => o.name || graph.outputs[i].name);
  const stem = basename(modelPath).replace(/\.onnx$/i, '');
  const name = opts.name ?? (stem === 'model' ? basename(dirname(resolve(modelPath))) : stem);
  return writeArtifact(graph, outDir, { ...opts, name, outputNames, source: basename(modelPath), specializations });
}

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
import { ARTIFACT_FORMAT, canonicalManifest, MANIFEST_FILE, WEIGHTS_FILE, type Manifest } from '../../runtime/artifact-format.ts';
import { importOnnx } from '../onnx/importer.ts';
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
  /** Values of the ONNX model's symbolic dimensions (compileOnnxArtifact), by dim_param name. */
  readonly dims?: Readonly<Record<string, number>>;
}

export interface BuiltArtifact {
  readonly manifest: Manifest;
  readonly weights: Uint8Array;
}

/** How artifacts compile (the autotuner must time the same program): frozen weights, BatchNorm folded. */
export const ARTIFACT_COMPILE = { frozen: true } as const;

/** Compiles `graph` (left unchanged) into a manifest and weights, in memory. */
export function buildArtifact(graph: Graph, opts: Pick<ArtifactOptions, 'name' | 'outputNames' | 'tuning'> = {}): BuiltArtifact {
  // The same steps as compileForWebGpu, keeping the lowered graph: it is what the manifest stores.
  const { program, data, graph: lowered } = compileForWebGpu(graph, { ...ARTIFACT_COMPILE, gemmTuning: opts.tuning?.choices });
  const tensors = new Map<string, Tensor>();
  program.buffers.forEach((b, i) => {
    if (b.role !== 'param' && b.role !== 'const') return;
    const d = data.get(i) ?? fail(`buffer '${b.name}' has no initial data`);
    tensors.set(b.name, { dtype: b.dtype, shape: b.shape, data: d });
  });
  const weightOf = (v: Value) => (tensors.has(v.name) ? v.name : fail(`constant '${v.name}' has no weights buffer`));
  const graphJson = serializeGraph(lowered, weightOf);
  const weights = writeSafetensors(tensors, { metadata: { format: 'kiln-weights', model: opts.name ?? graph.name } });
  const sha256 = createHash('sha256').update(weights).digest('hex');
  const names = opts.outputNames;
  if (names && (names.length !== program.outputs.length || new Set(names).size !== names.length)) fail(`output names [${names}] do not name the ${program.outputs.length} outputs uniquely`);
  const unsealed: Omit<Manifest, 'digest'> = {
    format: ARTIFACT_FORMAT,
    name: opts.name ?? graph.name,
    ...program,
    outputs: program.outputs.map((o, i) => ({ ...o, name: names?.[i] ?? o.name })),
    weights: { file: WEIGHTS_FILE, bytes: weights.byteLength, sha256 },
    graph: graphJson,
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

/** `kiln compile`: imports an ONNX model and writes its artifact. */
export function compileOnnxArtifact(modelPath: string, outDir: string, opts: Omit<ArtifactOptions, 'source'> = {}): BuiltArtifact {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(modelPath);
  } catch {
    throw new KilnError('ONNX_PARSE', 'cannot read model file', { path: modelPath });
  }
  const { graph } = importOnnx(bytes, { baseDir: dirname(modelPath), path: modelPath, dims: opts.dims });
  const outputNames = decodeModel(bytes, modelPath).graph?.output.map((o, i) => o.name || graph.outputs[i].name);
  const stem = basename(modelPath).replace(/\.onnx$/i, '');
  const name = opts.name ?? (stem === 'model' ? basename(dirname(resolve(modelPath))) : stem);
  return writeArtifact(graph, outDir, { ...opts, name, outputNames, source: basename(modelPath) });
}

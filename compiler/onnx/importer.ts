// ONNX importer: decodes a ModelProto, reads initializers, lists every unsupported op at once, then
// converts nodes in order through the converter table. Converters emit IR nodes; nodes whose inputs
// are all constant are folded immediately, which resolves the shape subgraphs PyTorch exports
// (Shape, Gather, Concat, Reshape, ConstantOfShape, Range) into static shapes.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DTYPES } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import { fmtType } from '../../ir/tensor.ts';
import { fmt, numel, shapeProblem } from '../../ir/shape.ts';
import { attrOr, DEFAULT_BUDGET, type ImportBudget, ImportContext, type OnnxAttr, type OnnxNode, type SubgraphRunner } from './context.ts';
import { type Bindings, bindingMap, boundTensor, checkBindingsUsed } from './bind.ts';
import { CONVERTERS } from './ops/index.ts';
import { int64, type AttributeProto, type GraphProto, decodeModel, type NodeProto, type TensorProto, type ValueInfoProto } from './proto.ts';
import { domainReason, refusalReason } from './refusals.ts';
import { ONNX_ATTR_TYPE } from './schema.ts';
import { optimize } from '../../passes/pipeline.ts';
import { ONNX_DTYPE_NAMES, onnxElemToDType, tensorFromProto } from './tensor.ts';

export const MIN_OPSET = 1;
export const MAX_OPSET = 20;

export interface ImportedModel {
  graph: Graph;
  opset: number;
  /** ONNX element type of each graph output, to write results in the model's own types. */
  outputElemTypes: number[];
  inputElemTypes: number[];
}

export interface ImportOptions extends Partial<ImportBudget> {
  /** Folder that external data paths are relative to (and confined to). */
  baseDir?: string;
  /** Shown in errors. */
  path?: string;
  /**
   * Graph inputs to specialize on: each becomes a constant with the given value (a tensor, or numbers in the
   * input's dtype and shape: `{ sr: 16000 }`), so that inputs which fix shapes (axes, K, target shapes) or
   * control flow (an If condition, a Loop's trip count) can be compiled statically (bind.ts).
   */
  bind?: Bindings;
  /**
   * Values for the model's symbolic dimensions, by their ONNX dim_param name (e.g. `{ batch: 8 }`):
   * kiln compiles static shapes, so each symbolic input dimension must be pinned here (`kiln compile --dim batch=8`).
   */
  dims?: Readonly<Record<string, number>>;
}

export function importOnnxFile(path: string, opts: Omit<ImportOptions, 'baseDir' | 'path'> = {}): ImportedModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new KilnError('ONNX_PARSE', 'cannot read model file', { path });
  }
  return importOnnx(bytes, { ...opts, baseDir: dirname(path), path });
}

export function importOnnx(bytes: Uint8Array, opts: ImportOptions = {}): ImportedModel {
  const model = decodeModel(bytes, opts.path);
  const gp = model.graph;
  if (!gp || (gp.node.length === 0 && gp.output.length === 0)) throw new KilnError('ONNX_PARSE', 'model has no graph', { path: opts.path });
  const opset = defaultOpset(model.opset_import, opts.path);
  checkSupported(gp, opts.path);
  const budget: ImportBudget = {
    maxFoldElements: opts.maxFoldElements ?? DEFAULT_BUDGET.maxFoldElements,
    maxFoldTotalElements: opts.maxFoldTotalElements ?? DEFAULT_BUDGET.maxFoldTotalElements,
    maxTensorBytes: opts.maxTensorBytes ?? DEFAULT_BUDGET.maxTensorBytes,
  };

  const graph = new Graph(gp.name || 'main');
  const ctx = new ImportContext(graph, opset, '', budget);
  const env = new Map<string, Value>();
  // SSA: each value name has one producer (an initializer, a graph input or a node output), named in errors.
  const producers = new Map<string, string>();
  const claim = (name: string, who: string, where: { node?: string; op?: string } = {}): void => {
    const prev = producers.get(name);
    if (prev !== undefined) throw new KilnError('ONNX_INVALID', `value '${name}' is produced twice: by ${prev} and by ${who}`, { ...where, path: opts.path });
    producers.set(name, who);
  };
  const define = (name: string, v: Value, who: string, where: { node?: string; op?: string } = {}): void => {
    claim(name, who, where);
    env.set(name, v);
  };
  for (const init of gp.initializer) {
    const initName = init.name ?? '';
    if (initName) claim(initName, `initializer '${initName}'`);
    const { tensor, clamped } = readInitializer(gp, init, 'initializer', budget.maxTensorBytes, opts);
    const v = initName ? graph.addParam(initName, tensor) : graph.addConstant(tensor, 'initializer');
    if (clamped) ctx.clamped.add(v);
    if (initName) env.set(initName, v);
  }
  const dims = pinnedDims(opts.dims, opts.path);
  const inputElemTypes: number[] = [];
  const inputNames = new Set<string>();
  const bindings = bindingMap(opts.bind);
  /** The graph inputs a value may be bound to: initializers listed as inputs keep their values. */
  const bindable = new Set<string>();
  for (const vi of gp.input) {
    const inName = vi.name ?? '';
    if (inputNames.has(inName)) throw new KilnError('ONNX_INVALID', `graph input '${inName}' is listed twice`, { path: opts.path });
    inputNames.add(inName);
    if (producers.get(inName) === `initializer '${inName}'`) continue; // an initializer listed as input (IR version < 4)
    bindable.add(inName);
    const [type, elem] = withConsumer(gp, inName, declaredDims(vi), () => valueType(vi, dims, opts.path));
    const bound = bindings.get(inName);
    if (bound !== undefined) {
      define(inName, graph.addConstant(boundTensor(inName, bound, type, opts.path), inName || 'bound'), `graph input '${inName}' (bound)`);
      continue;
    }
    define(inName, graph.addInput(inName, type), `graph input '${inName}'`);
    inputElemTypes.push(elem);
  }
  checkBindingsUsed(bindings, bindable, opts.path);
  checkPinsUsed(dims, new Set(gp.input.flatMap((vi) => (vi.type?.tensor_type?.shape?.dim ?? []).flatMap((d) => (d.dim_param ? [d.dim_param] : [])))), opts.path);
  const scope: Scope = { lookup: (n) => env.get(n), define };
  ctx.subgraph = subgraphRunner(ctx, scope, opts);
  convertNodes(ctx, gp.node, scope, opts);
  graph.outputs = gp.output.map((vi) => {
    const v = env.get(vi.name ?? '');
    if (!v) throw new KilnError('ONNX_INVALID', `graph output '${vi.name}' is never produced`, { path: opts.path });
    if (ctx.clamped.has(v)) throw new KilnError('DTYPE', `graph output '${vi.name}' holds int64 values outside i32`);
    checkDeclaredShape(vi, v, dims);
    return v;
  });
  const named = new Set<Value>();
  graph.outputs = graph.outputs.map((v, i) => nameOutput(graph, v, gp.output[i].name ?? `output_${i}`, named));
  optimize(graph);
  return { graph, opset, outputElemTypes: gp.output.map((vi) => vi.type?.tensor_type?.elem_type ?? 1), inputElemTypes };
}

/** An initializer of graph `gp`, its declared size checked before its data is read; errors name its consumer. */
function readInitializer(gp: GraphProto, init: TensorProto, what: string, maxTensorBytes: number, opts: ImportOptions): ReturnType<typeof tensorFromProto> {
  checkTensorSize(init, `${what} '${init.name ?? ''}'`, maxTensorBytes, opts.path);
  return withConsumer(gp, init.name ?? '', init.dims.map(int64), () => tensorFromProto(init, { baseDir: opts.baseDir }));
}

/** Where a graph's node inputs are looked up and its outputs defined: the main graph, or a subgraph over its outer scope. */
interface Scope {
  lookup(name: string): Value | undefined;
  define(name: string, v: Value, who: string, where?: { node?: string; op?: string }): void;
}

/** Converts nodes in order: each node's inputs from the scope, its outputs defined in it. */
function convertNodes(ctx: ImportContext, nodes: readonly NodeProto[], scope: Scope, opts: ImportOptions): void {
  for (const np of nodes) {
    const name = np.name || `${np.op_type}_${np.output[0] ?? ''}`;
    ctx.node = name;
    const inputs = np.input.map((n) => {
      if (n === '') return undefined;
      const v = scope.lookup(n);
      if (!v) throw new KilnError('ONNX_INVALID', `input '${n}' is not produced by any earlier node, initializer or graph input`, { node: name, op: np.op_type });
      return v;
    });
    const node: OnnxNode = { name, opType: np.op_type ?? '', inputs, attrs: decodeAttrs(np.attribute, name, np.op_type ?? '', opts.baseDir, ctx.budget.maxTensorBytes), outputCount: np.output.length };
    const outs = convert(ctx, node);
    np.output.forEach((o, i) => {
      if (o === '') return;
      const v = outs[i];
      if (!v) throw new KilnError('ONNX_UNSUPPORTED', `output ${i} ('${o}') is not produced by kiln's conversion`, { node: name, op: node.opType });
      scope.define(o, v, `node '${name}' (${node.opType})`, { node: name, op: node.opType });
    });
  }
}

/**
 * The context's subgraph runner for nodes converted in `outer`: a subgraph (If branch, Loop or Scan body)
 * is converted into the same IR graph, its inputs bound to the given values, its initializers constants,
 * and names it does not define looked up in the outer scope. Each call is a fresh scope, so a loop body
 * converted once per iteration defines its names once per iteration.
 */
function subgraphRunner(ctx: ImportContext, outer: Scope, opts: ImportOptions): SubgraphRunner {
  return (gp, inputs) => {
    const node = ctx.node, where = { node, op: 'subgraph' };
    const own = new Map<string, Value>();
    const scope: Scope = {
      lookup: (n) => own.get(n) ?? outer.lookup(n),
      define: (n, v, who, at) => {
        if (own.has(n)) throw new KilnError('ONNX_INVALID', `value '${n}' is produced twice in subgraph '${gp.name ?? ''}' (again by ${who})`, at ?? where);
        own.set(n, v);
      },
    };
    if (gp.input.length !== inputs.length) throw new KilnError('ONNX_INVALID', `subgraph '${gp.name ?? ''}' declares ${gp.input.length} inputs, node '${node}' gives it ${inputs.length}`, where);
    gp.input.forEach((vi, i) => {
      const elem = vi.type?.tensor_type?.elem_type;
      const want = elem ? onnxElemToDType(elem) : undefined;
      if (want && want !== inputs[i].type.dtype) throw new KilnError('DTYPE', `subgraph input '${vi.name}' is declared ${want}, node '${node}' gives ${fmtType(inputs[i].type)}`, where);
      scope.define(vi.name ?? '', inputs[i], `subgraph input '${vi.name}'`);
    });
    for (const init of gp.initializer) {
      const { tensor, clamped } = readInitializer(gp, init, 'subgraph initializer', ctx.budget.maxTensorBytes, opts);
      const v = ctx.constant(tensor, init.name || 'initializer');
      if (clamped) ctx.clamped.add(v);
      scope.define(init.name ?? '', v, `subgraph initializer '${init.name}'`);
    }
    const runner = ctx.subgraph;
    ctx.subgraph = subgraphRunner(ctx, scope, opts);
    try {
      convertNodes(ctx, gp.node, scope, opts);
    } finally {
      ctx.subgraph = runner;
      ctx.node = node;
    }
    return gp.output.map((vi) => {
      const v = scope.lookup(vi.name ?? '');
      if (!v) throw new KilnError('ONNX_INVALID', `subgraph output '${vi.name}' is never produced`, where);
      return v;
    });
  };
}

/**
 * Graph outputs carry the model's output names. A node output is renamed; an input, a constant or a value
 * already named otherwise gets a same-shape Reshape (a view, no copy) that carries the name.
 */
function nameOutput(graph: Graph, v: Value, name: string, named: Set<Value>): Value {
  if (v.name === name && !named.has(v)) {
    named.add(v);
    return v;
  }
  const renamable = !named.has(v) && !graph.inputs.includes(v) && !graph.constants.has(v);
  if (renamable && !graph.hasName(name)) {
    graph.renameValue(v, name);
    named.add(v);
    return v;
  }
  return graph.addNode('Reshape', [v], { shape: [...v.type.shape] }, graph.hasName(name) ? `${name}_out` : name)[0];
}

/** Ops whose input 0 may be absent: Constant has none, Loop's M and opset-8 Scan's sequence_lens are optional. */
const OPTIONAL_FIRST_INPUT = new Set(['Constant', 'Loop', 'Scan']);

/** Runs the node's converter; a malformed node that trips a converter becomes a KilnError naming it. */
function convert(ctx: ImportContext, node: OnnxNode): (Value | undefined)[] {
  // Input 0 is required by every ONNX op kiln imports but these; converters read its type first.
  if (!OPTIONAL_FIRST_INPUT.has(node.opType) && node.inputs[0] === undefined) {
    throw new KilnError('ONNX_INVALID', `${node.opType} needs input 0 (X), but the node gives ${node.inputs.length === 0 ? 'no inputs' : "an empty name ''"}`, { node: node.name, op: node.opType });
  }
  try {
    return CONVERTERS[node.opType](ctx, node);
  } catch (e) {
    if (e instanceof KilnError) throw e;
    throw new KilnError('ONNX_INVALID', `cannot convert node: ${(e as Error).message}`, {
      node: node.name, op: node.opType, shapes: node.inputs.map((v) => v?.type.shape),
    });
  }
}

/** The default-domain (ai.onnx) opset: imported exactly once, within MIN_OPSET..MAX_OPSET. */
function defaultOpset(imports: { domain?: string; version?: unknown }[], path?: string): number {
  const entries = imports.filter((o) => !o.domain || o.domain === 'ai.onnx');
  if (entries.length === 0) throw new KilnError('ONNX_INVALID', `model imports no default-domain (ai.onnx) opset; kiln supports opsets ${MIN_OPSET}..${MAX_OPSET}`, { path });
  const versions = [...new Set(entries.map((o) => int64(o.version as number)))];
  if (versions.length > 1) throw new KilnError('ONNX_INVALID', `model imports the default-domain opset with conflicting versions ${versions.join(', ')}`, { path });
  const v = versions[0];
  if (!Number.isInteger(v) || v < MIN_OPSET || v > MAX_OPSET) throw new KilnError('ONNX_UNSUPPORTED', `default-domain opset ${v} is outside the supported range ${MIN_OPSET}..${MAX_OPSET}`, { path });
  return v;
}

/** Refuses a tensor whose declared shape is invalid or needs more than maxTensorBytes, before its data is read. */
function checkTensorSize(tp: TensorProto, what: string, maxBytes: number, path?: string): void {
  const shape = tp.dims.map(int64);
  const problem = shapeProblem(shape);
  if (problem) throw new KilnError('ONNX_INVALID', `${what} declares shape ${fmt(shape)}: ${problem}`, { path });
  const dtype = onnxElemToDType(tp.data_type ?? 0);
  const bytes = numel(shape) * (dtype ? DTYPES[dtype].bytes : 1);
  if (bytes > maxBytes) throw new KilnError('LIMIT', `${what} declares shape ${fmt(shape)} (${bytes} bytes), more than maxTensorBytes = ${maxBytes}`, { path });
}

/** Lists every op kiln cannot import, each with its reason (refusals.ts), in one error, subgraphs (If branches, Loop and Scan bodies) included. */
function checkSupported(gp: GraphProto, path?: string): void {
  const missing = new Map<string, { nodes: string[]; why: string }>();
  const visit = (g: GraphProto): void => {
    for (const n of g.node) {
      const op = n.op_type ?? '', foreign = !!n.domain && n.domain !== 'ai.onnx';
      if (foreign || !Object.prototype.hasOwnProperty.call(CONVERTERS, op)) {
        const key = foreign ? `${n.domain}::${op}` : op;
        const entry = missing.get(key) ?? { nodes: [], why: foreign ? domainReason(n.domain ?? '') : refusalReason(op) };
        entry.nodes.push(n.name || (n.output[0] ?? '?'));
        missing.set(key, entry);
      }
      for (const a of n.attribute) if (a.g) visit(a.g);
    }
  };
  visit(gp);
  if (missing.size > 0) {
    const list = [...missing].map(([op, { nodes, why }]) => `${op} (${nodes.slice(0, 3).join(', ')}${nodes.length > 3 ? ', ...' : ''}): ${why}`);
    throw new KilnError('ONNX_UNSUPPORTED', `unsupported ops: ${list.join('; ')}`, { path });
  }
}

/** The pinned dimensions, checked: positive integers by name; `used` collects the names the model has. */
interface PinnedDims {
  readonly values: ReadonlyMap<string, number>;
  readonly used: Set<string>;
}

function pinnedDims(given: Readonly<Record<string, number>> | undefined, path?: string): PinnedDims {
  const values = new Map<string, number>();
  for (const [name, n] of Object.entries(given ?? {})) {
    if (!Number.isInteger(n) || n < 1) throw new KilnError('USAGE', `dimension '${name}' is pinned to ${n}; a dimension is a positive integer`, { path });
    values.set(name, n);
  }
  return { values, used: new Set() };
}

/** Every pinned name must be a symbolic dimension of the model's inputs (a misspelt one would be silently ignored). */
function checkPinsUsed(dims: PinnedDims, symbolic: ReadonlySet<string>, path?: string): void {
  const unused = [...dims.values.keys()].filter((k) => !dims.used.has(k));
  if (unused.length === 0) return;
  const have = symbolic.size ? `its symbolic dimensions are ${[...symbolic].map((d) => `'${d}'`).join(', ')}` : 'it has no symbolic dimensions';
  throw new KilnError('USAGE', `pinned dimension${unused.length > 1 ? 's' : ''} ${unused.map((d) => `'${d}'`).join(', ')} not in the model's inputs; ${have}`, { path });
}

/**
 * Runs `read` for the initializer or graph input `name`; an element type kiln lacks (float8, bfloat16, int4,
 * string) is reported with the first node that consumes it, its op and the tensor's shape.
 */
function withConsumer<T>(gp: GraphProto, name: string, shape: number[] | undefined, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof KilnError) || e.code !== 'ONNX_UNSUPPORTED' || !/element type/.test(e.detail)) throw e;
    const user = gp.node.find((n) => n.input.includes(name));
    if (!user) throw e;
    const where = { ...e.context, node: user.name ?? '', op: user.op_type ?? '', shapes: shape ? [shape] : e.context.shapes };
    throw new KilnError('ONNX_UNSUPPORTED', `${e.detail}, used by ${user.op_type} '${user.name ?? ''}'`, where);
  }
}

/** The declared dims of a value (-1 for a symbolic or unknown one), for error context. */
const declaredDims = (vi: ValueInfoProto): number[] => (vi.type?.tensor_type?.shape?.dim ?? []).map((d) => (d.dim_value !== undefined ? int64(d.dim_value) : -1));

function valueType(vi: ValueInfoProto, pins: PinnedDims, path?: string): [{ dtype: ReturnType<typeof onnxElemToDType> & string; shape: number[] }, number] {
  const tt = vi.type?.tensor_type;
  if (!tt) throw new KilnError('ONNX_UNSUPPORTED', `graph input '${vi.name}' is not a tensor (sequence, map and optional inputs are not supported)`, { path });
  const elem = tt.elem_type ?? 0;
  const dtype = onnxElemToDType(elem);
  if (!dtype) throw new KilnError('ONNX_UNSUPPORTED', `graph input '${vi.name}' has element type ${ONNX_DTYPE_NAMES[elem] ?? elem}`, { path });
  const dims = tt.shape?.dim ?? [];
  const shape = dims.map((d, i) => {
    if (d.dim_param && pins.values.has(d.dim_param)) {
      pins.used.add(d.dim_param);
      return pins.values.get(d.dim_param)!;
    }
    if (d.dim_param) throw new KilnError('SHAPE', `graph input '${vi.name}' dimension ${i} is symbolic ('${d.dim_param}'); kiln compiles static shapes: pin it with --dim ${d.dim_param}=N (importOnnx(..., { dims: { ${JSON.stringify(d.dim_param)}: N } }))`, { path });
    if (!hasOwn(d, 'dim_value')) throw new KilnError('SHAPE', `graph input '${vi.name}' dimension ${i} is unknown (no value and no name to pin); kiln compiles static shapes only`, { path });
    return int64(d.dim_value);
  });
  const problem = shapeProblem(shape);
  if (problem) throw new KilnError('SHAPE', `graph input '${vi.name}' has shape ${fmt(shape)}: ${problem}`, { path });
  return [{ dtype, shape }, elem];
}

function checkDeclaredShape(vi: ValueInfoProto, v: Value, pins: PinnedDims): void {
  const dims = vi.type?.tensor_type?.shape?.dim;
  if (!dims) return;
  // A pinned name stands for its value in the outputs too; other symbolic dimensions match anything.
  const decl = dims.map((d) => (d.dim_param ? (pins.values.get(d.dim_param) ?? -1) : hasOwn(d, 'dim_value') ? int64(d.dim_value) : -1));
  const bad = dims.findIndex((d, i) => !d.dim_param && hasOwn(d, 'dim_value') && !(Number.isInteger(decl[i]) && decl[i] >= 0));
  if (bad >= 0) throw new KilnError('SHAPE', `graph output '${vi.name}' declares shape [${decl}] with dimension ${bad} = ${decl[bad]}; dimensions are non-negative integers`);
  const got = v.type.shape;
  if (decl.length !== got.length || decl.some((d, i) => d >= 0 && d !== got[i])) {
    throw new KilnError('SHAPE', `graph output '${vi.name}' is declared [${decl}] but kiln infers [${got}]`);
  }
}

const utf8 = new TextDecoder();
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function decodeAttrs(list: AttributeProto[], node: string, op: string, baseDir: string | undefined, maxTensorBytes: number): Record<string, OnnxAttr> {
  const out: Record<string, OnnxAttr> = {};
  for (const a of list) {
    const key = a.name ?? '';
    if (a.ref_attr_name) throw new KilnError('ONNX_UNSUPPORTED', `attribute '${key}' refers to a function attribute`, { node, op });
    if (a.t) checkTensorSize(a.t, `node '${node}' (${op}) attribute '${key}'`, maxTensorBytes);
    out[key] = decodeAttr(a, baseDir);
  }
  return out;
}

function decodeAttr(a: AttributeProto, baseDir?: string): OnnxAttr {
  const t = a.type || inferAttrType(a);
  const decoders: Record<number, () => OnnxAttr> = {
    [ONNX_ATTR_TYPE.FLOAT]: () => a.f ?? 0,
    [ONNX_ATTR_TYPE.INT]: () => int64(a.i),
    [ONNX_ATTR_TYPE.STRING]: () => utf8.decode(a.s ?? new Uint8Array()),
    [ONNX_ATTR_TYPE.TENSOR]: () => {
      if (!a.t) throw new KilnError('ONNX_INVALID', `tensor attribute '${a.name}' has no tensor`);
      return tensorFromProto(a.t, { baseDir }).tensor;
    },
    [ONNX_ATTR_TYPE.GRAPH]: () => {
      if (!a.g) throw new KilnError('ONNX_INVALID', `graph attribute '${a.name}' has no graph`);
      return { graph: a.g };
    },
    [ONNX_ATTR_TYPE.FLOATS]: () => [...a.floats],
    [ONNX_ATTR_TYPE.INTS]: () => a.ints.map(int64),
    [ONNX_ATTR_TYPE.STRINGS]: () => a.strings.map((s) => utf8.decode(s)),
  };
  const d = decoders[t];
  if (!d) throw new KilnError('ONNX_UNSUPPORTED', `attribute '${a.name}' has unsupported type ${t}`);
  return d();
}

/** Old exporters leave `type` unset; infer it from which field is filled. */
function inferAttrType(a: AttributeProto): number {
  if (a.floats.length) return ONNX_ATTR_TYPE.FLOATS;
  if (a.ints.length) return ONNX_ATTR_TYPE.INTS;
  if (a.strings.length) return ONNX_ATTR_TYPE.STRINGS;
  if (a.t) return ONNX_ATTR_TYPE.TENSOR;
  if (a.g) return ONNX_ATTR_TYPE.GRAPH;
  if (hasOwn(a, 's')) return ONNX_ATTR_TYPE.STRING;
  if (hasOwn(a, 'i')) return ONNX_ATTR_TYPE.INT;
  return ONNX_ATTR_TYPE.FLOAT;
}

export { attrOr };

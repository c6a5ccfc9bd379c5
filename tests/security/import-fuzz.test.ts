// Structure-aware importer fuzz (issue 8): real models (the PyTorch-made fixtures and, when installed, a
// spread of the ONNX backend node tests) are decoded with kiln's own protobuf schema, mutated as a hostile
// or broken exporter would (nodes deleted, duplicated, reordered; names rewired to existing or dangling
// values; op types swapped; attributes dropped, added, retyped or set to extreme values; dims negative,
// zero or huge; dtypes and raw_data lengths changed; opsets changed; external data pointed at odd places;
// repeated fields truncated), re-encoded and imported. Every import must succeed or throw a KilnError;
// a TypeError, RangeError or anything else escaping is a bug, and so is a converter crash that the
// importer's safety net merely rewraps ("cannot convert node: ..."), which is counted and must stay zero.
// KILN_FUZZ_CASES scales the case count (default 10,000); KILN_FUZZ_SEED picks the PRNG seed.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { afterAll, describe, expect, it } from 'vitest';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import { CONVERTERS } from '../../compiler/onnx/ops/index.ts';
import { ONNX_PROTO } from '../../compiler/onnx/schema.ts';
import { KilnError } from '../../ir/errors.ts';
import { FIXTURES, haveOnnxTestData, ONNX_NODE_TESTS } from '../support/env.ts';
import { buildModel, f32Info } from '../support/onnx-builder.ts';

const CASES = Number(process.env.KILN_FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.KILN_FUZZ_SEED ?? 20260801);
/** One case slower than this is reported as a hang. */
const CASE_MS = 2_000;

const ModelType = protobuf.parse(ONNX_PROTO, { keepCase: true }).root.lookupType('onnx.ModelProto');

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = any;

/** xorshift128+ style PRNG (deterministic, seedable, fast). */
function prng(seed: number) {
  let a = seed >>> 0 || 1, b = (seed * 2654435761) >>> 0 || 2, c = 0x9e3779b9, d = 0x85ebca6b;
  const next = () => {
    const t = b << 9;
    let r = a * 5;
    r = ((r << 7) | (r >>> 25)) * 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = (d << 11) | (d >>> 21);
    return (r >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

function decode(bytes: Uint8Array): Obj {
  return ModelType.toObject(ModelType.decode(bytes), { longs: Number, arrays: true, defaults: false });
}
const encode = (m: Obj): Uint8Array => ModelType.encode(ModelType.fromObject(m)).finish();

// --- seeds -------------------------------------------------------------------------------------------
const NODE_TESTS = [
  'test_add', 'test_relu', 'test_conv_with_strides_padding', 'test_gemm_default_matrix_bias', 'test_reshape_extended_dims',
  'test_softmax_axis_1', 'test_transpose_default', 'test_concat_2d_axis_0', 'test_slice', 'test_gather_0', 'test_maxpool_2d_pads',
  'test_averagepool_2d_default', 'test_reduce_mean_keepdims_example', 'test_batchnorm_example', 'test_matmul_2d', 'test_squeeze',
  'test_unsqueeze_axis_0', 'test_expand_dim_changed', 'test_where_example', 'test_clip', 'test_pad', 'test_lstm_defaults', 'test_gru_defaults',
  'test_range_float_type_positive_delta', 'test_constantofshape_float_ones', 'test_split_equal_parts_1d', 'test_tile', 'test_cast_FLOAT_to_DOUBLE',
  'test_layer_normalization_2d_axis0', 'test_resize_upsample_scales_nearest', 'test_argmax_default_axis_example', 'test_cumsum_1d',
  'test_einsum_batch_matmul', 'test_topk', 'test_convtranspose', 'test_flatten_axis0', 'test_shape', 'test_gathernd_example_int32',
];

function loadSeeds(): { name: string; model: Obj }[] {
  const seeds: { name: string; model: Obj }[] = [];
  for (const d of readdirSync(FIXTURES).sort()) {
    const p = join(FIXTURES, d, 'model.onnx');
    if (existsSync(p)) seeds.push({ name: `fixture ${d}`, model: decode(readFileSync(p)) });
  }
  if (haveOnnxTestData()) {
    for (const t of NODE_TESTS) {
      const p = join(ONNX_NODE_TESTS, t, 'model.onnx');
      if (existsSync(p)) seeds.push({ name: `node ${t}`, model: decode(readFileSync(p)) });
    }
  }
  return seeds;
}

// --- mutations ---------------------------------------------------------------------------------------
const OPS = [...Object.keys(CONVERTERS), 'Frobnicate', ''];
const ATTR_NAMES = ['axis', 'axes', 'perm', 'kernel_shape', 'strides', 'pads', 'dilations', 'group', 'keepdims', 'alpha', 'beta', 'epsilon',
  'transA', 'transB', 'to', 'mode', 'value', 'split', 'hidden_size', 'direction', 'activations', 'auto_pad', 'ceil_mode', 'starts', 'ends',
  'k', 'largest', 'sorted', 'exclusive', 'reverse', 'equation', 'blocksize', 'output_padding', 'output_shape', 'momentum', 'min', 'max'];
const EXTREME_INTS = [0, 1, -1, 2, 3, -2, 7, -100, 1000, 65_536, 2 ** 31 - 1, -(2 ** 31), 2 ** 40, -(2 ** 40), Number.MAX_SAFE_INTEGER];
const EXTREME_FLOATS = [0, -0, 1, -1, 0.5, 1e-30, 1e30, Infinity, -Infinity, NaN, 3.4e38];
const DIMS = [0, 1, 2, 3, -1, -7, 1000, 2 ** 31 - 1, 2 ** 33, 2 ** 53 - 1, 5e6];
const DTYPES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 99, -1];
const ODD_LOCATIONS = ['../outside.bin', '/etc/passwd', '/dev/zero', 'missing.bin', '', 'sub/../../outside.bin', 'link_out', 'fifo_or_dir', 'a\0b', 'data.bin', 'data.bin/..', '.'];

function valueNames(m: Obj): string[] {
  const g = m.graph ?? {};
  const names = new Set<string>();
  for (const i of g.input ?? []) names.add(i.name ?? '');
  for (const t of g.initializer ?? []) names.add(t.name ?? '');
  for (const n of g.node ?? []) for (const o of n.output ?? []) names.add(o);
  return [...names];
}

function someTensor(m: Obj, r: Rng): Obj | undefined {
  const g = m.graph ?? {};
  const ts: Obj[] = [...(g.initializer ?? [])];
  for (const n of g.node ?? []) for (const a of n.attribute ?? []) if (a.t) ts.push(a.t);
  return ts.length ? r.pick(ts) : undefined;
}

function someValueInfo(m: Obj, r: Rng): Obj | undefined {
  const g = m.graph ?? {};
  const vs: Obj[] = [...(g.input ?? []), ...(g.output ?? [])];
  return vs.length ? r.pick(vs) : undefined;
}

function randomAttr(r: Rng, name?: string): Obj {
  const a: Obj = { name: name ?? r.pick(ATTR_NAMES) };
  const type = r.int(9);
  if (r.chance(0.9)) a.type = type;
  switch (type) {
    case 1: a.f = r.pick(EXTREME_FLOATS); break;
    case 2: a.i = r.pick(EXTREME_INTS); break;
    case 3: a.s = new TextEncoder().encode(r.pick(['', 'NOTSET', 'SAME_UPPER', 'constant', 'reflect', 'ij,jk->ik', '\u0000', 'x'.repeat(300)])); break;
    case 4: a.t = { dims: [r.pick(DIMS)], data_type: r.pick(DTYPES), raw_data: new Uint8Array(r.int(20)) }; break;
    case 5: a.g = { name: 'sub' }; break;
    case 6: a.floats = Array.from({ length: r.int(6) }, () => r.pick(EXTREME_FLOATS)); break;
    case 7: a.ints = Array.from({ length: r.int(9) }, () => r.pick(EXTREME_INTS)); break;
    case 8: a.strings = Array.from({ length: r.int(4) }, () => new TextEncoder().encode(r.pick(['Tanh', 'Sigmoid', 'Relu', '', 'bogus']))); break;
    default: break; // a type-0 attribute with nothing set
  }
  return a;
}

type Mutation = (m: Obj, r: Rng) => string;
const MUTATIONS: Record<string, Mutation> = {
  deleteNode(m, r) { const ns = m.graph?.node ?? []; if (!ns.length) return 'skip'; ns.splice(r.int(ns.length), 1); return 'ok'; },
  duplicateNode(m, r) { const ns = m.graph?.node ?? []; if (!ns.length) return 'skip'; const i = r.int(ns.length); ns.splice(r.int(ns.length + 1), 0, structuredClone(ns[i])); return 'ok'; },
  reorderNodes(m, r) {
    const ns = m.graph?.node ?? [];
    if (ns.length < 2) return 'skip';
    if (r.chance(0.3)) ns.reverse();
    else { const i = r.int(ns.length), j = r.int(ns.length); [ns[i], ns[j]] = [ns[j], ns[i]]; }
    return 'ok';
  },
  rewireInput(m, r) {
    const ns = (m.graph?.node ?? []).filter((n: Obj) => n.input?.length);
    if (!ns.length) return 'skip';
    const n: Obj = r.pick(ns);
    n.input[r.int(n.input.length)] = r.chance(0.6) ? r.pick(valueNames(m)) : r.pick(['', 'dangling', '__proto__', 'constructor']);
    return 'ok';
  },
  rewireOutput(m, r) {
    const ns = (m.graph?.node ?? []).filter((n: Obj) => n.output?.length);
    if (!ns.length) return 'skip';
    const n: Obj = r.pick(ns);
    n.output[r.int(n.output.length)] = r.chance(0.5) ? r.pick(valueNames(m)) : r.pick(['', 'fresh', '__proto__', 'toString']);
    return 'ok';
  },
  renameGraphIO(m, r) {
    const v = someValueInfo(m, r);
    if (!v) return 'skip';
    v.name = r.chance(0.5) ? r.pick(valueNames(m)) : r.pick(['', 'nowhere', 'hasOwnProperty']);
    return 'ok';
  },
  addInputsOutputs(m, r) {
    const ns = m.graph?.node ?? [];
    if (!ns.length) return 'skip';
    const n: Obj = r.pick(ns);
    if (r.chance(0.5)) n.input = [...(n.input ?? []), ...Array.from({ length: 1 + r.int(3) }, () => r.pick([...valueNames(m), '']))];
    else n.output = [...(n.output ?? []), ...Array.from({ length: 1 + r.int(3) }, (_, k) => `extra_${k}`)];
    return 'ok';
  },
  changeOp(m, r) { const ns = m.graph?.node ?? []; if (!ns.length) return 'skip'; (r.pick(ns) as Obj).op_type = r.pick(OPS); return 'ok'; },
  changeDomain(m, r) { const ns = m.graph?.node ?? []; if (!ns.length) return 'skip'; (r.pick(ns) as Obj).domain = r.pick(['', 'ai.onnx', 'com.microsoft', 'ai.onnx.ml']); return 'ok'; },
  dropAttr(m, r) {
    const ns = (m.graph?.node ?? []).filter((n: Obj) => n.attribute?.length);
    if (!ns.length) return 'skip';
    const n: Obj = r.pick(ns);
    n.attribute.splice(r.int(n.attribute.length), 1);
    return 'ok';
  },
  addAttr(m, r) {
    const ns = m.graph?.node ?? [];
    if (!ns.length) return 'skip';
    const n: Obj = r.pick(ns);
    n.attribute = [...(n.attribute ?? []), randomAttr(r)];
    return 'ok';
  },
  retypeAttr(m, r) {
    const ns = (m.graph?.node ?? []).filter((n: Obj) => n.attribute?.length);
    if (!ns.length) return 'skip';
    const n: Obj = r.pick(ns);
    const i = r.int(n.attribute.length);
    n.attribute[i] = randomAttr(r, n.attribute[i].name);
    return 'ok';
  },
  extremeAttrValue(m, r) {
    const ns = (m.graph?.node ?? []).filter((n: Obj) => n.attribute?.length);
    if (!ns.length) return 'skip';
    const a: Obj = r.pick((r.pick(ns) as Obj).attribute as Obj[]);
    if (a.ints?.length) a.ints[r.int(a.ints.length)] = r.pick(EXTREME_INTS);
    else if (a.floats?.length) a.floats[r.int(a.floats.length)] = r.pick(EXTREME_FLOATS);
    else if (a.i !== undefined) a.i = r.pick(EXTREME_INTS);
    else if (a.f !== undefined) a.f = r.pick(EXTREME_FLOATS);
    else if (a.t) a.t.dims = (a.t.dims ?? []).map(() => r.pick(DIMS));
    else return 'skip';
    return 'ok';
  },
  changeDims(m, r) {
    if (r.chance(0.5)) {
      const v = someValueInfo(m, r);
      const dims = v?.type?.tensor_type?.shape?.dim;
      if (!dims) return 'skip';
      if (!dims.length || r.chance(0.2)) dims.push({ dim_value: r.pick(DIMS) });
      else if (r.chance(0.2)) dims[r.int(dims.length)] = { dim_param: 'N' };
      else if (r.chance(0.1)) dims.splice(r.int(dims.length), 1);
      else dims[r.int(dims.length)] = { dim_value: r.pick(DIMS) };
      return 'ok';
    }
    const t = someTensor(m, r);
    if (!t) return 'skip';
    t.dims = t.dims ?? [];
    if (!t.dims.length || r.chance(0.2)) t.dims.push(r.pick(DIMS));
    else if (r.chance(0.2)) t.dims.pop();
    else t.dims[r.int(t.dims.length)] = r.pick(DIMS);
    return 'ok';
  },
  changeTensorDtype(m, r) { const t = someTensor(m, r); if (!t) return 'skip'; t.data_type = r.pick(DTYPES); return 'ok'; },
  changeElemType(m, r) { const v = someValueInfo(m, r); if (!v?.type?.tensor_type) return 'skip'; v.type.tensor_type.elem_type = r.pick(DTYPES); return 'ok'; },
  dropType(m, r) {
    const v = someValueInfo(m, r);
    if (!v) return 'skip';
    if (r.chance(0.5)) delete v.type;
    else v.type = { sequence_type: new Uint8Array([8, 1]) };
    return 'ok';
  },
  rawDataLength(m, r) {
    const t = someTensor(m, r);
    if (!t) return 'skip';
    const raw: Uint8Array = t.raw_data ?? new Uint8Array();
    const len = r.pick([0, 1, 3, Math.max(0, raw.length - 1), raw.length + 1, raw.length * 2, Math.floor(raw.length / 2)]);
    const out = new Uint8Array(len);
    out.set(raw.subarray(0, len));
    t.raw_data = out;
    if (r.chance(0.3)) { t.float_data = [1, 2, 3]; }
    return 'ok';
  },
  typedDataFields(m, r) {
    const t = someTensor(m, r);
    if (!t) return 'skip';
    delete t.raw_data;
    const n = r.pick([0, 1, 2, 5, 64]);
    const field = r.pick(['float_data', 'int32_data', 'int64_data', 'double_data', 'uint64_data', 'string_data']);
    t[field] = Array.from({ length: n }, (_, i) => (field === 'string_data' ? new Uint8Array([65 + i]) : field === 'uint64_data' ? i : r.pick([...EXTREME_INTS, 0.5, -3])));
    if (field === 'uint64_data' || field === 'int64_data' || field === 'int32_data') t[field] = t[field].map((v: number) => (Number.isFinite(v) ? Math.trunc(Math.abs(v) > 2 ** 52 ? 2 ** 52 : v) : 0)).map((v: number) => (field === 'uint64_data' ? Math.abs(v) : field === 'int32_data' ? v | 0 : v));
    return 'ok';
  },
  opset(m, r) {
    const ops = m.opset_import ?? (m.opset_import = []);
    const v = r.pick([0, -1, 1, 6, 7, 9, 11, 13, 17, 18, 20, 21, 99, 2 ** 40]);
    const what = r.int(4);
    if (what === 0 && ops.length) ops[0].version = v;
    else if (what === 1) ops.push({ domain: r.pick(['', 'ai.onnx', 'com.microsoft']), version: v });
    else if (what === 2) ops.length = 0;
    else if (ops.length) ops[0].domain = r.pick(['', 'ai.onnx', 'ai.onnx.ml', 'bogus']);
    if (r.chance(0.2)) m.ir_version = r.pick([0, -1, 3, 4, 9, 100]);
    return 'ok';
  },
  externalData(m, r) {
    const t = someTensor(m, r);
    if (!t) return 'skip';
    t.data_location = r.pick([1, 1, 1, 0, 2, -1]);
    const entries: Obj[] = [{ key: 'location', value: r.pick(ODD_LOCATIONS) }];
    if (r.chance(0.5)) entries.push({ key: 'offset', value: r.pick(['0', '4', '-4', '1e9', 'abc', '9007199254740993', '3']) });
    if (r.chance(0.5)) entries.push({ key: 'length', value: r.pick(['0', '4', '16', '-1', '1e12', 'x', '']) });
    if (r.chance(0.1)) entries.push({ key: 'location', value: 'data.bin' });
    if (r.chance(0.1)) entries.shift();
    t.external_data = entries;
    if (r.chance(0.7)) delete t.raw_data;
    return 'ok';
  },
  truncateRepeated(m, r) {
    const g = m.graph;
    if (!g) return 'skip';
    const lists: Obj[][] = [g.node, g.input, g.output, g.initializer, g.value_info, m.opset_import].filter((l) => l?.length);
    for (const n of g.node ?? []) lists.push(...[n.input, n.output, n.attribute].filter((l) => l?.length));
    for (const t of g.initializer ?? []) if (t.dims?.length) lists.push(t.dims);
    if (!lists.length) return 'skip';
    const l = r.pick(lists);
    l.length = r.int(l.length);
    return 'ok';
  },
  dropGraph(m, r) {
    if (r.chance(0.5)) delete m.graph;
    else m.graph = { name: 'empty', node: r.chance(0.5) ? [] : [{ op_type: 'Relu', input: ['x'], output: ['y'] }], output: r.chance(0.5) ? [{ name: 'y' }] : [] };
    return 'ok';
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);
/** dropGraph ends most interesting paths early; pick it rarely. */
const WEIGHTS = MUTATION_NAMES.map((k) => (k === 'dropGraph' ? 0.2 : 1));
function pickMutation(r: Rng): string {
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  let x = r.next() * total;
  for (let i = 0; i < WEIGHTS.length; i++) if ((x -= WEIGHTS[i]) < 0) return MUTATION_NAMES[i];
  return MUTATION_NAMES[0];
}

// --- the sandbox folder external data resolves in -----------------------------------------------------
const root = mkdtempSync(join(tmpdir(), 'kiln-import-fuzz-'));
const baseDir = join(root, 'model');
mkdirSync(baseDir);
writeFileSync(join(root, 'outside.bin'), new Uint8Array(64));
writeFileSync(join(baseDir, 'data.bin'), new Uint8Array(Float32Array.from({ length: 16 }, (_, i) => i).buffer));
symlinkSync(join(root, 'outside.bin'), join(baseDir, 'link_out'));
mkdirSync(join(baseDir, 'fifo_or_dir'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 'ok', 'kiln' (a KilnError) or 'wrapped' (a converter crash the importer rewrapped); throws anything else. */
function importOnce(bytes: Uint8Array): { result: 'ok' | 'kiln' | 'wrapped'; message?: string } {
  try {
    importOnnx(bytes, { baseDir, path: 'fuzz.onnx' });
    return { result: 'ok' };
  } catch (e) {
    if (!(e instanceof KilnError)) throw e;
    return /cannot convert node: /.test(e.message) ? { result: 'wrapped', message: e.message } : { result: 'kiln' };
  }
}

describe('importer fuzz (structure-aware)', () => {
  it(`${CASES} mutated real models give only imports or KilnErrors, each in bounded time and memory`, () => {
    const seeds = loadSeeds();
    expect(seeds.length).toBeGreaterThanOrEqual(18);
    // The seeds themselves import (or are refused cleanly: some node tests use ops kiln lacks).
    for (const s of seeds) importOnce(encode(s.model));
    const r = prng(SEED);
    const rss0 = process.memoryUsage().rss;
    const failures: string[] = [];
    const wrapped = new Map<string, string>();
    const tally = { ok: 0, kiln: 0, wrapped: 0 };
    let slowest = 0;
    const t0 = performance.now();
    for (let c = 0; c < CASES; c++) {
      const seed = r.pick(seeds);
      const m = structuredClone(seed.model);
      const applied: string[] = [];
      const count = 1 + r.int(4);
      for (let k = 0; k < count; k++) {
        const name = pickMutation(r);
        if (MUTATIONS[name](m, r) === 'ok') applied.push(name);
      }
      const what = `case ${c} (${seed.name}: ${applied.join(', ')})`;
      let bytes: Uint8Array;
      try {
        bytes = encode(m);
      } catch {
        continue; // the mutation made a message protobufjs cannot write (not the importer's business)
      }
      const start = performance.now();
      try {
        const { result, message } = importOnce(bytes);
        tally[result]++;
        if (result === 'wrapped') wrapped.set(message!.slice(0, 200), what);
      } catch (e) {
        failures.push(`${what}: ${(e as Error).stack?.split('\n').slice(0, 4).join(' | ')}`);
      }
      const ms = performance.now() - start;
      slowest = Math.max(slowest, ms);
      if (ms > CASE_MS) failures.push(`${what}: took ${ms.toFixed(0)} ms`);
    }
    const secs = (performance.now() - t0) / 1000;
    const rssGrowth = (process.memoryUsage().rss - rss0) / 2 ** 20;
    console.log(`import fuzz: ${CASES} cases over ${seeds.length} seeds in ${secs.toFixed(1)} s (slowest ${slowest.toFixed(0)} ms); ` +
      `${tally.ok} imported, ${tally.kiln} KilnErrors, ${tally.wrapped} rewrapped converter crashes, ${failures.length} failures; rss +${rssGrowth.toFixed(0)} MiB`);
    for (const [msg, where] of wrapped) console.log(`  rewrapped: ${msg}  <- ${where}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect([...wrapped].map(([msg, where]) => `${where}: ${msg}`)).toEqual([]);
    expect(rssGrowth).toBeLessThan(500);
  });
});

// --- regressions: cases the fuzz found, each once a raw TypeError rewrapped as "cannot convert node" ----
describe('importer fuzz regressions', () => {
  const x = (dims: number[]) => f32Info('x', dims);
  const refused = (bytes: Uint8Array, pattern: RegExp): void => {
    let err: unknown;
    try {
      importOnnx(bytes, { baseDir, path: 'regression.onnx' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KilnError);
    expect((err as Error).message).not.toMatch(/cannot convert node/);
    expect((err as Error).message).toMatch(pattern);
  };

  it('Constant whose value attribute is an int, not a tensor (was: Cannot use \'in\' operator)', () => {
    refused(buildModel({ nodes: [{ op: 'Constant', inputs: [], outputs: ['y'], attrs: [{ name: 'value', type: 2, i: 7 }] }], inputs: [], outputs: [f32Info('y', [])] }), /Constant with attribute 'value'/);
  });

  it.each(['Shape', 'MaxPool', 'AveragePool', 'Split', 'BatchNormalization'])('%s without input 0 (was: reading \'type\' of undefined)', (op) => {
    const attrs = op.endsWith('Pool') ? [{ name: 'kernel_shape', type: 7, ints: [2, 2] }] : [];
    refused(buildModel({ nodes: [{ op, inputs: op === 'BatchNormalization' ? ['', 'x', 'x', 'x', 'x'] : [], outputs: ['y'], attrs }], inputs: [x([3])], outputs: [f32Info('y', [3])] }), new RegExp(`${op} needs input 0`));
  });

  it('Pow without its exponent (was: reading \'type\' of undefined)', () => {
    refused(buildModel({ nodes: [{ op: 'Pow', inputs: ['x'], outputs: ['y'] }], inputs: [x([2, 2])], outputs: [f32Info('y', [2, 2])] }), /Pow needs input 1/);
  });

  it('LSTM activations given as ints (was: s.toLowerCase is not a function)', () => {
    const lstm = buildModel({
      nodes: [{ op: 'LSTM', inputs: ['x', 'w', 'r'], outputs: ['', 'h'], attrs: [{ name: 'hidden_size', type: 2, i: 3 }, { name: 'activations', type: 7, ints: [1, 2, 3] }] }],
      inputs: [x([1, 3, 2])],
      outputs: [f32Info('h', [1, 3, 3])],
      initializers: [
        { name: 'w', dims: [1, 12, 2], data_type: 1, float_data: new Array(24).fill(0.1) },
        { name: 'r', dims: [1, 12, 3], data_type: 1, float_data: new Array(36).fill(0.1) },
      ],
    });
    refused(lstm, /'activations' must be a list of strings/);
  });

  it('ConvTranspose output_shape given as an int (was: given.slice is not a function)', () => {
    refused(buildModel({
      nodes: [{ op: 'ConvTranspose', inputs: ['x', 'w'], outputs: ['y'], attrs: [{ name: 'output_shape', type: 2, i: 5 }] }],
      inputs: [x([1, 1, 3, 3])],
      outputs: [f32Info('y', [1, 2, 5, 5])],
      initializers: [{ name: 'w', dims: [1, 2, 3, 3], data_type: 1, float_data: new Array(18).fill(1) }],
    }), /'output_shape' must be a list of ints/);
  });

  it('an attribute of the wrong kind read through attrOr (Conv strides as an int) names the attribute', () => {
    refused(buildModel({
      nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attrs: [{ name: 'strides', type: 2, i: 2 }] }],
      inputs: [x([1, 1, 4, 4])],
      outputs: [f32Info('y', [1, 1, 2, 2])],
      initializers: [{ name: 'w', dims: [1, 1, 2, 2], data_type: 1, float_data: [1, 1, 1, 1] }],
    }), /attribute 'strides' must be a list of numbers, got a number/);
  });
});

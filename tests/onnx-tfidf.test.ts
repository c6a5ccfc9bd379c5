// TfIdfVectorizer (compiler/onnx/ops/tfidf.ts), decomposed at import into slices, Equal/And counts and a
// column MatMul, checked three ways:
// - the 7 ONNX backend node tests (their expected outputs are the reference) on the CPU interpreter and
//   on WebGPU;
// - random int tokens with skips, every mode, duplicate pool n-grams and a non-identity ngram_indexes,
//   against a brute-force reference written here from the spec in plain loops;
// - the refusals (string pools, inconsistent attributes, non-integer tokens), each naming the node and op.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportContext, type OnnxAttr } from '../compiler/onnx/context.ts';
import { importOnnx } from '../compiler/onnx/importer.ts';
import { CONVERTERS } from '../compiler/onnx/ops/index.ts';
import { Graph, type Value } from '../ir/graph.ts';
import { type Tensor, tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { haveOnnxTestData, ONNX_NODE_TESTS } from './support/env.ts';
import { kilnError } from './support/kiln-error.ts';
import { buildModel } from './support/onnx-builder.ts';
import { passesOnBothBackends } from './support/onnx-suites.ts';

/** Runs the converter on tokens x (a graph input) with the given attributes. */
function vectorize(x: Tensor, attrs: Record<string, OnnxAttr>): Tensor {
  const g = new Graph();
  const ctx = new ImportContext(g, 17, 'tfidf');
  const xs = g.addInput('x', x);
  g.outputs = CONVERTERS.TfIdfVectorizer(ctx, { name: 'tfidf', opType: 'TfIdfVectorizer', inputs: [xs], attrs, outputCount: 1 }) as Value[];
  return interpret(g, new Map([['x', x]]))[0];
}

interface Attrs {
  min_gram_length: number;
  max_gram_length: number;
  max_skip_count: number;
  mode: string;
  ngram_counts: number[];
  ngram_indexes: number[];
  pool_int64s: number[];
  weights?: number[];
}

/**
 * The spec in plain loops. For each row, each n-gram length n in [min, max] and each skip k (unigrams once,
 * at k = 0), every window x[i], x[i + k + 1], ... that fits is looked up among the pool n-grams of length n
 * (numbered across all lengths in ngram_counts order); the last pool entry equal to it gets one count in
 * column ngram_indexes[j]. Then TF: counts; IDF: (count > 0) * weight; TFIDF: count * weight (weight of
 * the output column, default 1).
 */
function reference(rows: number[][], a: Attrs): number[][] {
  const grams: { tokens: number[]; column: number }[] = [];
  let id = 0;
  a.ngram_counts.forEach((start, m) => {
    const end = m + 1 < a.ngram_counts.length ? a.ngram_counts[m + 1] : a.pool_int64s.length;
    for (let s = start; s < end; s += m + 1) grams.push({ tokens: a.pool_int64s.slice(s, s + m + 1), column: a.ngram_indexes[id++] });
  });
  const columns = Math.max(...a.ngram_indexes) + 1;
  return rows.map((x) => {
    const freq = new Array<number>(columns).fill(0);
    for (let n = a.min_gram_length; n <= a.max_gram_length; n++) {
      for (let k = 0; k <= (n === 1 ? 0 : a.max_skip_count); k++) {
        for (let i = 0; i + (n - 1) * (k + 1) < x.length; i++) {
          const win: number[] = [];
          for (let p = 0; p < n; p++) win.push(x[i + p * (k + 1)]);
          let last = -1;
          grams.forEach((g, j) => {
            if (g.tokens.length === n && g.tokens.every((t, p) => t === win[p])) last = j;
          });
          if (last >= 0) freq[grams[last].column]++;
        }
      }
    }
    const w = (c: number) => a.weights?.[c] ?? 1;
    return freq.map((f, c) => (a.mode === 'TF' ? f : a.mode === 'IDF' ? (f > 0 ? w(c) : 0) : f * w(c)));
  });
}

/** A small deterministic generator (LCG), so the random cases are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NODE_TESTS = haveOnnxTestData() ? readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_tfidfvectorizer_')).sort() : [];

describe.runIf(NODE_TESTS.length > 0)('TfIdfVectorizer ONNX node tests', () => {
  it('finds all 7', () => expect(NODE_TESTS.length).toBe(7));
  passesOnBothBackends(ONNX_NODE_TESTS, NODE_TESTS);
});

describe('TfIdfVectorizer against a brute-force reference', () => {
  // Tokens from a small alphabet so that many windows hit the pool; 1- to 3-grams, the 3-gram level in
  // the middle excluded by min_gram_length in some cases; a duplicated bigram; columns permuted, one shared, one unused.
  const pool = [1, 2, 3, 0, 1, 2, 2, 3, 1, 1, 2, 1, 2, 3, 0, 1, 2];
  const counts = [0, 4, 14];
  const indexes = [3, 0, 5, 1, 7, 2, 4, 9, 1, 8];
  const weights = [0.5, 2, 1.5, 3, 0.25, 1, 4, 0.75, 2.5, 1.25];
  const cases: [string, Partial<Attrs>, number[]][] = [
    ['TF, 1- to 3-grams, skips up to 3, 1-D', { min_gram_length: 1, max_gram_length: 3, max_skip_count: 3, mode: 'TF' }, [23]],
    ['TF, 2- and 3-grams, skips up to 2, [3, 17]', { min_gram_length: 2, max_gram_length: 3, max_skip_count: 2, mode: 'TF' }, [3, 17]],
    ['IDF with weights, unigrams only', { min_gram_length: 1, max_gram_length: 1, max_skip_count: 4, mode: 'IDF', weights }, [2, 9]],
    ['IDF without weights, 1- and 2-grams', { min_gram_length: 1, max_gram_length: 2, max_skip_count: 1, mode: 'IDF' }, [4, 11]],
    ['TFIDF with weights, 2-grams, skips past the row', { min_gram_length: 2, max_gram_length: 2, max_skip_count: 9, mode: 'TFIDF', weights }, [2, 8]],
    ['TFIDF without weights, 3-grams, short rows', { min_gram_length: 3, max_gram_length: 3, max_skip_count: 1, mode: 'TFIDF' }, [4, 6]],
  ];
  it.each(cases.map((c, i) => [...c, i] as const))('%s', (_name, over, shape, seed) => {
    const attrs: Attrs = { min_gram_length: 1, max_gram_length: 1, max_skip_count: 0, mode: 'TF', ngram_counts: counts, ngram_indexes: indexes, pool_int64s: pool, ...over };
    const next = lcg(seed + 1);
    const tokens = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.floor(next() * 4));
    const len = shape[shape.length - 1];
    // Plant the 3-gram [0, 1, 2] at skip 1 in the first row, so each case has a hit of every length.
    [0, 1, 2].forEach((t, p) => { if (2 * p < len) tokens[2 * p] = t; });
    const rows = Array.from({ length: tokens.length / len }, (_, r) => tokens.slice(r * len, (r + 1) * len));
    const want = reference(rows, attrs);
    const got = vectorize(tensor('i32', shape, tokens), attrs as unknown as Record<string, OnnxAttr>);
    expect(got.dtype).toBe('f32');
    expect(got.shape).toEqual(shape.length === 1 ? [10] : [shape[0], 10]);
    expect(Array.from(got.data)).toEqual(want.flat());
    expect(want.flat().some((v) => v > 0)).toBe(true);
  });

  it('counts nothing, and still has the output shape, when no window fits', () => {
    const attrs = { min_gram_length: 3, max_gram_length: 3, max_skip_count: 0, mode: 'TF', ngram_counts: counts, ngram_indexes: indexes, pool_int64s: pool };
    const got = vectorize(tensor('i32', [2, 2], [1, 2, 3, 0]), attrs);
    expect(got.shape).toEqual([2, 10]);
    expect(Array.from(got.data)).toEqual(new Array(20).fill(0));
  });

  it('takes an empty weights list as no weights', () => {
    const attrs = { min_gram_length: 1, max_gram_length: 1, max_skip_count: 0, mode: 'TFIDF', ngram_counts: [0], ngram_indexes: [0, 1], pool_int64s: [4, 5], weights: [] };
    expect(Array.from(vectorize(tensor('i32', [3], [5, 5, 4]), attrs).data)).toEqual([1, 2]);
  });

  it('never matches a pool token outside i32', () => {
    const attrs = { min_gram_length: 1, max_gram_length: 1, max_skip_count: 0, mode: 'TF', ngram_counts: [0], ngram_indexes: [0, 1], pool_int64s: [2 ** 33 + 5, 5] };
    expect(Array.from(vectorize(tensor('i32', [3], [5, 5, 1]), attrs).data)).toEqual([0, 2]);
  });
});

describe('TfIdfVectorizer refusals', () => {
  const base: Record<string, OnnxAttr> = { min_gram_length: 1, max_gram_length: 2, max_skip_count: 0, mode: 'TF', ngram_counts: [0, 2], ngram_indexes: [0, 1, 2], pool_int64s: [4, 5, 4, 5] };
  const refuse = (over: Record<string, OnnxAttr | undefined>, x = tensor('i32', [6], [4, 5, 4, 5, 1, 2])) => {
    const attrs = Object.fromEntries(Object.entries({ ...base, ...over }).filter(([, v]) => v !== undefined)) as Record<string, OnnxAttr>;
    const e = kilnError(() => vectorize(x, attrs));
    expect(e.context.node).toBe('tfidf');
    expect(e.context.op).toBe('TfIdfVectorizer');
    return e;
  };

  it('refuses string pools: strings are not a kiln dtype', () => {
    const e = refuse({ pool_int64s: undefined, pool_strings: ['a', 'b', 'a', 'b'] });
    expect(e.code).toBe('ONNX_UNSUPPORTED');
    expect(e.message).toMatch(/pool_strings.*strings are not a kiln dtype/);
  });

  it.each<[string, Record<string, OnnxAttr | undefined>, RegExp]>([
    ['min > max', { min_gram_length: 3 }, /max_gram_length 2 is less than min_gram_length 3/],
    ['min < 1', { min_gram_length: 0 }, /min_gram_length must be >= 1/],
    ['negative skips', { max_skip_count: -1 }, /max_skip_count must be >= 0/],
    ['a missing length', { max_gram_length: undefined }, /'max_gram_length' is required/],
    ['an unknown mode', { mode: 'BM25' }, /mode must be one of TF, IDF, TFIDF, got 'BM25'/],
    ['ngram_counts descending', { ngram_counts: [0, 3, 2] }, /ngram_counts must be non-decreasing/],
    ['ngram_counts not from 0', { ngram_counts: [1, 2] }, /ngram_counts must start at 0/],
    ['ngram_counts past the pool', { ngram_counts: [0, 5] }, /points past the pool's 4 entries/],
    ['a level not a multiple of its length', { ngram_counts: [0, 1] }, /the 2-grams .* are 3 tokens, not a multiple of 2/],
    ['too few ngram_indexes', { ngram_indexes: [0, 1] }, /the pool holds 3 n-grams .* but ngram_indexes has 2 entries/],
    ['too many ngram_indexes', { ngram_indexes: [0, 1, 2, 3] }, /the pool holds 3 n-grams .* but ngram_indexes has 4 entries/],
    ['a negative index', { ngram_indexes: [0, -1, 2] }, /ngram_indexes must be integers >= 0, got -1/],
    ['weights of another length', { mode: 'TFIDF', weights: [1, 2] }, /weights has 2 entries, ngram_indexes 3/],
    ['no pool', { pool_int64s: undefined }, /pool_int64s is required/],
  ])('refuses %s', (_name, over, message) => {
    const e = refuse(over);
    expect(e.code).toBe('ONNX_INVALID');
    expect(e.message).toMatch(message);
  });

  it('refuses float tokens and inputs of rank 3', () => {
    expect(refuse({}, tensor('f32', [4], [4, 5, 4, 5])).message).toMatch(/X must be an int32 or int64 tensor of tokens, got f32/);
    expect(refuse({}, tensor('i32', [1, 2, 2], [4, 5, 4, 5])).message).toMatch(/X must be \[C\] or \[N, C\], got \[1,2,2\]/);
  });

  it('refuses a whole model with a string pool at import, naming the node', () => {
    const INT = 2, INTS = 7, STRING = 3, STRINGS = 8;
    const bytes = buildModel({
      opset: 9,
      nodes: [{
        op: 'TfIdfVectorizer', inputs: ['x'], outputs: ['y'], name: 'vec',
        attrs: [
          { name: 'min_gram_length', type: INT, i: 1 }, { name: 'max_gram_length', type: INT, i: 1 }, { name: 'max_skip_count', type: INT, i: 0 },
          { name: 'mode', type: STRING, s: new TextEncoder().encode('TF') },
          { name: 'ngram_counts', type: INTS, ints: [0] }, { name: 'ngram_indexes', type: INTS, ints: [0, 1] },
          { name: 'pool_strings', type: STRINGS, strings: ['a', 'b'].map((s) => new TextEncoder().encode(s)) },
        ],
      }],
      inputs: [{ name: 'x', type: { tensor_type: { elem_type: 6, shape: { dim: [{ dim_value: 3 }] } } } }],
      outputs: [{ name: 'y' }],
    });
    const e = kilnError(() => importOnnx(bytes));
    expect(e.message).toMatch(/strings are not a kiln dtype/);
    expect(e.context.node).toBe('vec');
  });
});

// ONNX TfIdfVectorizer (opset 9) on integer tokens, decomposed at import: the output [C] or [B, C]
// (C = max(ngram_indexes) + 1) is static, and so is every n-gram window, so the op becomes
// - per n-gram length n in [min_gram_length, max_gram_length] and skip k in 0..max_skip_count (unigrams at
//   k = 0 only, as skips do not change them), the windows x[i], x[i + k + 1], ..., x[i + (n - 1)(k + 1)]:
//   for each position p of the window one static Slice per skip, concatenated over the skips;
// - each position compared (Equal) with position p of every pool n-gram of length n, the n results And-ed,
//   cast to f32 and summed over the windows: a count per pool n-gram [B, P_n];
// - the counts of all lengths times a constant 0/1 matrix [P, C] (pool n-gram j to column ngram_indexes[j]);
// - mode TF keeps the counts, IDF takes (count > 0) times the weights, TFIDF count times the weights
//   (weights default to 1; as in the ONNX reference, weight i scales output column i).
// Pool semantics follow the ONNX reference: ngram_counts[m] is where the (m + 1)-grams start in the pool,
// n-grams are numbered across all lengths (those outside [min, max] too), and an n-gram listed twice counts
// for its last entry only. String pools are refused: kiln has no string dtype.
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import { fmt } from '../../../ir/shape.ts';
import { tensor } from '../../../ir/tensor.ts';
import { attrOr, fail, type ImportContext, type OnnxConverter, type OnnxNode } from '../context.ts';

const MODES = ['TF', 'IDF', 'TFIDF'] as const;
type Mode = (typeof MODES)[number];

const I32_MIN = -(2 ** 31), I32_MAX = 2 ** 31 - 1;

/** One pool n-gram: its tokens and the output column it counts into. */
export interface PoolGram {
  tokens: number[];
  column: number;
}

export interface TfIdfSpec {
  minGram: number;
  maxGram: number;
  maxSkip: number;
  mode: Mode;
  /** Output columns: max(ngram_indexes) + 1. */
  columns: number;
  /** The pool n-grams whose length is in [minGram, maxGram], one per distinct n-gram, grouped by length. */
  grams: Map<number, PoolGram[]>;
  weights?: number[];
}

const intAttr = (n: OnnxNode, key: string): number => {
  const v = n.attrs[key];
  if (v === undefined) fail(n, `attribute '${key}' is required`);
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(n, `attribute '${key}' must be an integer, got ${JSON.stringify(v)}`);
  return v;
};

/** Reads and checks the attributes; every inconsistency is an ONNX_INVALID naming the node. */
export function tfidfSpec(n: OnnxNode): TfIdfSpec {
  if (n.attrs.pool_strings !== undefined) {
    throw new KilnError('ONNX_UNSUPPORTED', 'pool_strings is set: TfIdfVectorizer on string tokens needs string tensors, and strings are not a kiln dtype (pool_int64s with int32/int64 tokens is supported)', { node: n.name, op: n.opType });
  }
  const minGram = intAttr(n, 'min_gram_length'), maxGram = intAttr(n, 'max_gram_length'), maxSkip = intAttr(n, 'max_skip_count');
  if (minGram < 1) fail(n, `min_gram_length must be >= 1, got ${minGram}`);
  if (maxGram < minGram) fail(n, `max_gram_length ${maxGram} is less than min_gram_length ${minGram}`);
  if (maxSkip < 0) fail(n, `max_skip_count must be >= 0, got ${maxSkip}`);
  const mode = attrOr<string>(n, 'mode', '');
  if (!(MODES as readonly string[]).includes(mode)) fail(n, `mode must be one of ${MODES.join(', ')}, got '${mode}'`);
  const pool = attrOr<number[]>(n, 'pool_int64s', []);
  const counts = attrOr<number[]>(n, 'ngram_counts', []);
  const indexes = attrOr<number[]>(n, 'ngram_indexes', []);
  if (n.attrs.pool_int64s === undefined) fail(n, 'attribute pool_int64s is required (the pool of n-grams)');
  if (indexes.length === 0) fail(n, 'ngram_indexes must not be empty (it sets the output size, max(ngram_indexes) + 1)');
  if (counts.length === 0) fail(n, 'ngram_counts must not be empty (where the 1-grams, 2-grams, ... start in the pool)');
  if (counts[0] !== 0) fail(n, `ngram_counts must start at 0 (the 1-grams start the pool), got ${fmt(counts)}`);
  for (let m = 1; m < counts.length; m++) {
    if (counts[m] < counts[m - 1]) fail(n, `ngram_counts must be non-decreasing, got ${fmt(counts)}`);
  }
  if (counts[counts.length - 1] > pool.length) fail(n, `ngram_counts ${fmt(counts)} points past the pool's ${pool.length} entries`);
  const bad = indexes.find((c) => !Number.isInteger(c) || c < 0);
  if (bad !== undefined) fail(n, `ngram_indexes must be integers >= 0, got ${bad}`);
  const columns = Math.max(...indexes) + 1;

  // Number the pool n-grams across all lengths; keep those of length in [min, max], the last of duplicates.
  const byKey = new Map<string, PoolGram>();
  let id = 0;
  for (let m = 0; m < counts.length; m++) {
    const size = m + 1, start = counts[m], end = m + 1 < counts.length ? counts[m + 1] : pool.length;
    if ((end - start) % size !== 0) fail(n, `the ${size}-grams (pool entries ${start}..${end - 1}) are ${end - start} tokens, not a multiple of ${size}`);
    for (let s = start; s < end; s += size, id++) {
      if (id >= indexes.length) continue; // reported below with the total
      if (size < minGram || size > maxGram) continue;
      const tokens = pool.slice(s, s + size);
      // A token outside i32 can match no input token (int64 inputs are narrowed to i32 with a range check).
      if (tokens.some((t) => t < I32_MIN || t > I32_MAX)) continue;
      const key = tokens.join(',');
      byKey.delete(key);
      byKey.set(key, { tokens, column: indexes[id] });
    }
  }
  if (id !== indexes.length) fail(n, `the pool holds ${id} n-grams (by ngram_counts ${fmt(counts)}) but ngram_indexes has ${indexes.length} entries`);
  const grams = new Map<number, PoolGram[]>();
  for (const g of byKey.values()) grams.set(g.tokens.length, [...(grams.get(g.tokens.length) ?? []), g]);

  let weights: number[] | undefined;
  // An empty weights list is no weights, as in the ONNX reference.
  if (attrOr<number[]>(n, 'weights', []).length > 0 && mode !== 'TF') {
    weights = attrOr<number[]>(n, 'weights', []);
    if (weights.length !== indexes.length) fail(n, `weights has ${weights.length} entries, ngram_indexes ${indexes.length}: one weight per pool n-gram`);
    if (weights.length < columns) fail(n, `weights has ${weights.length} entries for ${columns} output columns (weight i scales output column i)`);
    weights = weights.slice(0, columns);
  }
  return { minGram, maxGram, maxSkip, mode: mode as Mode, columns, grams, weights };
}

/** Counts [B, P_n] of the length-n pool n-grams over the windows of x [B, L] at every skip. */
function countGrams(ctx: ImportContext, x: Value, size: number, grams: PoolGram[], maxSkip: number): Value | undefined {
  const len = x.type.shape[1];
  const dists = (size === 1 ? [1] : Array.from({ length: maxSkip + 1 }, (_, k) => k + 1)).filter((d) => len - (size - 1) * d > 0);
  if (dists.length === 0) return undefined;
  const windows = dists.reduce((w, d) => w + len - (size - 1) * d, 0);
  let hit: Value | undefined;
  for (let p = 0; p < size; p++) {
    const parts = dists.map((d) => ctx.emit1('Slice', [x], { starts: [p * d], ends: [p * d + len - (size - 1) * d], axes: [1] }));
    const tokens = parts.length === 1 ? parts[0] : ctx.emit1('Concat', parts, { axis: 1 });
    const col = ctx.emit1('Reshape', [tokens], { shape: [x.type.shape[0], windows, 1] });
    const want = ctx.constant(tensor('i32', [grams.length], grams.map((g) => g.tokens[p])), `pool${size}_${p}`);
    const eq = ctx.emit1('Equal', [col, want]);
    hit = hit ? ctx.emit1('And', [hit, eq]) : eq;
  }
  return ctx.emit1('ReduceSum', [ctx.emit1('Cast', [hit!], { to: 'f32' })], { axes: [1], keepdims: 0 });
}

const tfidfVectorizer: OnnxConverter = (ctx, n) => {
  const spec = tfidfSpec(n);
  const x0 = n.inputs[0];
  if (!x0) fail(n, 'input X is required');
  if (x0.type.dtype !== 'i32') fail(n, `X must be an int32 or int64 tensor of tokens, got ${x0.type.dtype}`);
  const rank = x0.type.shape.length;
  if (rank !== 1 && rank !== 2) fail(n, `X must be [C] or [N, C], got ${fmt(x0.type.shape)}`);
  const x = rank === 1 ? ctx.emit1('Reshape', [x0], { shape: [1, x0.type.shape[0]] }) : x0;
  const batch = x.type.shape[0], cols = spec.columns;

  const counts: Value[] = [], order: PoolGram[] = [];
  for (const [size, grams] of [...spec.grams].sort((a, b) => a[0] - b[0])) {
    const c = countGrams(ctx, x, size, grams, spec.maxSkip);
    if (!c) continue;
    counts.push(c);
    order.push(...grams);
  }
  let y: Value;
  if (counts.length === 0) {
    ctx.reserve(n.opType, [[batch, cols]]);
    y = ctx.constant(tensor('f32', [batch, cols], new Float32Array(batch * cols)), 'zeros');
  } else {
    ctx.reserve(n.opType, [[order.length, cols]]);
    const scatter = new Float32Array(order.length * cols);
    order.forEach((g, j) => { scatter[j * cols + g.column] = 1; });
    const all = counts.length === 1 ? counts[0] : ctx.emit1('Concat', counts, { axis: 1 });
    y = ctx.emit1('MatMul', [all, ctx.constant(tensor('f32', [order.length, cols], scatter), 'columns')]);
  }
  if (spec.mode === 'IDF') y = ctx.emit1('Cast', [ctx.emit1('Greater', [y, ctx.constant(tensor('f32', [], [0]), 'zero')])], { to: 'f32' });
  if (spec.mode !== 'TF' && spec.weights) y = ctx.emit1('Mul', [y, ctx.constant(tensor('f32', [cols], spec.weights), 'weights')]);
  return [rank === 1 ? ctx.emit1('Reshape', [y], { shape: [cols] }) : y];
};

export const TFIDF_CONVERTERS: Record<string, OnnxConverter> = {
  TfIdfVectorizer: tfidfVectorizer,
};

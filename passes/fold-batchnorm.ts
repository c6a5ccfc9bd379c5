// BatchNorm folding for frozen inference. An inference BatchNormalization (training_mode=0, one output)
// whose input is the sole use of a Conv, ConvTranspose or Gemm output with constant weights is folded
// into that node:
//   s = scale / sqrt(var + eps)         per output channel c
//   W'[c, ...] = W[c, ...] * s[c]       (Gemm: row c of B when transB=1, column c otherwise;
//                                        ConvTranspose: W[i, j, ...] of output channel group(i)*M/group + j)
//   b'[c] = (b[c] - mean[c]) * s[c] + B[c]   (Gemm: b = beta * C, and beta becomes 1)
// computed in float64 into new constants; the contraction then defines the BatchNorm's output Value and
// the BatchNorm node goes. Parameters are read, never changed; the ones left unused are dropped by DCE.
// So this pass belongs only in pipelines for frozen weights: never in training, never where parameters
// stay live (a trainer's eval program shares the train program's parameter buffers by name).
import type { Graph, Node, Value } from '../ir/graph.ts';
import { numel } from '../ir/shape.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';
import type { Pass } from './pass.ts';

type Fold = (g: Graph, n: Node, s: Float64Array, shift: Float64Array) => Node | undefined;

/** A constant that a step program does not update (parameters allowed: their values are frozen here). */
const fixed = (g: Graph, v: Value | undefined): Tensor | undefined => (v && !g.updates.has(v) ? g.constants.get(v) : undefined);

/** b' = b * s + shift, with b given per channel (or absent: zero). */
const foldedBias = (b: ArrayLike<number> | undefined, s: Float64Array, shift: Float64Array): number[] =>
  Array.from(s, (sc, c) => (b ? b[c] : 0) * sc + shift[c]);

/** The bias as one value per channel: absent, a single broadcast value, or a vector of the channels. */
function perChannel(t: Tensor | undefined, channels: number, scale = 1): number[] | undefined {
  if (!t) return Array(channels).fill(0);
  const n = numel(t.shape);
  if (n === 1) return Array(channels).fill(t.data[0] * scale);
  if (n !== channels || t.shape[t.shape.length - 1] !== channels) return undefined;
  return Array.from(t.data, (v) => v * scale);
}

const foldConv: Fold = (g, n, s, shift) => {
  const w = fixed(g, n.inputs[1]), m = s.length;
  const bias = n.inputs[2] ? fixed(g, n.inputs[2]) : undefined;
  if (!w || (n.inputs[2] && !bias)) return undefined;
  const inner = w.data.length / m;
  const wd = Array.from(w.data, (v, i) => v * s[Math.floor(i / inner)]);
  const W = g.addConstant(tensor(w.dtype, w.shape, wd), `${n.inputs[1]!.name}/bn_folded`);
  const B = g.addConstant(tensor(w.dtype, [m], foldedBias(bias?.data, s, shift)), `${n.name}/bn_folded_bias`);
  return { ...n, inputs: [n.inputs[0], W, B] };
};

const foldGemm: Fold = (g, n, s, shift) => {
  const w = fixed(g, n.inputs[1]), m = s.length;
  const c = n.inputs[2] ? fixed(g, n.inputs[2]) : undefined;
  if (!w || (n.inputs[2] && !c)) return undefined;
  const bias = perChannel(c, m, n.attrs.beta as number);
  if (!bias) return undefined;
  const cols = w.shape[1];
  const channelOf = n.attrs.transB ? (i: number) => Math.floor(i / cols) : (i: number) => i % cols;
  const W = g.addConstant(tensor(w.dtype, w.shape, Array.from(w.data, (v, i) => v * s[channelOf(i)])), `${n.inputs[1]!.name}/bn_folded`);
  const C = g.addConstant(tensor(w.dtype, [m], foldedBias(bias, s, shift)), `${n.name}/bn_folded_bias`);
  return { ...n, inputs: [n.inputs[0], W, C], attrs: { ...n.attrs, beta: 1 } };
};

/** ConvTranspose: W is [C, M/group, k...]; element i belongs to output channel group(c) * M/group + j. */
const foldConvTranspose: Fold = (g, n, s, shift) => {
  const w = fixed(g, n.inputs[1]), m = s.length;
  const bias = n.inputs[2] ? fixed(g, n.inputs[2]) : undefined;
  if (!w || (n.inputs[2] && !bias)) return undefined;
  const perGroup = w.shape[1], inner = numel(w.shape.slice(2)), inPerGroup = w.shape[0] / (n.attrs.group as number);
  const channelOf = (i: number): number => Math.floor(Math.floor(i / (inner * perGroup)) / inPerGroup) * perGroup + (Math.floor(i / inner) % perGroup);
  const W = g.addConstant(tensor(w.dtype, w.shape, Array.from(w.data, (v, i) => v * s[channelOf(i)])), `${n.inputs[1]!.name}/bn_folded`);
  const B = g.addConstant(tensor(w.dtype, [m], foldedBias(bias?.data, s, shift)), `${n.name}/bn_folded_bias`);
  return { ...n, inputs: [n.inputs[0], W, B] };
};

const FOLDS: Readonly<Partial<Record<Node['op'], Fold>>> = { Conv: foldConv, ConvTranspose: foldConvTranspose, Gemm: foldGemm };

/** s and shift (B - mean * s) of an inference BatchNorm with constant statistics, or undefined. */
function bnAffine(g: Graph, bn: Node): [Float64Array, Float64Array] | undefined {
  if (bn.attrs.training_mode || bn.outputs.length !== 1) return undefined;
  const [scale, b, mean, variance] = bn.inputs.slice(1).map((v) => fixed(g, v));
  if (!scale || !b || !mean || !variance) return undefined;
  const eps = bn.attrs.epsilon as number;
  const s = Float64Array.from(scale.data, (sc, c) => sc / Math.sqrt(variance.data[c] + eps));
  return [s, Float64Array.from(s, (sc, c) => b.data[c] - mean.data[c] * sc)];
}

export function foldBatchNorms(g: Graph): number {
  const uses = new Map<Value, number>();
  for (const n of g.nodes) for (const v of n.inputs) if (v) uses.set(v, (uses.get(v) ?? 0) + 1);
  const pinned = new Set([...g.outputs, ...g.updates.values()]);
  const producer = new Map<Value, number>();
  g.nodes.forEach((n, i) => n.outputs.forEach((v) => producer.set(v, i)));
  const dropped = new Set<Node>();
  let folded = 0;
  for (const bn of g.nodes) {
    if (bn.op !== 'BatchNormalization') continue;
    const x = bn.inputs[0]!;
    const at = producer.get(x);
    const prev = at === undefined ? undefined : g.nodes[at];
    const fold = prev && FOLDS[prev.op];
    if (!prev || !fold || prev.outputs.length !== 1 || uses.get(x) !== 1 || pinned.has(x)) continue;
    const affine = bnAffine(g, bn);
    const rewritten = affine && fold(g, prev, ...affine);
    if (!rewritten) continue;
    g.nodes[at!] = { ...rewritten, outputs: bn.outputs };
    dropped.add(bn);
    folded++;
  }
  g.nodes = g.nodes.filter((n) => !dropped.has(n));
  return folded;
}

export const foldBatchNorm: Pass = { name: 'fold-batchnorm', run: (g) => void foldBatchNorms(g) };

// The functional API (PyTorch torch.nn.functional): stateless layer computations on symbolic tensors,
// each lowered to the IR op of the same meaning (Gemm, Conv, MaxPool, BatchNormalization, ...).
import { KilnError } from '../../ir/errors.ts';
import { fmt } from '../../ir/shape.ts';
import { activeTracer, emit, emit1, type Operand, randomDropout, sym } from './tracer.ts';
import { filled, tuple } from './module.ts';
import type { SymTensor } from './tensor.ts';

export type IntOr = number | readonly number[];

/** y = x W^T + b: Gemm for 2-D input, MatMul + Add otherwise (as PyTorch exports it). */
export function linear(x: SymTensor, weight: Operand, bias?: Operand): SymTensor {
  if (x.rank === 2) return emit1('Gemm', [x, weight, bias], { transB: 1 });
  const y = x.matmul(sym(weight).t());
  return bias === undefined ? y : y.add(bias);
}

/** Spatial dims of an N x C x spatial input; checks the rank a layer expects. */
function spatialRank(x: SymTensor, nd: number, layer: string): void {
  if (x.rank !== nd + 2) throw new KilnError('USAGE', `${layer} expects a ${nd + 2}-D input (N, C, ${nd === 1 ? 'L' : 'H, W'}), got ${fmt(x.shape)}`);
}

export interface ConvOptions {
  stride?: IntOr;
  /** Per-side zero padding, or 'same' / 'valid'. */
  padding?: IntOr | 'same' | 'valid';
  dilation?: IntOr;
  groups?: number;
}

/** N-D convolution; weight [out, in/groups, k...]. */
export function conv(x: SymTensor, weight: Operand, bias: Operand | undefined, nd: number, o: ConvOptions = {}): SymTensor {
  spatialRank(x, nd, `conv${nd}d`);
  const w = sym(weight);
  const k = w.shape.slice(2);
  const strides = tuple(o.stride ?? 1, nd, 'stride'), dilations = tuple(o.dilation ?? 1, nd, 'dilation');
  let begin: number[], end: number[];
  if (o.padding === 'same') {
    if (strides.some((s) => s !== 1)) throw new KilnError('USAGE', "padding='same' needs stride 1 (as in PyTorch)");
    const total = k.map((kk, d) => dilations[d] * (kk - 1));
    begin = total.map((t) => Math.floor(t / 2));
    end = total.map((t, d) => t - begin[d]);
  } else {
    begin = o.padding === 'valid' ? new Array<number>(nd).fill(0) : tuple(o.padding ?? 0, nd, 'padding');
    end = begin;
  }
  return emit1('Conv', [x, w, bias], { strides, pads: [...begin, ...end], dilations, group: o.groups ?? 1 });
}

export interface ConvTransposeOptions {
  stride?: IntOr;
  padding?: IntOr;
  outputPadding?: IntOr;
  dilation?: IntOr;
  groups?: number;
}

/** N-D transposed convolution; weight [in, out/groups, k...]. */
export function convTranspose(x: SymTensor, weight: Operand, bias: Operand | undefined, nd: number, o: ConvTransposeOptions = {}): SymTensor {
  spatialRank(x, nd, `conv_transpose${nd}d`);
  const pads = tuple(o.padding ?? 0, nd, 'padding');
  return emit1('ConvTranspose', [x, weight, bias], {
    strides: tuple(o.stride ?? 1, nd, 'stride'),
    pads: [...pads, ...pads],
    dilations: tuple(o.dilation ?? 1, nd, 'dilation'),
    output_padding: tuple(o.outputPadding ?? 0, nd, 'outputPadding'),
    group: o.groups ?? 1,
  });
}

export interface PoolOptions {
  /** Defaults to the kernel size. */
  stride?: IntOr;
  padding?: IntOr;
  ceilMode?: boolean;
}

function poolAttrs(x: SymTensor, kernel: IntOr, nd: number, o: PoolOptions, layer: string) {
  spatialRank(x, nd, layer);
  const kernel_shape = tuple(kernel, nd, 'kernelSize');
  const pads = tuple(o.padding ?? 0, nd, 'padding');
  return { kernel_shape, strides: tuple(o.stride ?? kernel_shape, nd, 'stride'), pads: [...pads, ...pads], ceil_mode: o.ceilMode ? 1 : 0 };
}

export function maxPool(x: SymTensor, kernel: IntOr, nd: number, o: PoolOptions & { dilation?: IntOr } = {}): SymTensor {
  return emit1('MaxPool', [x], { ...poolAttrs(x, kernel, nd, o, `max_pool${nd}d`), dilations: tuple(o.dilation ?? 1, nd, 'dilation') });
}

/** countIncludePad defaults to true, as in PyTorch. */
export function avgPool(x: SymTensor, kernel: IntOr, nd: number, o: PoolOptions & { countIncludePad?: boolean } = {}): SymTensor {
  return emit1('AveragePool', [x], { ...poolAttrs(x, kernel, nd, o, `avg_pool${nd}d`), count_include_pad: o.countIncludePad === false ? 0 : 1 });
}

/** Adaptive average pooling to `size` (each input dim must be a multiple of its output dim). */
export function adaptiveAvgPool(x: SymTensor, size: IntOr, nd: number): SymTensor {
  spatialRank(x, nd, `adaptive_avg_pool${nd}d`);
  const out = tuple(size, nd, 'outputSize'), inp = x.shape.slice(2);
  if (out.every((s) => s === 1)) return emit1('GlobalAveragePool', [x]);
  if (inp.some((n, d) => n % out[d] !== 0)) throw new KilnError('USAGE', `adaptive pooling of ${fmt(x.shape)} to ${fmt(out)} needs input dims divisible by the output dims`);
  const k = inp.map((n, d) => n / out[d]);
  return avgPool(x, k, nd, { stride: k });
}

export interface BatchNormOptions {
  training: boolean;
  /** PyTorch momentum (weight of the new batch statistic). */
  momentum: number;
  eps: number;
}

/** Batch normalization over dim 1: running statistics in eval mode, batch statistics in training mode. */
export function batchNorm(x: SymTensor, mean: Operand, variance: Operand, weight: Operand, bias: Operand, o: BatchNormOptions): SymTensor {
  return emit('BatchNormalization', [x, weight, bias, mean, variance], {
    epsilon: o.eps, momentum: 1 - o.momentum, training_mode: o.training ? 1 : 0,
  })[0];
}

/** Normalizes over the trailing dims `normalizedShape`; weight/bias default to 1/0. */
export function layerNorm(x: SymTensor, normalizedShape: readonly number[], weight?: Operand, bias?: Operand, eps = 1e-5): SymTensor {
  const n = normalizedShape.length;
  if (n === 0 || n > x.rank || normalizedShape.some((d, i) => d !== x.shape[x.rank - n + i])) {
    throw new KilnError('USAGE', `layer_norm: normalized shape ${fmt(normalizedShape)} does not match the trailing dims of ${fmt(x.shape)}`);
  }
  const scale = weight ?? activeTracer().wrap(activeTracer().constant(filled(normalizedShape, 1), 'ones'));
  return emit('LayerNormalization', [x, scale, bias], { axis: -n, epsilon: eps })[0];
}

/** Rows of `weight` at integer indices (PyTorch embedding). */
export function embedding(indices: SymTensor, weight: Operand): SymTensor {
  if (indices.dtype !== 'i32' && indices.dtype !== 'u32') throw new KilnError('USAGE', `embedding indices must be integers (i32), got ${indices.dtype}`);
  return emit1('Gather', [weight, indices], { axis: 0 });
}

/** Identity at inference; random dropout is not supported in traced training graphs. */
/** Dropout inside composite layers (attention, transformer, RNN): identity at inference, seeded masks in training. */
export function dropout(x: SymTensor, p: number, training: boolean): SymTensor {
  return !training || p === 0 ? x : randomDropout(x, p);
}

export type Activation = 'relu' | 'gelu';

export const activate = (x: SymTensor, a: Activation): SymTensor => (a === 'relu' ? x.relu() : x.gelu());

/**
 * softmax(q k^T / sqrt(d) + mask) v over the last two dims. As PyTorch's attn_mask: in a bool mask
 * true marks a position that may not be attended; a float mask is added to the scores.
 */
export function scaledDotProductAttention(q: SymTensor, k: SymTensor, v: SymTensor, mask?: SymTensor): { out: SymTensor; weights: SymTensor } {
  let scores = q.matmul(k.transpose(-2, -1)).mul(1 / Math.sqrt(q.size(-1)));
  if (mask) scores = mask.dtype === 'bool' ? emit1('Where', [mask, sym(-Infinity, scores.dtype), scores]) : scores.add(mask);
  const weights = scores.softmax(-1);
  return { out: weights.matmul(v), weights };
}

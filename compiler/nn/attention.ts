// Attention layers: MultiheadAttention (PyTorch's packed in_proj_weight/in_proj_bias and out_proj),
// TransformerEncoderLayer (post-LN by default, normFirst for pre-LN) and TransformerEncoder.
import { KilnError } from '../../ir/errors.ts';
import { fmt } from '../../ir/shape.ts';
import { filled, Module, type Parameter, uniform } from './module.ts';
import { type Activation, activate, dropout, scaledDotProductAttention } from './functional.ts';
import { Linear } from './linear.ts';
import { LayerNorm } from './norm.ts';
import { ModuleList } from './sequential.ts';
import { type SymTensor, where } from './tensor.ts';
import { sym } from './tracer.ts';

export interface AttentionMasks {
  /** [L, S] or [N*heads, L, S]; bool true = may not attend, float = added to the scores. */
  attnMask?: SymTensor;
  /** [N, S] bool, true = padding key to ignore. */
  keyPaddingMask?: SymTensor;
}

/** A bool mask as an additive float mask (-inf where true). */
const additive = (m: SymTensor): SymTensor => (m.dtype === 'bool' ? where(m, -Infinity, 0) : m);

export class MultiheadAttention extends Module {
  readonly inProjWeight: Parameter;
  readonly inProjBias?: Parameter;
  readonly outProj: Linear;
  readonly headDim: number;

  constructor(readonly embedDim: number, readonly numHeads: number, readonly opts: { bias?: boolean; batchFirst?: boolean; dropout?: number } = {}) {
    super();
    if (embedDim % numHeads !== 0) throw new KilnError('USAGE', `embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
    this.headDim = embedDim / numHeads;
    this.inProjWeight = this.param('in_proj_weight', uniform([3 * embedDim, embedDim], Math.sqrt(6 / (4 * embedDim))));
    if (opts.bias !== false) this.inProjBias = this.param('in_proj_bias', filled([3 * embedDim], 0));
    this.outProj = this.module('out_proj', new Linear(embedDim, embedDim, { bias: opts.bias !== false }));
    if (this.outProj.bias) this.outProj.bias.data = filled([embedDim], 0);
  }

  /** Projection k (0 q, 1 k, 2 v) of x [N, L, E] split into heads: [N, heads, L, headDim]. */
  private project(x: SymTensor, k: number): SymTensor {
    const E = this.embedDim;
    const w = sym(this.inProjWeight).narrow(0, k * E, E);
    const b = this.inProjBias ? sym(this.inProjBias).narrow(0, k * E, E) : undefined;
    let y = x.matmul(w.t());
    if (b) y = y.add(b);
    return y.reshape([x.shape[0], x.shape[1], this.numHeads, this.headDim]).permute([0, 2, 1, 3]);
  }

  /**
   * Returns [output, attention weights averaged over heads (or per head with averageAttnWeights false)];
   * with needWeights false the weights are not computed (undefined), as PyTorch's need_weights.
   */
  forward(query: SymTensor, key: SymTensor, value: SymTensor, masks: AttentionMasks & { needWeights?: boolean; averageAttnWeights?: boolean } = {}): [SymTensor, SymTensor | undefined] {
    const E = this.embedDim;
    for (const t of [query, key, value]) {
      if (t.rank !== 3 || t.shape[2] !== E) throw new KilnError('USAGE', `MultiheadAttention(${E}) expects 3-D inputs with ${E} features, got ${fmt(t.shape)}`);
    }
    const bf = (t: SymTensor) => (this.opts.batchFirst ? t : t.transpose(0, 1));
    const [q, k, v] = [bf(query), bf(key), bf(value)];
    const [N, L] = q.shape, S = k.shape[1];
    let mask: SymTensor | undefined;
    if (masks.attnMask) {
      const m = additive(masks.attnMask);
      mask = m.rank === 3 ? m.reshape([N, this.numHeads, L, S]) : m;
    }
    if (masks.keyPaddingMask) {
      const m = additive(masks.keyPaddingMask).reshape([N, 1, 1, S]);
      mask = mask ? mask.add(m) : m;
    }
    const att = scaledDotProductAttention(this.project(q, 0), this.project(k, 1), this.project(v, 2), mask);
    const heads = dropout(att.out, this.opts.dropout ?? 0, this.training);
    const out = this.outProj.call(heads.permute([0, 2, 1, 3]).reshape([N, L, E]));
    if (masks.needWeights === false) return [bf(out), undefined];
    return [bf(out), masks.averageAttnWeights === false ? att.weights : att.weights.mean(1)];
  }
}

export interface EncoderLayerOptions {
  dimFeedforward?: number;
  dropout?: number;
  activation?: Activation;
  layerNormEps?: number;
  batchFirst?: boolean;
  normFirst?: boolean;
  bias?: boolean;
}

export class TransformerEncoderLayer extends Module {
  readonly selfAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly p: number;

  constructor(dModel: number, nhead: number, readonly opts: EncoderLayerOptions = {}) {
    super();
    const bias = opts.bias !== false, ff = opts.dimFeedforward ?? 2048, eps = opts.layerNormEps ?? 1e-5;
    this.p = opts.dropout ?? 0.1;
    this.selfAttn = this.module('self_attn', new MultiheadAttention(dModel, nhead, { bias, batchFirst: opts.batchFirst, dropout: this.p }));
    this.linear1 = this.module('linear1', new Linear(dModel, ff, { bias }));
    this.linear2 = this.module('linear2', new Linear(ff, dModel, { bias }));
    this.norm1 = this.module('norm1', new LayerNorm(dModel, { eps, bias }));
    this.norm2 = this.module('norm2', new LayerNorm(dModel, { eps, bias }));
  }

  private sa(x: SymTensor, m: AttentionMasks): SymTensor {
    return dropout(this.selfAttn.call(x, x, x, { ...m, needWeights: false })[0], this.p, this.training);
  }

  private ff(x: SymTensor): SymTensor {
    const h = dropout(activate(this.linear1.call(x), this.opts.activation ?? 'relu'), this.p, this.training);
    return dropout(this.linear2.call(h), this.p, this.training);
  }

  /** src: [batch, seq, dModel] with batchFirst, else [seq, batch, dModel]. */
  forward(src: SymTensor, masks: AttentionMasks = {}): SymTensor {
    let x = src;
    if (this.opts.normFirst) {
      x = x.add(this.sa(this.norm1.call(x), masks));
      return x.add(this.ff(this.norm2.call(x)));
    }
    x = this.norm1.call(x.add(this.sa(x, masks)));
    return this.norm2.call(x.add(this.ff(x)));
  }
}

/** numLayers encoder layers made by `makeLayer` (PyTorch deep-copies one layer), then an optional norm. */
export class TransformerEncoder extends Module {
  readonly layers: ModuleList<TransformerEncoderLayer>;
  readonly norm?: LayerNorm;
  constructor(makeLayer: () => TransformerEncoderLayer, numLayers: number, { norm }: { norm?: LayerNorm } = {}) {
    super();
    this.layers = this.module('layers', new ModuleList(Array.from({ length: numLayers }, makeLayer)));
    if (norm) this.norm = this.module('norm', norm);
  }
  forward(src: SymTensor, masks: AttentionMasks = {}): SymTensor {
    const x = this.layers.items.reduce((h, l) => l.call(h, masks), src);
    return this.norm ? this.norm.call(x) : x;
  }
}

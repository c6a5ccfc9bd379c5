// Dense layers: Linear, Embedding, Flatten, Identity (PyTorch names, arguments and defaults).
import { Module, type Parameter, normal, uniform } from './module.ts';
import { embedding, linear } from './functional.ts';
import type { SymTensor } from './tensor.ts';

/** y = x W^T + b; weight [out, in], bias [out]. */
export class Linear extends Module {
  readonly weight: Parameter;
  readonly bias?: Parameter;
  constructor(readonly inFeatures: number, readonly outFeatures: number, { bias = true }: { bias?: boolean } = {}) {
    super();
    const bound = 1 / Math.sqrt(inFeatures);
    this.weight = this.param('weight', uniform([outFeatures, inFeatures], bound));
    if (bias) this.bias = this.param('bias', uniform([outFeatures], bound));
  }
  forward(x: SymTensor): SymTensor {
    return linear(x, this.weight, this.bias);
  }
}

/** Lookup table: integer indices [...] -> [..., dim]; weight [num, dim]. */
export class Embedding extends Module {
  readonly weight: Parameter;
  constructor(readonly numEmbeddings: number, readonly embeddingDim: number, { paddingIdx }: { paddingIdx?: number } = {}) {
    super();
    const w = normal([numEmbeddings, embeddingDim]);
    if (paddingIdx !== undefined) w.data.fill(0, paddingIdx * embeddingDim, (paddingIdx + 1) * embeddingDim);
    this.weight = this.param('weight', w);
  }
  forward(indices: SymTensor): SymTensor {
    return embedding(indices, this.weight);
  }
}

/** Merges dims startDim..endDim (defaults 1..-1). */
export class Flatten extends Module {
  constructor(readonly opts: { startDim?: number; endDim?: number } = {}) {
    super();
  }
  forward(x: SymTensor): SymTensor {
    return x.flatten(this.opts.startDim ?? 1, this.opts.endDim ?? -1);
  }
}

export class Identity extends Module {
  forward(x: SymTensor): SymTensor {
    return x;
  }
}

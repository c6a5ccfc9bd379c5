// Convolutions: Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d (PyTorch names, arguments, defaults
// and weight layouts: [out, in/groups, k...] and, transposed, [in, out/groups, k...]).
import { KilnError } from '../../ir/errors.ts';
import { Module, type Parameter, tuple, uniform } from './module.ts';
import { conv, type ConvOptions, convTranspose, type ConvTransposeOptions, type IntOr } from './functional.ts';
import type { SymTensor } from './tensor.ts';

function checkGroups(inC: number, outC: number, groups: number): void {
  if (groups < 1 || inC % groups !== 0 || outC % groups !== 0) {
    throw new KilnError('USAGE', `channels in ${inC} and out ${outC} must be divisible by groups ${groups}`);
  }
}

class ConvNd extends Module {
  readonly weight: Parameter;
  readonly bias?: Parameter;
  constructor(readonly nd: number, inC: number, outC: number, kernelSize: IntOr, readonly opts: ConvOptions & { bias?: boolean }) {
    super();
    const groups = opts.groups ?? 1;
    checkGroups(inC, outC, groups);
    const k = tuple(kernelSize, nd, 'kernelSize');
    const bound = 1 / Math.sqrt((inC / groups) * k.reduce((a, b) => a * b, 1));
    this.weight = this.param('weight', uniform([outC, inC / groups, ...k], bound));
    if (opts.bias !== false) this.bias = this.param('bias', uniform([outC], bound));
  }
  forward(x: SymTensor): SymTensor {
    return conv(x, this.weight, this.bias, this.nd, this.opts);
  }
}

export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOr, opts: ConvOptions & { bias?: boolean } = {}) {
    super(1, inChannels, outChannels, kernelSize, opts);
  }
}

export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOr, opts: ConvOptions & { bias?: boolean } = {}) {
    super(2, inChannels, outChannels, kernelSize, opts);
  }
}

class ConvTransposeNd extends Module {
  readonly weight: Parameter;
  readonly bias?: Parameter;
  constructor(readonly nd: number, inC: number, outC: number, kernelSize: IntOr, readonly opts: ConvTransposeOptions & { bias?: boolean }) {
    super();
    const groups = opts.groups ?? 1;
    checkGroups(inC, outC, groups);
    const k = tuple(kernelSize, nd, 'kernelSize');
    const bound = 1 / Math.sqrt((outC / groups) * k.reduce((a, b) => a * b, 1));
    this.weight = this.param('weight', uniform([inC, outC / groups, ...k], bound));
    if (opts.bias !== false) this.bias = this.param('bias', uniform([outC], bound));
  }
  forward(x: SymTensor): SymTensor {
    return convTranspose(x, this.weight, this.bias, this.nd, this.opts);
  }
}

export class ConvTranspose1d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOr, opts: ConvTransposeOptions & { bias?: boolean } = {}) {
    super(1, inChannels, outChannels, kernelSize, opts);
  }
}

export class ConvTranspose2d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOr, opts: ConvTransposeOptions & { bias?: boolean } = {}) {
    super(2, inChannels, outChannels, kernelSize, opts);
  }
}

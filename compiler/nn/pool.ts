// Pooling layers: MaxPool1d/2d, AvgPool1d/2d and AdaptiveAvgPool2d (PyTorch arguments and defaults:
// stride defaults to the kernel size, AvgPool counts padding unless countIncludePad is false).
import { Module } from './module.ts';
import { adaptiveAvgPool, avgPool, type IntOr, maxPool, type PoolOptions } from './functional.ts';
import type { SymTensor } from './tensor.ts';

export type MaxOpts = PoolOptions & { dilation?: IntOr };
export type AvgOpts = PoolOptions & { countIncludePad?: boolean };

export class MaxPool1d extends Module {
  constructor(readonly kernelSize: IntOr, readonly opts: MaxOpts = {}) { super(); }
  forward(x: SymTensor): SymTensor { return maxPool(x, this.kernelSize, 1, this.opts); }
}

export class MaxPool2d extends Module {
  constructor(readonly kernelSize: IntOr, readonly opts: MaxOpts = {}) { super(); }
  forward(x: SymTensor): SymTensor { return maxPool(x, this.kernelSize, 2, this.opts); }
}

export class AvgPool1d extends Module {
  constructor(readonly kernelSize: IntOr, readonly opts: AvgOpts = {}) { super(); }
  forward(x: SymTensor): SymTensor { return avgPool(x, this.kernelSize, 1, this.opts); }
}

export class AvgPool2d extends Module {
  constructor(readonly kernelSize: IntOr, readonly opts: AvgOpts = {}) { super(); }
  forward(x: SymTensor): SymTensor { return avgPool(x, this.kernelSize, 2, this.opts); }
}

/** Output size per spatial dim; input dims must be multiples of it (1 is global average pooling). */
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: IntOr) { super(); }
  forward(x: SymTensor): SymTensor { return adaptiveAvgPool(x, this.outputSize, 2); }
}

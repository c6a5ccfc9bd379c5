// Containers: Sequential (children named 0, 1, ... and applied in order) and ModuleList.
import { KilnError } from '../../ir/errors.ts';
import { Module } from './module.ts';
import type { SymTensor } from './tensor.ts';

/** A module whose forward takes one tensor and returns one (the shape Sequential chains). */
export type Layer = Module & { forward(x: SymTensor): SymTensor };

export class Sequential extends Module {
  readonly layers: Layer[];
  constructor(...layers: Layer[]) {
    super();
    this.layers = layers.map((m, i) => this.module(String(i), m));
  }
  forward(x: SymTensor): SymTensor {
    return this.layers.reduce((h, m) => m.call(h), x);
  }
  at(i: number): Layer {
    return this.layers[i < 0 ? i + this.layers.length : i];
  }
  get length(): number {
    return this.layers.length;
  }
}

/** A list of submodules named 0, 1, ...; forward is the owner's business (PyTorch nn.ModuleList). */
export class ModuleList<M extends Module = Module> extends Module {
  readonly items: M[];
  constructor(items: readonly M[]) {
    super();
    this.items = items.map((m, i) => this.module(String(i), m));
  }
  forward(): never {
    throw new KilnError('USAGE', 'ModuleList has no forward; call its items');
  }
  at(i: number): M {
    return this.items[i < 0 ? i + this.items.length : i];
  }
  get length(): number {
    return this.items.length;
  }
}

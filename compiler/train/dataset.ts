// A dataset for fit(): whole tensors whose first axis is the sample, the model's inputs by name and the
// target. Shuffled orders come from a seeded generator, so that a run is reproducible; batches and splits
// are row gathers.
import { KilnError } from '../../ir/errors.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { seededUniform } from '../seeded-uniform.ts';

export interface Dataset {
  readonly inputs: Readonly<Record<string, Tensor>>;
  readonly target: Tensor;
}

/** Number of samples; every tensor must have that many rows. */
export function sampleCount(d: Dataset): number {
  const n = d.target.shape[0];
  for (const [name, t] of [...Object.entries(d.inputs), ['target', d.target] as const]) {
    if (t.shape.length === 0 || t.shape[0] !== n) throw new KilnError('SHAPE', `dataset: '${name}' has shape [${t.shape}], expected ${n} samples along its first axis (as the target)`);
  }
  return n;
}

/** Rows `rows` of t, in that order. */
export function gatherRows(t: Tensor, rows: ArrayLike<number>): Tensor {
  const width = t.shape.slice(1).reduce((a, b) => a * b, 1);
  const data = new (t.data.constructor as new (n: number) => typeof t.data)(rows.length * width);
  for (let i = 0; i < rows.length; i++) data.set(t.data.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return { dtype: t.dtype, shape: [rows.length, ...t.shape.slice(1)], data };
}

export function subset(d: Dataset, rows: ArrayLike<number>): Dataset {
  return { inputs: Object.fromEntries(Object.entries(d.inputs).map(([k, t]) => [k, gatherRows(t, rows)])), target: gatherRows(d.target, rows) };
}

/** A permutation of 0..n-1 from a seeded generator (Fisher-Yates). */
export function shuffled(n: number, seed: number): Uint32Array {
  const next = seededUniform(seed);
  const p = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

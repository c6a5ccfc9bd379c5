// Shared by the rewrite-pass tests: deterministic inputs, the IR text without constant lines, and the
// numeric check that a rewritten graph computes what the original computed on the CPU interpreter.
import { expect } from 'vitest';
import { compareTensors, type Tolerance } from '../../compiler/compare.ts';
import type { Graph } from '../../ir/graph.ts';
import { printGraph } from '../../ir/print.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';

/** Deterministic values in [lo, hi) (an LCG). */
export function rand(shape: readonly number[], seed: number, lo = -2, hi = 2): Tensor {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor('f32', shape, Array.from({ length: n }, () => lo + ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * (hi - lo)));
}

/** The printed IR without its `const` lines (they only list the constant table). */
export const irText = (g: Graph): string => printGraph(g).split('\n').filter((l) => !l.startsWith('  const ')).join('\n');

/** Random feeds for every graph input: floats in [-2, 2), integers (token ids, classes) in [0, 4). */
export const feedsFor = (g: Graph, seed = 7): Map<string, Tensor> =>
  new Map(g.inputs.map((v, i) => {
    const r = rand(v.type.shape, seed + 31 * i, v.type.dtype === 'f32' ? -2 : 0, v.type.dtype === 'f32' ? 2 : 4);
    return [v.name, v.type.dtype === 'f32' ? r : tensor(v.type.dtype, v.type.shape, Array.from(r.data, Math.floor))];
  }));

/** Runs `original` and `rewritten` on the same inputs; outputs must agree (exactly by default). */
export function expectSameResults(original: Graph, rewritten: Graph, tol: Tolerance = { rtol: 0, atol: 0 }, seed = 7): void {
  const feeds = feedsFor(original, seed);
  const want = interpret(original, feeds), got = interpret(rewritten, feeds);
  expect(rewritten.outputs.map((v) => v.name)).toEqual(original.outputs.map((v) => v.name));
  expect(got.length).toBe(want.length);
  got.forEach((t, i) => expect(compareTensors(t, want[i], tol), `output ${i}`).toBeUndefined());
}

// The reference for precision 'f16': a graph with every weight codegen stores as f16 rounded to f16 (the
// rule codegen applies, halfWeight), for the CPU interpreter to run in f32.
import { halfWeight } from '../../compiler/wgsl/codegen.ts';
import { f16Bits, f16Value } from '../../compiler/wgsl/f16.ts';
import type { Graph } from '../../ir/graph.ts';

export function withHalfWeights(g: Graph): Graph {
  const c = g.clone();
  for (const [v, t] of c.constants) {
    if (halfWeight(t)) c.constants.set(v, { ...t, data: Float32Array.from(t.data as Float32Array, (x) => f16Value(f16Bits(x))) });
  }
  return c;
}

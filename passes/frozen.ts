// Which constants a pass may read as fixed values: not parameters (weights stay trainable, loadable and
// shareable by name) and not state a step program updates (optimizer moments, running statistics).
import type { Graph, Value } from '../ir/graph.ts';
import type { Tensor } from '../ir/tensor.ts';

export type FrozenReader = (v: Value | undefined) => Tensor | undefined;

/** A reader giving the tensor of a constant whose value can never change, and undefined for anything else. */
export function frozenReader(g: Graph): FrozenReader {
  const params = new Set(g.params.values());
  return (v) => (v && !params.has(v) && !g.updates.has(v) ? g.constants.get(v) : undefined);
}

// Autodiff as a pipeline pass carrying its parameters: differentiates graph output 0 (the objective, after
// decomposition) with respect to `wrt`, then hands the gradients to `use`, which turns them into graph
// outputs or state updates (a train step's optimizer). passes/autodiff does the differentiation.
import type { Graph, Value } from '../ir/graph.ts';
import { gradients } from './autodiff/index.ts';
import type { Pass } from './pass.ts';

export type GradientSink = (g: Graph, grads: ReadonlyMap<Value, Value>, objective: Value) => void;

export const autodiffStep = (wrt: readonly Value[], use: GradientSink): Pass => ({
  name: 'autodiff',
  run(g: Graph) {
    const objective = g.outputs[0];
    use(g, gradients(g, objective, wrt), objective);
  },
});

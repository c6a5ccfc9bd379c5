// The training compiler's builder: ir/builder.ts's GraphBuilder naming its nodes `<prefix>/<op>_<n>`
// and its scalars `<prefix>/k<n>` (shared graph-wide), plus a whole-tensor reduction.
import { GraphBuilder } from '../../ir/builder.ts';
import type { Graph, Value } from '../../ir/graph.ts';

export class StepBuilder extends GraphBuilder {
  constructor(graph: Graph, prefix: string) {
    super(graph, `${prefix}/`);
  }

  /** Mean or sum over all elements, as a scalar. */
  reduce(x: Value, how: 'mean' | 'sum'): Value {
    return this.op1(how === 'mean' ? 'ReduceMean' : 'ReduceSum', [x], { keepdims: 0 });
  }
}

// A decomposition rule rewrites one composite node into primitives. It receives the node and an
// emitter bound to the graph (ir/builder.ts's GraphBuilder, naming what it adds after the composite);
// it returns the values that replace the node's outputs, in order.
import { GraphBuilder } from '../../ir/builder.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { Tensor } from '../../ir/tensor.ts';

/** Adds primitives named `<composite>/<op>_<n>`; its scalars (shared graph-wide) take the number `<composite>/s<n>`. */
export class Emitter extends GraphBuilder {
  constructor(graph: Graph, readonly node: Node) {
    super(graph, `${node.name}/`);
  }

  protected override scalarName(): string {
    return `${this.prefix}s${this.count++}`;
  }

  override constant(t: Tensor, hint = 'c'): Value {
    return super.constant(t, hint);
  }
}

export type DecomposeRule = (e: Emitter, node: Node) => (Value | undefined)[];

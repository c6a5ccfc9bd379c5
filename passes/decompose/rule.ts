// A decomposition rule rewrites one composite node into primitives. It receives the node and an
// emitter bound to the graph; it returns the values that replace the node's outputs, in order.
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { scalar, type Tensor } from '../../ir/tensor.ts';
import type { DType } from '../../ir/dtype.ts';

export class Emitter {
  constructor(readonly graph: Graph, readonly node: Node) {}
  private count = 0;

  /** Adds a primitive node named after the composite it comes from. */
  op(op: OpName, inputs: readonly (Value | undefined)[], attrs: Record<string, AttrValue> = {}): Value[] {
    return this.graph.addNode(op, inputs, attrs, `${this.node.name}/${op}_${this.count++}`);
  }

  op1(op: OpName, inputs: readonly (Value | undefined)[], attrs: Record<string, AttrValue> = {}): Value {
    return this.op(op, inputs, attrs)[0];
  }

  constant(t: Tensor, hint = 'c'): Value {
    return this.graph.addConstant(t, `${this.node.name}/${hint}`);
  }

  scalar(v: number, dtype: DType = 'f32'): Value {
    return this.constant(scalar(dtype, v), `s${this.count++}`);
  }
}

export type DecomposeRule = (e: Emitter, node: Node) => (Value | undefined)[];

// A small emitter used by the training compiler: named nodes, scalar constants, one graph.
import type { DType } from '../../ir/dtype.ts';
import type { Graph, Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { scalar } from '../../ir/tensor.ts';

export class StepBuilder {
  private n = 0;
  constructor(readonly graph: Graph, readonly prefix: string) {}

  op(op: OpName, inputs: readonly (Value | undefined)[], attrs: Record<string, AttrValue> = {}): Value {
    return this.graph.addNode(op, inputs, attrs, `${this.prefix}/${op}_${this.n++}`)[0];
  }

  num(v: number, dtype: DType = 'f32'): Value {
    return this.graph.addConstant(scalar(dtype, v), `${this.prefix}/k${this.n++}`);
  }

  add = (a: Value, b: Value) => this.op('Add', [a, b]);
  sub = (a: Value, b: Value) => this.op('Sub', [a, b]);
  mul = (a: Value, b: Value) => this.op('Mul', [a, b]);
  div = (a: Value, b: Value) => this.op('Div', [a, b]);
  /** Mean or sum over all elements, as a scalar. */
  reduce = (x: Value, how: 'mean' | 'sum') => this.op(how === 'mean' ? 'ReduceMean' : 'ReduceSum', [x], { keepdims: 0 });
}

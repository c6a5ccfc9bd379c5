// Small emit helpers of the recurrent decompositions: slicing along one axis, optional-operand
// arithmetic (an absent value stands for zero), Concat, and the ONNX recurrent
// activation functions written as primitive elementwise ops.
import type { DType } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Value } from '../../ir/graph.ts';
import type { Emitter } from './rule.ts';

/** Emits primitives for one recurrent op, in the dtype of its X. */
export class RecurrentEmitter {
  constructor(readonly e: Emitter, readonly dtype: DType) {}

  /** v[start:end] along `axis` (a view). */
  slice(v: Value, axis: number, start: number, end: number): Value {
    return this.e.op1('Slice', [v], { starts: [start], ends: [end], axes: [axis] });
  }

  unsqueeze(v: Value, axes: number[]): Value {
    return this.e.op1('Unsqueeze', [v], { axes });
  }

  transpose(v: Value, perm: number[]): Value {
    return this.e.op1('Transpose', [v], { perm });
  }

  reshape(v: Value, shape: number[]): Value {
    return this.e.op1('Reshape', [v], { shape });
  }

  /** a · bᵀ, b transposed in its last two dims (ONNX keeps W and R as [gates*hidden, in]). */
  matmulT(a: Value, b: Value): Value {
    const r = b.type.shape.length;
    const perm = [...Array.from({ length: r - 2 }, (_, k) => k), r - 1, r - 2];
    return this.e.op1('MatMul', [a, this.transpose(b, perm)]);
  }

  scalar(v: number): Value {
    return this.e.num(v, this.dtype);
  }

  mul(a: Value, b: Value): Value {
    return this.e.mul(a, b);
  }

  sub(a: Value, b: Value): Value {
    return this.e.sub(a, b);
  }

  /** a + b where an absent operand is zero. */
  add(a: Value, b: Value | undefined): Value;
  add(a: Value | undefined, b: Value): Value;
  add(a: Value | undefined, b: Value | undefined): Value | undefined;
  add(a: Value | undefined, b: Value | undefined): Value | undefined {
    if (!a) return b;
    if (!b) return a;
    return this.e.add(a, b);
  }

  /** a * b where an absent operand is zero (so the product is absent too). */
  mulOpt(a: Value | undefined, b: Value | undefined): Value | undefined {
    return a && b ? this.mul(a, b) : undefined;
  }

  /** Clamps to [-clip, clip]; clip 0 disables clipping. */
  clip(v: Value, clip: number): Value {
    return clip > 0 ? this.e.op1('Clip', [v], { min: -clip, max: clip }) : v;
  }

  /** Concat along `axis` (the GPU pipeline's limit-fan-in pass splits wide ones into a tree). */
  concat(vals: readonly Value[], axis: number): Value {
    return vals.length === 1 ? vals[0] : this.e.op1('Concat', vals, { axis });
  }

  /** One ONNX recurrent activation function (names and defaults from RNN_ACTIVATIONS). */
  activation(x: Value, act: { readonly name: string; readonly alpha: number; readonly beta: number }): Value {
    const { name, alpha, beta } = act;
    switch (name) {
      case 'Relu': case 'Tanh': case 'Sigmoid': case 'Softsign': case 'Softplus':
        return this.e.op1(name, [x]);
      case 'LeakyRelu': case 'ThresholdedRelu': case 'Elu':
        return this.e.op1(name, [x], { alpha });
      case 'HardSigmoid':
        return this.e.op1('HardSigmoid', [x], { alpha, beta });
      case 'Affine':
        return this.add(this.mul(x, this.scalar(alpha)), this.scalar(beta));
      case 'ScaledTanh':
        return this.mul(this.e.op1('Tanh', [this.mul(x, this.scalar(beta))]), this.scalar(alpha));
      default:
        throw new KilnError('ATTRIBUTE', `unknown recurrent activation '${name}'`, { node: this.e.node.name, op: this.e.node.op });
    }
  }
}

// Activations a producing kernel applies as it writes its output (a Conv followed by a Relu): the schedule
// (fuse.ts) joins a producer whose only reader is such an activation into one step, so the activation never
// makes a tensor of its own or reads the producer's back. An activation is fusible when it is a clamp [lo, hi]
// (v > lo ? min(v, hi) : lo, which is Relu's loop exactly, NaN included), a producer when its kernel takes one.
import type { Node } from '../../ir/graph.ts';
import type { Attrs } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import type { Tensor, TensorType } from '../../ir/tensor.ts';
import { convClamped } from './kernels/conv.ts';
import type { Clamp } from './wasm/conv-simd.ts';

type ClampedKernel = (inputs: readonly (Tensor | undefined)[], attrs: Attrs, out: readonly TensorType[], clamp: Clamp) => Tensor[];

/** Activations that are a clamp of their one operand. */
const CLAMPS: Partial<Record<OpName, (a: Attrs) => Clamp>> = {
  Relu: () => ({ lo: 0, hi: Infinity }),
};

/** Producers whose kernel applies a clamp to its single output. */
const CLAMPED: Partial<Record<OpName, ClampedKernel>> = {
  Conv: convClamped,
};

/** The clamp `act` applies to `producer`'s output when the two may run as one step, else undefined. */
export function fusedClamp(producer: Node, act: Node): Clamp | undefined {
  if (!CLAMPED[producer.op as OpName] || producer.outputs.length !== 1 || act.inputs.length !== 1) return undefined;
  const t = producer.outputs[0].type;
  if (t.dtype !== 'f32') return undefined;
  return CLAMPS[act.op as OpName]?.(act.attrs);
}

/** Runs the producer with the activation applied; returns the activation's output. */
export function runClamped(producer: Node, clamp: Clamp, inputs: readonly (Tensor | undefined)[]): Tensor[] {
  return CLAMPED[producer.op as OpName]!(inputs, producer.attrs, producer.outputs.map((v) => v.type), clamp);
}

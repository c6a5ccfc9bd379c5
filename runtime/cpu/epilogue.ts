// What a producing kernel applies as it writes its output (a Conv followed by a Relu, then a MaxPool): the
// schedule (fuse.ts) joins a producer and the chain of its only readers into one step, so the chain's inner values
// never become tensors or get read back. An activation is fusible when it is a clamp [lo, hi] (v > lo ? min(v, hi)
// : lo, which is Relu's loop exactly, NaN included); a pool when it is a MaxPool with no indices output; a producer
// when its kernel takes them.
import type { Node } from '../../ir/graph.ts';
import type { Attrs } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import type { Tensor, TensorType } from '../../ir/tensor.ts';
import { convClamped, type PoolAfter } from './kernels/conv.ts';
import type { Clamp } from './wasm/conv-simd.ts';

type ClampedKernel = (inputs: readonly (Tensor | undefined)[], attrs: Attrs, out: readonly TensorType[], clamp?: Clamp, pool?: PoolAfter) => Tensor[];

/** Activations that are a clamp of their one operand. */
const CLAMPS: Partial<Record<OpName, (a: Attrs) => Clamp>> = {
  Relu: () => ({ lo: 0, hi: Infinity }),
};

/** Pools a producer's kernel may apply after the clamp. */
const POOLS: ReadonlySet<OpName> = new Set<OpName>(['MaxPool']);

/** Producers whose kernel applies a clamp and a pool to its single output. */
const CLAMPED: Partial<Record<OpName, ClampedKernel>> = {
  Conv: convClamped,
};

/** Whether `producer` may take fused readers at all. */
export const fusesReaders = (producer: Node): boolean =>
  !!CLAMPED[producer.op as OpName] && producer.outputs.length === 1 && producer.outputs[0].type.dtype === 'f32';

/** The clamp `act` applies to its one operand, or undefined when it is not a clamp. */
export const clampOf = (act: Node): Clamp | undefined => (act.inputs.length === 1 ? CLAMPS[act.op as OpName]?.(act.attrs) : undefined);

/** Whether `pool` is a pool the producer's kernel can apply (one output: no indices). */
export const isFusedPool = (pool: Node): boolean => POOLS.has(pool.op as OpName) && pool.outputs.length === 1;

/** Runs the producer with the clamp and pool applied; returns the chain's last output. */
export function runFused(producer: Node, clamp: Clamp | undefined, pool: Node | undefined, inputs: readonly (Tensor | undefined)[]): Tensor[] {
  const after = pool && { attrs: pool.attrs, type: pool.outputs[0].type };
  return CLAMPED[producer.op as OpName]!(inputs, producer.attrs, producer.outputs.map((v) => v.type), clamp, after);
}

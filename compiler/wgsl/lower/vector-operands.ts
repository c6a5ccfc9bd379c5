// Which operands of a contraction node its vec4 kernel reads as matrices, by op: codegen binds those whose
// view allows vec4 loads as arrays of vec4 (kernel.ts wideAligned) before the lowering runs. (Conv's weights
// could be read as the matrix [M, C * kernel] too; on lavapipe that did not speed up the seed CNN, whose
// implicit GEMM is bound by the im2col gathers' index arithmetic, so Conv keeps scalar bindings.)
import type { Node, Value } from '../../../ir/graph.ts';
import type { OpName } from '../../../ir/ops/index.ts';
import { vectorOperandsAllowed } from './matmul.ts';

/** Which inputs of a contraction node its vec4 kernel reads as matrices, by op. */
const VECTOR_OPERANDS: Partial<Record<OpName, (node: Node) => Value[]>> = {
  MatMul: (n) => [n.inputs[0]!, n.inputs[1]!],
  Gemm: (n) => [n.inputs[0]!, n.inputs[1]!],
};

/** The operands of `node` a vec4 contraction kernel would read: none when another variant is forced. */
export function vectorOperands(node: Node): Value[] {
  if (!vectorOperandsAllowed()) return [];
  return VECTOR_OPERANDS[node.op]?.(node) ?? [];
}

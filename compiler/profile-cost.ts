// FLOP estimates for `kiln profile`: a table keyed by op kind, with overrides by op name, over the nodes
// of the lowered graph (static shapes). Contractions count a multiply and an add per term: MatMul and
// Gemm 2·M·N·K (times the batch; Gemm's alpha/beta scaling and bias are not counted), Conv and its
// weight gradient 2 · output elements · (input channels per group · kernel elements), ConvTranspose
// 2 · input elements · (output channels per group · kernel elements), Einsum (operands) · (product of
// every label's size). Elementwise ops cost 1 per output element, reductions 1 per input element, pools
// 1 per window tap, views and data movement (gathers, scatters, concat, pad) 0; other opaque ops 1 per
// output element. These are estimates of the arithmetic the math needs, not of the instructions a
// kernel executes (index arithmetic, Kahan compensation and recomputed prologues are not counted).
import type { Node } from '../ir/graph.ts';
import type { OpKind } from '../ir/op.ts';
import { parseEinsum } from '../ir/ops/einsum.ts';
import { OPS, type OpName } from '../ir/ops/index.ts';
import { numel } from '../ir/shape.ts';

type Cost = (n: Node) => number;

const outElems = (n: Node): number => numel(n.outputs[0]?.type.shape ?? []);
const inElems = (n: Node, i = 0): number => numel(n.inputs[i]?.type.shape ?? []);
const shapeOf = (n: Node, i: number): readonly number[] => n.inputs[i]?.type.shape ?? [];
const zero: Cost = () => 0;
/** Per output element, times the product of the kernel's window. */
const pooled: Cost = (n) => outElems(n) * numel((n.attrs.kernel_shape as readonly number[] | undefined) ?? []);

const BY_KIND: { readonly [K in OpKind]: Cost } = {
  elementwise: outElems,
  reduce: (n) => inElems(n),
  contraction: (n) => 2 * outElems(n),
  view: zero,
  movement: zero,
  opaque: outElems,
};

const BY_NAME: { readonly [K in OpName]?: Cost } = {
  // Output [..., M, N] with the depth K the last dim of A (1-D A: its only dim).
  MatMul: (n) => 2 * outElems(n) * (shapeOf(n, 0).at(-1) ?? 1),
  Gemm: (n) => 2 * outElems(n) * shapeOf(n, 0)[n.attrs.transA ? 0 : 1],
  // W [M, C/group, kernel...]: each output element sums C/group · kernel products.
  Conv: (n) => 2 * outElems(n) * numel(shapeOf(n, 1).slice(1)),
  // W [C, M/group, kernel...]: each input element scatters into M/group · kernel outputs.
  ConvTranspose: (n) => 2 * inElems(n) * numel(shapeOf(n, 1).slice(1)),
  // dW [M, C/group, kernel...] from dY [N, M, spatial...]: one term per dY element and dW column.
  ConvWeightGrad: (n) => 2 * inElems(n, 1) * numel(n.outputs[0].type.shape.slice(1)),
  Einsum: (n) => {
    const s = parseEinsum(n.attrs.equation as string, n.inputs.map((v) => v?.type.shape ?? []));
    const labels = new Set(s.inputs.flat());
    return s.inputs.length * [...labels].reduce((p, l) => p * s.sizes[l], 1);
  },
  MaxPool: pooled,
  AveragePool: pooled,
  LpPool: (n) => 2 * pooled(n),
  MaxPoolGrad: (n) => inElems(n),
  AveragePoolGrad: (n) => inElems(n),
  Gather: zero,
  GatherElements: zero,
  GatherND: zero,
  ScatterElements: zero,
  ScatterND: zero,
  OneHot: zero,
  ReverseSequence: zero,
  StopGradient: zero,
  Cast: zero,
};

/** Estimated floating-point operations of one node. */
export function nodeFlops(n: Node): number {
  return (BY_NAME[n.op] ?? BY_KIND[OPS[n.op].kind])(n);
}

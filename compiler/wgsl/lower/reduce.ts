// WGSL lowerings of the reduce ops: the axis reductions (a Fold each, kernels in reduce-rows.ts), ArgMax/ArgMin,
// CumSum and TopK (reduce-axis.ts). Composite ops (softmax family, losses) are decomposed before codegen.
import type { OpDef } from '../../../ir/op.ts';
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import { REDUCE_OPS, reducedAxes } from '../../../ir/ops/reduce.ts';
import { decomposed, type Lowering, notOnGpu, type TensorRef } from '../kernel.ts';
import { lit, type WgslScalar } from '../wgsl.ts';
import { ARG_REDUCE, CUM_SUM, TOP_K } from './reduce-axis.ts';
import { axisReduction, type Fold } from './reduce-rows.ts';

const zero = (t: WgslScalar) => lit(0, t);
const add = (a: string, b: string) => `${a} + ${b}`;
const sum = (step: (acc: string, x: string, t: WgslScalar) => string, extra: Partial<Fold> = {}): Fold => ({ init: zero, step, combine: add, subgroup: (a) => `subgroupAdd(${a})`, empty: 0, ...extra });
/** f32 math on an accumulator of any type. */
const asF32 = (e: string, t: WgslScalar) => (t === 'f32' ? e : `f32(${e})`);

const maxFold: Fold = {
  init: (t) => (t === 'f32' ? lit(-Infinity, t) : t === 'i32' ? lit(-2147483648, t) : '0u'),
  step: (acc, x, t) => (t === 'f32' ? `kiln_max_nan(${acc}, ${x})` : `max(${acc}, ${x})`),
  combine: (a, b, t) => (t === 'f32' ? `kiln_max_nan(${a}, ${b})` : `max(${a}, ${b})`),
  subgroup: (a, t) => (t === 'f32' ? `kiln_sg_max(${a})` : `subgroupMax(${a})`),
  empty: -Infinity,
};
const minFold: Fold = {
  init: (t) => (t === 'f32' ? lit(Infinity, t) : t === 'i32' ? '2147483647i' : '4294967295u'),
  step: (acc, x, t) => (t === 'f32' ? `kiln_min_nan(${acc}, ${x})` : `min(${acc}, ${x})`),
  combine: (a, b, t) => (t === 'f32' ? `kiln_min_nan(${a}, ${b})` : `min(${a}, ${b})`),
  subgroup: (a, t) => (t === 'f32' ? `kiln_sg_min(${a})` : `subgroupMin(${a})`),
  empty: Infinity,
};

/** The fold of each axis reduction, mirroring runtime/cpu/kernels/reduce.ts. */
export const FOLDS = {
  ReduceSum: sum(add),
  ReduceMean: sum(add, { finish: (acc, n, t) => `${acc} / ${lit(n, t)}`, empty: NaN }),
  ReduceMax: maxFold,
  ReduceMin: minFold,
  ReduceProd: { init: (t) => lit(1, t), step: (a, x) => `${a} * ${x}`, combine: (a, b) => `${a} * ${b}`, subgroup: (a) => `subgroupMul(${a})`, empty: 1 },
  ReduceL1: sum((acc, x) => `${acc} + abs(${x})`),
  ReduceL2: sum((acc, x) => `${acc} + ${x} * ${x}`, { finish: (acc, _n, t) => `sqrt(${asF32(acc, t)})`, floatResult: true }),
  ReduceLogSum: sum(add, { finish: (acc, _n, t) => `log(${asF32(acc, t)})`, floatResult: true, empty: -Infinity }),
  // log(sum(exp(x - m))) + m with m the (finite) max: large inputs do not overflow.
  ReduceLogSumExp: sum((acc, x) => `${acc} + exp(${x} - m)`, { finish: (acc) => `m + log(${acc})`, floatCompute: true, center: maxFold, empty: -Infinity }),
  ReduceSumSquare: sum((acc, x) => `${acc} + ${x} * ${x}`),
} satisfies Record<string, Fold>;

const axisReduce = (f: Fold): Lowering => (ctx) => {
  const x = ctx.inputs[0] as TensorRef;
  const axes = reducedAxes(x.view.shape.length, ctx.node.attrs);
  return axisReduction(x, ctx.outputs[0], axes, f, ctx.node.op, ctx.features);
};

const LOWERED: Partial<Record<ReduceOpName, Lowering>> = {
  ...Object.fromEntries(Object.entries(FOLDS).map(([op, f]) => [op, axisReduce(f)])),
  ArgMax: ARG_REDUCE('>'),
  ArgMin: ARG_REDUCE('<'),
  CumSum: CUM_SUM,
  TopK: TOP_K,
};

export const REDUCE_LOWERINGS = Object.fromEntries(
  Object.entries(REDUCE_OPS as Record<string, OpDef>).map(([op, def]) => [op, def.composite ? decomposed : LOWERED[op as ReduceOpName] ?? notOnGpu('not written yet')]),
) as { [K in ReduceOpName]: Lowering };

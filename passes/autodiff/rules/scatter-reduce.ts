// Gradients of ScatterElements / ScatterND with reduction mul, max and min, composed of scatters and gathers
// over the same indices (`back` gathers an output-shaped value at every update's target).
//   max / min  the element that won gets dy, the others nothing. Ties go to the first in the forward's order:
//              the data element when it attains the result, else the first update (row-major over updates)
//              that does. The winner is found by scattering each tying update's position with reduction
//              min into -1 (data ties) or n (no tie) and comparing positions back.
//   mul        product rule without dividing by the output. d data = dy * prod(updates at the target);
//              d update j = dy * data * prod(other updates at the target), from the product of the non-zero
//              factors P and the zero count Z at the target: j non-zero: Z = 0 ? P / u_j : 0;
//              j zero: Z = 1 ? P : 0 (P already excludes u_j). Only a non-zero update is divided by.
import type { Value } from '../../../ir/graph.ts';
import { numel } from '../../../ir/shape.ts';
import { tensor } from '../../../ir/tensor.ts';
import type { GradBuilder } from '../rule.ts';

export type ScatterOp = 'ScatterElements' | 'ScatterND';

/** The scatter's own indices applied to other values: scatter into a base, gather back per update. */
interface Indexing {
  scatter(base: Value, updates: Value, reduction: string): Value;
  back(v: Value): Value;
}

function indexing(g: GradBuilder, op: ScatterOp): Indexing {
  const idx = g.x(1), axis = g.attrs.axis as number;
  return op === 'ScatterElements'
    ? {
      scatter: (base, u, reduction) => g.op1('ScatterElements', [base, idx, u], { axis, reduction }),
      back: (v) => g.op1('GatherElements', [v, idx], { axis }),
    }
    : {
      scatter: (base, u, reduction) => g.op1('ScatterND', [base, idx, u], { reduction }),
      back: (v) => g.op1('GatherND', [v, idx]),
    };
}

/** Positions 0..n-1 of the updates, row-major, in the updates' dtype. */
function positions(g: GradBuilder): Value {
  const u = g.x(2), n = numel(u.type.shape);
  return g.constant(tensor(u.type.dtype, u.type.shape, Array.from({ length: n }, (_, k) => k)), 'positions');
}

/** For max / min: [data wins, update wins] masks (boolean), memoized per node. */
function winners(g: GradBuilder, op: ScatterOp): { data: Value; update: Value } {
  const ix = indexing(g, op), x = g.x(0), u = g.x(2), y = g.y(), n = numel(u.type.shape);
  const data = g.memo('data-wins', () => g.eq(x, y));
  const update = g.memo('update-wins', () => {
    const pos = positions(g);
    const tying = g.where(g.eq(u, ix.back(y)), pos, g.num(n, u));
    const first = ix.scatter(g.where(data, g.num(-1, x), g.num(n, x)), tying, 'min');
    return g.eq(ix.back(first), pos);
  });
  return { data, update };
}

/** For mul: the product of the non-zero factors (data included) and the count of zero updates, per target. */
function factors(g: GradBuilder, op: ScatterOp): { zero: Value; nonZero: Value; product: Value; zeros: Value } {
  const ix = indexing(g, op), x = g.x(0), u = g.x(2);
  const zero = g.memo('zero-updates', () => g.eq(u, g.num(0, u)));
  const nonZero = g.memo('non-zero-updates', () => g.where(zero, g.num(1, u), u));
  const product = g.memo('non-zero-product', () => ix.back(ix.scatter(x, nonZero, 'mul')));
  const zeros = g.memo('zero-count', () => ix.back(ix.scatter(g.zeros(x.type), g.mask(zero, u), 'add')));
  return { zero, nonZero, product, zeros };
}

const DATA_GRADS: Record<string, (g: GradBuilder, op: ScatterOp) => Value> = {
  max: (g, op) => g.pass(winners(g, op).data, g.dy()),
  min: (g, op) => g.pass(winners(g, op).data, g.dy()),
  mul: (g, op) => g.mul(g.dy(), indexing(g, op).scatter(g.expand(g.num(1, g.x(0)), g.x(0).type.shape), g.x(2), 'mul')),
};

const UPDATE_GRADS: Record<string, (g: GradBuilder, op: ScatterOp) => Value> = {
  max: (g, op) => g.pass(winners(g, op).update, indexing(g, op).back(g.dy())),
  min: (g, op) => g.pass(winners(g, op).update, indexing(g, op).back(g.dy())),
  mul: (g, op) => {
    const { zero, nonZero, product, zeros } = factors(g, op), u = g.x(2);
    const others = g.where(zero,
      g.where(g.eq(zeros, g.num(1, u)), product, g.num(0, u)),
      g.where(g.eq(zeros, g.num(0, u)), g.div(product, nonZero), g.num(0, u)));
    return g.mul(indexing(g, op).back(g.dy()), others);
  },
};

/** d data of a scatter with reduction mul / max / min, or undefined for another reduction. */
export const reducedScatterDataGrad = (g: GradBuilder, op: ScatterOp): Value | undefined => DATA_GRADS[g.attrs.reduction as string]?.(g, op);

/** d updates of a scatter with reduction mul / max / min, or undefined for another reduction. */
export const reducedScatterUpdatesGrad = (g: GradBuilder, op: ScatterOp): Value | undefined => UPDATE_GRADS[g.attrs.reduction as string]?.(g, op);

// Gradient rules of the reduce family: dy is viewed with the reduced axes kept (size 1) and broadcast back
// over the input. ReduceMax/ReduceMin share dy equally among tied extrema; ReduceProd uses y / x (undefined
// where x = 0); ReduceL2 takes x / y as 0 where the norm is 0. CumSum's gradient is the reversed CumSum.
// The row ops and losses are composites (decomposed before autodiff); ArgMax/ArgMin give integers.
import type { Value } from '../../../ir/graph.ts';
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import { reducedAxes, reducedShape } from '../../../ir/ops/reduce.ts';
import { decomposeFirst, type GradBuilder, type GradEntry, type InputGrad, zeroGrad } from '../rule.ts';

/** A value of the reduced (output) shape viewed with kept axes and broadcast to x's shape. */
function spread(g: GradBuilder, v: Value): Value {
  const x = g.x(0);
  const axes = reducedAxes(x.type.shape.length, g.attrs);
  return g.expand(g.reshape(v, reducedShape(x.type.shape, axes, true)), x.type.shape);
}

const count = (g: GradBuilder): number => {
  const s = g.x(0).type.shape;
  return reducedAxes(s.length, g.attrs).reduce((n, a) => n * s[a], 1);
};

/** dx = broadcast(dy) * f(x, broadcast(y)). */
const reduceRule = (f?: (g: GradBuilder, x: Value, y: Value) => Value): InputGrad[] => [
  (g) => {
    const dy = spread(g, g.dy());
    return f ? g.mul(dy, f(g, g.x(0), spread(g, g.y()))) : dy;
  },
];

/** ReduceMax/ReduceMin: the extrema share dy (ties split it equally). */
const extremum = reduceRule((g, x, y) => {
  const hit = g.mask(g.eq(x, y), x);
  const axes = reducedAxes(x.type.shape.length, g.attrs);
  return g.div(hit, g.expand(g.sumKeep(hit, axes), x.type.shape));
});

export const REDUCE_GRADS: { [K in ReduceOpName]: GradEntry } = {
  ReduceSum: reduceRule(),
  ReduceMean: [(g) => g.scale(spread(g, g.dy()), 1 / count(g))],
  ReduceMax: extremum,
  ReduceMin: extremum,
  ReduceProd: reduceRule((g, x, y) => g.div(y, x)),
  ReduceL1: reduceRule((g, x) => g.un('Sign', x)),
  ReduceL2: reduceRule((g, x, y) => g.where(g.eq(y, g.num(0, y)), g.num(0, y), g.div(x, y))),
  // y = log(sum x): dx = dy / exp(y)
  ReduceLogSum: reduceRule((g, _x, y) => g.un('Reciprocal', g.un('Exp', y))),
  ReduceLogSumExp: reduceRule((g, x, y) => g.un('Exp', g.sub(x, y))),
  ReduceSumSquare: reduceRule((g, x) => g.scale(x, 2)),
  ArgMax: zeroGrad('integer output'), ArgMin: zeroGrad('integer output'),
  CumSum: [(g) => g.op1('CumSum', [g.dy()], { ...g.attrs, reverse: g.attrs.reverse ? 0 : 1 })],
  // The values output scatters dy back to where each came from; the indices output is an integer.
  TopK: [(g) => {
    const x = g.x(0), axis = g.attrs.axis as number;
    return g.op1('ScatterElements', [g.zeros(x.type), g.y(1), g.dy(0)], { axis, reduction: 'add' });
  }],
  Softmax: decomposeFirst, LogSoftmax: decomposeFirst, Hardmax: decomposeFirst,
  NegativeLogLikelihoodLoss: decomposeFirst, SoftmaxCrossEntropyLoss: decomposeFirst,
};

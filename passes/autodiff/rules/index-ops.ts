// Gradient rules of the index-driven movement ops. Gathers scatter-add dy into zeros (an embedding table's
// gradient: ScatterElements with reduction add, so repeated indices accumulate); scatters pass dy to the
// data except where it was overwritten (reduction none; with duplicate indices every duplicate update gets
// the gradient of the element it targets) and gather dy for the updates. Indices never carry a gradient.
import type { Value } from '../../../ir/graph.ts';
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { normAxis, numel } from '../../../ir/shape.ts';
import { tensor } from '../../../ir/tensor.ts';
import { type GradBuilder, type GradEntry } from '../rule.ts';
import { resizeGrad } from './resize.ts';
import { reducedScatterDataGrad, reducedScatterUpdatesGrad } from './scatter-reduce.ts';

type IndexOp = 'Gather' | 'GatherElements' | 'GatherND' | 'ScatterElements' | 'ScatterND' | 'OneHot' | 'ReverseSequence' | 'Resize';

/** Gather along `axis`: data [pre, A, post], indices I, dy [pre, I, post] -> scatter-add into [pre, A, post]. */
function gatherGrad(g: GradBuilder): Value {
  const x = g.x(0), idx = g.x(1), s = x.type.shape, ax = normAxis(g.attrs.axis as number, s.length);
  const pre = numel(s.slice(0, ax)), post = numel(s.slice(ax + 1)), ni = numel(idx.type.shape);
  const lines = [pre, ni, post];
  const where = g.expand(g.reshape(idx, [1, ni, 1]), lines);
  const summed = g.op1('ScatterElements', [g.zeros({ dtype: x.type.dtype, shape: [pre, s[ax], post] }), where, g.reshape(g.dy(), lines)], { axis: 1, reduction: 'add' });
  return g.reshape(summed, s);
}

/**
 * GatherND: scatter-add dy into zeros at the indices. With batch_dims b the b leading dims are flattened
 * into one and its coordinate is prepended to every index tuple (a constant), which makes it batch_dims 0.
 */
function gatherNdGrad(g: GradBuilder): Value {
  const x = g.x(0), idx = g.x(1), b = g.attrs.batch_dims as number;
  if (b === 0) return g.op1('ScatterND', [g.zeros(x.type), idx, g.dy()], { reduction: 'add' });
  const is = idx.type.shape, k = is[is.length - 1], batch = numel(is.slice(0, b)), tuples = numel(is.slice(b, -1));
  const batchIdx = g.constant(tensor(idx.type.dtype, [batch, tuples, 1], Array.from({ length: batch * tuples }, (_, p) => Math.floor(p / tuples))), 'batch_index');
  const full = g.op1('Concat', [batchIdx, g.reshape(idx, [batch, tuples, k])], { axis: 2 });
  const rest = x.type.shape.slice(b);
  const dy = g.reshape(g.dy(), [batch, tuples, ...rest.slice(k)]);
  const dx = g.op1('ScatterND', [g.zeros({ dtype: x.type.dtype, shape: [batch, ...rest] }), full, dy], { reduction: 'add' });
  return g.reshape(dx, x.type.shape);
}

const SCATTER_OF = { GatherElements: 'ScatterElements', GatherND: 'ScatterND' } as const;

function scatterUpdatesGrad(g: GradBuilder, gatherOp: 'GatherElements' | 'GatherND'): Value {
  const r = g.attrs.reduction;
  if (r !== 'none' && r !== 'add') return reducedScatterUpdatesGrad(g, SCATTER_OF[gatherOp]) ?? g.fail(`no gradient for scatter reduction '${r}'`);
  return gatherOp === 'GatherElements' ? g.op1('GatherElements', [g.dy(), g.x(1)], { axis: g.attrs.axis as number }) : g.op1('GatherND', [g.dy(), g.x(1)]);
}

function scatterDataGrad(g: GradBuilder, op: 'ScatterElements' | 'ScatterND'): Value {
  const r = g.attrs.reduction;
  if (r === 'add') return g.dy();
  if (r !== 'none') return reducedScatterDataGrad(g, op) ?? g.fail(`no gradient for scatter reduction '${r}'`);
  return g.op1(op, [g.dy(), g.x(1), g.zeros(g.x(2).type)], { ...g.attrs });
}

export const INDEX_GRADS: { [K in IndexOp & MovementOpName]: GradEntry } = {
  Gather: [gatherGrad, undefined],
  GatherElements: [(g) => g.op1('ScatterElements', [g.zeros(g.x(0).type), g.x(1), g.dy()], { axis: g.attrs.axis as number, reduction: 'add' }), undefined],
  GatherND: [gatherNdGrad, undefined],
  ScatterElements: [(g) => scatterDataGrad(g, 'ScatterElements'), undefined, (g) => scatterUpdatesGrad(g, 'GatherElements')],
  ScatterND: [(g) => scatterDataGrad(g, 'ScatterND'), undefined, (g) => scatterUpdatesGrad(g, 'GatherND')],
  // values = [off, on]: on collects dy at the hot positions, off everywhere else.
  OneHot: [undefined, (g) => {
    const on = g.op1('ReduceSum', [g.mul(g.dy(), onesHot(g))], { keepdims: 0 });
    const all = g.op1('ReduceSum', [g.dy()], { keepdims: 0 });
    return g.op1('Concat', [g.reshape(g.sub(all, on), [1]), g.reshape(on, [1])], { axis: 0 });
  }],
  ReverseSequence: [(g) => g.op1('ReverseSequence', [g.dy(), g.x(1)], { ...g.attrs }), undefined],
  Resize: [resizeGrad],
};

/** The one-hot mask (1 at hot positions, 0 elsewhere) of the node's indices, in dy's dtype. */
function onesHot(g: GradBuilder): Value {
  const dtype = g.dy().type.dtype;
  const values = g.graph.addConstant(tensor(dtype, [2], [0, 1]), 'grad_onehot_01');
  return g.op1('OneHot', [g.x(0), values], { ...g.attrs });
}

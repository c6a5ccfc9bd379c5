// BatchNorm folding at inference: Conv, ConvTranspose (grouped) and Gemm (both transB, with beta and a bias)
// absorb the BatchNorm that is the sole reader of their output; the folded graph must match the
// interpreter's BatchNorm on the original within f32 rounding. Training-mode BN and shared outputs stay.
import { describe, expect, it } from 'vitest';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { deadCodeElimination } from '../../passes/dce.ts';
import { foldBatchNorm } from '../../passes/fold-batchnorm.ts';
import { runPasses } from '../../passes/pass.ts';
import { expectSameResults, irText, rand } from './rewrite-check.ts';

const TOL = { rtol: 1e-5, atol: 1e-5 };

/** x -> op(x, W, bias) -> BatchNorm(channels) -> Relu, all weights parameters. */
function build(op: OpName, xShape: number[], wShape: number[], bias: number[] | undefined, channels: number, attrs: Record<string, AttrValue> = {}) {
  const g = new Graph('g');
  const x = g.addInput('x', { dtype: 'f32', shape: xShape });
  const w = g.addParam('w', rand(wShape, 11));
  const b = bias && g.addParam('b', rand(bias, 12));
  const [y] = g.addNode(op, b ? [x, w, b] : [x, w], attrs, 'y');
  const bnParams = ['scale', 'shift', 'mean', 'var'].map((n, i) => g.addParam(n, rand([channels], 20 + i, i === 3 ? 0.5 : -1, i === 3 ? 2 : 1)));
  const [z] = g.addNode('BatchNormalization', [y, ...bnParams], { epsilon: 1e-3 }, 'bn');
  const [r] = g.addNode('Relu', [z], {}, 'r');
  g.outputs = [r];
  return { g, y, z };
}

function folds(g: Graph): Graph {
  const before = g.clone();
  runPasses(g, [foldBatchNorm, deadCodeElimination]);
  expect(g.nodes.map((n) => n.op)).not.toContain('BatchNormalization');
  expectSameResults(before, g, TOL);
  return g;
}

describe('fold-batchnorm', () => {
  it('folds into a Conv: new weight and bias constants, the parameters of the conv and the BN are dropped', () => {
    const { g } = build('Conv', [2, 3, 5, 5], [4, 3, 3, 3], [4], 4, { pads: [1, 1, 1, 1] });
    folds(g);
    expect(irText(g)).toBe([
      'graph g(%x: f32[2,3,5,5]) {',
      '  %bn = Conv(%x, @w/bn_folded, @y/bn_folded_bias) {dilations=[], group=1, pads=[1,1,1,1], strides=[]} : f32[2,4,5,5]',
      '  %r = Relu(%bn) : f32[2,4,5,5]',
      '  return %r',
      '}',
    ].join('\n'));
    expect([...g.params.keys()]).toEqual([]);
  });

  it('folds into a Conv without bias and a grouped ConvTranspose', () => {
    folds(build('Conv', [1, 4, 6, 6], [6, 2, 3, 3], undefined, 6, { group: 2, strides: [2, 2] }).g);
    folds(build('ConvTranspose', [2, 4, 3, 3], [4, 3, 2, 2], [6], 6, { group: 2, strides: [2, 2] }).g);
  });

  it('folds into a Gemm with transB 0 or 1, beta and a bias of shape [M], [1,M] or none', () => {
    folds(build('Gemm', [3, 5], [4, 5], [4], 4, { transB: 1, beta: 0.5, alpha: 2 }).g);
    folds(build('Gemm', [3, 5], [5, 4], [1, 4], 4, { beta: 3 }).g);
    const g = folds(build('Gemm', [3, 5], [5, 4], undefined, 4).g);
    expect(g.nodes[0].attrs.beta).toBe(1);
  });

  it('keeps BatchNorm in training mode, after a shared output, and after a Gemm with a per-row bias', () => {
    const shared = build('Conv', [1, 2, 4, 4], [3, 2, 1, 1], [3], 3);
    shared.g.outputs.push(shared.y);
    const training = new Graph('t');
    const x = training.addInput('x', { dtype: 'f32', shape: [2, 3] });
    const [y] = training.addNode('Gemm', [x, training.addParam('w', rand([3, 3], 1))], {}, 'y');
    const stats: Value[] = ['s', 'b', 'm', 'v'].map((n) => training.addParam(n, rand([3], 2, 0.5, 1)));
    training.outputs = training.addNode('BatchNormalization', [y, ...stats], { training_mode: 1 }, 'bn');
    const perRow = build('Gemm', [3, 5], [5, 4], [3, 1], 4);
    for (const g of [shared.g, training, perRow.g]) {
      runPasses(g, [foldBatchNorm]);
      expect(g.nodes.map((n) => n.op)).toContain('BatchNormalization');
    }
  });
});

// Gradient checks of the reduce-family rules (axes, keepdims, noop_with_empty_axes), CumSum and TopK.
import { describe, it } from 'vitest';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { expectGradOk, op } from './gradcheck.ts';

const REDUCES: OpName[] = ['ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceLogSum', 'ReduceLogSumExp', 'ReduceSumSquare'];
const VARIANTS: { name: string; attrs: Record<string, AttrValue> }[] = [
  { name: 'all axes', attrs: { keepdims: 0 } },
  { name: 'axis 1 keepdims', attrs: { axes: [1] } },
  { name: 'axes [0,2] dropped', attrs: { axes: [0, 2], keepdims: 0 } },
  { name: 'axis -1', attrs: { axes: [-1], keepdims: 0 } },
  { name: 'no axes, noop', attrs: { noop_with_empty_axes: 1 } },
];

describe('autodiff: reductions', () => {
  for (const name of REDUCES) {
    // ReduceLogSum needs a positive sum; ReduceProd and ReduceL1 values away from 0.
    const input = name === 'ReduceLogSum' || name === 'ReduceProd' ? { shape: [2, 3, 4], lo: 0.3, hi: 2 } : [2, 3, 4];
    for (const v of VARIANTS) it(`${name} ${v.name}`, () => expectGradOk(op(name, [input], v.attrs)));
  }
});

describe('autodiff: CumSum and TopK', () => {
  for (const [exclusive, reverse] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
    it(`CumSum exclusive=${exclusive} reverse=${reverse}`, () => expectGradOk(op('CumSum', [[3, 4]], { axis: 1, exclusive, reverse })));
  }
  it('CumSum axis 0', () => expectGradOk(op('CumSum', [[3, 2, 2]], { axis: -3 })));
  it('TopK values along the last axis', () => expectGradOk(op('TopK', [[3, 5]], { k: 2 })));
  it('TopK smallest along axis 0', () => expectGradOk(op('TopK', [[4, 3]], { k: 3, axis: 0, largest: 0 })));
});

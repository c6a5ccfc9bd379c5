import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { erf } from '../../runtime/cpu/math.ts';

describe('elementwise ops', () => {
  it('broadcast shape rule', () => {
    const g = new Graph();
    const a = g.addInput('a', { dtype: 'f32', shape: [2, 1, 3] });
    const b = g.addInput('b', { dtype: 'f32', shape: [4, 1] });
    const [c] = g.addNode('Add', [a, b]);
    expect(c.type.shape).toEqual([2, 4, 3]);
  });

  it('rejects shapes that do not broadcast, naming node and op', () => {
    const g = new Graph();
    const a = g.addInput('a', { dtype: 'f32', shape: [2, 3] });
    const b = g.addInput('b', { dtype: 'f32', shape: [4] });
    expect(() => g.addNode('Mul', [a, b], {}, 'mul1')).toThrowError(/\[SHAPE\].*op Mul, node 'mul1'/);
    expect(() => g.addNode('Mul', [a, b])).toThrow(KilnError);
  });

  it('CPU kernel broadcasts and computes', () => {
    const g = new Graph();
    const a = g.addInput('a', { dtype: 'f32', shape: [2, 3] });
    const b = g.addInput('b', { dtype: 'f32', shape: [3] });
    const [s] = g.addNode('Sub', [a, b]);
    const [r] = g.addNode('Relu', [s]);
    g.outputs = [r];
    const [out] = interpret(g, new Map([
      ['a', tensor('f32', [2, 3], [1, 2, 3, 4, 5, 6])],
      ['b', tensor('f32', [3], [2, 2, 2])],
    ]));
    expect(Array.from(out.data)).toEqual([0, 0, 1, 2, 3, 4]);
  });

  it('erf matches known values', () => {
    // Reference values of erf from tables (Abramowitz & Stegun 7.1).
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 9);
    expect(erf(1)).toBeCloseTo(0.8427007929, 9);
    expect(erf(3)).toBeCloseTo(0.9999779095, 9);
    expect(erf(-2)).toBeCloseTo(-0.9953222650, 9);
  });
});

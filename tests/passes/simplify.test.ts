// Algebraic simplification, rule by rule: the IR before (built here) and the IR expected after, plus the
// interpreter's results on the original graph against the simplified one (exact: every rule is exact).
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { scalar, tensor } from '../../ir/tensor.ts';
import { deadCodeElimination } from '../../passes/dce.ts';
import { runPasses, runPipeline } from '../../passes/pass.ts';
import { simplify, simplifyGraph } from '../../passes/simplify/index.ts';
import { expectSameResults, irText } from './rewrite-check.ts';

const f32 = (...shape: number[]) => ({ dtype: 'f32' as const, shape });

/** Simplifies (then DCE) a copy of `g`; checks the IR text and the numbers; returns the rule counts. */
function check(g: Graph, expected: string[]): Map<string, number> {
  const before = g.clone();
  const report = simplifyGraph(g);
  runPasses(g, [deadCodeElimination]);
  expect(irText(g)).toBe(expected.join('\n'));
  expectSameResults(before, g);
  return report.fired;
}

describe('simplify: neutral operands', () => {
  it('drops x*1, 1*x, x+0, 0+x, x-0 and x/1 with frozen constants', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(2, 3));
    const one = g.addConstant(scalar('f32', 1), 'one');
    const zeros = g.addConstant(tensor('f32', [3]), 'zeros');
    const ones = g.addConstant(tensor('f32', [1, 3], [1, 1, 1]), 'ones');
    let v = g.addNode('Mul', [x, one], {}, 'm1')[0];
    v = g.addNode('Mul', [ones, v], {}, 'm2')[0];
    v = g.addNode('Add', [v, zeros], {}, 'a1')[0];
    v = g.addNode('Add', [zeros, v], {}, 'a2')[0];
    v = g.addNode('Sub', [v, zeros], {}, 's1')[0];
    v = g.addNode('Div', [v, one], {}, 'd1')[0];
    const [y] = g.addNode('Relu', [v], {}, 'y');
    g.outputs = [y];
    const fired = check(g, ['graph g(%x: f32[2,3]) {', '  %y = Relu(%x) : f32[2,3]', '  return %y', '}']);
    expect(fired.get('neutral-operand')).toBe(6);
  });

  it('keeps the neutral op where it broadcasts x, where the constant is a parameter or state, and 0-x, 1/x', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(3));
    const ones23 = g.addConstant(tensor('f32', [2, 3], [1, 1, 1, 1, 1, 1]), 'ones23');
    const w = g.addParam('w', tensor('f32', [3], [1, 1, 1]));
    const m = g.addConstant(tensor('f32', [3]), 'm');
    const zero = g.addConstant(scalar('f32', 0), 'zero');
    const one = g.addConstant(scalar('f32', 1), 'one');
    const [b] = g.addNode('Mul', [x, ones23], {}, 'grow');
    const [p] = g.addNode('Mul', [x, w], {}, 'byparam');
    const [s] = g.addNode('Add', [x, m], {}, 'bystate');
    const [n] = g.addNode('Sub', [zero, x], {}, 'neg');
    const [r] = g.addNode('Div', [one, x], {}, 'recip');
    g.updates.set(m, s);
    g.outputs = [b, p, n, r];
    const before = g.nodes.map((k) => k.name);
    simplifyGraph(g);
    expect(g.nodes.map((k) => k.name)).toEqual(before);
  });
});

describe('simplify: views', () => {
  it('composes Transpose∘Transpose into one Transpose, and removes a pair that is the identity', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(2, 3, 4));
    const [t1] = g.addNode('Transpose', [x], { perm: [1, 2, 0] }, 't1');
    const [t2] = g.addNode('Transpose', [t1], { perm: [0, 2, 1] }, 't2');
    const [u1] = g.addNode('Transpose', [x], { perm: [2, 0, 1] }, 'u1');
    const [u2] = g.addNode('Transpose', [u1], { perm: [1, 2, 0] }, 'u2');
    const [r] = g.addNode('Relu', [u2], {}, 'r');
    const [rev] = g.addNode('Transpose', [g.addNode('Transpose', [x], {}, 'rev1')[0]], {}, 'rev2');
    const [e] = g.addNode('Exp', [rev], {}, 'e');
    g.outputs = [t2, r, e];
    const fired = check(g, [
      'graph g(%x: f32[2,3,4]) {',
      '  %t2 = Transpose(%x) {perm=[1,0,2]} : f32[3,2,4]',
      '  %r = Relu(%x) : f32[2,3,4]',
      '  %e = Exp(%x) : f32[2,3,4]',
      '  return %t2, %r, %e',
      '}',
    ]);
    expect(fired.get('transpose-chain')).toBe(3);
    expect(fired.get('identity-view')).toBe(2);
  });

  it('folds Reshape, Squeeze, Unsqueeze and Flatten chains into one Reshape and removes same-shape views', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(2, 3, 4));
    const [a] = g.addNode('Unsqueeze', [x], { axes: [0] }, 'a');
    const [b] = g.addNode('Reshape', [a], { shape: [1, 6, -1] }, 'b');
    const [c] = g.addNode('Squeeze', [b], { axes: [0] }, 'c');
    const [d] = g.addNode('Flatten', [c], { axis: 1 }, 'd');
    const [same] = g.addNode('Reshape', [d], { shape: [6, 4] }, 'same');
    const [y] = g.addNode('Relu', [same], {}, 'y');
    const [back] = g.addNode('Reshape', [g.addNode('Reshape', [x], { shape: [24] }, 'flat')[0]], { shape: [2, 3, 4] }, 'back');
    const [z] = g.addNode('Neg', [back], {}, 'z');
    g.outputs = [y, z];
    check(g, [
      'graph g(%x: f32[2,3,4]) {',
      '  %c = Reshape(%x) {shape=[6,4]} : f32[6,4]',
      '  %y = Relu(%c) : f32[6,4]',
      '  %z = Neg(%x) : f32[2,3,4]',
      '  return %y, %z',
      '}',
    ]);
  });

  it('keeps graph-output names: the producer takes the name, or the view stays when it cannot', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(2, 3));
    const [e] = g.addNode('Exp', [x], {}, 'e');
    const [out] = g.addNode('Reshape', [e], { shape: [2, 3] }, 'out');
    const [same] = g.addNode('Reshape', [x], { shape: [2, 3] }, 'x_out');
    const [tt] = g.addNode('Transpose', [g.addNode('Transpose', [out], {}, 't1')[0]], {}, 'tt');
    g.outputs = [out, same, tt];
    check(g, [
      'graph g(%x: f32[2,3]) {',
      '  %out = Exp(%x) : f32[2,3]',
      '  %x_out = Reshape(%x) {shape=[2,3]} : f32[2,3]',
      '  %tt = Transpose(%out) {perm=[0,1]} : f32[2,3]',
      '  return %out, %x_out, %tt',
      '}',
    ]);
  });

  it('keeps an update source when the view it replaces feeds the state', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(4));
    const s = g.addConstant(tensor('f32', [4]), 's');
    const [sum] = g.addNode('Add', [s, x], {}, 'sum');
    const [next] = g.addNode('Reshape', [sum], { shape: [4] }, 'next');
    g.updates.set(s, next);
    g.outputs = [g.addNode('ReduceSum', [next], { keepdims: 0 }, 'total')[0]];
    runPipeline(g, [simplify, deadCodeElimination]);
    expect(irText(g)).toBe([
      'graph g(%x: f32[4]) {',
      '  %next = Add(@s, %x) : f32[4]',
      '  %total = ReduceSum(%next) {axes=[], keepdims=0, noop_with_empty_axes=0} : f32[]',
      '  return %total',
      '}',
    ].join('\n'));
    expect(g.updates.get(s)!.name).toBe('next');
  });
});

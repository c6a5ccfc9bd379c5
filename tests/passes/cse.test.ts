// CSE: equal nodes and equal small frozen constants merge; parameters, updated state and random ops never do;
// graph outputs keep their names. Each case checks the IR after and the interpreter's results.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { scalar, tensor } from '../../ir/tensor.ts';
import { cse } from '../../passes/cse.ts';
import { deadCodeElimination } from '../../passes/dce.ts';
import { runPasses } from '../../passes/pass.ts';
import { expectSameResults, irText } from './rewrite-check.ts';

const f32 = (...shape: number[]) => ({ dtype: 'f32' as const, shape });

describe('cse', () => {
  it('merges nodes with the same op, inputs and attributes, and equal scalar constants', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(2, 3));
    const two = g.addConstant(scalar('f32', 2), 'two');
    const twoAgain = g.addConstant(scalar('f32', 2), 'two_again');
    const [a] = g.addNode('Mul', [x, two], {}, 'a');
    const [b] = g.addNode('Mul', [x, twoAgain], {}, 'b');
    const [ea] = g.addNode('Exp', [a], {}, 'ea');
    const [eb] = g.addNode('Exp', [b], {}, 'eb');
    const [ta] = g.addNode('Transpose', [ea], { perm: [1, 0] }, 'ta');
    const [tb] = g.addNode('Transpose', [eb], { perm: [1, 0] }, 'tb');
    const [s] = g.addNode('ReduceSum', [ea], { axes: [0] }, 's0');
    const [s1] = g.addNode('ReduceSum', [eb], { axes: [1] }, 's1');
    const [y] = g.addNode('Add', [ta, tb], {}, 'y');
    g.outputs = [y, s, s1];
    const before = g.clone();
    runPasses(g, [cse, deadCodeElimination]);
    expect(irText(g)).toBe([
      'graph g(%x: f32[2,3]) {',
      '  %a = Mul(%x, @two) : f32[2,3]',
      '  %ea = Exp(%a) : f32[2,3]',
      '  %ta = Transpose(%ea) {perm=[1,0]} : f32[3,2]',
      '  %s0 = ReduceSum(%ea) {axes=[0], keepdims=1, noop_with_empty_axes=0} : f32[1,3]',
      '  %s1 = ReduceSum(%ea) {axes=[1], keepdims=1, noop_with_empty_axes=0} : f32[2,1]',
      '  %y = Add(%ta, %ta) : f32[3,2]',
      '  return %y, %s0, %s1',
      '}',
    ].join('\n'));
    expect([...g.constants.keys()].map((v) => v.name)).toEqual(['two']);
    expectSameResults(before, g);
  });

  it('keeps the name of a graph output computed twice: the first copy takes it', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(4));
    const [a] = g.addNode('Relu', [x], {}, 'a');
    const [b] = g.addNode('Relu', [x], {}, 'out');
    const [c] = g.addNode('Neg', [a], {}, 'c');
    g.outputs = [c, b];
    const before = g.clone();
    runPasses(g, [cse, deadCodeElimination]);
    expect(irText(g)).toBe(['graph g(%x: f32[4]) {', '  %out = Relu(%x) : f32[4]', '  %c = Neg(%out) : f32[4]', '  return %c, %out', '}'].join('\n'));
    expectSameResults(before, g);
  });

  it('keeps two graph outputs that are computed alike, each with its name', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(4));
    g.outputs = [g.addNode('Relu', [x], {}, 'p')[0], g.addNode('Relu', [x], {}, 'q')[0]];
    runPasses(g, [cse]);
    expect(g.nodes.map((n) => n.name)).toEqual(['p', 'q']);
  });

  it('never merges parameters, updated state, large constants or random ops', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(2));
    const step = g.addInput('step', f32());
    const w1 = g.addParam('w1', tensor('f32', [2], [1, 1]));
    const w2 = g.addParam('w2', tensor('f32', [2], [1, 1]));
    const m1 = g.addConstant(tensor('f32', [2]), 'w1.exp_avg');
    const m2 = g.addConstant(tensor('f32', [2]), 'w2.exp_avg');
    const big1 = g.addConstant(tensor('f32', [100]), 'big1');
    const big2 = g.addConstant(tensor('f32', [100]), 'big2');
    const [d1] = g.addNode('DropoutMask', [step], { shape: [2], seed: 3 }, 'd1');
    const [d2] = g.addNode('DropoutMask', [step], { shape: [2], seed: 3 }, 'd2');
    const [u1] = g.addNode('Add', [m1, x], {}, 'u1');
    const [u2] = g.addNode('Add', [m2, x], {}, 'u2');
    g.updates.set(m1, u1);
    g.updates.set(m2, u2);
    const [p] = g.addNode('Mul', [g.addNode('Mul', [x, w1], {}, 'xw1')[0], g.addNode('Mul', [x, w2], {}, 'xw2')[0]], {}, 'p');
    const [q] = g.addNode('Mul', [d1, d2], {}, 'q');
    const [r] = g.addNode('ReduceSum', [g.addNode('Add', [big1, big2], {}, 'bb')[0]], { keepdims: 0 }, 'r');
    g.outputs = [p, q, r];
    const names = () => g.nodes.map((n) => n.name);
    const before = names();
    runPasses(g, [cse]);
    expect(names()).toEqual(before);
    expect(g.constants.size).toBe(6);
  });
});

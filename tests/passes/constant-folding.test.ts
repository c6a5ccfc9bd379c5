// Constant folding with the CPU kernels as the evaluator: nodes over frozen constants become constants
// (same Values), parameters, updated state, graph outputs, random ops and oversized results stay computed.
import { describe, expect, it } from 'vitest';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { scalar, tensor } from '../../ir/tensor.ts';
import { constantFolding } from '../../passes/constant-folding.ts';
import { deadCodeElimination } from '../../passes/dce.ts';
import { runPasses } from '../../passes/pass.ts';
import { evalNode } from '../../runtime/cpu/interpreter.ts';
import { expectSameResults, irText } from './rewrite-check.ts';

const f32 = (...shape: number[]) => ({ dtype: 'f32' as const, shape });

describe('constant folding', () => {
  it('evaluates nodes whose inputs are frozen constants, transitively', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(3));
    const a = g.addConstant(tensor('f32', [3], [1, 2, 3]), 'a');
    const b = g.addConstant(scalar('f32', 4), 'b');
    const [s] = g.addNode('Add', [a, b], {}, 's');
    const [e] = g.addNode('Sqrt', [s], {}, 'e');
    const [y] = g.addNode('Mul', [x, e], {}, 'y');
    g.outputs = [y];
    const before = g.clone();
    runPasses(g, [constantFolding(evalNode), deadCodeElimination]);
    expect(irText(g)).toBe(['graph g(%x: f32[3]) {', '  %y = Mul(%x, @e) : f32[3]', '  return %y', '}'].join('\n'));
    expect(Array.from(g.constants.get(e)!.data)).toEqual([Math.fround(Math.sqrt(5)), Math.fround(Math.sqrt(6)), Math.fround(Math.sqrt(7))]);
    expectSameResults(before, g);
  });

  it('leaves parameters, updated state, graph outputs, random ops and results over the size bound', () => {
    const g = new Graph('g');
    const x = g.addInput('x', f32(4));
    const w = g.addParam('w', tensor('f32', [4], [1, 2, 3, 4]));
    const m = g.addConstant(tensor('f32', [4]), 'm');
    const two = g.addConstant(scalar('f32', 2), 'two');
    const big = g.addConstant(tensor('f32', [64]), 'big');
    const [pw] = g.addNode('Mul', [w, two], {}, 'pw');
    const [mm] = g.addNode('Mul', [m, two], {}, 'mm');
    g.updates.set(m, g.addNode('Add', [mm, x], {}, 'next_m')[0]);
    const [out] = g.addNode('Neg', [two], {}, 'out');
    const [mask] = g.addNode('DropoutMask', [two], { shape: [4], seed: 1 }, 'mask');
    const [grown] = g.addNode('Expand', [two], { shape: [8, 8] }, 'grown');
    const [gb] = g.addNode('Add', [grown, g.addNode('Reshape', [big], { shape: [8, 8] }, 'big88')[0]], {}, 'gb');
    const [small] = g.addNode('Expand', [two], { shape: [4] }, 'small');
    const [y] = g.addNode('Mul', [g.addNode('Mul', [pw, mask], {}, 'pm')[0], g.addNode('Add', [x, small], {}, 'xs')[0]], {}, 'y');
    g.outputs = [y, out, gb];
    const before = g.clone();
    runPasses(g, [constantFolding(evalNode, 32)]);
    // Folded: only `small` (4 elements); `grown` and `big88` have 64 elements, over the bound of 32.
    expect(g.nodes.map((n) => n.name)).toEqual(['pw', 'mm', 'next_m', 'out', 'mask', 'grown', 'big88', 'gb', 'pm', 'xs', 'y']);
    expect(Array.from(g.constants.get(small)!.data)).toEqual([2, 2, 2, 2]);
    expectSameResults(before, g);
  });

  it('names the node when the evaluator gives the wrong number of results', () => {
    const g = new Graph('g');
    const a = g.addConstant(scalar('f32', 1), 'a');
    const x = g.addInput('x', f32());
    g.outputs = [g.addNode('Add', [g.addNode('Neg', [a], {}, 'n')[0], x], {}, 'y')[0]];
    expect(() => runPasses(g, [constantFolding(() => [])])).toThrow(KilnError);
    expect(() => runPasses(g, [constantFolding(() => [])])).toThrow(/evaluator gave 0 results/);
  });
});

import { describe, expect, it } from 'vitest';
import { Graph } from '../ir/graph.ts';
import { printGraph } from '../ir/print.ts';
import { verify } from '../ir/verify.ts';
import { tensor } from '../ir/tensor.ts';

function small(): Graph {
  const g = new Graph('small');
  const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
  const b = g.addConstant(tensor('f32', [3], [1, 2, 3]), 'b');
  const [y] = g.addNode('Add', [x, b], {}, 'add');
  const [z] = g.addNode('LeakyRelu', [y], { alpha: 0.1 }, 'act');
  g.outputs = [z];
  return g;
}

describe('IR', () => {
  it('prints a stable text form', () => {
    expect(printGraph(small())).toBe(
      [
        'graph small(%x: f32[2,3]) {',
        '  const @b: f32[3]',
        '  %add = Add(%x, @b) : f32[2,3]',
        '  %act = LeakyRelu(%add) {alpha=0.1} : f32[2,3]',
        '  return %act',
        '}',
      ].join('\n'),
    );
  });

  it('verifier accepts a well-formed graph', () => {
    expect(() => verify(small())).not.toThrow();
  });

  it('verifier rejects use before definition and wrong recorded types', () => {
    const g = small();
    g.nodes.reverse();
    expect(() => verify(g)).toThrowError(/\[VERIFY\] input 'add' is used before it is defined/);
    const h = small();
    h.constants.set([...h.constants.keys()][0], tensor('f32', [4], [1, 2, 3, 4]));
    expect(() => verify(h)).toThrowError(/constant 'b' holds f32\[4\]/);
  });

  it('rejects unknown and ill-typed attributes with the node name', () => {
    const g = new Graph();
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    expect(() => g.addNode('LeakyRelu', [x], { beta: 1 }, 'n1')).toThrowError(/unknown attribute 'beta'.*node 'n1'/);
    expect(() => g.addNode('LeakyRelu', [x], { alpha: 'x' }, 'n2')).toThrowError(/attribute 'alpha' must be of type float/);
  });
});

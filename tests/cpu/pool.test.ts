// The direct 2-D max pool (windows inside the input) against the window-list path, which the Indices output
// still takes: same values, NaN and -Infinity included.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { evalNode } from '../../runtime/cpu/interpreter.ts';

const cases: Record<string, unknown>[] = [
  { kernel_shape: [2, 2], strides: [2, 2] },
  { kernel_shape: [3, 3], strides: [1, 1] },
  { kernel_shape: [3, 2], strides: [2, 1] },
  { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 }, // 7x9 input: the last window would be clipped
  { kernel_shape: [2, 2], strides: [2, 2], pads: [1, 1, 0, 0] },
];

describe('MaxPool 2-D fast path', () => {
  for (const attrs of cases) {
    it(`matches the window list: ${JSON.stringify(attrs)}`, () => {
      const shape = [2, 3, 7, 9];
      let s = 5;
      const data = Float32Array.from({ length: 2 * 3 * 7 * 9 }, (_, i) =>
        i % 17 === 0 ? NaN : i % 23 === 0 ? -Infinity : ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1);
      const run = (indices: number) => {
        const g = new Graph();
        const x = g.addInput('x', { dtype: 'f32', shape });
        g.addNode('MaxPool', [x], { ...attrs, indices } as never);
        return evalNode(g.nodes[0], [tensor('f32', shape, data)])[0];
      };
      const fast = run(0), list = run(1);
      expect(fast.shape).toEqual(list.shape);
      expect(Array.from(fast.data)).toEqual(Array.from(list.data));
    });
  }
});

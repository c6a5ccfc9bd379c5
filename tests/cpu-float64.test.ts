// The CPU interpreter in double precision (withFloat64), as gradient checks use it: float tensors are
// Float64Array end to end, including the blocked GEMM and the im2col convolution.
import { describe, expect, it } from 'vitest';
import { withFloat64 } from '../ir/dtype.ts';
import { Graph } from '../ir/graph.ts';
import { tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';

describe('float64 interpretation', () => {
  it('MatMul and Conv compute in double precision', () => {
    const g = new Graph();
    const a = g.addInput('a', { dtype: 'f32', shape: [3, 300] });
    const b = g.addInput('b', { dtype: 'f32', shape: [300, 2] });
    const [c] = g.addNode('MatMul', [a, b]);
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 4, 4] });
    const w = g.addInput('w', { dtype: 'f32', shape: [1, 1, 3, 3] });
    const [y] = g.addNode('Conv', [x, w]);
    g.outputs = [c, y];
    // Values that float32 cannot hold exactly: 1 + 1e-12 per term.
    const av = Array.from({ length: 900 }, (_, i) => 1 + (i % 7) * 1e-12);
    const bv = Array.from({ length: 600 }, (_, i) => 1 + (i % 5) * 1e-12);
    const xv = Array.from({ length: 16 }, (_, i) => 1 + i * 1e-12);
    const wv = Array.from({ length: 9 }, () => 1 + 1e-12);
    const [cm, ym] = withFloat64(() => {
      const t = (s: number[], v: number[]) => ({ dtype: 'f32' as const, shape: s, data: Float64Array.from(v) });
      return interpret(g, new Map([['a', t([3, 300], av)], ['b', t([300, 2], bv)], ['x', t([1, 1, 4, 4], xv)], ['w', t([1, 1, 3, 3], wv)]]));
    });
    expect(cm.data).toBeInstanceOf(Float64Array);
    let want = 0;
    for (let k = 0; k < 300; k++) want += av[k] * bv[k * 2];
    expect(Math.abs(cm.data[0] - want)).toBeLessThan(1e-12);
    expect(want - 300).toBeGreaterThan(1e-10); // the 1e-12 terms matter: float32 would lose them
    let wantY = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) wantY += xv[i * 4 + j] * wv[i * 3 + j];
    expect(Math.abs(ym.data[0] - wantY)).toBeLessThan(1e-12);
    expect(tensor('f32', [1]).data).toBeInstanceOf(Float32Array);
  });
});

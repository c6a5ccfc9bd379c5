// The CPU fast paths (tight loops, row plans) against the generic per-element path: bit-identical results
// on random and special values, for every broadcast the row plan accepts, in f32 and float64 mode.
import { describe, expect, it } from 'vitest';
import { withFloat64 } from '../../ir/dtype.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { broadcastIndex, mapN } from '../../runtime/cpu/kernel.ts';
import { REDUCE_KERNELS } from '../../runtime/cpu/kernels/reduce.ts';
import { reducedAxes, reducedShape } from '../../ir/ops/reduce.ts';
import { scalarOf } from '../../runtime/cpu/kernels/elementwise.ts';
import { fastElementwise, rowPlan } from '../../runtime/cpu/kernels/elementwise-fast.ts';

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -0.5, 2.5, 1e-40, 3e38, -3e38, 20.5];
let seed = 11;
const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296) * 8 - 4;
function mk(dtype: 'f32' | 'bool', shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? +(rnd() > 0) : i % 3 ? rnd() : SPECIAL[(i / 3) % SPECIAL.length | 0]));
  return tensor(dtype, shape, dtype === 'bool' ? Uint8Array.from(v) : Float32Array.from(v));
}
const bcast = (...s: (readonly number[])[]) => {
  const r = Math.max(...s.map((x) => x.length));
  return Array.from({ length: r }, (_, i) => Math.max(...s.map((x) => x[x.length - r + i] ?? 1)));
};
const bits = (t: Tensor) => [...new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)];

const PAIRS: [number[], number[]][] = [
  [[4, 40], [4, 40]], [[4, 40], []], [[], [4, 40]], [[4, 40], [40]], [[40], [4, 40]], [[4, 40], [4, 1]],
  [[1, 40], [4, 1]], [[3, 4, 40], [4, 40]], [[3, 4, 10], [3, 4, 1]], [[1], [64]], [[8, 16], [1, 16]],
];
const UNARY = ['Relu', 'Neg', 'Abs', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Tanh', 'Sigmoid', 'StopGradient', 'LeakyRelu', 'Clip'] as const;
const BINARY = ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'PRelu', 'Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual'] as const;
const ATTRS: Record<string, Record<string, number>> = { LeakyRelu: { alpha: 0.1 }, Clip: { min: -1, max: 2 } };
const CMP = new Set(['Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual']);

function check(op: OpName, xs: Tensor[]): void {
  const out = { dtype: CMP.has(op) ? 'bool' : xs[xs.length - 1].dtype, shape: bcast(...xs.map((x) => x.shape)) } as const;
  const fast = fastElementwise(op, xs, ATTRS[op] ?? {}, out);
  expect(fast, `${op} ${xs.map((x) => `[${x.shape}]`)} has a fast path`).toBeDefined();
  expect(bits(fast!)).toEqual(bits(mapN(xs, out, scalarOf(op as never, ATTRS[op] ?? {}))));
}

describe('CPU elementwise fast paths', () => {
  it('row plans: same shape and scalars in one row, trailing vectors and per-row columns by row', () => {
    expect(rowPlan([[4, 40], []], [4, 40])).toEqual({ outer: 1, inner: 160, row: [160, 0], col: [1, 0] });
    expect(rowPlan([[4, 40], [40]], [4, 40])).toEqual({ outer: 4, inner: 40, row: [40, 0], col: [1, 1] });
    expect(rowPlan([[4, 40], [4, 1]], [4, 40])).toEqual({ outer: 4, inner: 40, row: [40, 1], col: [1, 0] });
    expect(rowPlan([[2, 3, 40], [3, 1]], [2, 3, 40])).toBeUndefined(); // a middle axis: the generic path
    expect(rowPlan([[64, 2], [2]], [64, 2])).toBeUndefined(); // rows too short to pay
  });

  for (const wide of [false, true]) {
    const mode = wide ? 'float64' : 'f32';
    it(`unary loops match the per-element functions bit for bit (${mode})`, () => {
      const run = () => { for (const op of UNARY) for (const s of [[4, 40], [], [7]]) check(op, [mk('f32', s)]); };
      wide ? withFloat64(run) : run();
    });
    it(`binary loops and Where match over every planned broadcast (${mode})`, () => {
      const run = () => {
        for (const op of BINARY) for (const [a, b] of PAIRS) check(op, [mk('f32', a), mk('f32', b)]);
        for (const [a, b] of PAIRS) check('Where', [mk('bool', a), mk('f32', b), mk('f32', [])]);
      };
      wide ? withFloat64(run) : run();
    });
  }

  it('integer Div and unlisted ops have no fast path', () => {
    const i = tensor('i32', [16], new Int32Array(16).fill(7));
    expect(fastElementwise('Div', [i, i], {}, { dtype: 'i32', shape: [16] })).toBeUndefined();
    expect(fastElementwise('Sin', [mk('f32', [16])], {}, { dtype: 'f32', shape: [16] })).toBeUndefined();
  });

  it('reductions folded by rows match a flat-order fold through a group index', () => {
    const steps: Record<string, [number, (a: number, x: number) => number]> = {
      ReduceSum: [0, (a, x) => a + x],
      ReduceMax: [-Infinity, (a, x) => (x > a || x !== x ? x : a)],
      ReduceMin: [Infinity, (a, x) => (x < a || x !== x ? x : a)],
    };
    for (const [shape, axes] of [[[16, 128], [0]], [[16, 128], [1]], [[16, 128], []], [[4, 6, 40], [0, 1]], [[4, 6, 40], [2]], [[4, 6, 40], [1]]] as const) {
      const x = mk('f32', [...shape]);
      for (const [op, [init, step]] of Object.entries(steps)) {
        const a = { axes, keepdims: 1, noop_with_empty_axes: 0 };
        const keep = reducedShape(shape, reducedAxes(shape.length, a), true);
        const idx = broadcastIndex(keep, shape), acc = new Float64Array(idx.length && Math.max(...idx) + 1).fill(init);
        x.data.forEach((v, i) => { acc[idx[i]] = step(acc[idx[i]], v); });
        const [y] = REDUCE_KERNELS[op as 'ReduceSum']([x], a, [{ dtype: 'f32', shape: keep }]);
        expect(bits(y), `${op} [${shape}] axes [${axes}]`).toEqual(bits(tensor('f32', keep, acc)));
      }
    }
  });
});

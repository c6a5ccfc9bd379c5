// NaN/Inf conformance: every float elementwise op over a table of special inputs (NaN, ±Inf, ±0, ±1,
// halves, large magnitudes), every binary op over all pairs, and reductions and softmax rows holding NaN
// and infinities, run on the CPU interpreter and on WebGPU: both give NaN, or the same value (equal, or
// within 1e-5 relative for finite results). Where WGSL itself leaves results open, the inputs are left out
// and the exception is stated here:
//  - denormal inputs (|x| < 2^-126): WGSL lets implementations flush them to zero (lavapipe does for log
//    and for the quotient in mod), the CPU computes them exactly;
//  - sin, cos, tan of |x| >= 1e4: WGSL bounds their error only inside [-pi, pi];
//  - mod whose quotient x / y is 2^24 or more: f32 cannot hold the exact integer quotient, so the GPU's
//    x - y * trunc(x / y) is not the exact remainder the CPU computes (in float64).
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { Graph } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -0.5, 2.5, -3, 100, -100, 1e30, -1e30];
const LARGE_ARGUMENT_TRIG = new Set(['Sin', 'Cos', 'Tan']);

const UNARY: OpName[] = [
  'Abs', 'Neg', 'Sign', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Sin', 'Cos', 'Tan', 'Asin', 'Acos', 'Atan', 'Sinh', 'Cosh',
  'Asinh', 'Acosh', 'Atanh', 'Floor', 'Ceil', 'Round', 'Erf', 'Relu', 'Sigmoid', 'Tanh', 'Softplus', 'Softsign', 'LeakyRelu',
  'Elu', 'Celu', 'Selu', 'HardSigmoid', 'HardSwish', 'ThresholdedRelu', 'Shrink', 'Gelu', 'Mish', 'IsNaN', 'IsInf', 'Clip',
];
const BINARY: OpName[] = ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Mod', 'Max', 'Min', 'PRelu', 'Equal', 'Less', 'Greater'];

const agree = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a)));

/** Runs a graph on both backends; returns the disagreements, labelled by `label(i)`. */
async function disagreements(g: Graph, inputs: Map<string, ReturnType<typeof tensor>>, label: (i: number) => string): Promise<string[]> {
  const want = interpret(g, inputs);
  const { program, data } = compileForWebGpu(g);
  const exe = await WebGpuExecutor.load(program, data, gpu);
  try {
    const out = await exe.run(inputs);
    return g.outputs.flatMap((v, o) => {
      const got = Array.from(out.get(v.name)!.data), exp = Array.from(want[o].data);
      return exp.flatMap((e, i) => (agree(e, got[i]) ? [] : [`${label(i)}${g.outputs.length > 1 ? ` out ${o}` : ''}: cpu ${e}, gpu ${got[i]}`]));
    });
  } finally {
    exe.dispose();
  }
}

function opGraph(op: OpName, arity: number, n: number, attrs: Record<string, number> = {}): Graph {
  const g = new Graph(op);
  const ins = Array.from({ length: arity }, (_, i) => g.addInput(`x${i}`, { dtype: 'f32', shape: [n] }));
  g.outputs = g.addNode(op, ins, attrs, 'y');
  return g;
}

describe('NaN/Inf conformance: CPU and WebGPU agree', () => {
  it.each(UNARY)('%s over special values', async (op) => {
    if (!gpu) return;
    const xs = SPECIAL.filter((x) => !(LARGE_ARGUMENT_TRIG.has(op) && Math.abs(x) >= 1e4));
    const g = opGraph(op, 1, xs.length);
    expect(await disagreements(g, new Map([['x0', tensor('f32', [xs.length], xs)]]), (i) => `${op}(${xs[i]})`)).toEqual([]);
  });

  it.each(BINARY)('%s over every pair of special values', async (op) => {
    if (!gpu) return;
    const pairs = SPECIAL.flatMap((x) => SPECIAL.map((y) => [x, y] as const)).filter(([x, y]) => !(op === 'Mod' && Math.abs(x / y) >= 2 ** 24 && Number.isFinite(x)));
    const attrs: Record<string, number> = op === 'Mod' ? { fmod: 1 } : {};
    for (const a of op === 'Mod' ? [attrs, {} as Record<string, number>] : [attrs]) {
      const g = opGraph(op, 2, pairs.length, a);
      const inputs = new Map([['x0', tensor('f32', [pairs.length], pairs.map((p) => p[0]))], ['x1', tensor('f32', [pairs.length], pairs.map((p) => p[1]))]]);
      expect(await disagreements(g, inputs, (i) => `${op}${JSON.stringify(a)}(${pairs[i][0]}, ${pairs[i][1]})`)).toEqual([]);
    }
  });

  const ROWS = [
    [1, 2, 3, 4],
    [NaN, 1, 2, 3],
    [Infinity, 1, 2, 3],
    [-Infinity, 1, 2, 3],
    [Infinity, -Infinity, 0, 1],
    [-Infinity, -Infinity, -Infinity, -Infinity],
    [1e30, -1e30, 1e30, 5],
  ];
  const show = (row: number[]) => `[${row.map(String).join(', ')}]`;
  const rowInput = () => new Map([['x0', tensor('f32', [ROWS.length, 4], ROWS.flat())]]);

  it.each(['ReduceSum', 'ReduceMax', 'ReduceMin', 'ReduceMean', 'ReduceProd', 'ReduceLogSumExp', 'ReduceSumSquare', 'ReduceL1'] as OpName[])('%s of rows holding NaN and infinities', async (op) => {
    if (!gpu) return;
    const g = new Graph(op);
    g.outputs = g.addNode(op, [g.addInput('x0', { dtype: 'f32', shape: [ROWS.length, 4] })], { axes: [1], keepdims: 0 }, 'y');
    expect(await disagreements(g, rowInput(), (i) => `${op}(${show(ROWS[i])})`)).toEqual([]);
  });

  it.each(['Softmax', 'LogSoftmax'] as OpName[])('%s rows (one fused row kernel) holding NaN and infinities', async (op) => {
    if (!gpu) return;
    const g = new Graph(op);
    g.outputs = g.addNode(op, [g.addInput('x0', { dtype: 'f32', shape: [ROWS.length, 4] })], { axis: 1 }, 'y');
    expect(await disagreements(g, rowInput(), (i) => `${op}(${show(ROWS[Math.floor(i / 4)])})[${i % 4}]`)).toEqual([]);
  });
});

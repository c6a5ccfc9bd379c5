// Pointwise groups that run one vec4 per invocation (compiler/wgsl/vec4-pointwise.ts) against the CPU
// interpreter on random shapes and op chains (fast-check): operands of the group's shape, scalar operands
// (a literal, a one-element input, and one element sliced out of a buffer the kernel also reads wide, so read
// per component), and the cases that must stay scalar: an element count not divisible by 4, a row
// broadcast, and an input that is a slice at an offset inside a larger buffer (its offset is a kernel parameter).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import { numel } from '../../ir/shape.ts';
import { tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import type { Program } from '../../runtime/program.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const RUNS = Number(process.env.KILN_FUZZ_RUNS ?? 8);
const UNARY = ['Relu', 'Tanh', 'Sigmoid', 'Neg', 'Abs', 'Exp', 'Sin', 'Sqrt'] as const;
const BINARY = ['Add', 'Sub', 'Mul', 'Max', 'Div'] as const;
type Second = 'same' | 'literal' | 'scalar-input' | 'sliced-scalar' | 'row' | 'offset-slice';

interface Case { shape: number[]; unary: (typeof UNARY)[number]; binary: (typeof BINARY)[number]; second: Second }

/** x -> unary -> binary with a second operand of the given kind -> Relu; outputs the end and the first step. */
function chain(c: Case): Graph {
  const g = new Graph('chain');
  const n = numel(c.shape), last = c.shape[c.shape.length - 1];
  const x = g.addInput('x', { dtype: 'f32', shape: c.shape });
  const seconds: Record<Second, () => Value> = {
    same: () => g.addInput('y', { dtype: 'f32', shape: c.shape }),
    literal: () => g.addConstant(tensor('f32', [], [0.75]), 'k'),
    'scalar-input': () => g.addInput('s', { dtype: 'f32', shape: [1] }),
    'sliced-scalar': () => g.addNode('Slice', [g.addNode('Reshape', [x], { shape: [n] })[0]], { starts: [1], ends: [2], axes: [0], steps: [1] })[0],
    row: () => g.addInput('r', { dtype: 'f32', shape: [last] }),
    'offset-slice': () => {
      const big = g.addInput('big', { dtype: 'f32', shape: [2 * n] });
      return g.addNode('Reshape', [g.addNode('Slice', [big], { starts: [n], ends: [2 * n], axes: [0], steps: [1] })[0]], { shape: c.shape })[0];
    },
  };
  const first = g.addNode(c.unary, [c.unary === 'Sqrt' ? g.addNode('Abs', [x])[0] : x])[0];
  const second = seconds[c.second]();
  // Div by a value kept away from 0.
  const divisor = c.binary === 'Div' ? g.addNode('Add', [g.addNode('Abs', [second])[0], g.addConstant(tensor('f32', [], [0.5]), 'half')])[0] : second;
  const mixed = g.addNode(c.binary, [first, divisor])[0];
  g.outputs = [g.addNode('Relu', [mixed])[0], first];
  return g;
}

const wideKernels = (p: Program) => p.kernels.filter((k) => k.wgsl.includes('array<vec4<f32>>')).length;

/** Whether the case's group may run vec4: 4 | n and every operand is of its shape (a row that is the whole shape is) or a single element. */
const eligible = (c: Case) => numel(c.shape) % 4 === 0 && (c.second !== 'row' || c.shape[c.shape.length - 1] === numel(c.shape)) && c.second !== 'offset-slice';

const shapeArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 });

describe('vec4 pointwise kernels', () => {
  it('match the CPU on random shapes, binding wide exactly where the shapes allow', async () => {
    if (!gpu) return;
    const caseArb = fc.record({
      shape: shapeArb,
      unary: fc.constantFrom(...UNARY),
      binary: fc.constantFrom(...BINARY),
      second: fc.constantFrom<Second>('same', 'literal', 'scalar-input', 'sliced-scalar', 'row', 'offset-slice'),
    });
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const g = chain(c);
        const { program } = compileForWebGpu(g);
        expect(wideKernels(program) > 0, JSON.stringify(c)).toBe(eligible(c));
        await expectGpuMatchesCpu(gpu!, g, randomInputs(g, numel(c.shape)));
      }),
      { numRuns: RUNS, seed: 44, examples: [[{ shape: [4, 6], unary: 'Tanh', binary: 'Mul', second: 'sliced-scalar' }]] },
    );
  });

  it('run a quarter of the invocations', () => {
    const g = chain({ shape: [64, 64], unary: 'Relu', binary: 'Add', second: 'same' });
    const { program } = compileForWebGpu(g);
    expect(program.dispatches).toHaveLength(1);
    expect(program.dispatches[0].workgroups[0]).toBe((64 * 64) / 4 / 64);
    const unfused = compileForWebGpu(g, { fuse: false }).program;
    expect(wideKernels(unfused)).toBe(0);
  });
});

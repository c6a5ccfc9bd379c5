// Variadic Sum/Max/Min/Mean become trees of at most 7 inputs, equal in value, on the CPU and on WebGPU;
// a wide Concat stays one node, which codegen writes in chunks of 7 inputs into windows of its output.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../compiler/compile.ts';
import { Graph } from '../ir/graph.ts';
import { verify } from '../ir/verify.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import type { GpuContext } from '../runtime/webgpu/device.ts';
import { limitFanIn, MAX_KERNEL_INPUTS } from '../passes/limit-fan-in.ts';
import { webgpuOrSkip } from './support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from './support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

function wide(op: 'Concat' | 'Sum' | 'Max' | 'Min' | 'Mean', n: number): Graph {
  const g = new Graph(op);
  const xs = Array.from({ length: n }, (_, i) => g.addInput(`x${i}`, { dtype: 'f32', shape: op === 'Concat' ? [2, i + 1] : [2, 3] }));
  g.outputs = g.addNode(op, xs, op === 'Concat' ? { axis: 1 } : {}, 'y');
  return g;
}

describe('limit-fan-in pass', () => {
  it.each([['Sum', 9], ['Max', 15], ['Min', 8], ['Mean', 12]] as const)('%s of %i inputs', async (op, n) => {
    const g = wide(op, n);
    const inputs = randomInputs(g, n);
    const [want] = interpret(g, inputs);
    const h = g.clone();
    limitFanIn.run(h, new Map());
    verify(h);
    expect(Math.max(...h.nodes.map((node) => node.inputs.length))).toBeLessThanOrEqual(MAX_KERNEL_INPUTS);
    expect(h.outputs[0]).toBe(g.outputs[0]);
    const [got] = interpret(h, inputs);
    got.data.forEach((v, i) => expect(v).toBeCloseTo(want.data[i], 5));
    if (gpu) await expectGpuMatchesCpu(gpu, g, inputs);
  });

  it.each([20, 7 * 3])('leaves a Concat of %i inputs whole; on WebGPU its chunks bind at most 8 buffers and share kernels', async (n) => {
    const g = wide('Concat', n);
    const h = g.clone();
    limitFanIn.run(h, new Map());
    expect(h.nodes.map((node) => [node.op, node.inputs.length])).toEqual([['Concat', n]]);
    const { program } = compileForWebGpu(g);
    const chunks = program.dispatches.filter((d) => program.kernels[d.kernel].name.startsWith('Concat_'));
    expect(chunks.length).toBe(Math.ceil(n / MAX_KERNEL_INPUTS));
    for (const d of program.dispatches) expect(d.bindings.length).toBeLessThanOrEqual(MAX_KERNEL_INPUTS + 1);
    // Each chunk starts where the previous inputs end on the concatenated axis (inputs are [2, i + 1]).
    const starts = chunks.map((_, c) => Array.from({ length: c * MAX_KERNEL_INPUTS }, (_, i) => i + 1).reduce((a, b) => a + b, 0));
    expect(chunks.map((d) => d.params![d.params!.length - 1])).toEqual(starts);
    if (gpu) await expectGpuMatchesCpu(gpu, g, randomInputs(g, n));
  });
});

// Compile option precision 'f16' (weights and fused kernels' intermediates stored as f16, math in f32) on
// the fixture MLP, CNN and transformer against the CPU interpreter in f32. Two checks per model:
//  1. Unfused (where only the weights are f16: unfused kernels keep f32 intermediates), against the
//     interpreter run on the same graph with its weights rounded to f16 (the rule codegen applies,
//     halfWeight): the ordinary f32 GPU tolerance. So rounding the stored weights is the only difference,
//     every load converts to f32 and every sum accumulates in f32.
//  2. Fused, against the f32 interpreter. Each value stored as f16 (a weight, or an intermediate) is within
//     relative error u = 2^-11 of its f32 value; a layer's output then moves by at most u * sum|w x| per
//     rounded operand, which with these models' weights and activations below 1 and normalized layers is
//     about u times the output scale. Summing over the roundings on a path (the weight layers plus the
//     f16 intermediates, bounded by the count of f16 temps), the tolerance is atol = rtol = 2 * (layers +
//     temps) * u: derived from f16's precision, not a widened f32 tolerance.
// Also: the weights take half the bytes, and the option is refused without shader-f16 and for a train step.
import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareTensors } from '../../compiler/compare.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { readCase } from '../../compiler/fixtures/case.ts';
import { trainOptions } from '../../compiler/fixtures/run-case.ts';
import { importOnnxFile } from '../../compiler/onnx/importer.ts';
import { buildTrainStep } from '../../compiler/train/train-step.ts';
import { F16_UNIT_ROUNDOFF, f16Bits, f16Value } from '../../compiler/wgsl/f16.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { FIXTURES, webgpuOrSkip } from '../support/env.ts';
import { GPU_TOLERANCE, randomInputs } from '../support/gpu-diff.ts';
import { withHalfWeights } from '../support/half-weights.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const model = (name: string): Graph => importOnnxFile(join(FIXTURES, name, 'model.onnx')).graph;

/** Each fixture and its weight layers on the longest path (Gemm/Conv/MatMul with a weight). */
const MODELS = [
  ['mlp_fmnist_infer', 3],
  ['cnn_infer', 3],
  ['transformer_infer', 6],
] as const;

/** x[b, k] -> MatMul W1 + b1 -> Relu -> MatMul W2 -> Softmax, weights scaled by 1/sqrt(fan-in) (outputs of order 1). */
function randomMlp(batch: number, k: number, hidden: number, classes: number): Graph {
  const g = new Graph('mlp');
  let seed = k * 31 + hidden;
  const w = (shape: number[], fanIn: number) => {
    const data = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1) / Math.sqrt(fanIn));
    return g.addParam(`w${g.constants.size}`, tensor('f32', shape, data));
  };
  const x = g.addInput('x', { dtype: 'f32', shape: [batch, k] });
  const h = g.addNode('Relu', [g.addNode('Add', [g.addNode('MatMul', [x, w([k, hidden], k)])[0], w([hidden], k)])[0]])[0];
  g.outputs = g.addNode('Softmax', [g.addNode('MatMul', [h, w([hidden, classes], hidden)])[0]], { axis: -1 });
  return g;
}

async function runF16(g: Graph, inputs: Map<string, Tensor>, fuse = true): Promise<{ out: Tensor[]; temps: number }> {
  const { program, data } = compileForWebGpu(g, { precision: 'f16', features: gpu!.features, fuse });
  const temps = program.buffers.filter((b) => b.role === 'temp' && b.dtype === 'f16').length;
  const exe = await WebGpuExecutor.load(program, data, gpu!);
  try {
    const out = await exe.run(inputs);
    return { out: g.outputs.map((v) => out.get(v.name)!), temps };
  } finally {
    exe.dispose();
  }
}

describe("precision 'f16'", () => {
  it.each(MODELS)('%s: unfused matches the interpreter with f16-rounded weights (f32 tolerance), fused the f32 one (f16 tolerance)', async (name, layers) => {
    if (!gpu) return;
    const g = model(name);
    const inputs = randomInputs(g, 3);
    const unfused = await runF16(g, inputs, false);
    expect(unfused.temps).toBe(0);
    const rounded = interpret(withHalfWeights(g), inputs);
    unfused.out.forEach((t, i) => expect(compareTensors(t, rounded[i], GPU_TOLERANCE), `output ${i} vs f16-rounded weights`).toBeUndefined());
    const fused = await runF16(g, inputs);
    expect(fused.temps).toBeGreaterThan(0);
    const exact = interpret(g, inputs);
    const tol = 2 * (layers + fused.temps) * F16_UNIT_ROUNDOFF;
    fused.out.forEach((t, i) => expect(compareTensors(t, exact[i], { rtol: tol, atol: tol }), `output ${i} vs f32 (tolerance ${tol})`).toBeUndefined());
  });

  it('random MLP shapes: unfused matches f16-rounded weights (f32 tolerance), fused the f32 interpreter (f16 tolerance)', async () => {
    if (!gpu) return;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 3, max: 140 }), fc.integer({ min: 3, max: 140 }), fc.integer({ min: 2, max: 200 }), async (batch, k, hidden, classes) => {
        const g = randomMlp(batch, k, hidden, classes);
        const inputs = randomInputs(g, k * hidden);
        const unfused = await runF16(g, inputs, false);
        const rounded = interpret(withHalfWeights(g), inputs);
        expect(compareTensors(unfused.out[0], rounded[0], GPU_TOLERANCE)).toBeUndefined();
        const fused = await runF16(g, inputs);
        const tol = 2 * (2 + fused.temps) * F16_UNIT_ROUNDOFF;
        expect(compareTensors(fused.out[0], interpret(g, inputs)[0], { rtol: tol, atol: tol })).toBeUndefined();
      }),
      // No shrinking: each shrink step compiles new shaders, slow on lavapipe; the first counterexample is reported.
      { numRuns: Number(process.env.KILN_FUZZ_RUNS ?? 4), seed: 16, endOnFailure: true },
    );
  });

  it('stores the weights in half the bytes and intermediates in smaller arenas, as f16 bindings', () => {
    const g = model('cnn_infer');
    const f32 = compileForWebGpu(g).program, f16 = compileForWebGpu(g, { precision: 'f16', features: ['shader-f16'] }).program;
    const weightBytes = (p: typeof f32) => p.buffers.filter((b) => b.role === 'param' || b.role === 'const').reduce((a, b) => a + b.bytes, 0);
    const arenaBytes = (p: typeof f32) => (p.arenas ?? []).reduce((a, b) => a + b.bytes, 0);
    expect(weightBytes(f16)).toBeLessThanOrEqual(weightBytes(f32) / 2 + 64);
    expect(arenaBytes(f16)).toBeLessThan(arenaBytes(f32));
    expect(f16.kernels.some((k) => /^enable f16;$/m.test(k.wgsl) && k.wgsl.includes('array<f16>'))).toBe(true);
    expect(f16.inputs.every((io) => f16.buffers[io.buffer].dtype === 'f32')).toBe(true);
    expect(f16.outputs.every((io) => f16.buffers[io.buffer].dtype === 'f32')).toBe(true);
  });

  it('is refused without shader-f16 and for a train step', () => {
    const g = model('mlp_fmnist_infer');
    expect(() => compileForWebGpu(g, { precision: 'f16', features: ['subgroups'] })).toThrow(/shader-f16/);
    expect(() => compileForWebGpu(g, { precision: 'f16' })).toThrow(/shader-f16/);
    const train = buildTrainStep(model('mlp_fmnist_adam'), trainOptions(readCase(join(FIXTURES, 'mlp_fmnist_adam')))).graph;
    expect(() => compileForWebGpu(train, { precision: 'f16', features: ['shader-f16'] })).toThrow(/inference/);
  });

  it('rounds to nearest even, with subnormals, overflow and NaN', () => {
    expect(f16Bits(1)).toBe(0x3c00);
    expect(f16Bits(-2)).toBe(0xc000);
    expect(f16Bits(65504)).toBe(0x7bff);
    expect(f16Bits(65520)).toBe(0x7c00);
    expect(f16Bits(2 ** -24)).toBe(1);
    expect(f16Bits(2 ** -25)).toBe(0);
    expect(f16Bits(1 + 2 ** -11)).toBe(0x3c00); // a tie rounds to even
    expect(f16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(Number.isNaN(f16Value(f16Bits(NaN)))).toBe(true);
    for (const x of [0.1, -3.14159, 1e-5, 1234.5]) expect(Math.abs(f16Value(f16Bits(x)) - x)).toBeLessThanOrEqual(Math.max(Math.abs(x) * F16_UNIT_ROUNDOFF, 2 ** -25));
  });
});

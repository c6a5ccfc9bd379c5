// DFT and STFT import as MatMul, Gather, Mul and views (compiler/onnx/ops/signal.ts), so their gradients
// are those ops' rules: finite-difference checks wrt the signal (and STFT's window), then a model with a
// trained weight ahead of an STFT and a complex DFT trains on the CPU and compiles to a WebGPU train step.
import { describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { MSELoss } from '../../compiler/nn/loss.ts';
import { ImportContext, type OnnxAttr } from '../../compiler/onnx/context.ts';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import { CONVERTERS } from '../../compiler/onnx/ops/index.ts';
import { SGD } from '../../compiler/train/optimizer.ts';
import { buildTrainStep } from '../../compiler/train/train-step.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import type { Graph, Value } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { buildModel, f32Info } from '../support/onnx-builder.ts';
import { type CaseInput, expectGradOk, uniform } from './gradcheck.ts';

/** A grad case that imports one ONNX node through its converter; `slots` places the case's inputs among the node's. */
const onnxOp = (opType: string, inputs: readonly CaseInput[], attrs: Record<string, OnnxAttr> = {}, opset = 17, slots?: readonly (number | undefined)[]) => ({
  inputs,
  build: (g: Graph, xs: Value[]) => {
    const ins = slots ? slots.map((k) => (k === undefined ? undefined : xs[k])) : xs;
    return CONVERTERS[opType](new ImportContext(g, opset, opType), { name: opType, opType, inputs: ins, attrs, outputCount: 1 })[0]!;
  },
});
const i32 = (v: number) => tensor('i32', [], [v]);

describe('autodiff: DFT', () => {
  it('real signal, onesided, zero-padded by dft_length', () => expectGradOk(onnxOp('DFT', [[2, 5, 1], i32(7)], { onesided: 1 })));
  it('complex signal along axis 0 (transposed), inverse', () => expectGradOk(onnxOp('DFT', [[3, 4, 2]], { axis: 0, inverse: 1 })));
  it('opset 20, cut by dft_length', () => expectGradOk(onnxOp('DFT', [[2, 6, 2], i32(4)], {}, 20)));
});

describe('autodiff: STFT', () => {
  it('wrt the signal and the window', () => expectGradOk(onnxOp('STFT', [[1, 14, 1], i32(3), [5]])));
  it('complex signal, frame_length, full spectrum', () => expectGradOk(onnxOp('STFT', [[2, 9, 2], i32(2), i32(4)], { onesided: 0 }, 17, [0, 1, undefined, 2])));
});

describe('training through STFT and DFT', () => {
  const int64 = (name: string, v: number) => ({ name, dims: [], data_type: 7, int64_data: [v] });
  // y = DFT_frames(STFT(x * w, hop 4, Hann(8))): [1, 7, 5, 2]; w [1, 32, 1] is the trained weight.
  const model = buildModel({
    nodes: [
      { op: 'Mul', inputs: ['x', 'w'], outputs: ['xw'] },
      { op: 'HannWindow', inputs: ['size'], outputs: ['win'] },
      { op: 'STFT', inputs: ['xw', 'hop', 'win'], outputs: ['spec'] },
      { op: 'DFT', inputs: ['spec'], outputs: ['y'], attrs: [{ name: 'axis', type: 2, i: 1 }] },
    ],
    initializers: [{ name: 'w', dims: [1, 32, 1], data_type: 1, float_data: new Array<number>(32).fill(1) }, int64('size', 8), int64('hop', 4)],
    inputs: [f32Info('x', [1, 32, 1])],
    outputs: [f32Info('y', [1, 7, 5, 2])],
  });
  const x = tensor('f32', [1, 32, 1], uniform(32, 3, -1, 1));
  const target = tensor('f32', [1, 7, 5, 2], uniform(70, 4, -1, 1));

  it('lowers the loss on the CPU', async () => {
    const trainer = await compileTraining(importOnnx(model).graph, { loss: new MSELoss(), optimizer: new SGD({ lr: 1e-2 }), backend: 'cpu' });
    const losses: number[] = [];
    for (let i = 0; i < 5; i++) losses.push((await trainer.step({ inputs: { x }, target }))!);
    losses.slice(1).forEach((l, i) => expect(l).toBeLessThan(losses[i]));
    expect(losses[4]).toBeLessThan(0.98 * losses[0]);
  });

  it('compiles to a WebGPU train step program', () => {
    const step = buildTrainStep(importOnnx(model).graph, { loss: new MSELoss(), optimizer: new SGD({ lr: 1e-3 }) });
    expect(step.trainable.has('w')).toBe(true);
    const { program } = compileForWebGpu(step.graph);
    expect(program.kernels.length).toBeGreaterThan(0);
  });
});

// Trainer.evaluate() at input shapes other than the ones trained at: a trainer of an nn Module traces the
// module at the new shapes, compiles that specialization once and caches it (reading the live weights);
// a trainer of a graph refuses with a KilnError. Checked per row (an MLP's rows are independent: batch 1
// of row r equals row r of batch 8) and against a trace of the synced module on the CPU interpreter.
import { describe, expect, it } from 'vitest';
import { Linear, manualSeed, Module, MSELoss, type SymTensor, trace } from '../../compiler/nn/index.ts';
import { SGD } from '../../compiler/train/optimizer.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { mlp, rand } from '../support/tiny-mlp.ts';

class Net extends Module {
  readonly fc1 = this.module('fc1', new Linear(3, 5));
  readonly fc2 = this.module('fc2', new Linear(5, 2));
  forward(x: SymTensor): SymTensor {
    return this.fc2.call(this.fc1.call(x).tanh());
  }
}

const x8 = tensor('f32', [8, 3], rand(24, 5));
const y8 = tensor('f32', [8, 2], rand(16, 6));
const row = (r: number) => tensor('f32', [1, 3], x8.data.slice(r * 3, r * 3 + 3));

for (const backend of ['cpu', 'webgpu'] as const) {
  describe(`evaluate at another batch size (${backend})`, () => {
    it('compiles the specialization, caches it, and reads the trained weights', async (t) => {
      if (backend === 'webgpu' && !(await webgpuOrSkip())) return t.skip();
      manualSeed(2);
      const net = new Net();
      const trainer = await compileTraining(net, { inputs: { x: { dtype: 'f32', shape: [8, 3] } }, loss: new MSELoss(), optimizer: new SGD({ lr: 0.5 }), backend });
      try {
        for (let i = 0; i < 3; i++) await trainer.step({ inputs: { x: x8 }, target: y8 });
        const [full] = await trainer.evaluate({ x: x8 });
        const tol = backend === 'cpu' ? 6 : 5;
        for (const r of [0, 5]) {
          const [one] = await trainer.evaluate({ x: row(r) });
          expect(one.shape).toEqual([1, 2]);
          Array.from(one.data).forEach((v, j) => expect(v).toBeCloseTo(full.data[r * 2 + j], tol));
        }
        // A step after the specialization was compiled: it must read the new weights, not a copy.
        await trainer.step({ inputs: { x: x8 }, target: y8 });
        await trainer.syncTo(net);
        const [want] = interpret(trace(net, { x: { dtype: 'f32', shape: [1, 3] } }), new Map([['x', row(2)]]));
        const [got] = await trainer.evaluate({ x: row(2) });
        Array.from(got.data).forEach((v, j) => expect(v).toBeCloseTo(want.data[j], tol));
      } finally {
        trainer.dispose();
      }
    });
  });
}

describe('evaluate of a graph trainer', () => {
  it('refuses another shape with a KilnError naming the input and both shapes', async () => {
    const trainer = await compileTraining(mlp(), { loss: new MSELoss(), optimizer: new SGD({ lr: 0.1 }), backend: 'cpu' });
    const e = await trainer.evaluate({ x: tensor('f32', [1, 3], [1, 2, 3]) }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).message).toMatch(/evaluate: input 'x' is \[1,3\], the model was compiled for \[4,3\]/);
  });
});

describe('exportArtifact at other input shapes', () => {
  it('writes the model traced at inputShapes with the trained weights; an unknown input is a KilnError', async () => {
    manualSeed(3);
    const net = new Net();
    const trainer = await compileTraining(net, { inputs: { x: { dtype: 'f32', shape: [8, 3] } }, loss: new MSELoss(), optimizer: new SGD({ lr: 0.5 }), backend: 'cpu' });
    for (let i = 0; i < 2; i++) await trainer.step({ inputs: { x: x8 }, target: y8 });
    const one = await trainer.trainedGraph({ x: [1, 3] });
    expect(one.inputs[0].type.shape).toEqual([1, 3]);
    const [got] = interpret(one, new Map([['x', row(4)]]));
    const [full] = await trainer.evaluate({ x: x8 });
    Array.from(got.data).forEach((v, j) => expect(v).toBeCloseTo(full.data[4 * 2 + j], 6));
    const e = await trainer.trainedGraph({ y: [1, 3] }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).message).toMatch(/trainedGraph: no input named 'y' \(inputs: x\)/);
  });
});

// Models trained in kiln (compileTraining on the CPU), their trained weights (exportWeights) put into the
// inference graph, exported with exportOnnx and run in ONNX Runtime: the outputs must match kiln's CPU
// interpreter on the same graph, and differ from the untrained model's (so the trained weights are what
// was exported).
import { describe, expect, it } from 'vitest';
import { compareTensors } from '../../compiler/compare.ts';
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, trace } from '../../compiler/nn/index.ts';
import { exportOnnx } from '../../compiler/onnx/export.ts';
import { compileTraining, type TrainingOptions } from '../../compiler/train/trainer.ts';
import type { Graph } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { batch, mlp, rand } from '../support/tiny-mlp.ts';
import { runOrt } from './ort.ts';

const TOL = { rtol: 1e-4, atol: 1e-5 };

/** Trains `graph` for `steps` steps and returns a copy of it holding the trained parameters. */
async function trained(graph: Graph, opts: TrainingOptions, batchOf: (s: number) => { inputs: Record<string, Tensor>; target: Tensor }, steps: number): Promise<Graph> {
  const trainer = await compileTraining(graph, opts);
  try {
    for (let s = 0; s < steps; s++) await trainer.step(batchOf(s));
    const weights = await trainer.exportWeights();
    const g = graph.clone();
    for (const [name, t] of weights) if (g.params.has(name)) g.constants.set(g.params.get(name)!, t);
    return g;
  } finally {
    trainer.dispose();
  }
}

async function expectOrtMatchesKiln(g: Graph, untrained: Graph, inputs: Map<string, Tensor>): Promise<void> {
  const [got, want, before] = [await runOrt(exportOnnx(g), inputs), interpret(g, inputs), interpret(untrained, inputs)];
  expect(got.length).toBe(want.length);
  got.forEach((t, i) => expect(compareTensors(t, want[i], TOL), `output ${i}`).toBeUndefined());
  expect(compareTensors(want[0], before[0], TOL), 'training changed the outputs').toBeDefined();
}

describe('kiln-trained models exported to ONNX', () => {
  it('the tiny MLP after 5 Adam steps', async () => {
    const g = await trained(mlp(), { loss: { name: 'mse' }, optimizer: { type: 'adam', lr: 0.05 }, backend: 'cpu' }, batch, 5);
    await expectOrtMatchesKiln(g, mlp(), new Map(Object.entries(batch(7).inputs)));
  });

  it('a small CNN (Conv2d, ReLU, MaxPool2d, Linear) after 4 SGD steps with cross-entropy', async () => {
    const cnn = (): Graph => trace(new Sequential(
      new Conv2d(1, 4, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2), new Conv2d(4, 6, 3), new ReLU(), new Flatten(), new Linear(6 * 2 * 2, 3),
    ), { x: { dtype: 'f32', shape: [5, 1, 8, 8] } }, { seed: 1 });
    const cnnBatch = (s: number) => ({
      inputs: { x: tensor('f32', [5, 1, 8, 8], rand(320, 30 + s)) },
      target: tensor('i32', [5], [0, 1, 2, 1, 0].map((k) => (k + s) % 3)),
    });
    const g0 = cnn();
    const g = await trained(g0, { loss: { name: 'cross_entropy' }, optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, backend: 'cpu' }, cnnBatch, 4);
    await expectOrtMatchesKiln(g, g0, new Map(Object.entries(cnnBatch(9).inputs)));
  });
});

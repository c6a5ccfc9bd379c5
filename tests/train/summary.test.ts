// What a train step runs (Trainer.profile) and the end-of-training summary: the CPU numbers come from the
// interpreter's schedule (peak bytes checked by hand on a small graph), the WebGPU ones from the compiled
// program's kernels, dispatches and memory plan; the summary line carries them with fit()'s timings.
import { describe, expect, it } from 'vitest';
import { planOf } from '../../compiler/inspect.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { Linear, manualSeed, MSELoss } from '../../compiler/nn/index.ts';
import type { History } from '../../compiler/train/fit.ts';
import { Adam } from '../../compiler/train/optimizer.ts';
import { msPerStep, trainingSummary } from '../../compiler/train/summary.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { Graph } from '../../ir/graph.ts';
import { interpretProfile } from '../../runtime/cpu/interpreter.ts';
import { webgpuOrSkip } from '../support/env.ts';

const history: History = {
  epochs: [
    { epoch: 1, loss: 1, metrics: {}, steps: 10, ms: 300, samplesPerSec: 1 },
    { epoch: 2, loss: 0.5, metrics: {}, steps: 10, ms: 100, samplesPerSec: 1 },
  ],
  stoppedEarly: false,
};

describe('interpretProfile', () => {
  it('counts the steps and the most intermediate bytes live at once', () => {
    // x -> a = Relu(x) -> b = Neg(a) -> c = Add(a, b): a (64 bytes) lives until c, so b and c overlap it.
    const g = new Graph('chain');
    const x = g.addInput('x', { dtype: 'f32', shape: [16] });
    const [a] = g.addNode('Relu', [x]);
    const [b] = g.addNode('Neg', [a]);
    g.outputs = g.addNode('Add', [a, b]);
    const p = interpretProfile(g);
    expect(p.steps).toBe(3);
    expect(p.kernels).toBe(3);
    expect(p.peakBytes).toBe(3 * 64);
  });
});

describe('Trainer.profile', () => {
  const compile = (backend: 'cpu' | 'webgpu') => {
    manualSeed(0);
    return compileTraining(new Linear(4, 3), { inputs: { x: { dtype: 'f32', shape: [8, 4] } }, loss: new MSELoss(), optimizer: new Adam(), backend });
  };

  it('on the CPU: the interpreter schedule of the train step; state is the parameters and Adam moments', async () => {
    const t = await compile('cpu');
    const p = interpretProfile(t.graph);
    expect(t.profile).toMatchObject({ backend: 'cpu', kernels: p.kernels, dispatches: p.steps, peakBytes: p.peakBytes });
    // 15 parameters, two Adam moments of each: 45 floats at least.
    expect(t.profile.stateBytes).toBeGreaterThanOrEqual(45 * 4);
    expect(t.profile.stateBytes).toBeLessThan(50 * 4);
  });

  it('on WebGPU: the compiled program of the train step', async (ctx) => {
    if (!(await webgpuOrSkip())) return ctx.skip();
    const t = await compile('webgpu');
    const { program } = compileForWebGpu(t.graph);
    expect(t.profile).toMatchObject({ backend: 'webgpu', kernels: program.kernels.length, dispatches: program.dispatches.length, peakBytes: planOf(program).peakBytes });
    t.dispose();
  });
});

describe('trainingSummary', () => {
  it('says the backend, the step profile, ms per step and the metrics', () => {
    expect(msPerStep(history)).toBe(20);
    const s = trainingSummary({ backend: 'webgpu', kernels: 7, dispatches: 9, peakBytes: 3 << 20, stateBytes: 2048 }, history, { test_accuracy: 0.9012, test_mse: 0.01234 });
    expect(s).toBe(
      'summary · backend webgpu\n' +
        '  train step: 7 kernels, 9 dispatches, 3.0 MiB peak temp memory, 2.0 KiB of parameters and optimizer state\n' +
        '  training: 2 epochs, 20 steps, 0.4 s, 20.00 ms/step, 0.2 s/epoch\n' +
        '  test_accuracy 90.1% · test_mse 0.01234',
    );
  });
});

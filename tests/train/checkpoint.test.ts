// Checkpoints: 2 steps, save, a new trainer loads it, 2 more steps equals 4 steps straight (weights,
// losses, optimizer state, step count and LR schedule all carried), on the CPU exactly and on WebGPU to
// float tolerance; the bytes form round-trips; a checkpoint of another optimizer is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { compareTensors } from '../../compiler/compare.ts';
import { MSELoss } from '../../compiler/nn/index.ts';
import { checkpointFromBytes, checkpointToBytes } from '../../compiler/train/checkpoint.ts';
import { Adam, type Optimizer, SGD } from '../../compiler/train/optimizer.ts';
import { StepLR } from '../../compiler/train/scheduler.ts';
import { compileTraining, type Trainer } from '../../compiler/train/trainer.ts';
import type { BackendName } from '../../compiler/backend.ts';
import type { Tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { batch, mlp } from '../support/tiny-mlp.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const make = (backend: BackendName, optimizer: Optimizer = new Adam({ lr: 0.05, weightDecay: 0.01 })) =>
  compileTraining(mlp(), { loss: new MSELoss(), optimizer, scheduler: new StepLR({ stepSize: 1, gamma: 0.7 }), backend });

async function steps(t: Trainer, from: number, to: number): Promise<number[]> {
  const losses: number[] = [];
  for (let s = from; s < to; s++) losses.push((await t.step(batch(s), { returnLoss: true }))!);
  return losses;
}

function expectSame(got: ReadonlyMap<string, Tensor>, want: ReadonlyMap<string, Tensor>, tol?: { rtol: number; atol: number }): void {
  expect([...got.keys()]).toEqual([...want.keys()]);
  for (const [name, t] of want) {
    if (tol) expect(compareTensors(got.get(name)!, t, tol), name).toBeUndefined();
    else expect(Array.from(got.get(name)!.data), name).toEqual(Array.from(t.data));
  }
}

async function resumeEqualsStraight(backend: BackendName, tol?: { rtol: number; atol: number }): Promise<void> {
  const straight = await make(backend);
  const lossesStraight = await steps(straight, 0, 4);
  const first = await make(backend);
  const lossesFirst = await steps(first, 0, 2);
  const ckpt = await first.saveCheckpoint();
  expect(ckpt.step).toBe(2);
  expect([...ckpt.optimizer.keys()].sort()).toEqual(['b1.exp_avg', 'b1.exp_avg_sq', 'w1.exp_avg', 'w1.exp_avg_sq', 'w2.exp_avg', 'w2.exp_avg_sq']);
  expect(ckpt.scheduler).toEqual({ name: 'StepLR', options: { stepSize: 1, gamma: 0.7 }, stepsTaken: 2 });
  await steps(first, 2, 3); // the checkpoint is a copy: training on does not change it
  const resumed = await compileTraining(mlp(), { loss: new MSELoss(), optimizer: new Adam({ lr: 0.05, weightDecay: 0.01 }), backend });
  await resumed.loadCheckpoint(ckpt);
  expect(resumed.stepCount).toBe(2);
  expect(resumed.lr).toBeCloseTo(0.05 * 0.7 ** 2, 12);
  const lossesResumed = await steps(resumed, 2, 4);
  const all = [...lossesFirst, ...lossesResumed];
  all.forEach((l, i) => (tol ? expect(Math.abs(l - lossesStraight[i])).toBeLessThan(tol.rtol * Math.abs(lossesStraight[i]) + tol.atol) : expect(l).toBe(lossesStraight[i])));
  const [a, b] = [await resumed.saveCheckpoint(), await straight.saveCheckpoint()];
  expectSame(a.weights, b.weights, tol);
  expectSame(new Map([...a.optimizer].sort()), new Map([...b.optimizer].sort()), tol);
  for (const t of [straight, first, resumed]) t.dispose();
}

describe('checkpoints', () => {
  it('CPU: 2 steps, save, load into a new trainer, 2 steps == 4 steps straight (exactly)', () => resumeEqualsStraight('cpu'));

  it('WebGPU: the same, to float tolerance', async () => {
    if (!gpu) return;
    await resumeEqualsStraight('webgpu', { rtol: 1e-5, atol: 1e-6 });
  });

  it('round-trips through bytes (safetensors)', async () => {
    const t = await make('cpu');
    await steps(t, 0, 3);
    const ckpt = await t.saveCheckpoint();
    const back = checkpointFromBytes(checkpointToBytes(ckpt));
    expect({ ...back, weights: undefined, optimizer: undefined }).toEqual({ ...ckpt, weights: undefined, optimizer: undefined });
    expectSame(back.weights, ckpt.weights);
    expectSame(back.optimizer, ckpt.optimizer);
    const other = await make('cpu');
    await other.loadCheckpoint(back);
    expect(await other.step(batch(3), { returnLoss: true })).toBe(await t.step(batch(3), { returnLoss: true }));
  });

  it('refuses a checkpoint of another optimizer, naming the state that does not match', async () => {
    const adam = await make('cpu');
    await steps(adam, 0, 1);
    const sgd = await make('cpu', new SGD({ lr: 0.1, momentum: 0.9 }));
    await expect(sgd.loadCheckpoint(await adam.saveCheckpoint())).rejects.toThrowError(/optimizer state does not match this trainer's \(missing: w1.momentum_buffer, .*; unknown: .*w1.exp_avg/);
  });
});

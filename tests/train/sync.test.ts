// Weights back into the Module: Module.stateDict / loadStateDict with PyTorch key names, and
// Trainer.syncTo, after which a trace of the module on the CPU interpreter reproduces the trainer's
// evaluate(). Also the trainer's backend names.
import { describe, expect, it } from 'vitest';
import { compareTensors } from '../../compiler/compare.ts';
import { BatchNorm1d, CrossEntropyLoss, Linear, manualSeed, Module, type SymTensor, trace } from '../../compiler/nn/index.ts';
import { Adam } from '../../compiler/train/optimizer.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { mlp, rand } from '../support/tiny-mlp.ts';

class Net extends Module {
  readonly fc1 = this.module('fc1', new Linear(4, 6));
  readonly bn = this.module('bn', new BatchNorm1d(6));
  readonly fc2 = this.module('fc2', new Linear(6, 3));
  forward(x: SymTensor): SymTensor {
    return this.fc2.call(this.bn.call(this.fc1.call(x)).relu());
  }
}

const X = { dtype: 'f32', shape: [8, 4] } as const;
const x = (s: number) => tensor('f32', [8, 4], rand(32, 100 + s));
const labels = (s: number) => tensor('i32', [8], rand(8, 200 + s).map((v) => Math.floor((v + 1) * 1.5)));

describe('Module state dict', () => {
  it('has PyTorch key names and loads by them, strictly by default', () => {
    manualSeed(1);
    const net = new Net();
    expect([...net.stateDict().keys()]).toEqual(['fc1.weight', 'fc1.bias', 'bn.weight', 'bn.bias', 'bn.running_mean', 'bn.running_var', 'bn.num_batches_tracked', 'fc2.weight', 'fc2.bias']);
    const other = new Net();
    other.loadStateDict(net.stateDict());
    for (const [k, t] of net.stateDict()) expect(Array.from(other.stateDict().get(k)!.data)).toEqual(Array.from(t.data));
    // Copies: changing the source afterwards leaves the module alone.
    net.stateDict().get('fc1.bias')!.data[0] = 42;
    expect(other.stateDict().get('fc1.bias')!.data[0]).not.toBe(42);
  });

  it('reports missing and unexpected keys, and refuses a wrong shape without loading anything', () => {
    const net = new Net();
    const partial = { 'fc2.bias': tensor('f32', [3], [1, 2, 3]), 'head.weight': tensor('f32', [1], [0]) };
    expect(() => net.loadStateDict(partial)).toThrowError(/missing keys: fc1.weight, .*; unexpected keys: head.weight/);
    const r = net.loadStateDict(partial, { strict: false });
    expect(r.unexpectedKeys).toEqual(['head.weight']);
    expect(r.missingKeys).toHaveLength(8);
    expect(Array.from(net.fc2.bias!.data.data)).toEqual([1, 2, 3]);
    const before = Array.from(net.fc1.bias!.data.data);
    const bad = { 'fc1.bias': tensor('f32', [6], [0, 0, 0, 0, 0, 0]), 'fc2.weight': tensor('f32', [6, 3]) };
    expect(() => net.loadStateDict(bad, { strict: false })).toThrowError(/'fc2.weight' is f32\[3,6\], got f32\[6,3\]/);
    expect(Array.from(net.fc1.bias!.data.data)).toEqual(before);
  });
});

describe('Trainer.syncTo', () => {
  it('after training, a traced forward of the synced module matches evaluate()', async () => {
    manualSeed(7);
    const net = new Net();
    const initial = net.stateDict();
    const trainer = await compileTraining(net, { inputs: { x: X }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 0.05 }), backend: 'cpu' });
    for (let s = 0; s < 4; s++) await trainer.step({ inputs: { x: x(s) }, target: labels(s) });
    // Training leaves the module alone until synced.
    expect(Array.from(net.fc1.weight.data.data)).toEqual(Array.from(initial.get('fc1.weight')!.data));
    await trainer.syncTo(net);
    expect(Array.from(net.fc1.weight.data.data)).not.toEqual(Array.from(initial.get('fc1.weight')!.data));
    expect(Array.from(net.bn.runningMean.data.data)).not.toEqual([0, 0, 0, 0, 0, 0]);
    const probe = x(9);
    const [want] = await trainer.evaluate({ x: probe });
    const [got] = interpret(trace(net, { x: X }), new Map([['x', probe]]));
    expect(compareTensors(got, want, { rtol: 1e-6, atol: 1e-6 })).toBeUndefined();
  });

  it('names a trained tensor the module does not have', async () => {
    const trainer = await compileTraining(mlp(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, backend: 'cpu' });
    await expect(trainer.syncTo(new Net())).rejects.toThrowError(/syncTo: the module has no state named w1, b1, w2/);
  });
});

describe('trainer backends', () => {
  it('an unknown backend name is a KilnError naming the valid ones', async () => {
    const make = compileTraining(mlp(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, backend: 'gpu' as 'cpu' });
    await expect(make).rejects.toThrowError(KilnError);
    await expect(make).rejects.toThrowError(/unknown backend 'gpu' \(use cpu or webgpu\)/);
  });
});

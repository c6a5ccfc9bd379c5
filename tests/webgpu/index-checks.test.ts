// Index and label checks behave the same on both backends: an out-of-range gather index or class label
// is an INDEX KilnError (the CPU raises at the node; WebGPU kernels flag it in the status buffer and the
// run that reads outputs back raises it, then clears the flag), negative indices in range wrap as ONNX
// says, and ignored labels pass.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { readCase, readSpec } from '../../compiler/fixtures/case.ts';
import { trainOptions } from '../../compiler/fixtures/run-case.ts';
import { importOnnxFile } from '../../compiler/onnx/importer.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { FIXTURES, webgpuOrSkip } from '../support/env.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

/** An embedding lookup: table [5, 3] gathered at idx [4] (then doubled, so the gather has an epilogue). */
function lookup(): Graph {
  const g = new Graph('lookup');
  const table = g.addParam('table', tensor('f32', [5, 3], Array.from({ length: 15 }, (_, i) => i)));
  const [e] = g.addNode('Gather', [table, g.addInput('idx', { dtype: 'i32', shape: [4] })], { axis: 0 }, 'embed');
  g.outputs = g.addNode('Mul', [e, g.addConstant(tensor('f32', [], [2]), 'two')], {}, 'doubled');
  return g;
}
const idx = (v: number[]) => new Map([['idx', tensor('i32', [4], v)]]);

const expectIndexError = async (p: Promise<unknown> | (() => unknown), where: RegExp) => {
  const run = typeof p === 'function' ? Promise.resolve().then(p) : p;
  const e = await run.then(() => undefined, (err: unknown) => err);
  expect(e, 'an INDEX KilnError').toBeInstanceOf(KilnError);
  expect((e as KilnError).code).toBe('INDEX');
  expect((e as KilnError).message).toMatch(where);
};

describe('index checks', () => {
  it('a gather index out of range is an INDEX error on both backends; negative ones in range wrap', async () => {
    const g = lookup();
    await expectIndexError(() => interpret(g, idx([0, 5, 1, 2])), /embed/);
    if (!gpu) return;
    const { program, data } = compileForWebGpu(g);
    expect(program.checks?.sites.length).toBe(1);
    const exe = await WebGpuExecutor.load(program, data, gpu);
    try {
      await expectIndexError(exe.run(idx([0, 5, 1, 2])), /embed/);
      await expectIndexError(exe.run(idx([-6, 0, 0, 0])), /embed/);
      // The flags were cleared: a valid run after a failed one succeeds, and -1 wraps to the last row.
      const ok = idx([4, -1, 0, 2]);
      const got = (await exe.run(ok)).get('doubled')!;
      expect(Array.from(got.data)).toEqual(Array.from(interpret(g, ok)[0].data));
    } finally {
      exe.dispose();
    }
  });

  it('a run that reads nothing back keeps the flag for the next run that does', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(lookup());
    const exe = await WebGpuExecutor.load(program, data, gpu);
    try {
      await exe.run(idx([9, 0, 0, 0]), { outputs: [] });
      await expectIndexError(exe.run(idx([0, 0, 0, 0])), /embed/);
    } finally {
      exe.dispose();
    }
  });

  describe.each(['cpu', 'webgpu'] as const)('cross-entropy labels (%s)', (backend) => {
    const name = 'mlp_fmnist_adam';
    const c = readCase(join(FIXTURES, name));
    const batch = c.train!.batches[0];
    const x = readSpec(c.dir, batch.inputs.x);
    const labels = readSpec(c.dir, batch.targets);
    const withLabel = (v: number): Tensor => tensor('i32', labels.shape, Array.from(labels.data, (l, i) => (i === 3 ? v : l)));

    it.each([10, 11, -1])('a label of %i (10 classes) is an INDEX error, not a silent loss', async (bad) => {
      if (backend === 'webgpu' && !gpu) return;
      const trainer = await compileTraining(importOnnxFile(join(c.dir, c.model)).graph, { ...trainOptions(c), backend });
      try {
        await expectIndexError(trainer.step({ inputs: { x }, target: withLabel(bad) }, { returnLoss: true }), /Gather/);
        // Valid labels train afterwards.
        const loss = await trainer.step({ inputs: { x }, target: labels }, { returnLoss: true });
        expect(Number.isFinite(loss)).toBe(true);
      } finally {
        trainer.dispose();
      }
    });
  });

  it.each(['cpu', 'webgpu'] as const)('an ignored label passes through SoftmaxCrossEntropyLoss (%s)', async (backend) => {
    if (backend === 'webgpu' && !gpu) return;
    const g = new Graph('sce');
    const scores = g.addInput('scores', { dtype: 'f32', shape: [3, 4] });
    const target = g.addInput('target', { dtype: 'i32', shape: [3] });
    g.outputs = [g.addNode('SoftmaxCrossEntropyLoss', [scores, target], { ignore_index: -100, reduction: 'mean' }, 'loss')[0]];
    const inputs = new Map([['scores', tensor('f32', [3, 4], Array.from({ length: 12 }, (_, i) => Math.sin(i)))], ['target', tensor('i32', [3], [1, -100, 3])]]);
    const want = interpret(g, inputs)[0].data[0];
    // The reference: the mean over the two labelled rows of -log softmax at their class.
    const row = (r: number, k: number) => {
      const v = [0, 1, 2, 3].map((j) => Math.sin(r * 4 + j));
      return -(v[k] - Math.log(v.reduce((s, t) => s + Math.exp(t), 0)));
    };
    expect(want).toBeCloseTo((row(0, 1) + row(2, 3)) / 2, 5);
    if (backend === 'cpu') return;
    const { program, data } = compileForWebGpu(g);
    const exe = await WebGpuExecutor.load(program, data, gpu);
    try {
      expect((await exe.run(inputs)).get(g.outputs[0].name)!.data[0]).toBeCloseTo(want, 5);
      await expectIndexError(exe.run(new Map([...inputs, ['target', tensor('i32', [3], [1, 4, 3])]])), /Gather/);
    } finally {
      exe.dispose();
    }
  });
});

// checkFinite: a debugging run that names the first kernel (WebGPU: its source nodes and output buffer) or
// node (CPU) whose output holds a NaN or Inf, on inference runs, artifact sessions and train steps. A clean
// model runs to the same result with the check on; off (the default) the run stays one submit.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

/** x[2,3] -> MatMul 'h' -> Log 'l' (NaN where h < 0) -> MatMul 'y' -> Relu 'r'. */
function logModel(): Graph {
  const g = new Graph('log');
  const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
  const w = g.addParam('w', tensor('f32', [3, 4], [1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1]));
  const w2 = g.addParam('w2', tensor('f32', [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
  const [h] = g.addNode('MatMul', [x, w], {}, 'h');
  const [l] = g.addNode('Log', [h], {}, 'l');
  const [y] = g.addNode('MatMul', [l, w2], {}, 'y');
  const [r] = g.addNode('Relu', [y], {}, 'r');
  g.outputs = [r];
  return g;
}

const clean = tensor('f32', [2, 3], [1, 2, 3, 4, 5, 6]);
const poisoned = tensor('f32', [2, 3], [1, -2, 3, 4, 5, 6]); // h[0][1] = -2: Log gives NaN

const numeric = (node: RegExp) => (e: unknown) => e instanceof KilnError && e.code === 'NUMERIC' && node.test(e.message);

describe('checkFinite', () => {
  it('CPU interpreter: names the first node with a non-finite output; a clean run is unchanged', () => {
    const g = logModel();
    expect(() => interpret(g, new Map([['x', poisoned]]), { checkFinite: true })).toThrow(/node 'l' \(Log\) wrote NaN at element 1 of its output/);
    try {
      interpret(g, new Map([['x', poisoned]]), { checkFinite: true });
    } catch (e) {
      expect(e).toBeInstanceOf(KilnError);
      expect((e as KilnError).code).toBe('NUMERIC');
      expect((e as KilnError).context.node).toBe('l');
    }
    // Off by default: the NaN flows through (Relu of NaN), nothing is raised.
    expect(() => interpret(g, new Map([['x', poisoned]]))).not.toThrow();
    const [a] = interpret(g, new Map([['x', clean]]), { checkFinite: true });
    const [b] = interpret(g, new Map([['x', clean]]));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('WebGPU: names the kernel holding Log and its output buffer; a clean run matches the unchecked one', async () => {
    if (!gpu) return;
    const { program, data } = compileForWebGpu(logModel());
    const culprit = program.kernels.find((k) => k.nodes.includes('l'))!;
    const exe = await WebGpuExecutor.load(program, data, gpu);
    const err = await exe.run(new Map([['x', poisoned]]), { checkFinite: true }).catch((e: unknown) => e);
    expect(err, String(err)).toSatisfy(numeric(new RegExp(`kernel '${culprit.name}' \\(dispatch \\d+ of \\d+; nodes [^)]*\\bl\\b[^)]*\\) wrote NaN at element 1 of buffer '`)));
    // Unchecked, the same input runs (the NaN reaches the output) and is one submit.
    const before = exe.stats.submits;
    await exe.run(new Map([['x', poisoned]]));
    expect(exe.stats.submits).toBe(before + 1);
    // The executor is usable after a NUMERIC rejection, and a clean run gives the same result checked.
    const plain = (await exe.run(new Map([['x', clean]]))).get('r')!;
    const checked = (await exe.run(new Map([['x', clean]]), { checkFinite: true })).get('r')!;
    expect(Array.from(checked.data)).toEqual(Array.from(plain.data));
    expect(compareCpu(checked.data)).toBe(true);
    exe.dispose();
  });

  it('Trainer.step: NUMERIC naming the Log node on both backends; clean steps pass with the check on', async () => {
    const model = () => {
      const g = new Graph('logmlp');
      const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
      const w = g.addParam('w', tensor('f32', [2, 3], [0.1, 0.2, 0.3, -0.1, 0.2, 0.1]));
      const [l] = g.addNode('Log', [x], {}, 'lg');
      const [y] = g.addNode('Gemm', [l, w], { transB: 1 }, 'y');
      g.outputs = [y];
      return g;
    };
    const target = tensor('f32', [2, 2], [0, 1, 1, 0]);
    for (const backend of gpu ? (['cpu', 'webgpu'] as const) : (['cpu'] as const)) {
      const t = await compileTraining(model(), { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.1 }, backend });
      const loss = await t.step({ inputs: { x: clean }, target }, { returnLoss: true, checkFinite: true });
      expect(Number.isFinite(loss), backend).toBe(true);
      const err = await t.step({ inputs: { x: poisoned }, target }, { checkFinite: true }).catch((e: unknown) => e);
      expect(err, `${backend}: ${err}`).toSatisfy(numeric(/\blg\b/));
      t.dispose();
    }
  });
});

/** The clean run's expected output, from the CPU interpreter. */
function compareCpu(data: ArrayLike<number>): boolean {
  const [ref] = interpret(logModel(), new Map([['x', clean]]));
  return Array.from(ref.data).every((v, i) => Math.abs(v - data[i]) <= 1e-4 * Math.abs(v) + 1e-5);
}

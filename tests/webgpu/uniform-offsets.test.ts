// Kernels independent of offsets: a view that covers part of its buffer (a time step's slice) reads its
// offset from the kernel's parameter uniform, so the steps of an unrolled LSTM share pipelines and the
// number of distinct kernels does not grow with the sequence length. The dispatches carry the offsets
// (checked against where step t's slice starts), the GPU still matches the CPU interpreter, and the loader
// refuses parameters that do not fit their kernel.
import { beforeAll, describe, expect, it } from 'vitest';
import { compareTensors } from '../../compiler/compare.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { trace } from '../../compiler/nn/index.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { checkManifest } from '../../runtime/artifact.ts';
import { ARTIFACT_FORMAT } from '../../runtime/artifact-format.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { paramsProblem, type Program } from '../../runtime/program.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { LstmRegressor } from '../nn/models.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { GPU_TOLERANCE } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const BATCH = 2, HIDDEN = 50;
const lstm = (seq: number): Graph => trace(new LstmRegressor(), { x: { dtype: 'f32', shape: [BATCH, seq, 1] } });

describe('kernels independent of view offsets', () => {
  it.each([true, false])('LSTM(1→50)+Linear: as many distinct kernels at sequence 10 as at 100 (fuse %s)', (fuse) => {
    const [short, long] = [10, 100].map((seq) => compileForWebGpu(lstm(seq), { fuse }).program);
    expect(long.dispatches.length).toBeGreaterThan(5 * short.dispatches.length);
    expect(Math.abs(long.kernels.length - short.kernels.length)).toBeLessThanOrEqual(2);
    // A handful of kernels serves all the steps: some kernel runs at least once per step.
    const uses = long.kernels.map((_, k) => long.dispatches.filter((d) => d.kernel === k).length);
    expect(Math.max(...uses)).toBeGreaterThanOrEqual(99);
  });

  it('the dispatches carry the offset where each step slice of the input projection starts', () => {
    const seq = 10;
    const { program } = compileForWebGpu(lstm(seq), { fuse: false });
    // The projection x·Wᵀ of every step is one [seq, batch, 4·hidden] tensor; step t reads [t, :, :].
    const stepStarts = Array.from({ length: seq - 1 }, (_, i) => (i + 1) * BATCH * 4 * HIDDEN);
    const found = program.kernels.some((k, ki) => {
      const ds = program.dispatches.filter((d) => d.kernel === ki);
      return k.params === 1 && ds.length === seq - 1 && ds.every((d, i) => d.params![0] === stepStarts[i]);
    });
    expect(found).toBe(true);
    // The text names the parameter, not the offset.
    const withParams = program.kernels.filter((k) => k.params);
    expect(withParams.length).toBeGreaterThan(0);
    for (const k of withParams) expect(k.wgsl).toContain('@group(1) @binding(0) var<uniform> kp: KilnParams;');
  });

  it.each([true, false])('the GPU matches the CPU interpreter on the LSTM at sequence 6 (fuse %s)', async (fuse) => {
    if (!gpu) return;
    const seq = 6;
    const g = lstm(seq);
    const x = tensor('f32', [BATCH, seq, 1], Array.from({ length: BATCH * seq }, (_, i) => Math.sin(i * 0.7) * 1.5));
    const inputs = new Map([[g.inputs[0].name, x]]);
    const want = interpret(g, inputs);
    const { program, data } = compileForWebGpu(g, { fuse });
    expect(program.dispatches.some((d) => d.params?.some((v) => v !== 0))).toBe(true);
    const exe = await WebGpuExecutor.load(program, data, gpu);
    try {
      const out = await exe.run(inputs);
      g.outputs.forEach((v, i) => expect(compareTensors(out.get(v.name)!, want[i], GPU_TOLERANCE), v.name).toBeUndefined());
    } finally {
      exe.dispose();
    }
  });

  it('refuses parameters that do not fit their kernel, naming the field', async () => {
    const { program, data } = compileForWebGpu(lstm(3), { fuse: false });
    expect(paramsProblem(program)).toBeUndefined();
    const i = program.dispatches.findIndex((d) => d.params);
    const k = program.dispatches[i].kernel;
    const dispatches = (f: (d: Program['dispatches'][number]) => object) => program.dispatches.map((d, j) => (j === i ? { ...d, ...f(d) } : d));
    const short: Program = { ...program, dispatches: dispatches((d) => ({ params: d.params!.slice(1) })) };
    expect(paramsProblem(short)).toMatch(new RegExp(`^dispatches\\[${i}\\]\\.params must hold the ${program.kernels[k].params} parameters`));
    const fraction: Program = { ...program, dispatches: dispatches((d) => ({ params: d.params!.map(() => 0.5) })) };
    expect(paramsProblem(fraction)).toMatch(/params: 0.5 is not an i32/);
    const kernels = program.kernels.map((kd, j) => (j === k ? { ...kd, params: 0 } : kd));
    expect(paramsProblem({ ...program, kernels })).toMatch(new RegExp(`^kernels\\[${k}\\]\\.params must be an integer`));
    expect(() => checkManifest({ ...short, format: ARTIFACT_FORMAT } as unknown)).toThrow(/manifest kernel parameters: dispatches\[/);
    await expect(WebGpuExecutor.load(short, data, gpu)).rejects.toThrow(KilnError);
    await expect(WebGpuExecutor.load(short, data, gpu)).rejects.toThrow(/kernel parameters: dispatches/);
  });
});

// Workgroup merges through subgroups (compile option `features: ['subgroups']`) against the CPU interpreter,
// next to the workgroup-memory tree they replace (no features), on random shapes (fast-check): row kernels
// (softmax, log-softmax, layer norm) over rows longer than SERIAL_ROW_MAX, and axis reductions long enough
// for a workgroup per output (sum, mean, max, min, prod, log-sum-exp), some with a NaN that max and min must
// propagate. Both feature sets run on this adapter, so both paths are checked here; the kernels of the
// default compile must not enable subgroups (the golden WGSL pins that).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { featuresNeeded, type GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, GPU_TOLERANCE, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const FEATURE_SETS = [
  ['tree', []],
  ['subgroups', ['subgroups']],
] as const;
const RUNS = Number(process.env.KILN_FUZZ_RUNS ?? 4);

const ROW_OPS = ['Softmax', 'LogSoftmax', 'LayerNormalization'] as const;

function rowGraph(op: (typeof ROW_OPS)[number], rows: number, len: number): Graph {
  const g = new Graph(op);
  const x = g.addInput('x', { dtype: 'f32', shape: [rows, len] });
  if (op === 'LayerNormalization') {
    const scale = g.addParam('scale', tensor('f32', [len], Array.from({ length: len }, (_, i) => 1 + (i % 7) / 10)));
    const bias = g.addParam('bias', tensor('f32', [len], Array.from({ length: len }, (_, i) => (i % 5) / 10 - 0.2)));
    g.outputs = [g.addNode(op, [x, scale, bias], { axis: -1 })[0]];
  } else {
    g.outputs = g.addNode(op, [x], { axis: -1 });
  }
  return g;
}

const REDUCE_OPS = ['ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceLogSumExp'] as const;

function reduceGraph(op: (typeof REDUCE_OPS)[number], outer: number, n: number): Graph {
  const g = new Graph(op);
  const x = g.addInput('x', { dtype: 'f32', shape: [outer, n] });
  // Prod over a long row: the inputs are scaled near 1 so the product stays finite (x/64 + 1).
  const src = op === 'ReduceProd' ? g.addNode('Add', [g.addNode('Mul', [x, g.addConstant(tensor('f32', [], [1 / 64]), 'k')])[0], g.addConstant(tensor('f32', [], [1]), 'one')])[0] : x;
  g.outputs = g.addNode(op, [src], { axes: [1], keepdims: 0 });
  return g;
}

const wgslOf = (g: Graph, features: readonly string[]) => compileForWebGpu(g, { features }).program.kernels.map((k) => k.wgsl);

describe.each(FEATURE_SETS)('workgroup merges (%s)', (what, features) => {
  it('row kernels over long rows match the CPU', async () => {
    if (!gpu) return;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROW_OPS), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 129, max: 700 }), async (op, rows, len) => {
        const g = rowGraph(op, rows, len);
        expect(featuresNeeded(wgslOf(g, features))).toEqual(what === 'tree' ? [] : ['subgroups']);
        await expectGpuMatchesCpu(gpu!, g, randomInputs(g, rows * len), GPU_TOLERANCE, { features });
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it('axis reductions with a workgroup per output match the CPU', async () => {
    if (!gpu) return;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REDUCE_OPS), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1024, max: 3000 }), async (op, outer, n) => {
        const g = reduceGraph(op, outer, n);
        expect(wgslOf(g, features).some((w) => w.includes('subgroup'))).toBe(what === 'subgroups');
        // Sums of thousands of terms: the CPU accumulates in float64, the GPU in f32 in another order.
        await expectGpuMatchesCpu(gpu!, g, randomInputs(g, outer * n), { rtol: 1e-4, atol: 1e-3 }, { features, fuse: false });
      }),
      { numRuns: RUNS, seed: 12 },
    );
  });

  it('max and min propagate a NaN through the merge', async () => {
    if (!gpu) return;
    for (const op of ['ReduceMax', 'ReduceMin'] as const) {
      const g = reduceGraph(op, 2, 2048);
      const inputs = randomInputs(g, 5);
      const x = inputs.get('x')!;
      const data = Float32Array.from(x.data as Float32Array);
      data[2048 + 777] = NaN;
      inputs.set('x', tensor('f32', x.shape, data));
      const [out] = await expectGpuMatchesCpu(gpu, g, inputs, GPU_TOLERANCE, { features, fuse: false });
      expect(Number.isNaN(out.data[1])).toBe(true);
    }
  });
});

describe('a device without subgroups', () => {
  it('refuses a program compiled for them, naming the feature', async () => {
    if (!gpu) return;
    const { create } = (await import('webgpu')) as unknown as { create: (o: string[]) => GPU };
    // A second Dawn instance, kept referenced while its device lives; its device is created with no features.
    const instance = create([]);
    const device = await (await instance.requestAdapter())!.requestDevice();
    try {
      const { program, data } = compileForWebGpu(rowGraph('Softmax', 2, 512), { features: ['subgroups'] });
      await expect(WebGpuExecutor.load(program, data, { device, adapterName: 'no subgroups' })).rejects.toThrow(/device features this device lacks: subgroups/);
    } finally {
      device.destroy();
    }
    expect(instance).toBeDefined();
  });
});

describe('featuresNeeded', () => {
  it('names the device feature of each enable directive once', () => {
    expect(featuresNeeded(['// k\nenable subgroups;\nfn a() {}', 'enable f16;\nenable subgroups;', 'fn b() {}'])).toEqual(['subgroups', 'shader-f16']);
  });
});

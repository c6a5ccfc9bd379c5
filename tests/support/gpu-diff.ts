// Differential testing of WGSL kernels: build a small graph, run it on the CPU interpreter and on the
// WebGPU executor, compare element-wise. Shared by every op family's GPU test.
import { expect } from 'vitest';
import { compareTensors, type Tolerance } from '../../compiler/compare.ts';
import { type CompileOptions, compileForWebGpu } from '../../compiler/compile.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';

export const GPU_TOLERANCE: Tolerance = { rtol: 1e-4, atol: 1e-5 };

/** Runs `g` on both backends and expects equal outputs; returns the GPU outputs. */
export async function expectGpuMatchesCpu(gpu: GpuContext, g: Graph, inputs: Map<string, Tensor>, tol: Tolerance = GPU_TOLERANCE, opts: CompileOptions = {}): Promise<Tensor[]> {
  const want = interpret(g, inputs);
  const { program, data } = compileForWebGpu(g, opts);
  const exe = await WebGpuExecutor.load(program, data, gpu);
  try {
    const out = await exe.run(inputs);
    const got = g.outputs.map((v) => out.get(v.name)!);
    got.forEach((t, i) => {
      const diff = compareTensors(t, want[i], tol);
      expect(diff, `output ${i} (${g.outputs[i].name})`).toBeUndefined();
    });
    return got;
  } finally {
    exe.dispose();
  }
}

/** A one-node graph over inputs of the given types; constants pass as tensors. */
export function singleOp(op: OpName, inputs: readonly (Tensor | { dtype: Tensor['dtype']; shape: readonly number[] } | undefined)[], attrs: Record<string, AttrValue> = {}): Graph {
  const g = new Graph(op);
  const vals: (Value | undefined)[] = inputs.map((t, i) => {
    if (!t) return undefined;
    return 'data' in t ? g.addConstant(t, `c${i}`) : g.addInput(`x${i}`, t);
  });
  g.outputs = g.addNode(op, vals, attrs, op.toLowerCase());
  return g;
}

/** Deterministic pseudo-random inputs for every graph input (floats in [-2, 2), ints in [-5, 5], bools). */
export function randomInputs(g: Graph, seed = 1): Map<string, Tensor> {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  return new Map(
    g.inputs.map((v) => {
      const n = v.type.shape.reduce((a, b) => a * b, 1);
      const vals = Array.from({ length: n }, () => {
        const r = next();
        return v.type.dtype === 'bool' ? (r < 0.5 ? 1 : 0) : v.type.dtype === 'f32' || v.type.dtype === 'f16' ? r * 4 - 2 : Math.floor(r * 11) - 5;
      });
      return [v.name, tensor(v.type.dtype, v.type.shape, vals)];
    }),
  );
}

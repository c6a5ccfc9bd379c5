// Train steps through the ops whose gradients were added last (Resize, LpPool, diagonal Einsum, GatherND
// with batch_dims, ScatterElements / ScatterND with mul, max, min): each small graph is trained a few SGD
// steps on one batch, on the CPU interpreter and on WebGPU from the same start: the loss must fall and the
// per-step losses of the two backends agree.
import { beforeAll, describe, expect, it } from 'vitest';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const wave = (shape: number[], seed: number, shift = 0): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor('f32', shape, Array.from({ length: n }, (_, k) => Math.sin(seed * 12.9898 + k * 1.618) * 1.5 + shift));
};
const i32 = (shape: number[], v: number[]) => tensor('i32', shape, v);

interface TrainCase {
  /** The differentiated parameter's shape (the op's first input is x * param). */
  param: number[];
  op: OpName;
  /** Inputs after the first: a tensor is a constant, a shape a second parameter. */
  rest?: (Tensor | number[])[];
  attrs?: Record<string, AttrValue>;
  /** Keeps values away from 0 (LpPool p = 3 through |x|). */
  shift?: number;
}

const CASES: Record<string, TrainCase> = {
  'Resize linear': { param: [1, 2, 3, 3], op: 'Resize', attrs: { sizes: [1, 2, 5, 4], scales: [1, 1, 5 / 3, 4 / 3], mode: 'linear' } },
  'Resize cubic, crop': { param: [1, 1, 4, 4], op: 'Resize', attrs: { sizes: [1, 1, 3, 5], scales: [1, 1, 0.75, 1.25], mode: 'cubic', coordinate_transformation_mode: 'tf_crop_and_resize', roi: [0, 0, -0.1, 0, 1, 1, 0.9, 1.2] } },
  'Resize nearest': { param: [1, 1, 2, 3], op: 'Resize', attrs: { sizes: [1, 1, 5, 4], scales: [1, 1, 2.5, 4 / 3] } },
  'LpPool p=3': { param: [1, 2, 5, 5], op: 'LpPool', attrs: { kernel_shape: [2, 2], strides: [2, 2], pads: [1, 1, 0, 0], p: 3 }, shift: 2 },
  'Einsum bii->bi': { param: [2, 3, 3], op: 'Einsum', attrs: { equation: 'bii->bi' } },
  'Einsum ii,ij->j': { param: [3, 3], op: 'Einsum', rest: [[3, 2]], attrs: { equation: 'ii,ij->j' } },
  'GatherND batch_dims 1': { param: [2, 3, 4], op: 'GatherND', rest: [i32([2, 3, 1], [0, 2, 0, 1, 1, -1])], attrs: { batch_dims: 1 } },
  'ScatterElements max': { param: [2, 4], op: 'ScatterElements', rest: [i32([2, 3], [1, 1, 3, 1, 0, 1]), [2, 3]], attrs: { axis: 1, reduction: 'max' } },
  'ScatterElements min': { param: [2, 4], op: 'ScatterElements', rest: [i32([2, 3], [1, 1, 3, 1, 0, 1]), [2, 3]], attrs: { axis: 1, reduction: 'min' } },
  'ScatterND mul': { param: [3, 2], op: 'ScatterND', rest: [i32([3, 1], [2, 0, 2]), [3, 2]], attrs: { reduction: 'mul' } },
  'ScatterND max': { param: [3, 2], op: 'ScatterND', rest: [i32([3, 1], [2, 0, 2]), [3, 2]], attrs: { reduction: 'max' } },
};

/** x * p0 -> op(.., constants, p1..) -> output; x is the graph input. */
function graphOf(c: TrainCase): Graph {
  const g = new Graph('train-gap');
  const x = g.addInput('x', { dtype: 'f32', shape: c.param });
  const p0 = g.addParam('p0', wave(c.param, 1, c.shift ?? 0));
  const rest: Value[] = (c.rest ?? []).map((r, k) => (Array.isArray(r) ? g.addParam(`p${k + 1}`, wave(r, k + 2)) : g.addConstant(r, `k${k + 1}`)));
  const [xp] = g.addNode('Mul', [x, p0]);
  g.outputs = g.addNode(c.op, [xp, ...rest], c.attrs ?? {});
  return g;
}

async function losses(c: TrainCase, backend: 'cpu' | 'webgpu'): Promise<number[]> {
  const g = graphOf(c);
  const trainer = await compileTraining(g, { loss: { name: 'mse' }, optimizer: { type: 'sgd', lr: 0.05 }, backend });
  const out: number[] = [];
  try {
    // One batch repeated: the loss changes only through the parameter updates, so it must fall.
    const x = wave(c.param, 10, 1), target = wave(g.outputs[0].type.shape as number[], 20);
    for (let s = 0; s < 3; s++) {
      out.push((await trainer.step({ inputs: { x }, target }, { returnLoss: true }))!);
    }
  } finally {
    trainer.dispose();
  }
  return out;
}

describe('train steps through the new gradients: WebGPU losses vs CPU losses', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async (t) => {
      if (!gpu) return t.skip();
      const [cpu, web] = [await losses(c, 'cpu'), await losses(c, 'webgpu')];
      if (process.env.KILN_LOG_LOSSES) console.log(name, JSON.stringify({ cpu, web }));
      expect(cpu.every(Number.isFinite), `cpu losses ${cpu}`).toBe(true);
      expect(cpu[2], `cpu losses ${cpu} fall`).toBeLessThan(cpu[0]);
      cpu.forEach((l, k) => expect(Math.abs(web[k] - l), `step ${k}: webgpu ${web[k]} vs cpu ${l}`).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(l))));
    }, 300_000);
  }
});

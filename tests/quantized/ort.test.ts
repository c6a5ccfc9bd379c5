// kiln (CPU interpreter and WebGPU) against ONNX Runtime on the same quantized models and inputs: the
// dynamically quantized MLP and CNN that quantize_dynamic emits, and single QLinear/Integer/Quantize ops
// with random full-range data. Integer outputs must be equal; float outputs within 1e-5 (relative).
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, getBackend } from '../../compiler/backend.ts';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import { isFloat } from '../../ir/dtype.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { buildModel } from '../support/onnx-builder.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { runOrt } from '../onnx-export/ort.ts';
import { attr, dynamicCnn, dynamicMlp, info, init, randTensor, rng } from './models.ts';

/** Largest |got - want| over float outputs; integer outputs must match exactly. */
function maxDiff(got: readonly Tensor[], want: readonly Tensor[]): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  got.forEach((g, i) => {
    expect(g.shape).toEqual(want[i].shape);
    expect(g.dtype).toBe(want[i].dtype);
    // A reference that saturated everywhere (or is constant) would prove little.
    expect(new Set(want[i].data).size, `distinct values of reference output ${i}`).toBeGreaterThan(8);
    if (!isFloat(want[i].dtype)) {
      expect(Array.from(g.data), `output ${i}`).toEqual(Array.from(want[i].data));
      return;
    }
    for (let k = 0; k < g.data.length; k++) worst = Math.max(worst, Math.abs(g.data[k] - want[i].data[k]) / Math.max(1, Math.abs(want[i].data[k])));
  });
  return worst;
}

interface Case { name: string; model: () => Uint8Array; inputs: () => Map<string, Tensor> }

const float = (seed: number, shape: number[], lo = -3, hi = 3) => randTensor(rng(seed), 'f32', shape, lo, hi);

/** QLinearMatMul with a per-column b scale and zero point ([N]); dtypes of a, b, y as given. */
function qlinearMatMul(a: 'u8' | 'i8', b: 'u8' | 'i8', y: 'u8' | 'i8'): Case {
  const [m, k, n] = [5, 37, 6];
  const range = (d: 'u8' | 'i8') => (d === 'u8' ? [0, 255] : [-128, 127]) as [number, number];
  const next = rng(11);
  const bv = randTensor(next, b, [k, n], ...range(b));
  const bzp = randTensor(next, b, [n], ...range(b).map((v) => v / 4) as [number, number]);
  const model = () => buildModel({
    nodes: [{ op: 'QLinearMatMul', inputs: ['a', 'as', 'azp', 'b', 'bs', 'bzp', 'ys', 'yzp'], outputs: ['y'] }],
    inputs: [info('a', a, [m, k])],
    outputs: [info('y', y, [m, n])],
    initializers: [
      init('as', 'f32', [], [0.021]), init('azp', a, [], [a === 'u8' ? 131 : -3]),
      init('b', b, [k, n], bv.data), init('bs', 'f32', [n], [0.004, 0.0061, 0.003, 0.009, 0.0052, 0.0077]), init('bzp', b, [n], bzp.data),
      init('ys', 'f32', [], [0.37]), init('yzp', y, [], [y === 'u8' ? 120 : 5]),
    ],
  });
  return { name: `QLinearMatMul ${a} x ${b} -> ${y}`, model, inputs: () => new Map([['a', randTensor(rng(12), a, [m, k], ...range(a))]]) };
}

const CASES: Case[] = [
  { name: 'dynamically quantized MLP (batch 7)', model: () => dynamicMlp(1, 7), inputs: () => new Map([['x', float(2, [7, 16])]]) },
  { name: 'dynamically quantized CNN', model: () => dynamicCnn(3), inputs: () => new Map([['x', float(4, [1, 3, 9, 9])]]) },
  qlinearMatMul('u8', 'u8', 'u8'),
  qlinearMatMul('u8', 'i8', 'u8'),
  qlinearMatMul('i8', 'i8', 'i8'),
  {
    name: 'QLinearConv u8 x i8 with per-channel w scale, bias, pads and stride',
    model: () => {
      const next = rng(21);
      return buildModel({
        nodes: [{ op: 'QLinearConv', inputs: ['x', 'xs', 'xzp', 'w', 'ws', 'wzp', 'ys', 'yzp', 'b'], outputs: ['y'], attrs: [attr.ints('pads', [1, 0, 1, 2]), attr.ints('strides', [2, 1])] }],
        inputs: [info('x', 'u8', [2, 4, 7, 6])],
        outputs: [info('y', 'u8', [2, 3, 4, 6])],
        initializers: [
          init('xs', 'f32', [], [0.05]), init('xzp', 'u8', [], [128]),
          init('w', 'i8', [3, 4, 3, 3], randTensor(next, 'i8', [3, 4, 3, 3], -128, 127).data), init('ws', 'f32', [3], [0.01, 0.002, 0.0071]), init('wzp', 'i8', [3], [0, 0, 0]),
          init('ys', 'f32', [], [0.6]), init('yzp', 'u8', [], [100]), init('b', 'i32', [3], [-900, 35, 2100]),
        ],
      });
    },
    inputs: () => new Map([['x', randTensor(rng(22), 'u8', [2, 4, 7, 6], 0, 255)]]),
  },
  {
    name: 'QuantizeLinear int8 per axis with ties and saturation',
    model: () => buildModel({
      nodes: [{ op: 'QuantizeLinear', inputs: ['x', 's', 'zp'], outputs: ['y'], attrs: [attr.int('axis', 1)] }],
      inputs: [info('x', 'f32', [2, 3, 8])],
      outputs: [info('y', 'i8', [2, 3, 8])],
      initializers: [init('s', 'f32', [3], [0.5, 1, 0.25]), init('zp', 'i8', [3], [0, -3, 7])],
    }),
    // Multiples of a quarter hit exact .5 ties for every scale; the range reaches past the int8 bounds.
    inputs: () => new Map([['x', tensor('f32', [2, 3, 8], randTensor(rng(31), 'i32', [48], -400, 400).data.map((v) => v / 4))]]),
  },
  {
    name: 'DequantizeLinear uint8 per axis',
    model: () => buildModel({
      nodes: [{ op: 'DequantizeLinear', inputs: ['x', 's', 'zp'], outputs: ['y'], attrs: [attr.int('axis', 2)] }],
      inputs: [info('x', 'u8', [2, 3, 5])],
      outputs: [info('y', 'f32', [2, 3, 5])],
      initializers: [init('s', 'f32', [5], [0.1, 0.37, 1.5, 0.003, 2.25]), init('zp', 'u8', [5], [0, 128, 255, 7, 77])],
    }),
    inputs: () => new Map([['x', randTensor(rng(51), 'u8', [2, 3, 5], 0, 255)]]),
  },
  {
    name: 'MatMulInteger u8 x u8 with a per-column b zero point, batched',
    model: () => buildModel({
      nodes: [{ op: 'MatMulInteger', inputs: ['a', 'b', 'azp', 'bzp'], outputs: ['y'] }],
      inputs: [info('a', 'u8', [3, 4, 50]), info('b', 'u8', [50, 9])],
      outputs: [info('y', 'i32', [3, 4, 9])],
      initializers: [init('azp', 'u8', [], [255]), init('bzp', 'u8', [9], [0, 1, 2, 128, 200, 255, 3, 9, 77])],
    }),
    inputs: () => new Map([['a', randTensor(rng(41), 'u8', [3, 4, 50], 0, 255)], ['b', randTensor(rng(42), 'u8', [50, 9], 0, 255)]]),
  },
];

describe('quantized models: kiln against ONNX Runtime', () => {
  let backends: Backend[] = [];
  beforeAll(async () => {
    backends = [await getBackend('cpu')];
    if (await webgpuOrSkip()) backends.push(await getBackend('webgpu'));
  });

  it.each(CASES)('$name', async (c) => {
    const bytes = c.model();
    const inputs = c.inputs();
    const want = await runOrt(bytes, inputs);
    for (const b of backends) {
      const got = await b.run(importOnnx(bytes).graph, inputs);
      const d = maxDiff(got, want);
      console.log(`${c.name} [${b.name}]: max relative difference to ONNX Runtime ${d.toExponential(2)}`);
      expect(d, b.name).toBeLessThanOrEqual(1e-5);
    }
  });
});

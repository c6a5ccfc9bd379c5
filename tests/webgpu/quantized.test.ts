// Quantized ops on WebGPU against the CPU interpreter: small random shapes and full-range int8/uint8 data
// through the imported decompositions (QuantizeLinear, DequantizeLinear, ConvInteger, QLinearMatMul) and
// Cast into i8/u8, which wraps modulo 2^8 on both backends. Integer outputs must be equal.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { expectGpuMatchesCpu } from '../support/gpu-diff.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { buildModel } from '../support/onnx-builder.ts';
import { attr, ELEM, info, init, randInts, randTensor, rng } from '../quantized/models.ts';

const RANGE: { readonly [K in 'u8' | 'i8']: [number, number] } = { u8: [0, 255], i8: [-128, 127] };
type Q = keyof typeof RANGE;
const SEEDS = [1, 2, 3, 4, 5, 6];

describe('quantized ops on WebGPU match the CPU interpreter', () => {
  let gpu: GpuContext | undefined;
  beforeAll(async () => {
    gpu = await webgpuOrSkip();
  });

  it.each(SEEDS)('QLinearMatMul, random shapes and dtypes (seed %i)', async (seed) => {
    if (!gpu) return;
    const next = rng(seed);
    const [m, k, n] = randInts(next, 3, 1, 24);
    const pick = (): Q => (next() < 0.5 ? 'u8' : 'i8');
    const a = pick(), b = a === 'i8' ? 'i8' : pick(), y = pick();
    const zp = (d: Q) => randInts(next, 1, RANGE[d][0] / 2, RANGE[d][1] / 2);
    const bytes = buildModel({
      nodes: [{ op: 'QLinearMatMul', inputs: ['a', 'as', 'azp', 'b', 'bs', 'bzp', 'ys', 'yzp'], outputs: ['y'] }],
      inputs: [info('a', a, [m, k]), info('b', b, [k, n])],
      outputs: [info('y', y, [m, n])],
      initializers: [init('as', 'f32', [], [0.02]), init('azp', a, [], zp(a)), init('bs', 'f32', [], [0.01]), init('bzp', b, [], zp(b)), init('ys', 'f32', [], [0.05 * Math.sqrt(k)]), init('yzp', y, [], zp(y))],
    });
    const inputs = new Map([['a', randTensor(next, a, [m, k], ...RANGE[a])], ['b', randTensor(next, b, [k, n], ...RANGE[b])]]);
    const [out] = await expectGpuMatchesCpu(gpu, importOnnx(bytes).graph, inputs);
    expect(out.dtype).toBe(y);
  });

  it.each(SEEDS)('ConvInteger, random geometry (seed %i)', async (seed) => {
    if (!gpu) return;
    const next = rng(100 + seed);
    const group = next() < 0.5 ? 1 : 2;
    const [cg, mg, kh, kw, sh, sw, dh] = [...randInts(next, 2, 1, 3), ...randInts(next, 2, 1, 3), ...randInts(next, 2, 1, 2), ...randInts(next, 1, 1, 2)];
    const pads = randInts(next, 4, 0, 2);
    const [h, w] = randInts(next, 2, 5, 9);
    const x = next() < 0.5 ? 'u8' : 'i8', wt = next() < 0.5 ? 'u8' : 'i8';
    const oh = Math.floor((h + pads[0] + pads[2] - ((kh - 1) * dh + 1)) / sh) + 1, ow = Math.floor((w + pads[1] + pads[3] - kw) / sw) + 1;
    const bytes = buildModel({
      nodes: [{
        op: 'ConvInteger', inputs: ['x', 'w', 'xzp', 'wzp'], outputs: ['y'],
        attrs: [attr.ints('pads', pads), attr.ints('strides', [sh, sw]), attr.ints('dilations', [dh, 1]), attr.int('group', group)],
      }],
      inputs: [info('x', x, [2, cg * group, h, w])],
      outputs: [info('y', 'i32', [2, mg * group, oh, ow])],
      initializers: [
        init('w', wt, [mg * group, cg, kh, kw], randTensor(next, wt, [mg * group, cg, kh, kw], ...RANGE[wt]).data),
        init('xzp', x, [], randInts(next, 1, RANGE[x][0], RANGE[x][1])),
        init('wzp', wt, [mg * group], randInts(next, mg * group, RANGE[wt][0], RANGE[wt][1])),
      ],
    });
    await expectGpuMatchesCpu(gpu, importOnnx(bytes).graph, new Map([['x', randTensor(next, x, [2, cg * group, h, w], ...RANGE[x])]]));
  });

  it.each(SEEDS)('QuantizeLinear then DequantizeLinear per axis (seed %i)', async (seed) => {
    if (!gpu) return;
    const next = rng(200 + seed);
    const shape = randInts(next, 3, 1, 7);
    const axis = randInts(next, 1, 0, 2)[0];
    const q = next() < 0.5 ? 'u8' : 'i8';
    const c = shape[axis];
    const bytes = buildModel({
      nodes: [
        { op: 'QuantizeLinear', inputs: ['x', 's', 'zp'], outputs: ['q'], attrs: [attr.int('axis', axis)] },
        { op: 'DequantizeLinear', inputs: ['q', 's', 'zp'], outputs: ['y'], attrs: [attr.int('axis', axis)] },
      ],
      inputs: [info('x', 'f32', shape)],
      outputs: [info('q', q, shape), info('y', 'f32', shape)],
      initializers: [init('s', 'f32', [c], randInts(next, c, 1, 8).map((v) => v / 8)), init('zp', q, [c], randInts(next, c, RANGE[q][0] / 2, RANGE[q][1] / 2))],
    });
    // Quarter steps make exact .5 ties; the range runs past saturation on both sides.
    const x = randTensor(next, 'i32', shape, -1200, 1200);
    const inputs = new Map([['x', { ...x, dtype: 'f32' as const, data: Float32Array.from(x.data, (v) => v / 4) }]]);
    await expectGpuMatchesCpu(gpu, importOnnx(bytes).graph, inputs, { rtol: 0, atol: 0 });
  });

  it('packed int8 weights: odd sizes and a slice at an offset inside the packed words read back sign-extended', async () => {
    if (!gpu) return;
    // B = rows 2..8 of a [9, 5] int8 initializer (45 bytes, not a whole number of words; the slice starts at byte 10).
    const next = rng(9);
    const w = randTensor(next, 'i8', [9, 5], -128, 127);
    const bytes = buildModel({
      nodes: [
        { op: 'Slice', inputs: ['w', 'st', 'en'], outputs: ['b'] },
        { op: 'MatMulInteger', inputs: ['a', 'b'], outputs: ['y'] },
      ],
      inputs: [info('a', 'i8', [3, 7])],
      outputs: [info('y', 'i32', [3, 5])],
      initializers: [init('w', 'i8', [9, 5], w.data), init('st', 'i32', [1], [2]), init('en', 'i32', [1], [9])],
    });
    const a = randTensor(next, 'i8', [3, 7], -128, 127);
    const graph = importOnnx(bytes).graph;
    const [y] = await expectGpuMatchesCpu(gpu, graph, new Map([['a', a]]));
    // The ONNX formula, written out: y[i][j] = sum_k a[i][k] * w[k + 2][j].
    const want = Array.from({ length: 15 }, (_, e) => {
      const i = Math.floor(e / 5), j = e % 5;
      let s = 0;
      for (let k = 0; k < 7; k++) s += a.data[i * 7 + k] * w.data[(k + 2) * 5 + j];
      return s;
    });
    expect(Array.from(y.data)).toEqual(want);
    const { program } = compileForWebGpu(graph);
    const wb = program.buffers.find((b) => b.name === 'w')!;
    expect([wb.dtype, wb.bytes]).toEqual(['i8', 48]);
  });

  it('int8/uint8 arithmetic wraps modulo 2^8 as on the CPU', async () => {
    if (!gpu) return;
    const bytes = buildModel({
      nodes: [
        { op: 'Add', inputs: ['a', 'a'], outputs: ['s8'] },
        { op: 'Mul', inputs: ['b', 'b'], outputs: ['p8'] },
        // Widened to int32 inside the same fused kernel: an unwrapped 8-bit intermediate would show here.
        { op: 'Cast', inputs: ['s8'], outputs: ['s'], attrs: [attr.int('to', ELEM.i32)] },
        { op: 'Cast', inputs: ['p8'], outputs: ['p'], attrs: [attr.int('to', ELEM.i32)] },
      ],
      inputs: [info('a', 'i8', [4]), info('b', 'u8', [4])],
      outputs: [info('s', 'i32', [4]), info('p', 'i32', [4])],
    });
    const a = randTensor(rng(3), 'i8', [4], 0, 0), b = randTensor(rng(3), 'u8', [4], 0, 0);
    a.data.set([100, -100, 64, 1]);
    b.data.set([16, 17, 255, 3]);
    const [s, p] = await expectGpuMatchesCpu(gpu, importOnnx(bytes).graph, new Map([['a', a], ['b', b]]));
    expect(Array.from(s.data)).toEqual([-56, 56, -128, 2]); // 200 - 256, -200 + 256, 128 - 256
    expect(Array.from(p.data)).toEqual([0, 33, 1, 9]); // 256, 289, 65025 modulo 256
  });

  it('Cast from i32 into i8 and u8 wraps modulo 2^8 as on the CPU', async () => {
    if (!gpu) return;
    const bytes = buildModel({
      nodes: [
        { op: 'Cast', inputs: ['x'], outputs: ['a'], attrs: [attr.int('to', ELEM.i8)] },
        { op: 'Cast', inputs: ['x'], outputs: ['b'], attrs: [attr.int('to', ELEM.u8)] },
      ],
      inputs: [info('x', 'i32', [6])],
      outputs: [info('a', 'i8', [6]), info('b', 'u8', [6])],
    });
    const x = randTensor(rng(7), 'i32', [6], 0, 0);
    x.data.set([-300, -129, -1, 127, 128, 511]);
    const [a, b] = await expectGpuMatchesCpu(gpu, importOnnx(bytes).graph, new Map([['x', x]]));
    // Values from two's-complement wrapping: the low byte, read signed or unsigned.
    expect(Array.from(a.data)).toEqual([-44, 127, -1, 127, -128, -1]);
    expect(Array.from(b.data)).toEqual([212, 127, 255, 127, 128, 255]);
  });
});

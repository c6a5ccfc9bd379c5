// Quantized ONNX ops: values written from the ONNX formulas (round half to even, saturation, zero points,
// per-axis parameters, i32 accumulation past f32's exact range) on the CPU interpreter, and the KilnErrors
// bad models get, each naming node, op and shapes.
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { buildModel, type NodeSpec } from '../support/onnx-builder.ts';
import { attr, info, init } from './models.ts';

type Info = ReturnType<typeof info>;
const model = (nodes: NodeSpec[], inputs: Info[], outputs: Info[], initializers: object[] = [], opset?: number) =>
  buildModel({ nodes, inputs, outputs, initializers, opset });
const run = (bytes: Uint8Array, inputs: Record<string, Tensor>): Tensor[] => interpret(importOnnx(bytes).graph, new Map(Object.entries(inputs)));
const values = (t: Tensor) => Array.from(t.data);

describe('quantized ops follow the ONNX formulas', () => {
  it('QuantizeLinear rounds half to even and saturates to uint8 and int8', () => {
    const x = tensor('f32', [10], [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.49, 1000, -1000, 127.5]);
    const q = (zpType: 'u8' | 'i8', zp: number) =>
      run(model([{ op: 'QuantizeLinear', inputs: ['x', 's', 'zp'], outputs: ['y'] }], [info('x', 'f32', [10])], [info('y', zpType, [10])], [init('s', 'f32', [], [1]), init('zp', zpType, [], [zp])]), { x })[0];
    // round(x / 1) + zp, then clamp: ties go to the even neighbour (2.5 -> 2, -2.5 -> -2, 127.5 -> 128).
    expect(values(q('u8', 10))).toEqual([10, 12, 12, 10, 8, 8, 13, 255, 0, 138]);
    expect(values(q('i8', 0))).toEqual([0, 2, 2, 0, -2, -2, 3, 127, -128, 127]);
  });

  it('QuantizeLinear without a zero point gives uint8 with zero point 0', () => {
    const [y] = run(model([{ op: 'QuantizeLinear', inputs: ['x', 's'], outputs: ['y'] }], [info('x', 'f32', [4])], [info('y', 'u8', [4])], [init('s', 'f32', [], [0.5])]), { x: tensor('f32', [4], [-1, 0.25, 0.75, 200]) });
    expect(y.dtype).toBe('u8');
    expect(values(y)).toEqual([0, 0, 2, 255]); // -2 -> 0, 0.5 -> 0, 1.5 -> 2, 400 -> 255
  });

  it('DequantizeLinear per axis subtracts each channel zero point and scales', () => {
    const bytes = model([{ op: 'DequantizeLinear', inputs: ['x', 's', 'zp'], outputs: ['y'], attrs: [attr.int('axis', 0)] }],
      [info('x', 'i8', [2, 3])], [info('y', 'f32', [2, 3])], [init('s', 'f32', [2], [0.5, 2]), init('zp', 'i8', [2], [-128, 3])]);
    const [y] = run(bytes, { x: tensor('i8', [2, 3], [-128, 0, 127, -128, 3, 127]) });
    expect(values(y)).toEqual([0, 64, 127.5, -262, 0, 248]);
  });

  it('MatMulInteger accumulates in i32 exactly past 2^24', () => {
    // 600 products of 255 * 255 = 39,015,000, beyond what f32 holds exactly; 255*255*600 - 1 checks the last bit.
    const k = 600;
    const a = tensor('u8', [1, k], new Array(k).fill(255));
    const b = tensor('u8', [k, 2], Array.from({ length: 2 * k }, (_, i) => (i === 1 ? 254 : 255)));
    const [y] = run(model([{ op: 'MatMulInteger', inputs: ['a', 'b'], outputs: ['y'] }], [info('a', 'u8', [1, k]), info('b', 'u8', [k, 2])], [info('y', 'i32', [1, 2])]), { a, b });
    expect(values(y)).toEqual([255 * 255 * k, 255 * 255 * k - 255]);
  });

  it('MatMulInteger takes a per-row a_zero_point ([M]) and a per-column b_zero_point ([N])', () => {
    const bytes = model([{ op: 'MatMulInteger', inputs: ['a', 'b', 'azp', 'bzp'], outputs: ['y'] }], [info('a', 'i8', [2, 2]), info('b', 'i8', [2, 3])], [info('y', 'i32', [2, 3])],
      [init('azp', 'i8', [2], [1, -1]), init('bzp', 'i8', [3], [0, 1, -128])]);
    const [y] = run(bytes, { a: tensor('i8', [2, 2], [1, 2, 3, 4]), b: tensor('i8', [2, 3], [1, 1, 1, 2, 2, 2]) });
    // (a - [1; -1]) = [[0, 1], [4, 5]]; (b - [0, 1, -128]) = [[1, 0, 129], [2, 1, 130]].
    expect(values(y)).toEqual([2, 1, 130, 14, 5, 1166]);
  });

  it('ConvInteger pads with the zero point: padded taps contribute nothing', () => {
    // 1x1x2x2 input, 3x3 all-ones kernel, pads 1: each output is the sum of (x - zp) over the input.
    const bytes = model([{ op: 'ConvInteger', inputs: ['x', 'w', 'xzp'], outputs: ['y'], attrs: [attr.ints('pads', [1, 1, 1, 1])] }],
      [info('x', 'u8', [1, 1, 2, 2])], [info('y', 'i32', [1, 1, 2, 2])], [init('w', 'u8', [1, 1, 3, 3], new Array(9).fill(1)), init('xzp', 'u8', [], [100])]);
    const [y] = run(bytes, { x: tensor('u8', [1, 1, 2, 2], [101, 102, 103, 104]) });
    expect(values(y)).toEqual([10, 10, 10, 10]);
  });

  it('QLinearMatMul requantizes with a_scale * b_scale / y_scale and the output zero point', () => {
    const bytes = model([{ op: 'QLinearMatMul', inputs: ['a', 'as', 'azp', 'b', 'bs', 'bzp', 'ys', 'yzp'], outputs: ['y'] }],
      [info('a', 'u8', [2, 2])], [info('y', 'u8', [2, 1])],
      [init('as', 'f32', [], [0.5]), init('azp', 'u8', [], [2]), init('b', 'u8', [2, 1], [1, 2]), init('bs', 'f32', [], [0.25]), init('bzp', 'u8', [], [0]), init('ys', 'f32', [], [0.4]), init('yzp', 'u8', [], [100])]);
    // multiplier 0.5 * 0.25 / 0.4 = 0.3125. Row 0: acc = (5-2)*1 + (7-2)*2 = 13 -> 4.0625 -> 4 -> 104.
    // Row 1: acc = (5-2)*1 + (2-2)*2 = 3 -> 0.9375 -> 1 -> 101.
    const [y] = run(bytes, { a: tensor('u8', [2, 2], [5, 7, 5, 2]) });
    expect(values(y)).toEqual([104, 101]);
  });

  it('DynamicQuantizeLinear widens the range to include 0 and computes scale and zero point', () => {
    const bytes = model([{ op: 'DynamicQuantizeLinear', inputs: ['x'], outputs: ['y', 's', 'zp'] }], [info('x', 'f32', [4])], [info('y', 'u8', [4]), info('s', 'f32', []), info('zp', 'u8', [])]);
    const [y, s, zp] = run(bytes, { x: tensor('f32', [4], [1, 2, 3, 5.1]) });
    const scale = Math.fround(Math.fround(5.1) / 255); // min widened to 0: range [0, 5.1], zero point 0
    expect(s.data[0]).toBe(scale);
    expect(values(zp)).toEqual([0]);
    expect(values(y)).toEqual([1, 2, 3, 5.1].map((v) => Math.min(255, Math.round(Math.fround(v) / scale))));
  });
});

describe('bad quantized models get KilnErrors naming node, op and shapes', () => {
  const rejects = (bytes: Uint8Array, code: string, message: RegExp, op: string) => {
    let err: unknown;
    try {
      importOnnx(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KilnError);
    const k = err as KilnError;
    expect(k.code).toBe(code);
    expect(k.message).toMatch(message);
    expect(k.context.node).toBe('n0');
    expect(k.context.op).toBe(op);
    expect(k.context.shapes).toBeDefined();
  };
  const x23 = [info('x', 'f32', [2, 3])];

  it('a zero point whose dtype differs from the quantized tensor', () => {
    rejects(model([{ op: 'DequantizeLinear', inputs: ['x', 's', 'zp'], outputs: ['y'] }], [info('x', 'u8', [2, 3])], [info('y', 'f32', [2, 3])], [init('s', 'f32', [], [1]), init('zp', 'i8', [], [0])]),
      'ONNX_INVALID', /x_zero_point has dtype i8 but the quantized tensor is u8/, 'DequantizeLinear');
    rejects(model([{ op: 'MatMulInteger', inputs: ['a', 'b', 'azp'], outputs: ['y'] }], [info('a', 'u8', [2, 3]), info('b', 'u8', [3, 2])], [info('y', 'i32', [2, 2])], [init('azp', 'i8', [], [0])]),
      'ONNX_INVALID', /a_zero_point has dtype i8/, 'MatMulInteger');
  });

  it('a per-axis scale or zero point whose length is not the axis size', () => {
    rejects(model([{ op: 'QuantizeLinear', inputs: ['x', 's'], outputs: ['y'], attrs: [attr.int('axis', 1)] }], x23, [info('y', 'u8', [2, 3])], [init('s', 'f32', [2], [1, 1])]),
      'ONNX_INVALID', /y_scale has 2 entries but axis 1 of \[2,3\] has size 3/, 'QuantizeLinear');
    rejects(model([{ op: 'ConvInteger', inputs: ['x', 'w', '', 'wzp'], outputs: ['y'] }], [info('x', 'u8', [1, 1, 4, 4])], [info('y', 'i32', [1, 2, 2, 2])], [init('w', 'u8', [2, 1, 3, 3], new Array(18).fill(1)), init('wzp', 'u8', [3], [1, 2, 3])]),
      'ONNX_INVALID', /w_zero_point has 3 entries but axis 0 of \[2,1,3,3\] has size 2/, 'ConvInteger');
  });

  it('an output_dtype other than int8/uint8, float8 included', () => {
    const q = (code: number) => model([{ op: 'QuantizeLinear', inputs: ['x', 's'], outputs: ['y'], attrs: [attr.int('output_dtype', code)] }], x23, [info('y', 'u8', [2, 3])], [init('s', 'f32', [], [1])], 20);
    rejects(q(6), 'ONNX_UNSUPPORTED', /output_dtype INT32 is not supported/, 'QuantizeLinear');
    rejects(q(17), 'ONNX_UNSUPPORTED', /output_dtype FLOAT8E4M3FN is not supported/, 'QuantizeLinear');
    const both = model([{ op: 'QuantizeLinear', inputs: ['x', 's', 'zp'], outputs: ['y'], attrs: [attr.int('output_dtype', 3)] }], x23, [info('y', 'u8', [2, 3])], [init('s', 'f32', [], [1]), init('zp', 'u8', [], [0])], 20);
    rejects(both, 'ONNX_INVALID', /y_zero_point has dtype u8 but output_dtype is i8/, 'QuantizeLinear');
  });

  it('a float8 zero point or float8 input names the node that uses it', () => {
    const f8zp = { name: 'zp', dims: [], data_type: 19, raw_data: new Uint8Array([0]) };
    rejects(model([{ op: 'QuantizeLinear', inputs: ['x', 's', 'zp'], outputs: ['y'] }], x23, [info('y', 'u8', [2, 3])], [init('s', 'f32', [], [1]), f8zp], 19),
      'ONNX_UNSUPPORTED', /tensor 'zp' has unsupported element type FLOAT8E5M2, used by QuantizeLinear 'n0'/, 'QuantizeLinear');
    const f8in = { name: 'x', type: { tensor_type: { elem_type: 17, shape: { dim: [{ dim_value: 2 }] } } } };
    rejects(model([{ op: 'DequantizeLinear', inputs: ['x', 's'], outputs: ['y'] }], [f8in as Info], [info('y', 'f32', [2])], [init('s', 'f32', [], [1])], 19),
      'ONNX_UNSUPPORTED', /graph input 'x' has element type FLOAT8E4M3FN, used by DequantizeLinear 'n0'/, 'DequantizeLinear');
  });

  it('float operands of the integer ops', () => {
    rejects(model([{ op: 'MatMulInteger', inputs: ['a', 'b'], outputs: ['y'] }], [info('a', 'f32', [2, 3]), info('b', 'u8', [3, 2])], [info('y', 'i32', [2, 2])]),
      'ONNX_UNSUPPORTED', /A must be int8 or uint8, got f32 \[2,3\]/, 'MatMulInteger');
  });
});

// Quantized ONNX models for tests: tensor infos and int8/uint8/int32/float initializers, deterministic
// random data, and the graphs ONNX Runtime's dynamic quantization emits for an MLP and a CNN
// (DynamicQuantizeLinear -> MatMulInteger/ConvInteger -> Cast -> Mul by the scales -> Add bias).
import { ONNX_DTYPE } from '../../compiler/onnx/schema.ts';
import type { DType } from '../../ir/dtype.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { buildModel, type NodeSpec } from '../support/onnx-builder.ts';

export const ELEM = { f32: ONNX_DTYPE.FLOAT, i32: ONNX_DTYPE.INT32, i8: ONNX_DTYPE.INT8, u8: ONNX_DTYPE.UINT8 } as const;
type Elem = keyof typeof ELEM;

export const info = (name: string, elem: Elem, dims: readonly number[]) => ({
  name, type: { tensor_type: { elem_type: ELEM[elem], shape: { dim: dims.map((d) => ({ dim_value: d })) } } },
});

const ARRAYS = { f32: Float32Array, i32: Int32Array, i8: Int8Array, u8: Uint8Array } as const;

/** An initializer with raw little-endian data. */
export function init(name: string, elem: Elem, dims: readonly number[], values: ArrayLike<number>) {
  const data = ARRAYS[elem].from(values);
  return { name, dims: [...dims], data_type: ELEM[elem], raw_data: new Uint8Array(data.buffer) };
}

export const attr = {
  int: (name: string, i: number) => ({ name, type: 2, i }),
  ints: (name: string, ints: number[]) => ({ name, type: 7, ints }),
};

/** A deterministic generator of uniform numbers in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/** n integers uniform over [lo, hi]. */
export const randInts = (next: () => number, n: number, lo: number, hi: number): number[] =>
  Array.from({ length: n }, () => lo + Math.floor(next() * (hi - lo + 1)));

/** n floats uniform over [lo, hi). */
export const randFloats = (next: () => number, n: number, lo: number, hi: number): number[] =>
  Array.from({ length: n }, () => Math.fround(lo + next() * (hi - lo)));

export const randTensor = (next: () => number, dtype: DType, shape: number[], lo: number, hi: number): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(dtype, shape, dtype === 'f32' ? randFloats(next, n, lo, hi) : randInts(next, n, lo, hi));
};

const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * One dynamically quantized layer: y = (MatMulInteger|ConvInteger)(DQL(x), Wq, x_zp, w_zp) as float, times
 * x_scale * w_scale, plus bias. Returns the nodes and initializers; `tag` keeps names distinct.
 */
function dynamicLayer(tag: string, x: string, op: 'MatMulInteger' | 'ConvInteger', w: { dims: number[]; values: number[]; scale: number }, bias: { dims: number[]; values: number[] }, attrs: object[] = []) {
  const n = (s: string) => `${tag}_${s}`;
  const nodes: NodeSpec[] = [
    { op: 'DynamicQuantizeLinear', inputs: [x], outputs: [n('xq'), n('xs'), n('xzp')] },
    { op, inputs: [n('xq'), n('w'), n('xzp'), n('wzp')], outputs: [n('acc')], attrs },
    { op: 'Cast', inputs: [n('acc')], outputs: [n('accf')], attrs: [attr.int('to', ELEM.f32)] },
    { op: 'Mul', inputs: [n('xs'), n('ws')], outputs: [n('scale')] },
    { op: 'Mul', inputs: [n('accf'), n('scale')], outputs: [n('deq')] },
    { op: 'Add', inputs: [n('deq'), n('b')], outputs: [n('y')] },
  ];
  const inits = [
    init(n('w'), 'i8', w.dims, w.values),
    init(n('wzp'), 'i8', [], [0]),
    init(n('ws'), 'f32', [], [w.scale]),
    init(n('b'), 'f32', bias.dims, bias.values),
  ];
  return { nodes, inits, y: n('y'), acc: n('acc'), xq: n('xq') };
}

/** Symmetric int8 weights of a float layer, as quantize_dynamic makes them: scale = max|w| / 127. */
function quantizeWeights(next: () => number, dims: number[]): { dims: number[]; values: number[]; scale: number } {
  const wf = randFloats(next, numel(dims), -0.5, 0.5);
  const scale = Math.fround(Math.max(...wf.map(Math.abs)) / 127);
  return { dims, values: wf.map((v) => Math.max(-127, Math.min(127, Math.round(v / scale)))), scale };
}

/** x [batch, 16] -> dynamic int8 Linear(16, 32) -> Relu -> dynamic int8 Linear(32, 10). Outputs y, plus the layer-1 integers. */
export function dynamicMlp(seed: number, batch: number): Uint8Array {
  const next = rng(seed);
  const l1 = dynamicLayer('fc1', 'x', 'MatMulInteger', quantizeWeights(next, [16, 32]), { dims: [32], values: randFloats(next, 32, -0.2, 0.2) });
  const l2 = dynamicLayer('fc2', 'h', 'MatMulInteger', quantizeWeights(next, [32, 10]), { dims: [10], values: randFloats(next, 10, -0.2, 0.2) });
  return buildModel({
    nodes: [...l1.nodes, { op: 'Relu', inputs: [l1.y], outputs: ['h'] }, ...l2.nodes.map((nd) => (nd.outputs[0] === l2.y ? { ...nd, outputs: ['y'] } : nd))],
    inputs: [info('x', 'f32', [batch, 16])],
    outputs: [info('y', 'f32', [batch, 10]), info(l1.xq, 'u8', [batch, 16]), info(l1.acc, 'i32', [batch, 32])],
    initializers: [...l1.inits, ...l2.inits],
  });
}

/**
 * x [1, 3, 9, 9] -> dynamic int8 Conv(3, 8, 3x3, pad 1) -> Relu -> dynamic int8 Conv(8, 4, 3x3, stride 2,
 * group 2) -> y [1, 4, 4, 4]. Outputs y, plus the first ConvInteger's integers.
 */
export function dynamicCnn(seed: number): Uint8Array {
  const next = rng(seed);
  const c1 = dynamicLayer('conv1', 'x', 'ConvInteger', quantizeWeights(next, [8, 3, 3, 3]), { dims: [1, 8, 1, 1], values: randFloats(next, 8, -0.2, 0.2) }, [attr.ints('pads', [1, 1, 1, 1])]);
  const c2 = dynamicLayer('conv2', 'h', 'ConvInteger', quantizeWeights(next, [4, 4, 3, 3]), { dims: [1, 4, 1, 1], values: randFloats(next, 4, -0.2, 0.2) }, [attr.ints('strides', [2, 2]), attr.int('group', 2)]);
  return buildModel({
    nodes: [...c1.nodes, { op: 'Relu', inputs: [c1.y], outputs: ['h'] }, ...c2.nodes.map((nd) => (nd.outputs[0] === c2.y ? { ...nd, outputs: ['y'] } : nd))],
    inputs: [info('x', 'f32', [1, 3, 9, 9])],
    outputs: [info('y', 'f32', [1, 4, 4, 4]), info(c1.acc, 'i32', [1, 8, 9, 9])],
    initializers: [...c1.inits, ...c2.inits],
  });
}

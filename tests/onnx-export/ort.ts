// Runs an exported model in ONNX Runtime (the independent reference) with kiln tensors in and out.
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import type { DType } from '../../ir/dtype.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';

const ORT_TYPE: { readonly [K in DType]: 'float32' | 'int32' | 'uint32' | 'int8' | 'uint8' | 'bool' | undefined } = {
  f32: 'float32', f16: undefined, i32: 'int32', u32: 'uint32', i8: 'int8', u8: 'uint8', bool: 'bool',
};

const ORT_ARRAYS = { float32: Float32Array, int32: Int32Array, uint32: Uint32Array, int8: Int8Array, uint8: Uint8Array, bool: Uint8Array } as const;

function toOrt(t: Tensor): ort.Tensor {
  const type = ORT_TYPE[t.dtype];
  if (!type) throw new Error(`no ONNX Runtime feed for ${t.dtype}`);
  const data = ORT_ARRAYS[type].from(t.data);
  return new ort.Tensor(type, data, [...t.shape]);
}

const FROM_ORT: Readonly<Record<string, DType>> = { float32: 'f32', int32: 'i32', int64: 'i32', uint32: 'u32', int8: 'i8', uint8: 'u8', bool: 'bool' };

function fromOrt(t: ort.Tensor): Tensor {
  const dtype = FROM_ORT[t.type];
  if (!dtype) throw new Error(`unexpected ONNX Runtime output type ${t.type}`);
  const data = Array.from(t.data as ArrayLike<number | bigint | boolean>, Number);
  return tensor(dtype, t.dims.map(Number), data);
}

const isOrtTensor = (t: Tensor | ort.Tensor): t is ort.Tensor => t instanceof ort.Tensor;

/** An int64 scalar feed (a model's int64 input, e.g. a sample rate; kiln's tensors have no int64). */
export const ortInt64 = (v: number): ort.Tensor => new ort.Tensor('int64', BigInt64Array.from([BigInt(v)]), []);

/**
 * Runs the model bytes on `inputs` (by graph input name; an ort.Tensor is fed as it is); the outputs in
 * graph output order.
 */
export async function runOrt(model: Uint8Array, inputs: ReadonlyMap<string, Tensor | ort.Tensor>): Promise<Tensor[]> {
  const session = await ort.InferenceSession.create(model);
  try {
    const feeds = Object.fromEntries([...inputs].map(([k, t]) => [k, isOrtTensor(t) ? t : toOrt(t)]));
    const results = await session.run(feeds);
    return session.outputNames.map((n) => fromOrt(results[n]));
  } finally {
    await session.release();
  }
}

/** Expects kiln's output to have ORT's shape and its values within 1e-4 relative (1e-6 absolute near 0). */
export function expectCloseToOrt(got: Tensor, want: Tensor): void {
  expect(got.shape).toEqual(want.shape);
  const worst = Math.max(...Array.from(want.data, (w, i) => Math.abs(got.data[i] - Number(w)) / (1e-6 + Math.abs(Number(w)))));
  expect(worst).toBeLessThan(1e-4);
}

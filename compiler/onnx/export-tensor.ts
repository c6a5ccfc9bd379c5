// kiln dtypes and tensors in the form the ONNX exporter writes: element type codes and TensorProto
// objects with little-endian raw data (f16 rounded to IEEE half, as ONNX FLOAT16 stores it).
import type { DType } from '../../ir/dtype.ts';
import { halfBits } from '../../ir/half.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { ONNX_DTYPE } from './schema.ts';

/** The ONNX element type of each kiln dtype. */
export const ONNX_ELEM: { readonly [K in DType]: number } = {
  f32: ONNX_DTYPE.FLOAT, f16: ONNX_DTYPE.FLOAT16, i32: ONNX_DTYPE.INT32, u32: ONNX_DTYPE.UINT32, i8: ONNX_DTYPE.INT8, u8: ONNX_DTYPE.UINT8, bool: ONNX_DTYPE.BOOL,
};

/** A TensorProto as protobufjs's fromObject reads it. */
export interface TensorProtoObject { name: string; dims: number[]; data_type: number; raw_data: Uint8Array }

type Writer = (dv: DataView, offset: number, v: number) => void;

/** Bytes per element and the little-endian writer of each element type the exporter emits. */
const WRITERS: Readonly<Record<number, { bytes: number; write: Writer }>> = {
  [ONNX_DTYPE.FLOAT]: { bytes: 4, write: (d, o, v) => d.setFloat32(o, v, true) },
  [ONNX_DTYPE.FLOAT16]: { bytes: 2, write: (d, o, v) => d.setUint16(o, halfBits(v), true) },
  [ONNX_DTYPE.INT32]: { bytes: 4, write: (d, o, v) => d.setInt32(o, v, true) },
  [ONNX_DTYPE.INT64]: { bytes: 8, write: (d, o, v) => d.setBigInt64(o, BigInt(Math.trunc(v)), true) },
  [ONNX_DTYPE.UINT32]: { bytes: 4, write: (d, o, v) => d.setUint32(o, v, true) },
  [ONNX_DTYPE.BOOL]: { bytes: 1, write: (d, o, v) => d.setUint8(o, v ? 1 : 0) },
};

/** Values of a given ONNX element type as a TensorProto object (raw data). */
export function protoOfValues(name: string, elem: number, dims: readonly number[], values: ArrayLike<number>): TensorProtoObject {
  const w = WRITERS[elem];
  const raw = new Uint8Array(values.length * w.bytes);
  const dv = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) w.write(dv, i * w.bytes, values[i]);
  return { name, dims: [...dims], data_type: elem, raw_data: raw };
}

/** A kiln tensor as an ONNX TensorProto object of its own element type. */
export const protoOfTensor = (name: string, t: Tensor): TensorProtoObject => protoOfValues(name, ONNX_ELEM[t.dtype], t.shape, t.data);


/**
 * State whose PyTorch dtype is wider than the one kiln keeps internally, by state-dict name: written as
 * PyTorch has it, so that the exported initializers are the module's state dict (int64 counters).
 */
const STATE_ELEM: readonly (readonly [RegExp, number])[] = [
  [/(^|\.)num_batches_tracked$/, ONNX_DTYPE.INT64],
];

/** The ONNX element type a parameter or state tensor named `name` is written with. */
export function stateElem(name: string, t: Tensor): number {
  const own = ONNX_ELEM[t.dtype];
  return t.dtype === 'i32' ? STATE_ELEM.find(([re]) => re.test(name))?.[1] ?? own : own;
}

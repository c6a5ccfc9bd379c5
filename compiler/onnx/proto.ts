// Decoding and encoding ONNX protobuf messages with protobufjs, into plain typed objects.
import protobuf from 'protobufjs';
import { KilnError } from '../../ir/errors.ts';
import { ONNX_PROTO } from './schema.ts';

const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
const ModelType = root.lookupType('onnx.ModelProto');
const TensorType = root.lookupType('onnx.TensorProto');

type Int64 = number | { toNumber(): number };

export interface TensorProto {
  dims: Int64[]; data_type?: number; name?: string;
  float_data: number[]; int32_data: number[]; int64_data: Int64[]; double_data: number[]; uint64_data: Int64[];
  raw_data?: Uint8Array; external_data: { key?: string; value?: string }[]; data_location?: number; string_data: Uint8Array[];
}
export interface AttributeProto {
  name?: string; type?: number; f?: number; i?: Int64; s?: Uint8Array; t?: TensorProto; g?: GraphProto;
  floats: number[]; ints: Int64[]; strings: Uint8Array[]; tensors: TensorProto[]; graphs: GraphProto[]; ref_attr_name?: string;
}
export interface NodeProto { input: string[]; output: string[]; name?: string; op_type?: string; domain?: string; attribute: AttributeProto[] }
export interface ValueInfoProto {
  name?: string;
  type?: {
    tensor_type?: { elem_type?: number; shape?: { dim: { dim_value?: Int64; dim_param?: string }[] } };
    sequence_type?: Uint8Array; map_type?: Uint8Array; optional_type?: Uint8Array; sparse_tensor_type?: Uint8Array;
  };
}
export interface GraphProto {
  node: NodeProto[]; name?: string; initializer: TensorProto[]; input: ValueInfoProto[]; output: ValueInfoProto[];
  value_info: ValueInfoProto[]; sparse_initializer: Uint8Array[];
}
export interface ModelProto { ir_version?: Int64; opset_import: { domain?: string; version?: Int64 }[]; graph?: GraphProto; functions: Uint8Array[] }

export const int64 = (v: Int64 | undefined): number => (v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());

function decode<T>(type: protobuf.Type, bytes: Uint8Array, what: string, path?: string): T {
  try {
    return type.decode(bytes) as unknown as T;
  } catch (e) {
    throw new KilnError('ONNX_PARSE', `not a valid ONNX ${what}: ${(e as Error).message}`, { path });
  }
}

export const decodeModel = (bytes: Uint8Array, path?: string): ModelProto => decode<ModelProto>(ModelType, bytes, 'model', path);
export const decodeTensor = (bytes: Uint8Array, path?: string): TensorProto => decode<TensorProto>(TensorType, bytes, 'tensor', path);

export function encodeTensor(t: { name?: string; dims: number[]; data_type: number; raw_data: Uint8Array }): Uint8Array {
  return TensorType.encode(TensorType.create(t)).finish();
}

/** Encodes a ModelProto from a plain object (used by tests and exporters). */
export function encodeModel(m: object): Uint8Array {
  const err = ModelType.verify(m);
  if (err) throw new KilnError('ONNX_INVALID', `cannot encode model: ${err}`);
  return ModelType.encode(ModelType.fromObject(m)).finish();
}

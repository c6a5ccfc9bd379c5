// The subset of onnx.proto kiln reads and writes (field numbers as in the ONNX specification).
export const ONNX_PROTO = `
syntax = "proto2";
package onnx;
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message AttributeProto {
  optional string name = 1; optional string ref_attr_name = 21; optional int32 type = 20;
  optional float f = 2; optional int64 i = 3; optional bytes s = 4; optional TensorProto t = 5; optional GraphProto g = 6;
  repeated float floats = 7; repeated int64 ints = 8; repeated bytes strings = 9; repeated TensorProto tensors = 10;
  repeated GraphProto graphs = 11;
}
message NodeProto {
  repeated string input = 1; repeated string output = 2; optional string name = 3; optional string op_type = 4;
  optional string domain = 7; repeated AttributeProto attribute = 5;
}
message TensorShapeProto {
  message Dimension { optional int64 dim_value = 1; optional string dim_param = 2; }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  optional Tensor tensor_type = 1; optional bytes sequence_type = 4; optional bytes map_type = 5;
  optional bytes optional_type = 9; optional bytes sparse_tensor_type = 8;
}
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message TensorProto {
  repeated int64 dims = 1; optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true]; repeated int32 int32_data = 5 [packed = true];
  repeated bytes string_data = 6; repeated int64 int64_data = 7 [packed = true]; optional string name = 8;
  optional bytes raw_data = 9; repeated double double_data = 10 [packed = true]; repeated uint64 uint64_data = 11 [packed = true];
  repeated StringStringEntryProto external_data = 13; optional int32 data_location = 14;
}
message GraphProto {
  repeated NodeProto node = 1; optional string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12; repeated ValueInfoProto value_info = 13;
  repeated bytes sparse_initializer = 15;
}
message ModelProto {
  optional int64 ir_version = 1; repeated OperatorSetIdProto opset_import = 8; optional string producer_name = 2;
  optional GraphProto graph = 7; repeated bytes functions = 25;
}
`;

/** ONNX TensorProto.DataType codes. */
export const ONNX_DTYPE = {
  FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, STRING: 8, BOOL: 9,
  FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, COMPLEX64: 14, COMPLEX128: 15, BFLOAT16: 16,
  FLOAT8E4M3FN: 17, FLOAT8E4M3FNUZ: 18, FLOAT8E5M2: 19, FLOAT8E5M2FNUZ: 20, UINT4: 21, INT4: 22,
} as const;

export const ONNX_ATTR_TYPE = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

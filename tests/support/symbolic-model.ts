// A small ONNX model whose batch is the symbolic dimension 'batch': y = relu(x · W), x: f32[batch, 2],
// W: f32[2, 3], y: f32[batch, 3]. For the tests of pinned dimensions and of specializations.
import { buildModel } from './onnx-builder.ts';

export const SYMBOLIC_W = [1, -1, 0.5, 2, 0.25, -3];

const info = (name: string, dims: (number | string)[]) => ({
  name,
  type: { tensor_type: { elem_type: 1, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) } } },
});

export const symbolicBatchModel = (): Uint8Array =>
  buildModel({
    nodes: [
      { op: 'MatMul', inputs: ['x', 'W'], outputs: ['xw'] },
      { op: 'Relu', inputs: ['xw'], outputs: ['y'] },
    ],
    inputs: [info('x', ['batch', 2])],
    outputs: [info('y', ['batch', 3])],
    initializers: [{ name: 'W', dims: [2, 3], data_type: 1, float_data: SYMBOLIC_W }],
  });

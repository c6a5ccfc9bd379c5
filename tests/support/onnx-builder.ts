// Builds small ONNX models in tests, as plain ModelProto objects encoded with kiln's schema.
import { encodeModel } from '../../compiler/onnx/proto.ts';

export interface NodeSpec { op: string; inputs: string[]; outputs: string[]; name?: string; attrs?: object[]; domain?: string }

export const f32Info = (name: string, dims: number[]) => ({
  name, type: { tensor_type: { elem_type: 1, shape: { dim: dims.map((d) => ({ dim_value: d })) } } },
});

export function buildModel(opts: {
  nodes: NodeSpec[];
  inputs: object[];
  outputs: object[];
  initializers?: object[];
  opset?: number;
}): Uint8Array {
  return encodeModel({
    ir_version: 8,
    opset_import: [{ domain: '', version: opts.opset ?? 17 }],
    graph: {
      name: 'test',
      node: opts.nodes.map((n, i) => ({ input: n.inputs, output: n.outputs, name: n.name ?? `n${i}`, op_type: n.op, attribute: n.attrs ?? [], domain: n.domain ?? '' })),
      initializer: opts.initializers ?? [],
      input: opts.inputs,
      output: opts.outputs,
    },
  });
}

// A small ONNX model of elementwise ops, used by the artifact and browser tests because it runs on the
// GPU today: f32, i32 (from int64) and bool inputs/outputs, a broadcast parameter, and an output name
// that is not an identifier ('gate.out').
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { buildModel, f32Info } from '../support/onnx-builder.ts';

const info = (elem: number) => (name: string, dims: number[]) => ({ name, type: { tensor_type: { elem_type: elem, shape: { dim: dims.map((d) => ({ dim_value: d })) } } } });
const i64Info = info(7);
const boolInfo = info(9);

export function elementwiseModel(): Uint8Array {
  return buildModel({
    nodes: [
      { op: 'Mul', inputs: ['x', 'w'], outputs: ['xw'] },
      { op: 'Add', inputs: ['xw', 'b'], outputs: ['h'] },
      { op: 'Relu', inputs: ['h'], outputs: ['relu'] },
      { op: 'Sigmoid', inputs: ['h'], outputs: ['gate.out'] },
      { op: 'Greater', inputs: ['x', 'b'], outputs: ['mask'] },
      { op: 'Add', inputs: ['n', 'n'], outputs: ['twice'] },
    ],
    inputs: [f32Info('x', [3, 5]), i64Info('n', [4])],
    outputs: [f32Info('relu', [3, 5]), f32Info('gate.out', [3, 5]), boolInfo('mask', [3, 5]), i64Info('twice', [4])],
    initializers: [
      { name: 'w', dims: [5], data_type: 1, float_data: [0.5, -1, 2, 0, -0.25] },
      { name: 'b', dims: [3, 1], data_type: 1, float_data: [0.1, -0.2, 0.3] },
    ],
  });
}

/** Writes the model as DIR/elementwise.onnx and returns its path. */
export function writeElementwiseModel(dir: string): string {
  const path = join(dir, 'elementwise.onnx');
  writeFileSync(path, elementwiseModel());
  return path;
}

export const OUTPUT_NAMES = ['relu', 'gate.out', 'mask', 'twice'] as const;

export function elementwiseInputs(): Map<string, Tensor> {
  return new Map([
    ['x', tensor('f32', [3, 5], Array.from({ length: 15 }, (_, i) => i / 3 - 2.2))],
    ['n', tensor('i32', [4], [1, -2, 3, 100000])],
  ]);
}

// The shape of an exported model: opset and IR version, parameters as named initializers and other
// constants as Constant nodes, typed inputs and outputs, graph outputs that are not node outputs of their
// own; and an old-opset ONNX model that import rewrites (Upsample, 2-D Softmax) surviving export and re-import.
import { describe, expect, it } from 'vitest';
import { compareTensors } from '../../compiler/compare.ts';
import { EXPORT_OPSET, exportOnnx } from '../../compiler/onnx/export.ts';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import { decodeModel, int64 } from '../../compiler/onnx/proto.ts';
import { ONNX_DTYPE } from '../../compiler/onnx/schema.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { buildModel, f32Info } from '../support/onnx-builder.ts';
import { rand } from '../support/tiny-mlp.ts';
import { runOrt } from './ort.ts';

describe('exported model structure', () => {
  it('opset, parameters as initializers, constants as Constant nodes, typed inputs and outputs', () => {
    const g = new Graph('net');
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3] });
    const idx = g.addInput('idx', { dtype: 'i32', shape: [2] });
    const w = g.addParam('layer.weight', tensor('f32', [3, 3], rand(9, 1)));
    const two = g.addConstant(tensor('f32', [], [2]), 'two');
    const [h] = g.addNode('MatMul', [x, w], {}, 'mm');
    const [y] = g.addNode('Mul', [h, two], {}, 'y');
    const [z] = g.addNode('Gather', [y, idx], { axis: 1 }, 'z');
    g.outputs = [y, z];
    const m = decodeModel(exportOnnx(g));
    expect(m.opset_import.map((o) => [o.domain ?? '', int64(o.version)])).toEqual([['', EXPORT_OPSET]]);
    expect(int64(m.ir_version)).toBe(9);
    const gp = m.graph!;
    expect(gp.initializer.map((t) => t.name)).toEqual(['layer.weight']);
    expect(gp.node.map((n) => n.op_type)).toEqual(['MatMul', 'Constant', 'Mul', 'Gather']);
    expect(gp.input.map((v) => [v.name, v.type?.tensor_type?.elem_type, v.type?.tensor_type?.shape?.dim.map((d) => int64(d.dim_value))]))
      .toEqual([['x', ONNX_DTYPE.FLOAT, [2, 3]], ['idx', ONNX_DTYPE.INT32, [2]]]);
    expect(gp.output.map((v) => v.name)).toEqual(['y', 'z']);
  });

  it('outputs that are an input, a constant or listed twice get their own Identity', async () => {
    const g = new Graph('pass');
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const c = g.addConstant(tensor('f32', [2], [5, 6]), 'c');
    const [y] = g.addNode('Neg', [x], {}, 'y');
    g.outputs = [x, y, y, c];
    const feeds = new Map([['x', tensor('f32', [2], [1, -2])]]);
    const got = await runOrt(exportOnnx(g), feeds);
    expect(got.map((t) => [...t.data])).toEqual([[1, -2], [-1, 2], [-1, 2], [5, 6]]);
  });

  it('GroupNormalization with per-channel scale and bias constant within each group', async () => {
    const g = new Graph('gn');
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 6, 3, 3] });
    const scale = g.addParam('gn.weight', tensor('f32', [6], [0.5, 0.5, 0.5, 2, 2, 2]));
    const bias = g.addParam('gn.bias', tensor('f32', [6], [1, 1, 1, -1, -1, -1]));
    g.outputs = g.addNode('GroupNormalization', [x, scale, bias], { num_groups: 2, epsilon: 1e-4 }, 'gn');
    const feeds = new Map([['x', tensor('f32', [2, 6, 3, 3], rand(108, 7))]]);
    const [got, want] = [await runOrt(exportOnnx(g), feeds), interpret(g, feeds)];
    expect(compareTensors(got[0], want[0], { rtol: 1e-4, atol: 1e-5 })).toBeUndefined();
  });
});

describe('an old-opset ONNX model: import, export, re-import', () => {
  it('Upsample (opset 9) and a 2-D-coerced Softmax give the original outputs on kiln and in ONNX Runtime', async () => {
    const model = buildModel({
      opset: 9,
      inputs: [f32Info('x', [1, 2, 3, 4])],
      outputs: [f32Info('y', [1, 2, 6, 8])],
      initializers: [{ name: 'scales', dims: [4], data_type: 1, float_data: [1, 1, 2, 2] }],
      nodes: [
        { op: 'Upsample', inputs: ['x', 'scales'], outputs: ['up'], attrs: [{ name: 'mode', type: 3, s: new TextEncoder().encode('nearest') }] },
        { op: 'Softmax', inputs: ['up'], outputs: ['y'], attrs: [{ name: 'axis', type: 2, i: 1 }] },
      ],
    });
    const original = importOnnx(model).graph;
    const exported = exportOnnx(original);
    const again = importOnnx(exported).graph;
    const feeds = new Map([['x', tensor('f32', [1, 2, 3, 4], rand(24, 3))]]);
    const want = interpret(original, feeds);
    expect(compareTensors(interpret(again, feeds)[0], want[0], { rtol: 1e-6, atol: 1e-7 })).toBeUndefined();
    expect(compareTensors((await runOrt(exported, feeds))[0], want[0], { rtol: 1e-5, atol: 1e-6 })).toBeUndefined();
  });
});

// BatchNorm's num_batches_tracked in exported ONNX: kiln keeps it as i32, PyTorch's state dict has int64,
// and the export writes PyTorch's dtype. Inference does not read it, so it travels as extra state
// (ExportOptions.state) that loadOnnxWeights restores; a graph that does read it reads a Cast to int32.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchNorm2d, Conv2d, Sequential, trace } from '../../compiler/nn/index.ts';
import { exportOnnx } from '../../compiler/onnx/export.ts';
import { decodeModel } from '../../compiler/onnx/proto.ts';
import { ONNX_DTYPE } from '../../compiler/onnx/schema.ts';
import { loadOnnxWeights } from '../../compiler/weights.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { rand } from '../support/tiny-mlp.ts';
import { runOrt } from './ort.ts';

const bnNet = () => new Sequential(new Conv2d(1, 2, 1), new BatchNorm2d(2));

describe('num_batches_tracked in exported ONNX', () => {
  it('is written as int64 state (ExportOptions.state) and restored by loadOnnxWeights; ORT runs the model', async () => {
    const net = bnNet();
    const state = net.stateDict();
    state.get('1.num_batches_tracked')!.data[0] = 7;
    const g = trace(net, { x: { dtype: 'f32', shape: [2, 1, 2, 2] } });
    const bytes = exportOnnx(g, { state });
    const inits = decodeModel(bytes).graph!.initializer;
    const nbt = inits.find((t) => t.name === '1.num_batches_tracked')!;
    expect(nbt.data_type).toBe(ONNX_DTYPE.INT64);
    expect(Array.from(nbt.raw_data!)).toEqual([7, 0, 0, 0, 0, 0, 0, 0]);
    expect(inits.find((t) => t.name === '1.running_mean')!.data_type).toBe(ONNX_DTYPE.FLOAT);
    const path = join(mkdtempSync(join(tmpdir(), 'kiln-state-')), 'bn.onnx');
    writeFileSync(path, bytes);
    const fresh = bnNet();
    loadOnnxWeights(fresh, path);
    const restored = fresh.stateDict().get('1.num_batches_tracked')!;
    expect([restored.dtype, Array.from(restored.data)]).toEqual(['i32', [7]]);
    const feeds = new Map([['x', tensor('f32', [2, 1, 2, 2], rand(8, 3))]]);
    const [got] = await runOrt(bytes, feeds);
    expect(Array.from(got.data).every(Number.isFinite)).toBe(true);
  });

  it('a graph that reads it reads an int32 Cast of the int64 initializer', async () => {
    const g = new Graph('reads');
    const x = g.addInput('x', { dtype: 'i32', shape: [2] });
    const nbt = g.addParam('bn.num_batches_tracked', tensor('i32', [], [5]));
    g.outputs = g.addNode('Add', [x, nbt], {}, 'y');
    const bytes = exportOnnx(g);
    const m = decodeModel(bytes).graph!;
    expect(m.initializer.map((t) => [t.name, t.data_type])).toEqual([['bn.num_batches_tracked', ONNX_DTYPE.INT64]]);
    expect(m.node.map((n) => n.op_type)).toEqual(['Cast', 'Add']);
    const feeds = new Map([['x', tensor('i32', [2], [1, -3])]]);
    const [got] = await runOrt(bytes, feeds);
    expect(Array.from(got.data)).toEqual(Array.from(interpret(g, feeds)[0].data));
  });
});

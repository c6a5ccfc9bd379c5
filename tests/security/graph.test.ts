// Hostile graphs: SSA violations, invalid dims and opsets, and folds or tensors sized to exhaust memory.
// Each must be refused with a KilnError quickly (< 1 s) and without a large allocation (< 200 MB of RSS).
import { beforeAll, describe, expect, it } from 'vitest';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import { encodeModel } from '../../compiler/onnx/proto.ts';
import { KilnError, type KilnErrorCode } from '../../ir/errors.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { verify } from '../../ir/verify.ts';
import { buildModel, f32Info, type NodeSpec } from '../support/onnx-builder.ts';

const MB = 1024 * 1024;

/** Runs f, expecting a KilnError (of `code`, matching `msg`) within 1 s and 200 MB of RSS growth. */
function refused(f: () => unknown, code: KilnErrorCode, msg?: RegExp): KilnError {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - t0;
  const grew = process.memoryUsage().rss - rss0;
  if (!(err instanceof KilnError)) throw new Error(`expected a KilnError, got ${err === undefined ? 'no error' : (err as Error).stack}`);
  expect(err.code, err.message).toBe(code);
  if (msg) expect(err.message).toMatch(msg);
  expect(ms, `took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
  expect(grew, `RSS grew ${(grew / MB).toFixed(0)} MB`).toBeLessThan(200 * MB);
  return err;
}

const f32T = (dims: number[], vals: number[] = []) => ({ dims, data_type: 1, float_data: vals });
const i64T = (dims: number[], vals: number[]) => ({ dims, data_type: 7, int64_data: vals });
const constNode = (out: string, t: object): NodeSpec => ({ op: 'Constant', inputs: [], outputs: [out], name: `const_${out}`, attrs: [{ name: 'value', type: 4, t }] });
const relu = (x: string, y: string, name = `relu_${y}`): NodeSpec => ({ op: 'Relu', inputs: [x], outputs: [y], name });

/** A model whose only output `y` comes from `nodes`, with graph input x: f32[2]. */
const model = (nodes: NodeSpec[], extra: { inputs?: object[]; initializers?: object[]; yDims?: number[]; opset?: number } = {}) =>
  buildModel({ nodes, inputs: extra.inputs ?? [f32Info('x', [2])], outputs: [f32Info('y', extra.yDims ?? [2])], initializers: extra.initializers, opset: extra.opset });

beforeAll(() => {
  // Warm up the importer so that module loading and JIT are not charged to the first case.
  importOnnx(model([relu('x', 'y')]));
});

describe('SSA at import', () => {
  it('two nodes writing one value', () => {
    const e = refused(() => importOnnx(model([relu('x', 'y', 'first'), relu('x', 'y', 'second')])), 'ONNX_INVALID', /value 'y' is produced twice/);
    expect(e.message).toContain("node 'first' (Relu)");
    expect(e.message).toContain("node 'second' (Relu)");
  });

  it('a node output shadowing a graph input', () => {
    refused(() => importOnnx(model([relu('x', 'x', 'shadow'), relu('x', 'y')])), 'ONNX_INVALID', /value 'x' is produced twice: by graph input 'x' and by node 'shadow' \(Relu\)/);
  });

  it('a node output shadowing an initializer', () => {
    const init = { name: 'w', ...f32T([2], [1, 2]) };
    refused(() => importOnnx(model([relu('x', 'w', 'shadow'), { op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }], { initializers: [init] })),
      'ONNX_INVALID', /value 'w' is produced twice: by initializer 'w' and by node 'shadow'/);
  });

  it('duplicate graph input names', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { inputs: [f32Info('x', [2]), f32Info('x', [2])] })), 'ONNX_INVALID', /graph input 'x' is listed twice/);
  });

  it('duplicate graph input names with different shapes', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { inputs: [f32Info('x', [2]), f32Info('x', [7, 7])] })), 'ONNX_INVALID', /graph input 'x' is listed twice/);
  });

  it('duplicate initializer names', () => {
    const inits = [{ name: 'w', ...f32T([2], [1, 2]) }, { name: 'w', ...f32T([2], [3, 4]) }];
    refused(() => importOnnx(model([{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }], { initializers: inits })),
      'ONNX_INVALID', /value 'w' is produced twice: by initializer 'w' and by initializer 'w'/);
  });

  it('one node naming the same output twice', () => {
    const split = { op: 'Split', inputs: ['x'], outputs: ['y', 'y'], name: 'split', attrs: [{ name: 'num_outputs', type: 2, i: 2 }] };
    refused(() => importOnnx(model([split], { yDims: [1], opset: 18 })), 'ONNX_INVALID', /value 'y' is produced twice/);
  });

  it('a graph input listed twice after an initializer of its name (IR < 4 style)', () => {
    const init = { name: 'x', ...f32T([2], [1, 2]) };
    refused(() => importOnnx(model([relu('x', 'y')], { inputs: [f32Info('x', [2]), f32Info('x', [2])], initializers: [init] })), 'ONNX_INVALID', /listed twice/);
  });

  it('an initializer listed once as a graph input still imports (control)', () => {
    const init = { name: 'w', ...f32T([2], [1, 2]) };
    const { graph } = importOnnx(model([{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }], { inputs: [f32Info('x', [2]), f32Info('w', [2])], initializers: [init] }));
    expect(graph.inputs.map((v) => v.name)).toEqual(['x']);
  });
});

describe('dims and opsets at import', () => {
  it('a graph input with a negative dim', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { inputs: [f32Info('x', [2, -3])] })), 'SHAPE', /graph input 'x' has shape \[2,-3\]: dimension 1 is -3/);
  });

  it('a graph input whose element count overflows i32', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { inputs: [f32Info('x', [100000, 100000])], yDims: [100000, 100000] })), 'SHAPE', /graph input 'x'.*more than the 2147483647/);
  });

  it('a graph output declaring a negative dim', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { yDims: [-2] })), 'SHAPE', /graph output 'y' declares shape \[-2\]/);
  });

  it('a symbolic input dim keeps its own error', () => {
    const sym = { name: 'x', type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }] } } } };
    refused(() => importOnnx(model([relu('x', 'y')], { inputs: [sym] })), 'SHAPE', /dimension 0 is symbolic \('N'\)/);
  });

  it('an initializer with a negative dim', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { initializers: [{ name: 'w', ...f32T([-4], []) }] })), 'ONNX_INVALID', /initializer 'w' declares shape \[-4\]/);
  });

  it('Reshape of a vector to rank 0', () => {
    refused(() => importOnnx(model([constNode('s', i64T([0], [])), { op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] }], { yDims: [] })), 'SHAPE');
  });

  for (const version of [0, 999, -1]) {
    it(`opset ${version}`, () => {
      refused(() => importOnnx(model([relu('x', 'y')], { opset: version })), 'ONNX_UNSUPPORTED', new RegExp(`opset ${version} is outside the supported range`));
    });
  }

  const rawModel = (opsetImport: object[]) => encodeModel({
    ir_version: 8, opset_import: opsetImport,
    graph: { name: 't', node: [{ input: ['x'], output: ['y'], name: 'r', op_type: 'Relu' }], input: [f32Info('x', [2])], output: [f32Info('y', [2])] },
  });

  it('no default-domain opset', () => {
    refused(() => importOnnx(rawModel([])), 'ONNX_INVALID', /imports no default-domain \(ai\.onnx\) opset/);
    refused(() => importOnnx(rawModel([{ domain: 'com.example', version: 1 }])), 'ONNX_INVALID', /no default-domain/);
  });

  it('conflicting default-domain opsets', () => {
    refused(() => importOnnx(rawModel([{ domain: '', version: 13 }, { domain: 'ai.onnx', version: 17 }])), 'ONNX_INVALID', /conflicting versions 13, 17/);
  });
});

describe('bounded folding at import', () => {
  it('Range(0, 2e9, 1) folded', () => {
    const nodes = [constNode('a', f32T([], [0])), constNode('b', f32T([], [2e9])), constNode('c', f32T([], [1])), { op: 'Range', inputs: ['a', 'b', 'c'], outputs: ['y'], name: 'range' }];
    refused(() => importOnnx(model(nodes, { yDims: [2e9] })), 'LIMIT', /2000000000 elements.*maxFoldElements = 16777216 \(op Range, node 'range'\)/);
  });

  it('Range with an infinite count', () => {
    const nodes = [constNode('a', f32T([], [0])), constNode('b', f32T([], [1])), constNode('c', f32T([], [1e-38])), { op: 'Range', inputs: ['a', 'b', 'c'], outputs: ['y'] }];
    refused(() => importOnnx(model(nodes)), 'SHAPE');
  });

  it('ConstantOfShape([1e4, 1e4])', () => {
    const nodes = [constNode('s', i64T([2], [10000, 10000])), { op: 'ConstantOfShape', inputs: ['s'], outputs: ['y'], name: 'cos' }];
    refused(() => importOnnx(model(nodes, { yDims: [10000, 10000] })), 'LIMIT', /100000000 elements \(\[10000,10000\]\).*op ConstantOfShape, node 'cos'/);
  });

  it('ConstantOfShape whose shape product overflows i32', () => {
    const nodes = [constNode('s', i64T([3], [100000, 100000, 100000])), { op: 'ConstantOfShape', inputs: ['s'], outputs: ['y'] }];
    refused(() => importOnnx(model(nodes)), 'SHAPE', /more than the 2147483647/);
  });

  it('ConstantOfShape with a negative dim', () => {
    const nodes = [constNode('s', i64T([2], [-1, 5])), { op: 'ConstantOfShape', inputs: ['s'], outputs: ['y'] }];
    refused(() => importOnnx(model(nodes)), 'SHAPE', /dimension 0 is -1/);
  });

  it('Expand of a constant to a huge shape', () => {
    const nodes = [constNode('v', f32T([1], [1])), constNode('s', i64T([2], [20000, 20000])), { op: 'Expand', inputs: ['v', 's'], outputs: ['y'], name: 'expand' }];
    refused(() => importOnnx(model(nodes, { yDims: [20000, 20000] })), 'LIMIT', /op Expand, node 'expand'/);
  });

  it('Expand of a graph input past i32 elements', () => {
    const nodes = [constNode('s', i64T([3], [4096, 4096, 4096])), { op: 'Expand', inputs: ['x', 's'], outputs: ['y'] }];
    refused(() => importOnnx(model(nodes, { inputs: [f32Info('x', [1])], yDims: [4096, 4096, 4096] })), 'SHAPE', /output 0 would have shape \[4096,4096,4096\]/);
  });

  it('Tile with huge repeats', () => {
    const nodes = [constNode('v', f32T([2], [1, 2])), constNode('r', i64T([1], [1e9])), { op: 'Tile', inputs: ['v', 'r'], outputs: ['y'], name: 'tile' }];
    refused(() => importOnnx(model(nodes, { yDims: [2e9] })), 'LIMIT', /op Tile, node 'tile'/);
  });

  it('Reshape to a huge shape', () => {
    const nodes = [constNode('s', i64T([2], [100000, 100000])), { op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] }];
    refused(() => importOnnx(model(nodes, { yDims: [100000, 100000] })), 'SHAPE');
  });

  it('EyeLike of a large graph input', () => {
    const nodes = [{ op: 'EyeLike', inputs: ['x'], outputs: ['y'], name: 'eye' }];
    refused(() => importOnnx(model(nodes, { inputs: [f32Info('x', [40000, 40000])], yDims: [40000, 40000] })), 'LIMIT', /op EyeLike, node 'eye'/);
  });

  it("Dropout's mask of a large graph input", () => {
    const nodes = [{ op: 'Dropout', inputs: ['x'], outputs: ['y', 'mask'], name: 'drop' }];
    const bytes = buildModel({ nodes, inputs: [f32Info('x', [40000, 40000])], outputs: [f32Info('y', [40000, 40000]), { name: 'mask', type: { tensor_type: { elem_type: 9 } } }] });
    refused(() => importOnnx(bytes), 'LIMIT', /op Dropout, node 'drop'/);
  });

  it('maxFoldElements is configurable', () => {
    const nodes = [constNode('s', i64T([2], [4, 4])), { op: 'ConstantOfShape', inputs: ['s'], outputs: ['y'], name: 'cos' }];
    const bytes = model(nodes, { yDims: [4, 4] });
    expect(importOnnx(bytes).graph.outputs[0].type.shape).toEqual([4, 4]);
    refused(() => importOnnx(bytes, { maxFoldElements: 10 }), 'LIMIT', /16 elements.*maxFoldElements = 10/);
  });

  it('many folds together past maxFoldTotalElements', () => {
    const nodes: NodeSpec[] = [constNode('v', f32T([1], [1])), constNode('s', i64T([1], [1000]))];
    for (let i = 0; i < 20; i++) nodes.push({ op: 'Expand', inputs: ['v', 's'], outputs: [`e${i}`], name: `expand${i}` });
    nodes.push({ op: 'Concat', inputs: nodes.slice(2).map((n) => n.outputs[0]), outputs: ['y'], attrs: [{ name: 'axis', type: 2, i: 0 }] });
    refused(() => importOnnx(model(nodes, { yDims: [20000] }), { maxFoldTotalElements: 10000 }), 'LIMIT', /maxFoldTotalElements = 10000.*node 'expand10'/);
  });
});

describe('bounded tensors at import', () => {
  it('an initializer declaring [1e5, 1e5] with no data', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { initializers: [{ name: 'big', ...f32T([100000, 100000]) }] })), 'ONNX_INVALID', /initializer 'big' declares shape \[100000,100000\].*more than the 2147483647/);
  });

  it('an initializer declaring [2e4, 2e4] f32 (1.6 GB) with no data', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { initializers: [{ name: 'big', ...f32T([20000, 20000]) }] })), 'LIMIT', /initializer 'big' declares shape \[20000,20000\] \(1600000000 bytes\), more than maxTensorBytes/);
  });

  it('an initializer declaring [1e4, 1e4] with no data (under the byte budget)', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { initializers: [{ name: 'w', ...f32T([10000, 10000]) }] })), 'ONNX_INVALID', /holds 0 values but its shape \[10000,10000\] needs 100000000/);
  });

  it('an initializer with data shorter than its shape', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { initializers: [{ name: 'w', ...f32T([3, 3], [1, 2, 3]) }] })), 'ONNX_INVALID', /holds 3 values but its shape \[3,3\] needs 9/);
  });

  it('an initializer with raw data shorter than its shape', () => {
    const init = { name: 'w', dims: [1000, 1000], data_type: 1, raw_data: new Uint8Array(16) };
    refused(() => importOnnx(model([relu('x', 'y')], { initializers: [init] })), 'ONNX_INVALID', /holds 4 values/);
  });

  it('maxTensorBytes is configurable', () => {
    const init = { name: 'w', ...f32T([4], [1, 2, 3, 4]) };
    const bytes = model([{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }], { inputs: [f32Info('x', [4])], yDims: [4], initializers: [init] });
    expect(() => importOnnx(bytes)).not.toThrow();
    refused(() => importOnnx(bytes, { maxTensorBytes: 8 }), 'LIMIT', /16 bytes\), more than maxTensorBytes = 8/);
  });

  it('a Constant node whose tensor attribute declares a huge shape', () => {
    refused(() => importOnnx(model([constNode('y', f32T([20000, 20000]))])), 'LIMIT', /node 'const_y' \(Constant\) attribute 'value' declares shape \[20000,20000\].*maxTensorBytes/);
  });

  it('an int64 initializer whose declared shape overflows i32 elements', () => {
    refused(() => importOnnx(model([relu('x', 'y')], { initializers: [{ name: 'idx', dims: [65536, 65536], data_type: 7 }] })), 'ONNX_INVALID', /more than the 2147483647/);
  });
});

describe('SSA and shapes in the verifier', () => {
  const f32 = (shape: number[]) => ({ dtype: 'f32' as const, shape });

  it('accepts a well-formed graph (control)', () => {
    const g = new Graph();
    const x = g.addInput('x', f32([2]));
    g.outputs = g.addNode('Relu', [x]);
    expect(() => verify(g)).not.toThrow();
  });

  it('one value written by two nodes', () => {
    const g = new Graph();
    const x = g.addInput('x', f32([2]));
    const [y] = g.addNode('Relu', [x], {}, 'first');
    g.nodes.push({ ...g.nodes[0], name: 'second', inputs: [x], outputs: [y] });
    g.outputs = [y];
    refused(() => verify(g), 'VERIFY', /output 'first' is defined twice: by node 'first' \(Relu\) and by node 'second' \(Relu\)/);
  });

  it('a node writing a graph input', () => {
    const g = new Graph();
    const x = g.addInput('x', f32([2]));
    const [y] = g.addNode('Relu', [x], {}, 'r');
    g.nodes[0] = { ...g.nodes[0], outputs: [x] };
    g.outputs = [y];
    refused(() => verify(g), 'VERIFY', /output 'x' is defined twice: by graph input 'x' and by node 'r'/);
  });

  it('a node writing a constant', () => {
    const g = new Graph();
    const c = g.addConstant(tensor('f32', [2], [1, 2]), 'c');
    const x = g.addInput('x', f32([2]));
    g.addNode('Relu', [x], {}, 'r');
    g.nodes[0] = { ...g.nodes[0], outputs: [c] };
    g.outputs = [c];
    refused(() => verify(g), 'VERIFY', /output 'c' is defined twice: by constant 'c'/);
  });

  it('a value that is both a graph input and a constant', () => {
    const g = new Graph();
    const c = g.addConstant(tensor('f32', [2], [1, 2]), 'c');
    g.inputs.push(c);
    g.outputs = [c];
    refused(() => verify(g), 'VERIFY', /value 'c' has two producers: graph input 'c' and constant 'c'/);
  });

  it('the same input value listed twice', () => {
    const g = new Graph();
    const x = g.addInput('x', f32([2]));
    g.inputs.push(x);
    g.outputs = [x];
    refused(() => verify(g), 'VERIFY', /two producers: graph input 'x' and graph input 'x'/);
  });

  it('two graph inputs with one name', () => {
    const g = new Graph();
    const x = g.addInput('x', f32([2]));
    const twin: Value = { id: 999, name: 'x', type: f32([3]) };
    g.inputs.push(twin);
    g.outputs = [x];
    refused(() => verify(g), 'VERIFY', /two values are named 'x'/);
  });

  it('a value with a negative dim', () => {
    const g = new Graph();
    const bad: Value = { id: 999, name: 'bad', type: f32([-1, 2]) };
    g.inputs.push(bad);
    g.outputs = [bad];
    refused(() => verify(g), 'VERIFY', /value 'bad'.*shape \[-1,2\]: dimension 0 is -1/);
  });

  it('addInput and addNode refuse invalid shapes', () => {
    const g = new Graph();
    refused(() => g.addInput('x', f32([2, -1])), 'SHAPE', /graph input 'x' cannot have shape \[2,-1\]/);
    const x = g.addInput('y', f32([1]));
    refused(() => g.addNode('Expand', [x], { shape: [65536, 65536] }, 'e'), 'SHAPE', /output 0 would have shape \[65536,65536\].*node 'e'/);
  });
});

// If, Loop and Scan (compiler/onnx/ops/control-flow.ts) on models in the forms exporters emit, checked
// against ONNX Runtime (the independent reference) on the CPU interpreter and on WebGPU:
// - a voice-activity-style model whose If tests Equal(sr, 16000), with branches of different shapes, so it
//   compiles only with sr bound (importOnnx bind, kiln compile --bind); both bindings match ORT;
// - a wake-word-style head whose If depends on a computed score (if-converted: both branches and Where);
// - a Loop with a constant trip count reading outer-scope weights, with a scan output; a reversed Scan.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as ort from 'onnxruntime-node';
import { main } from '../compiler/cli.ts';
import type { Backend } from '../compiler/backend.ts';
import { importOnnx } from '../compiler/onnx/importer.ts';
import { MAX_UNROLLED_ITERATIONS } from '../compiler/onnx/ops/control-flow.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';
import { kilnError } from './support/kiln-error.ts';
import { buildModel, f32Info } from './support/onnx-builder.ts';
import { BOTH_BACKENDS } from './support/backends.ts';
import { expectCloseToOrt, ortInt64, runOrt } from './onnx-export/ort.ts';

const GRAPH = 5, INT = 2, INTS = 7, TENSOR = 4;
const info = (name: string, elem: number, dims: number[]) => ({ name, type: { tensor_type: { elem_type: elem, shape: { dim: dims.map((d) => ({ dim_value: d })) } } } });
const f32Init = (name: string, dims: number[], data: number[]) => ({ name, dims, data_type: 1, float_data: data });
const i64Init = (name: string, v: number) => ({ name, dims: [], data_type: 7, int64_data: [v] });
const ramp = (n: number, scale: number, shift = 0) => Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + shift) * scale);
const graph = (name: string, nodes: { op: string; inputs: string[]; outputs: string[]; attrs?: object[] }[], inputs: object[], outputs: object[], initializer: object[] = []) => ({
  name, node: nodes.map((n, i) => ({ input: n.inputs, output: n.outputs, name: `${name}_${i}`, op_type: n.op, attribute: n.attrs ?? [], domain: '' })),
  initializer, input: inputs, output: outputs,
});
const graphAttr = (name: string, g: object) => ({ name, type: GRAPH, g });

/** x [1,16]; sr int64 scalar. sr == 16000: Relu(x W16) [1,8]; else: Tanh(x[:, :8] W8) [1,4]. */
const vad = buildModel({
  opset: 17,
  nodes: [
    { op: 'Constant', inputs: [], outputs: ['c16k'], attrs: [{ name: 'value', type: TENSOR, t: i64Init('', 16000) }] },
    { op: 'Equal', inputs: ['sr', 'c16k'], outputs: ['is16k'] },
    {
      op: 'If', inputs: ['is16k'], outputs: ['y'], name: 'sr_switch',
      attrs: [
        graphAttr('then_branch', graph('then', [{ op: 'MatMul', inputs: ['x', 'w16'], outputs: ['t0'] }, { op: 'Relu', inputs: ['t0'], outputs: ['t1'] }], [], [f32Info('t1', [1, 8])])),
        graphAttr('else_branch', graph('else', [
          { op: 'Slice', inputs: ['x', 'zero', 'eight', 'one'], outputs: ['e0'] },
          { op: 'MatMul', inputs: ['e0', 'w8'], outputs: ['e1'] },
          { op: 'Tanh', inputs: ['e1'], outputs: ['e2'] },
        ], [], [f32Info('e2', [1, 4])], [{ name: 'zero', dims: [1], data_type: 7, int64_data: [0] }, { name: 'eight', dims: [1], data_type: 7, int64_data: [8] }, { name: 'one', dims: [1], data_type: 7, int64_data: [1] }])),
      ],
    },
  ],
  initializers: [f32Init('w16', [16, 8], ramp(128, 0.3)), f32Init('w8', [8, 4], ramp(32, 0.5, 1))],
  inputs: [f32Info('x', [1, 16]), info('sr', 7, [])],
  outputs: [{ name: 'y' }],
});

/** x [1,8]: score = ReduceMean(x) > 0.1; then: x * 2 + b; else: Sigmoid(x) - b. Same shapes: if-converted. */
const wake = buildModel({
  opset: 17,
  nodes: [
    { op: 'ReduceMean', inputs: ['x'], outputs: ['m'], attrs: [{ name: 'keepdims', type: INT, i: 0 }] },
    { op: 'Greater', inputs: ['m', 'thr'], outputs: ['hot'] },
    {
      op: 'If', inputs: ['hot'], outputs: ['y'],
      attrs: [
        graphAttr('then_branch', graph('then', [{ op: 'Mul', inputs: ['x', 'two'], outputs: ['a0'] }, { op: 'Add', inputs: ['a0', 'b'], outputs: ['a1'] }], [], [f32Info('a1', [1, 8])], [f32Init('two', [], [2])])),
        graphAttr('else_branch', graph('else', [{ op: 'Sigmoid', inputs: ['x'], outputs: ['s0'] }, { op: 'Sub', inputs: ['s0', 'b'], outputs: ['s1'] }], [], [f32Info('s1', [1, 8])])),
      ],
    },
  ],
  initializers: [f32Init('thr', [], [0.1]), f32Init('b', [8], ramp(8, 1, 2))],
  inputs: [f32Info('x', [1, 8])],
  outputs: [f32Info('y', [1, 8])],
});

/** Loop of 3 iterations: y <- Tanh(y W + iteration); scan output y each time. */
const loop = buildModel({
  opset: 17,
  nodes: [{
    op: 'Loop', inputs: ['trip', '', 'y0'], outputs: ['y', 'ys'],
    attrs: [graphAttr('body', graph('body', [
      { op: 'MatMul', inputs: ['y_in', 'w'], outputs: ['l0'] },
      { op: 'Cast', inputs: ['i'], outputs: ['fi'], attrs: [{ name: 'to', type: INT, i: 1 }] },
      { op: 'Add', inputs: ['l0', 'fi'], outputs: ['l1'] },
      { op: 'Tanh', inputs: ['l1'], outputs: ['y_out'] },
      { op: 'Identity', inputs: ['c_in'], outputs: ['c_out'] },
      { op: 'Identity', inputs: ['y_out'], outputs: ['scan'] },
    ], [info('i', 7, []), info('c_in', 9, []), f32Info('y_in', [2, 3])], [info('c_out', 9, []), f32Info('y_out', [2, 3]), f32Info('scan', [2, 3])]))],
  }],
  initializers: [i64Init('trip', 3), f32Init('w', [3, 3], ramp(9, 0.8))],
  inputs: [f32Info('y0', [2, 3])],
  outputs: [f32Info('y', [2, 3]), f32Info('ys', [3, 2, 3])],
});

/** Scan (opset 9+) over axis 1 of x [2,4], reversed: s <- s * 0.5 + x_t; scan outputs stacked on axis 0. */
const scan = buildModel({
  opset: 17,
  nodes: [{
    op: 'Scan', inputs: ['s0', 'x'], outputs: ['s', 'ss'],
    attrs: [
      { name: 'num_scan_inputs', type: INT, i: 1 }, { name: 'scan_input_axes', type: INTS, ints: [1] }, { name: 'scan_input_directions', type: INTS, ints: [1] },
      graphAttr('body', graph('body', [
        { op: 'Mul', inputs: ['s_in', 'half'], outputs: ['h'] },
        { op: 'Add', inputs: ['h', 'xt'], outputs: ['s_out'] },
        { op: 'Identity', inputs: ['s_out'], outputs: ['o'] },
      ], [f32Info('s_in', [2]), f32Info('xt', [2])], [f32Info('s_out', [2]), f32Info('o', [2])], [f32Init('half', [], [0.5])])),
    ],
  }],
  inputs: [f32Info('s0', [2]), f32Info('x', [2, 4])],
  outputs: [f32Info('s', [2]), f32Info('ss', [4, 2])],
});

const x16 = tensor('f32', [1, 16], ramp(16, 1.2, 0.3));

describe('control flow against ONNX Runtime', () => {
  describe.each(BOTH_BACKENDS)('%s', (_name, get) => {
    let backend: Backend | undefined;
    beforeAll(async () => {
      backend = await get();
    });

    it.each([16000, 8000])('If on Equal(sr, 16000) with sr bound to %i takes that branch alone', async (sr) => {
      if (!backend) return;
      const { graph: g } = importOnnx(vad, { bind: { sr } });
      expect(g.nodes.some((n) => n.op === 'Where')).toBe(false);
      const [y] = await backend.run(g, new Map([['x', x16]]));
      const [want] = await runOrt(vad, new Map<string, Tensor | ort.Tensor>([['x', x16], ['sr', ortInt64(sr)]]));
      expect(y.shape).toEqual(sr === 16000 ? [1, 8] : [1, 4]);
      expectCloseToOrt(y, want);
    });

    it.each([[0.9], [-0.9]])('If on a computed score (x scaled by %f) is if-converted and selects the right branch', async (scale) => {
      if (!backend) return;
      const { graph: g } = importOnnx(wake);
      expect(g.nodes.some((n) => n.op === 'Where')).toBe(true);
      const x = tensor('f32', [1, 8], ramp(8, 0.2, 0).map((v) => v + scale));
      const [y] = await backend.run(g, new Map([['x', x]]));
      expectCloseToOrt(y, (await runOrt(wake, new Map([['x', x]])))[0]);
    });

    it('Loop with a constant trip count unrolls, reads outer-scope weights and stacks its scan output', async () => {
      if (!backend) return;
      const y0 = tensor('f32', [2, 3], ramp(6, 0.7, 0.4));
      const [y, ys] = await backend.run(importOnnx(loop).graph, new Map([['y0', y0]]));
      const [wy, wys] = await runOrt(loop, new Map([['y0', y0]]));
      expectCloseToOrt(y, wy);
      expect(ys.shape).toEqual([3, 2, 3]);
      expectCloseToOrt(ys, wys);
    });

    it('Scan over axis 1 in reverse carries its state and stacks its outputs', async () => {
      if (!backend) return;
      const s0 = tensor('f32', [2], [0.25, -1]), x = tensor('f32', [2, 4], ramp(8, 1, 0.9));
      const [s, ss] = await backend.run(importOnnx(scan).graph, new Map([['s0', s0], ['x', x]]));
      const [ws, wss] = await runOrt(scan, new Map([['s0', s0], ['x', x]]));
      expectCloseToOrt(s, ws);
      expectCloseToOrt(ss, wss);
    });
  });
});

describe('kiln compile --bind', () => {
  it('compiles the branch the bound sr takes; without --bind, or with a value that is no number, it is an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-bind-'));
    writeFileSync(join(dir, 'vad.onnx'), vad);
    const outShape = (sub: string) => JSON.parse(readFileSync(join(dir, sub, 'manifest.json'), 'utf8')).outputs[0].shape;
    expect(await main(['compile', join(dir, 'vad.onnx'), '--out', join(dir, 'a'), '--bind', 'sr=16000'])).toBe(0);
    expect(outShape('a')).toEqual([1, 8]);
    expect(await main(['compile', join(dir, 'vad.onnx'), '--out', join(dir, 'b'), '--bind=sr=8000'])).toBe(0);
    expect(outShape('b')).toEqual([1, 4]);
    expect(await main(['compile', join(dir, 'vad.onnx'), '--out', join(dir, 'c')])).toBe(2);
    expect(await main(['compile', join(dir, 'vad.onnx'), '--out', join(dir, 'd'), '--bind', 'sr=fast'])).toBe(2);
  });
});

describe('control flow refusals', () => {
  it('an If on a run-time input whose branches differ in shape asks for the input to be bound', () => {
    const e = kilnError(() => importOnnx(vad));
    expect(e.code).toBe('STATIC_INPUT');
    expect(e.context.node).toBe('sr_switch');
    expect(e.message).toMatch(/output 0 differs between the branches \(then f32\[1,8\], else f32\[1,4\]\)/);
    // The condition is Equal(sr, 16000): the error names sr, the graph input behind it, to bind.
    expect(e.context.inputs).toEqual(['sr']);
    expect(e.message).toMatch(/bind 'sr' at import/);
  });

  it('a bound name that is not a graph input, or a value that does not fit, is refused', () => {
    expect(kilnError(() => importOnnx(vad, { bind: { rate: 16000 } })).message).toMatch(/bound input 'rate' not among the model's inputs \('x', 'sr'\)/);
    expect(kilnError(() => importOnnx(vad, { bind: { sr: [1, 2] } })).message).toMatch(/has 2 elements, the input is i32\[\]/);
    expect(kilnError(() => importOnnx(vad, { bind: { sr: 16000.5 } })).message).toMatch(/16000.5 for input 'sr' is not a i32 value/);
  });

  it('a Loop whose condition depends on data cannot be unrolled', () => {
    const m = buildModel({
      nodes: [{
        op: 'Loop', inputs: ['trip', '', 'y0'], outputs: ['y'], name: 'until_small',
        attrs: [graphAttr('body', graph('body', [
          { op: 'Mul', inputs: ['y_in', 'half'], outputs: ['y_out'] },
          { op: 'ReduceSum', inputs: ['y_out'], outputs: ['s'], attrs: [{ name: 'keepdims', type: INT, i: 0 }] },
          { op: 'Greater', inputs: ['s', 'half'], outputs: ['c_out'] },
        ], [info('i', 7, []), info('c_in', 9, []), f32Info('y_in', [2])], [info('c_out', 9, []), f32Info('y_out', [2])], [f32Init('half', [], [0.5])]))],
      }],
      initializers: [i64Init('trip', 10)],
      inputs: [f32Info('y0', [2])],
      outputs: [f32Info('y', [2])],
    });
    const e = kilnError(() => importOnnx(m));
    expect(e.code).toBe('STATIC_INPUT');
    expect(e.context.node).toBe('until_small');
    expect(e.message).toMatch(/condition computed by iteration 0 depends on run-time values/);
  });

  it(`a Loop of more than ${MAX_UNROLLED_ITERATIONS} iterations is a LIMIT error, before it is unrolled`, () => {
    const m = buildModel({
      nodes: [{
        op: 'Loop', inputs: ['trip', '', 'y0'], outputs: ['y'], name: 'long',
        attrs: [graphAttr('body', graph('body', [{ op: 'Identity', inputs: ['c_in'], outputs: ['c_out'] }, { op: 'Neg', inputs: ['y_in'], outputs: ['y_out'] }],
          [info('i', 7, []), info('c_in', 9, []), f32Info('y_in', [2])], [info('c_out', 9, []), f32Info('y_out', [2])]))],
      }],
      initializers: [i64Init('trip', MAX_UNROLLED_ITERATIONS + 1)],
      inputs: [f32Info('y0', [2])],
      outputs: [f32Info('y', [2])],
    });
    const e = kilnError(() => importOnnx(m));
    expect(e.code).toBe('LIMIT');
    expect(e.message).toMatch(new RegExp(`${MAX_UNROLLED_ITERATIONS + 1} iterations`));
  });

  it('an unsupported op inside a branch is named in the one upfront error', () => {
    const m = buildModel({
      nodes: [{ op: 'If', inputs: ['c'], outputs: ['y'], attrs: [
        graphAttr('then_branch', graph('then', [{ op: 'NoSuchOp', inputs: ['x'], outputs: ['t'] }], [], [f32Info('t', [2])])),
        graphAttr('else_branch', graph('else', [{ op: 'Neg', inputs: ['x'], outputs: ['e'] }], [], [f32Info('e', [2])])),
      ] }],
      inputs: [info('c', 9, []), f32Info('x', [2])],
      outputs: [f32Info('y', [2])],
    });
    const e = kilnError(() => importOnnx(m));
    expect(e.code).toBe('ONNX_UNSUPPORTED');
    expect(e.message).toMatch(/NoSuchOp \(then_0\)/);
  });
});

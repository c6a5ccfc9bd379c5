// A value that must be static but is computed at run time: STATIC_INPUT names the graph inputs it is
// computed from (context.inputs), and the ONNX test runner binds those to the test's values, so a model
// whose Range limit is cast from a scalar input (the `_expanded` window tests) imports specialized.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBackend } from '../compiler/backend.ts';
import { importOnnx } from '../compiler/onnx/importer.ts';
import { runOnnxTest } from '../compiler/onnx/test-runner.ts';
import { tensorToProto } from '../compiler/onnx/tensor.ts';
import { tensor } from '../ir/tensor.ts';
import { kilnError } from './support/kiln-error.ts';
import { buildModel, f32Info } from './support/onnx-builder.ts';

const f32 = (name: string, v: number) => ({ name, dims: [], data_type: 1, float_data: [v] });
const i32Scalar = (name: string) => ({ name, type: { tensor_type: { elem_type: 6, shape: { dim: [] } } } });

/** y = Range(0, float(n), 1) + x: n fixes y's shape through a Cast; x is run-time data. */
const model = buildModel({
  nodes: [
    { op: 'Cast', inputs: ['n'], outputs: ['nf'], attrs: [{ name: 'to', type: 2, i: 1 }] },
    { op: 'Range', inputs: ['zero', 'nf', 'one'], outputs: ['r'], name: 'range' },
    { op: 'Add', inputs: ['r', 'x'], outputs: ['y'] },
  ],
  initializers: [f32('zero', 0), f32('one', 1)],
  inputs: [i32Scalar('n'), f32Info('x', [3])],
  outputs: [f32Info('y', [3])],
});

describe('STATIC_INPUT names the graph inputs behind a computed value', () => {
  it('lists the input a Range limit is cast from, not just a direct graph input', () => {
    const e = kilnError(() => importOnnx(model));
    expect(e.code).toBe('STATIC_INPUT');
    expect(e.context.input).toBeUndefined();
    expect(e.context.inputs).toEqual(['n']);
    expect(e.message).toMatch(/limit \(input 1\).*computed from graph input 'n'.*node 'range'/);
  });

  it('the test runner binds those inputs and keeps the others at run time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-bind-'));
    const data = join(dir, 'test_data_set_0');
    mkdirSync(data);
    writeFileSync(join(dir, 'model.onnx'), model);
    writeFileSync(join(data, 'input_0.pb'), tensorToProto(tensor('i32', [], [3]), 'n'));
    writeFileSync(join(data, 'input_1.pb'), tensorToProto(tensor('f32', [3], [10, 20, 30]), 'x'));
    writeFileSync(join(data, 'output_0.pb'), tensorToProto(tensor('f32', [3], [10, 21, 32]), 'y'));
    const r = await runOnnxTest(dir, await getBackend('cpu'));
    expect(r.detail ?? 'passed').toBe('passed');
  });
});

// Bad input gets a KilnError naming what and where: never a crash deep inside, a hang or a wrong answer.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importOnnx, importOnnxFile } from '../compiler/onnx/importer.ts';
import { KilnError } from '../ir/errors.ts';
import { tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { buildModel, f32Info } from './support/onnx-builder.ts';
import { FIXTURES } from './support/env.ts';
import { kilnError } from './support/kiln-error.ts';

const reluModel = () =>
  buildModel({ nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'], name: 'relu1' }], inputs: [f32Info('x', [2, 3])], outputs: [f32Info('y', [2, 3])] });


describe('bad ONNX input', () => {
  it('imports and runs a valid model (control)', () => {
    const { graph } = importOnnx(reluModel());
    const [y] = interpret(graph, new Map([['x', tensor('f32', [2, 3], [-1, 2, -3, 4, -5, 6])]]));
    expect(Array.from(y.data)).toEqual([0, 2, 0, 4, 0, 6]);
  });

  it('garbage bytes', () => {
    const e = kilnError(() => importOnnx(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x12, 0x99]), { path: 'junk.onnx' }));
    expect(e.code).toBe('ONNX_PARSE');
    expect(e.message).toContain('junk.onnx');
  });

  it('truncated model', () => {
    const bytes = readFileSync(join(FIXTURES, 'mlp_fmnist_infer/model.onnx'));
    for (const frac of [0.1, 0.5, 0.9, 0.999]) {
      const e = kilnError(() => importOnnx(bytes.subarray(0, Math.floor(bytes.length * frac)), { path: 'mlp.onnx' }));
      expect(['ONNX_PARSE', 'ONNX_INVALID']).toContain(e.code);
    }
  });

  it('lists every unknown op at once, with node names', () => {
    const bytes = buildModel({
      nodes: [
        { op: 'FrobnicateA', inputs: ['x'], outputs: ['a'], name: 'first' },
        { op: 'Relu', inputs: ['a'], outputs: ['b'] },
        { op: 'FrobnicateB', inputs: ['b'], outputs: ['y'], name: 'second' },
      ],
      inputs: [f32Info('x', [2])],
      outputs: [f32Info('y', [2])],
    });
    const e = kilnError(() => importOnnx(bytes));
    expect(e.code).toBe('ONNX_UNSUPPORTED');
    expect(e.message).toMatch(/FrobnicateA \(first\).*FrobnicateB \(second\)/);
  });

  it('wrong input shape or dtype at run time names the input', () => {
    const { graph } = importOnnx(reluModel());
    expect(kilnError(() => interpret(graph, new Map([['x', tensor('f32', [3, 2])]]))).message).toMatch(/input 'x' must be f32\[2,3\], got f32\[3,2\]/);
    expect(kilnError(() => interpret(graph, new Map([['x', tensor('i32', [2, 3])]]))).message).toMatch(/got i32\[2,3\]/);
    expect(kilnError(() => interpret(graph, new Map())).message).toMatch(/missing input 'x'/);
  });

  it('shape mismatch inside the model names node, op and shapes', () => {
    const bytes = buildModel({
      nodes: [{ op: 'Add', inputs: ['x', 'z'], outputs: ['y'], name: 'bad_add' }],
      inputs: [f32Info('x', [2, 3]), f32Info('z', [4])],
      outputs: [f32Info('y', [2, 3])],
    });
    expect(kilnError(() => importOnnx(bytes)).message).toMatch(/\[SHAPE\].*op Add, node 'bad_add', input shapes \[2,3\] \[4\]/);
  });

  it('external data: reads inside the model folder, refuses paths that leave it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-ext-'));
    mkdirSync(join(dir, 'model'));
    const data = new Float32Array([1, -2, 3]);
    writeFileSync(join(dir, 'model', 'w.bin'), new Uint8Array(data.buffer));
    writeFileSync(join(dir, 'secret.bin'), new Uint8Array(data.buffer));
    const model = (location: string) =>
      buildModel({
        nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
        inputs: [f32Info('x', [3])],
        outputs: [f32Info('y', [3])],
        initializers: [{ name: 'w', dims: [3], data_type: 1, data_location: 1, external_data: [{ key: 'location', value: location }] }],
      });
    writeFileSync(join(dir, 'model', 'ok.onnx'), model('w.bin'));
    const { graph } = importOnnxFile(join(dir, 'model', 'ok.onnx'));
    const [y] = interpret(graph, new Map([['x', tensor('f32', [3], [1, 1, 1])]]));
    expect(Array.from(y.data)).toEqual([2, -1, 4]);
    for (const bad of ['../secret.bin', join(dir, 'secret.bin'), 'sub/../../secret.bin']) {
      writeFileSync(join(dir, 'model', 'bad.onnx'), model(bad));
      const e = kilnError(() => importOnnxFile(join(dir, 'model', 'bad.onnx')));
      expect(e.code).toBe('EXTERNAL_DATA');
      expect(e.message).toContain("tensor 'w'");
    }
  });

  it('int64 values that do not fit i32 are refused when used at run time', () => {
    const bytes = buildModel({
      nodes: [{ op: 'Add', inputs: ['x', 'big'], outputs: ['y'], name: 'add_big' }],
      inputs: [{ name: 'x', type: { tensor_type: { elem_type: 7, shape: { dim: [{ dim_value: 1 }] } } } }],
      outputs: [{ name: 'y', type: { tensor_type: { elem_type: 7, shape: { dim: [{ dim_value: 1 }] } } } }],
      initializers: [{ name: 'big', dims: [1], data_type: 7, int64_data: [5_000_000_000] }],
    });
    const e = kilnError(() => importOnnx(bytes));
    expect(e.code).toBe('DTYPE');
    expect(e.message).toContain("'big'");
  });

  it('fuzz: 1,000 mutated models give only KilnErrors or valid graphs', () => {
    const seeds = [reluModel(), readFileSync(join(FIXTURES, 'activations_infer/model.onnx')), readFileSync(join(FIXTURES, 'linreg_sgd/model.onnx'))];
    const mutation = fc.record({
      seed: fc.nat(seeds.length - 1),
      edits: fc.array(fc.record({ pos: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('set', 'insert', 'delete') }), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits }) => {
        const bytes = Array.from(seeds[seed]);
        for (const { pos, byte, kind } of edits) {
          const p = pos % (bytes.length + 1);
          if (kind === 'set') bytes[p % bytes.length] = byte;
          else if (kind === 'insert') bytes.splice(p, 0, byte);
          else bytes.splice(p % bytes.length, 1);
        }
        try {
          const { graph } = importOnnx(Uint8Array.from(bytes));
          const small = graph.inputs.every((v) => v.type.shape.reduce((a, b) => a * b, 1) < 1e6);
          if (small) interpret(graph, new Map(graph.inputs.map((v) => [v.name, tensor(v.type.dtype, v.type.shape)])));
        } catch (e) {
          if (!(e instanceof KilnError)) throw e;
        }
      }),
      { numRuns: 1000, seed: 20261125 },
    );
  });
});

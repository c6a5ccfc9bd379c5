// Every PyTorch fixture model imported, exported with exportOnnx and run in ONNX Runtime (an independent
// runtime): inference cases must give the fixture's expected outputs, train cases (whose fixtures hold no
// forward outputs) the outputs of kiln's CPU interpreter on the imported graph, each within the case's
// tolerance. The export is then re-imported: kiln must compute the same outputs from it as from the original.
// The graphs are exported as import returns them (composites kept, as the ONNX ops they came from); the
// same graphs after decomposition into primitives export and run too.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTensors } from '../../compiler/compare.ts';
import { type FixtureCase, readCase, readSpec } from '../../compiler/fixtures/case.ts';
import { exportOnnx } from '../../compiler/onnx/export.ts';
import { importOnnx, importOnnxFile } from '../../compiler/onnx/importer.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { decomposition } from '../../passes/decompose/index.ts';
import { runPipeline } from '../../passes/pass.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { FIXTURES } from '../support/env.ts';
import { runOrt } from './ort.ts';

const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const inputsOf = (c: FixtureCase): Map<string, Tensor> => new Map(Object.entries(c.inputs).map(([k, s]) => [k, readSpec(c.dir, s)]));

describe('fixture models: import, exportOnnx, ONNX Runtime', () => {
  it('covers the 18 fixture cases', () => expect(cases.length).toBe(18));

  it.each(cases)('%s', async (name) => {
    const c = readCase(join(FIXTURES, name));
    const { graph } = importOnnxFile(join(c.dir, c.model));
    const inputs = inputsOf(c);
    const got = await runOrt(exportOnnx(graph), inputs);
    const want = c.kind === 'inference' ? graph.outputs.map((v) => readSpec(c.dir, c.expected.outputs![v.name])) : interpret(graph, inputs);
    expect(got.length).toBe(want.length);
    got.forEach((t, i) => expect(compareTensors(t, want[i], c.tolerance), `${name} output '${graph.outputs[i].name}'`).toBeUndefined());
  });
});

describe('fixture models: import, export, re-import on the CPU interpreter', () => {
  it.each(cases)('%s', (name) => {
    const c = readCase(join(FIXTURES, name));
    const { graph } = importOnnxFile(join(c.dir, c.model));
    const again = importOnnx(exportOnnx(graph)).graph;
    expect(again.outputs.map((v) => v.name)).toEqual(graph.outputs.map((v) => v.name));
    expect([...again.params.keys()].sort()).toEqual([...graph.params.keys()].sort());
    const inputs = inputsOf(c);
    const [want, got] = [interpret(graph, inputs), interpret(again, inputs)];
    got.forEach((t, i) => expect(compareTensors(t, want[i], { rtol: 1e-6, atol: 1e-7 }), `${name} output ${i}`).toBeUndefined());
  });
});

describe('fixture models after decomposition into primitives: exportOnnx, ONNX Runtime', () => {
  it.each(cases)('%s', async (name) => {
    const c = readCase(join(FIXTURES, name));
    const { graph } = importOnnxFile(join(c.dir, c.model));
    const { graph: primitives } = runPipeline(graph.clone(), [decomposition]);
    expect(primitives.nodes.some((n) => ['Softmax', 'LSTM', 'GRU', 'RNN', 'LayerNormalization', 'BatchNormalization'].includes(n.op))).toBe(false);
    const inputs = inputsOf(c);
    const [got, want] = [await runOrt(exportOnnx(primitives), inputs), interpret(graph, inputs)];
    got.forEach((t, i) => expect(compareTensors(t, want[i], c.tolerance), `${name} output ${i}`).toBeUndefined());
  });
});

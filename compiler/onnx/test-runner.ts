// Runs ONNX backend test directories (model.onnx + test_data_set_0/{input,output}_N.pb) and compares
// the results with the expected outputs.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { KilnError } from '../../ir/errors.ts';
import type { Tensor } from '../../ir/tensor.ts';
import type { Backend } from '../backend.ts';
import { compareTensors } from '../compare.ts';
import { type ImportedModel, importOnnxFile } from './importer.ts';
import { decodeModel, decodeTensor } from './proto.ts';
import { tensorFromProto, tensorToProto } from './tensor.ts';

export interface OnnxTestResult {
  test: string;
  passed: boolean;
  /** Why it failed: an error message or the first mismatch. */
  detail?: string;
}

function readPbs(dir: string, prefix: string): Tensor[] {
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.pb'));
  files.sort((a, b) => Number(a.slice(prefix.length, -3)) - Number(b.slice(prefix.length, -3)));
  return files.map((f) => tensorFromProto(decodeTensor(readFileSync(join(dir, f)), join(dir, f)), { strict: true }).tensor);
}

/**
 * Imports the test's model. A graph input that fixes a shape (axes, K, a target shape), directly or through
 * the values computed from it (a Range's limit cast from the input), is bound to the test's value,
 * specializing the model as an ahead-of-time compiler with static shapes must; every other input stays a
 * run-time input.
 */
function importSpecialized(modelPath: string, inputs: Tensor[]): { model: ImportedModel; runInputs: Map<string, Tensor> } {
  const declared = decodeModel(readFileSync(modelPath), modelPath).graph;
  const inits = new Set(declared?.initializer.map((t) => t.name) ?? []);
  const names = (declared?.input ?? []).map((vi) => vi.name ?? '').filter((n) => !inits.has(n));
  if (names.length !== inputs.length) throw new KilnError('INPUT', `test has ${inputs.length} inputs, the model ${names.length}`);
  const byName = new Map(names.map((n, i) => [n, inputs[i]]));
  const bind = new Map<string, Tensor>();
  let model: ImportedModel | undefined;
  while (!model) {
    try {
      model = importOnnxFile(modelPath, { bind });
    } catch (e) {
      const wanted = e instanceof KilnError && e.code === 'STATIC_INPUT' ? e.context.inputs ?? (e.context.input ? [e.context.input] : []) : [];
      const fresh = wanted.filter((name) => !bind.has(name) && byName.has(name));
      if (fresh.length === 0) throw e;
      for (const name of fresh) bind.set(name, byName.get(name)!);
    }
  }
  return { model, runInputs: new Map(model.graph.inputs.map((v) => [v.name, byName.get(v.name)!])) };
}

export async function runOnnxTest(dir: string, backend: Backend, outDir?: string): Promise<OnnxTestResult> {
  const test = basename(dir);
  const out = outDir ? join(outDir, test) : undefined;
  if (out) mkdirSync(out, { recursive: true });
  try {
    const data = join(dir, 'test_data_set_0');
    const inputs = readPbs(data, 'input_');
    const { model, runInputs } = importSpecialized(join(dir, 'model.onnx'), inputs);
    const g = model.graph;
    const results = await backend.run(g, runInputs);
    if (out) results.forEach((t, i) => writeFileSync(join(out, `output_${i}.pb`), tensorToProto(t, g.outputs[i].name, model.outputElemTypes[i])));
    const expected = existsSync(data) ? readPbs(data, 'output_') : [];
    for (let i = 0; i < expected.length; i++) {
      const diff = results[i] ? compareTensors(results[i], expected[i]) : 'missing';
      if (diff) return { test, passed: false, detail: `output ${i}: ${diff}` };
    }
    return { test, passed: true };
  } catch (e) {
    const msg = e instanceof KilnError ? e.message : `internal error: ${(e as Error).stack ?? e}`;
    if (out) writeFileSync(join(out, 'error.txt'), msg + '\n');
    return { test, passed: false, detail: msg };
  }
}

// Golden WGSL: the unfused and the fused kernels of representative models (fixture MLP, CNN, transformer,
// LSTM and the MLP's Adam train step) diffed against reviewed files in tests/golden/. A refactor of codegen or of a
// lowering must leave these byte-identical; a deliberate change regenerates them with
// KILN_UPDATE_GOLDEN=1 and the diff is reviewed in the commit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../compiler/compile.ts';
import { readCase } from '../compiler/fixtures/case.ts';
import { trainOptions } from '../compiler/fixtures/run-case.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { buildTrainStep } from '../compiler/train/train-step.ts';
import type { Graph } from '../ir/graph.ts';
import { FIXTURES } from './support/env.ts';

const GOLDEN = new URL('./golden/', import.meta.url).pathname;

const model = (name: string): Graph => importOnnxFile(join(FIXTURES, name, 'model.onnx')).graph;
const trainStep = (name: string): Graph => buildTrainStep(model(name), trainOptions(readCase(join(FIXTURES, name)))).graph;

const CASES: Record<string, () => Graph> = {
  mlp_infer: () => model('mlp_fmnist_infer'),
  cnn_infer: () => model('cnn_infer'),
  transformer_infer: () => model('transformer_infer'),
  lstm_infer: () => model('lstm_regressor_infer'),
  mlp_adam_train: () => trainStep('mlp_fmnist_adam'),
};

/** Every kernel's WGSL, then the dispatch list (kernel, bindings, workgroups, parameters), as one reviewable text. */
function render(g: Graph, fuse: boolean): string {
  const { program } = compileForWebGpu(g, { fuse });
  const kernels = program.kernels.map((k, i) => `// ===== kernel ${i}: ${k.name}\n${k.wgsl}`);
  const dispatches = program.dispatches.map((d) => `${d.kernel} [${d.bindings.join(', ')}] (${d.workgroups.join(', ')})${d.params ? ` params [${d.params.join(', ')}]` : ''}`);
  return [...kernels, '// ===== dispatches', ...dispatches, ''].join('\n');
}

describe.each([
  ['unfused', false, ''],
  ['fused', true, '.fused'],
] as const)('golden WGSL (%s)', (_what, fuse, suffix) => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const text = render(CASES[name](), fuse);
    const file = join(GOLDEN, `${name}${suffix}.wgsl`);
    if (process.env.KILN_UPDATE_GOLDEN) writeFileSync(file, text);
    expect(existsSync(file), `golden file ${file} is missing (KILN_UPDATE_GOLDEN=1 writes it)`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

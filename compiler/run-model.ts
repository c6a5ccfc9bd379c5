// `kiln run`: one model on input_N.pb files, writing output_N.pb files.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KilnError } from '../ir/errors.ts';
import type { Backend } from './backend.ts';
import { importOnnxFile, type ImportOptions } from './onnx/importer.ts';
import { decodeTensor } from './onnx/proto.ts';
import { tensorFromProto, tensorToProto } from './onnx/tensor.ts';

export async function runModelCommand(modelPath: string, inputDir: string, outDir: string, backend: Backend, pins: Pick<ImportOptions, 'dims' | 'bind'> = {}): Promise<void> {
  const model = importOnnxFile(modelPath, pins);
  const g = model.graph;
  let files: string[];
  try {
    files = readdirSync(inputDir).filter((f) => /^input_\d+\.pb$/.test(f));
  } catch {
    throw new KilnError('USAGE', 'cannot read inputs folder', { path: inputDir });
  }
  const inputs = g.inputs.map((v, i) => {
    const f = `input_${i}.pb`;
    if (!files.includes(f)) throw new KilnError('INPUT', `missing ${f} for graph input '${v.name}'`, { path: inputDir });
    return tensorFromProto(decodeTensor(readFileSync(join(inputDir, f)), f), { strict: true }).tensor;
  });
  const results = await backend.run(g, new Map(g.inputs.map((v, i) => [v.name, inputs[i]])));
  mkdirSync(outDir, { recursive: true });
  results.forEach((t, i) => writeFileSync(join(outDir, `output_${i}.pb`), tensorToProto(t, g.outputs[i].name, model.outputElemTypes[i])));
  console.log(`kiln run (${backend.name}): wrote ${results.length} outputs to ${outDir}`);
}

// The pipelines as lists of named passes: the train step runs TRAIN (autodiff a pass), the GPU pipeline
// with the CPU kernels as folding evaluator keeps the fixture models' results, and frozen inference folds
// the DCGAN generator's BatchNorms into its ConvTransposes.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOnnxFile } from '../../compiler/onnx/importer.ts';
import { buildTrainStep } from '../../compiler/train/train-step.ts';
import { runPasses } from '../../passes/pass.ts';
import { frozenGpuPipeline, gpuPipeline, INFERENCE_PIPELINE } from '../../passes/pipeline.ts';
import { evalNode } from '../../runtime/cpu/interpreter.ts';
import { FIXTURES } from '../support/env.ts';
import { expectSameResults } from './rewrite-check.ts';

const TOL = { rtol: 1e-5, atol: 1e-5 };
const model = (name: string) => importOnnxFile(join(FIXTURES, name, 'model.onnx')).graph;

describe('pipelines', () => {
  it('lists the passes by name', () => {
    expect(INFERENCE_PIPELINE.map((p) => p.name)).toEqual(['cse', 'simplify', 'dce']);
    expect(gpuPipeline(evalNode).map((p) => p.name)).toEqual(['decompose', 'cse', 'constant-folding', 'simplify', 'limit-fan-in', 'dce', 'fuse']);
    expect(frozenGpuPipeline(evalNode)[0].name).toBe('fold-batchnorm');
  });

  it('the train step runs decompose, autodiff, cse, simplify and dce (KILN_DUMP shows each)', () => {
    const forward = model('mlp_fmnist_infer');
    const dump = mkdtempSync(join(tmpdir(), 'kiln-train-dump-'));
    const prev = process.env.KILN_DUMP;
    process.env.KILN_DUMP = dump;
    try {
      const step = buildTrainStep(forward, { loss: { name: 'cross_entropy' }, lossOutput: 'logits', optimizer: { type: 'sgd', lr: 0.1 } });
      expect(step.graph.updates.size).toBe(6);
    } finally {
      if (prev === undefined) delete process.env.KILN_DUMP;
      else process.env.KILN_DUMP = prev;
    }
    expect(readdirSync(dump).sort()).toEqual(['train-00-input.ir', 'train-01-decompose.ir', 'train-02-autodiff.ir', 'train-03-cse.ir', 'train-04-simplify.ir', 'train-05-dce.ir']);
  });

  it.each(['mlp_fmnist_infer', 'cnn_infer', 'transformer_infer', 'rnn_classifier_infer'])('GPU pipeline keeps the results of %s', (name) => {
    const g = model(name);
    const lowered = runPasses(g.clone(), gpuPipeline(evalNode));
    expectSameResults(g, lowered, TOL);
  });

  it('frozen inference folds the DCGAN generator BatchNorms: 22 fewer primitives, same images', () => {
    const g = model('dcgan_generator_infer');
    const plain = runPasses(g.clone(), gpuPipeline(evalNode));
    const frozen = runPasses(g.clone(), frozenGpuPipeline(evalNode));
    expect(plain.nodes.length - frozen.nodes.length).toBe(22);
    expect(frozen.nodes.map((n) => n.op)).toEqual(['ConvTranspose', 'Relu', 'ConvTranspose', 'Relu', 'ConvTranspose', 'Tanh']);
    expectSameResults(g, frozen, TOL);
  });
});

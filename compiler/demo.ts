// `npm start`: the main job on the bundled default model. Import the Fashion-MNIST MLP from ONNX (PyTorch's
// untrained initial weights), train it for two epochs on the bundled subset, then classify the bundled
// test images and report the test accuracy and the backend that ran.
import { join } from 'node:path';
import { getGpu } from '../runtime/webgpu/device.ts';
import { type BackendName, parseBackend } from './backend.ts';
import { accuracy, argmax, batchOf, FASHION_CLASSES, loadSplit } from './data/fashion-mnist.ts';
import { readCase, readSpec } from './fixtures/case.ts';
import { importOnnxFile } from './onnx/importer.ts';
import { packageRoot } from './package-root.ts';
import { CrossEntropyLoss } from './nn/loss.ts';
import { Adam } from './train/optimizer.ts';
import { compileTraining } from './train/trainer.ts';

const DATA = join(packageRoot(), 'samples/data');

/** Picks the backend: the one asked for, else WebGPU when an adapter exists, else the CPU, said loudly. */
async function pickBackend(flag?: string): Promise<BackendName> {
  if (flag) return parseBackend(flag);
  const gpu = await getGpu();
  if (!gpu) {
    console.log('!! No WebGPU adapter found: running on the CPU interpreter (npm run setup:webgpu installs Mesa lavapipe).');
    return 'cpu';
  }
  console.log(`WebGPU adapter: ${gpu.adapterName}`);
  return 'webgpu';
}

export async function demo(backendFlag?: string): Promise<number> {
  const backend = await pickBackend(backendFlag);
  const c = readCase(join(DATA, 'mlp_fmnist'));
  const { graph } = importOnnxFile(join(c.dir, c.model));
  const [batch] = graph.inputs[0].type.shape;
  console.log(`kiln demo: ${c.description ?? c.name}`);
  console.log(`model: ${graph.nodes.length} nodes, inputs ${graph.inputs.map((v) => `${v.name}:${v.type.dtype}[${v.type.shape}]`).join(', ')}`);

  const trainer = await compileTraining(graph, { loss: new CrossEntropyLoss(), lossOutput: 'logits', optimizer: new Adam({ lr: 2e-3 }), backend });
  const subset = join(DATA, 'fashion-mnist-subset');
  const train = loadSplit(subset, 'train'), test = loadSplit(subset, 't10k');
  const percent = async () => (100 * (await accuracy(trainer, test, batch))).toFixed(1);
  console.log(`test accuracy before training: ${await percent()}%`);
  const started = performance.now();
  const steps = train.n / batch;
  for (let epoch = 1; epoch <= 2; epoch++) {
    let loss = 0;
    for (let s = 0; s < steps; s++) {
      const { x, y } = batchOf(train, s, batch);
      const last = s === steps - 1;
      const l = await trainer.step({ inputs: { x }, target: y }, { returnLoss: last });
      if (last) loss = l!;
    }
    console.log(`epoch ${epoch}: ${steps} steps of ${batch}, last loss ${loss.toFixed(3)}`);
  }
  console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s; test accuracy ${await percent()}% (${test.n} images)`);

  const [logits, probs] = await trainer.evaluate({ x: readSpec(c.dir, c.inputs.x) });
  for (let i = 0; i < batch; i++) {
    const best = argmax(logits.data.subarray(i * 10, i * 10 + 10));
    console.log(`  image ${i}: ${FASHION_CLASSES[best]} (p=${probs.data[i * 10 + best].toFixed(3)})`);
  }
  trainer.dispose();
  console.log(`backend: ${backend}`);
  return 0;
}

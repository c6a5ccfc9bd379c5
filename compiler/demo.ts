// `npm start`: the main job on the bundled default model: import the Fashion-MNIST MLP, classify
// bundled test images, print predictions and the backend that ran.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BackendName, getBackend, parseBackend } from './backend.ts';
import { getGpu } from '../runtime/webgpu/device.ts';
import { readCase, readSpec } from './fixtures/case.ts';
import { importOnnxFile } from './onnx/importer.ts';

const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DEFAULT_CASE = join(fileURLToPath(import.meta.url), '../../samples/data/mlp_fmnist');

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
  const backend = await getBackend(await pickBackend(backendFlag));
  const c = readCase(DEFAULT_CASE);
  const { graph } = importOnnxFile(join(c.dir, c.model));
  console.log(`kiln demo: ${c.description ?? c.name}`);
  console.log(`model: ${graph.nodes.length} nodes, inputs ${graph.inputs.map((v) => `${v.name}:${v.type.dtype}[${v.type.shape}]`).join(', ')}`);
  const x = readSpec(c.dir, c.inputs.x);
  const [logits] = await backend.run(graph, new Map([['x', x]]));
  const [n, k] = logits.shape;
  for (let i = 0; i < n; i++) {
    const row = Array.from(logits.data.subarray(i * k, (i + 1) * k));
    const best = row.indexOf(Math.max(...row));
    console.log(`  image ${i}: ${CLASSES[best]} (logit ${row[best].toFixed(3)})`);
  }
  console.log(`backend: ${backend.name}`);
  return 0;
}

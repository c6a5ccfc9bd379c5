// DCGAN sample: the generator ConvTranspose2d-BatchNorm2d-ReLU x2, ConvTranspose2d-Tanh as an
// nn.Sequential, weights and BatchNorm running statistics loaded from a PyTorch export; draws the image.
// Run: npx tsx samples/dcgan.ts
import { BatchNorm2d, ConvTranspose2d, interpret, loadOnnxWeights, ReLU, Sequential, Tanh, tensor, trace } from 'kiln';

const generator = new Sequential(
  new ConvTranspose2d(16, 32, 4, { bias: false }), new BatchNorm2d(32), new ReLU(),
  new ConvTranspose2d(32, 16, 4, { stride: 2, padding: 1, bias: false }), new BatchNorm2d(16), new ReLU(),
  new ConvTranspose2d(16, 1, 4, { stride: 2, padding: 1, bias: false }), new Tanh(),
);
loadOnnxWeights(generator, new URL('../tests/fixtures/dcgan_generator_infer/model.onnx', import.meta.url).pathname);
const graph = trace(generator, { z: { dtype: 'f32', shape: [1, 16, 1, 1] } });
const z = tensor('f32', [1, 16, 1, 1], Array.from({ length: 16 }, (_, i) => Math.cos(i)));
const [image] = interpret(graph, new Map([['z', z]]));
const shades = ' .:-=+*#%@';
for (let r = 0; r < 16; r++) {
  const row = Array.from(image.data.subarray(r * 16, r * 16 + 16), (v) => shades[Math.min(9, Math.floor(((v + 1) / 2) * 10))]);
  console.log(row.join(' '));
}

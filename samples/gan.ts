// GAN sample: a generator and a discriminator trained in alternation by two compiled train steps that
// share parameter buffers on the GPU (the generator's step reads the discriminator's live weights).
// Real data: points on the unit circle; the generator maps 4-D noise to 2-D points.
// Run: npx tsx samples/gan.ts   (WebGPU when an adapter exists, else the CPU interpreter)
import { Adam, BCEWithLogitsLoss, compileTraining, LeakyReLU, Linear, manualSeed, Module, Sequential, type SymTensor, tensor } from 'kiln';
import { getGpu } from 'kiln/runtime';

const B = 64;
manualSeed(3);
const G = new Sequential(new Linear(4, 32), new LeakyReLU(0.2), new Linear(32, 2));
const D = new Sequential(new Linear(2, 32), new LeakyReLU(0.2), new Linear(32, 1));

/** The generator's step: D(G(z)) as the loss output (D frozen), and the samples G(z) as a second output. */
class GeneratorStep extends Module {
  readonly g = this.module('g', G);
  readonly d = this.module('d', D);
  forward(z: SymTensor): [SymTensor, SymTensor] {
    const fake = this.g.call(z);
    return [this.d.call(fake), fake];
  }
}
class DiscriminatorStep extends Module {
  readonly d = this.module('d', D);
  forward(x: SymTensor): SymTensor {
    return this.d.call(x);
  }
}

const backend = (await getGpu()) ? 'webgpu' : 'cpu';
const loss = new BCEWithLogitsLoss();
const optimizer = new Adam({ lr: 2e-3, betas: [0.5, 0.999] }); // holds no state: both trainers may share it
const dStep = await compileTraining(new DiscriminatorStep(), { inputs: { x: { dtype: 'f32', shape: [B, 2] } }, loss, optimizer, backend });
const dNames = [...(await dStep.exportWeights()).keys()];
const gStep = await compileTraining(new GeneratorStep(), {
  inputs: { z: { dtype: 'f32', shape: [B, 4] } },
  loss,
  optimizer,
  backend,
  trainable: ['g.0.weight', 'g.0.bias', 'g.2.weight', 'g.2.bias'],
  // On WebGPU the discriminator's weights are read live from its trainer's buffers.
  shareWith: backend === 'webgpu' ? [dStep] : [],
});

let s = 1;
const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
const noise = () => tensor('f32', [B, 4], Array.from({ length: B * 4 }, () => rand() * 2 - 1));
const circle = () => tensor('f32', [B, 2], Array.from({ length: B }, () => { const a = rand() * 2 * Math.PI; return [Math.cos(a), Math.sin(a)]; }).flat());
const labels = (v: number) => tensor('f32', [B, 1], new Array(B).fill(v));

for (let step = 1; step <= 300; step++) {
  const [, fake] = await gStep.evaluate({ z: noise() });
  const report = step % 50 === 0;
  const dReal = await dStep.step({ inputs: { x: circle() }, target: labels(1) }, { returnLoss: report });
  const dFake = await dStep.step({ inputs: { x: fake }, target: labels(0) }, { returnLoss: report });
  if (backend === 'cpu') {
    // Without shared GPU buffers, hand the discriminator's weights to the generator step.
    await gStep.setWeights(await dStep.exportWeights(), dNames);
  }
  const gLoss = await gStep.step({ inputs: { z: noise() }, target: labels(1) }, { returnLoss: report });
  if (report) {
    const radius = Array.from({ length: B }, (_, i) => Math.hypot(fake.data[2 * i], fake.data[2 * i + 1]));
    const mean = radius.reduce((a, b) => a + b, 0) / B;
    console.log(`step ${step}: D loss ${((dReal! + dFake!) / 2).toFixed(3)}, G loss ${gLoss!.toFixed(3)}, mean |G(z)| ${mean.toFixed(3)} (real: 1)`);
  }
}
console.log(`backend: ${backend}`);
process.exit(0);

// DCGAN on Fashion-MNIST: a generator (noise -> ConvTranspose2d, BatchNorm2d, ReLU -> 28x28 Tanh image)
// and a discriminator (strided Conv2d, BatchNorm2d, LeakyReLU(0.2) -> Sigmoid) trained against each other
// with BCELoss by two compiled train steps, in alternation. Each step holds both networks and trains one:
// on WebGPU the generator's step reads the discriminator's live parameter buffers (shareWith); the
// discriminator's step, which draws its fakes with the generator in training mode, gets the generator's
// weights with setWeights each step (on the CPU both directions go through setWeights). Writes an 8x8 grid
// of generated images (OUT/samples.png) and the generator's inference artifact (OUT/artifact/). A default
// run trains on all the training images (--limit N: the first N) for 2 epochs.
// Run: npm run sample -- dcgan-fashion [--backend cpu|webgpu] [--epochs N] [--data DIR] [--out DIR] [--limit N]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Adam, BatchNorm2d, BCELoss, cat, compileTraining, Conv2d, ConvTranspose2d, type EpochLog, fashionMnistDir, Flatten, LeakyReLU, Linear,
  manualSeed, readIdx, Module, ReLU, Sequential, Sigmoid, type SymTensor, Tanh, tensor, trace, type Trainer, writeArtifact,
} from 'kiln';
import { printSummary, sampleRun } from '../common.ts';
import { encodeGrayPng } from './png.ts';

const NZ = 32, NF = 8, B = 64; // noise size, base channel count, batch: small enough for lavapipe

/** z [B, NZ, 1, 1] -> [B, 2NF, 7, 7] -> [B, NF, 14, 14] -> [B, 1, 28, 28] in [-1, 1]. */
export class Generator extends Sequential {
  constructor() {
    super(
      new ConvTranspose2d(NZ, 2 * NF, 7, { bias: false }), new BatchNorm2d(2 * NF), new ReLU(),
      new ConvTranspose2d(2 * NF, NF, 4, { stride: 2, padding: 1, bias: false }), new BatchNorm2d(NF), new ReLU(),
      new ConvTranspose2d(NF, 1, 4, { stride: 2, padding: 1 }), new Tanh(),
    );
  }
}

/** [B, 1, 28, 28] -> [B, NF, 14, 14] -> [B, 2NF, 7, 7] -> [B, 1]: the probability that the image is real. */
export class Discriminator extends Sequential {
  constructor() {
    super(
      new Conv2d(1, NF, 4, { stride: 2, padding: 1 }), new LeakyReLU(0.2),
      new Conv2d(NF, 2 * NF, 4, { stride: 2, padding: 1, bias: false }), new BatchNorm2d(2 * NF), new LeakyReLU(0.2),
      new Flatten(), new Linear(2 * NF * 49, 1), new Sigmoid(),
    );
  }
}

/** The discriminator's step: D on a real batch and on a batch of fakes G(z), as one [2B, 1] output. */
class DiscriminatorStep extends Module {
  constructor(readonly g: Generator, readonly d: Discriminator) {
    super();
    this.module('g', g);
    this.module('d', d);
  }
  forward(x: SymTensor, z: SymTensor): SymTensor {
    return cat([this.d.call(x), this.d.call(this.g.call(z))], 0);
  }
}

/** The generator's step: D(G(z)) (the loss output, with target "real") and the images G(z). */
class GeneratorStep extends Module {
  constructor(readonly g: Generator, readonly d: Discriminator) {
    super();
    this.module('g', g);
    this.module('d', d);
  }
  forward(z: SymTensor): [SymTensor, SymTensor] {
    const fake = this.g.call(z);
    return [this.d.call(fake), fake];
  }
}

/** Seeded standard normal noise (mulberry32 and Box-Muller). */
function gaussian(seed: number): (n: number) => Float32Array {
  let s = seed >>> 0;
  const u = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return (n) => Float32Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

/** An 8x8 grid of [64, 1, 28, 28] images in [-1, 1], 2-pixel gaps, each pixel drawn 2x2. */
function gridPng(images: Float32Array): Buffer {
  const cell = 30, side = 8 * cell + 2, scale = 2, w = side * scale;
  const px = new Uint8Array(w * w);
  for (let i = 0; i < 64; i++) {
    const ox = 2 + (i % 8) * cell, oy = 2 + Math.floor(i / 8) * cell;
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const v = Math.round(((images[i * 784 + y * 28 + x] + 1) / 2) * 255);
        for (let k = 0; k < scale * scale; k++) px[((oy + y) * scale + (k >> 1)) * w + (ox + x) * scale + (k & 1)] = Math.max(0, Math.min(255, v));
      }
    }
  }
  return encodeGrayPng(w, w, px);
}

const finite = (what: string, v: number, epoch: number) => {
  if (!Number.isFinite(v)) throw new Error(`dcgan-fashion: the ${what} loss is ${v} in epoch ${epoch}: training diverged`);
  return v;
};

export async function main(args: Map<string, string>): Promise<void> {
  const data = fashionMnistDir(args.get('data'));
  const run = await sampleRun('dcgan-fashion', args, { epochs: 2 });
  // The images only, and only the first n of them (loadSplit would also convert the labels and all 60000).
  const idx = readIdx(join(data.dir, 'train-images-idx3-ubyte.gz'));
  const n = Math.min(idx.shape[0], run.limit);
  const real = new Float32Array(n * 784);
  for (let i = 0; i < real.length; i++) real[i] = idx.data[i] / 127.5 - 1; // [-1, 1], as the generator's Tanh
  const steps = Math.floor(n / B);
  console.log(`dcgan-fashion on ${run.backend}: ${n} training images (${data.source}: ${data.dir}), ${run.epochs} epochs of ${steps} steps of batch ${B}`);

  manualSeed(0);
  const G = new Generator(), D = new Discriminator();
  const gNames = G.namedParameters().map(([k]) => `g.${k}`), dNames = D.namedParameters().map(([k]) => `d.${k}`);
  const loss = new BCELoss(), optimizer = new Adam({ lr: 5e-4, betas: [0.5, 0.999] }); // DCGAN's betas; a higher lr than its 2e-4 for a short run
  const dStep = await compileTraining(new DiscriminatorStep(G, D), {
    inputs: { x: { dtype: 'f32', shape: [B, 1, 28, 28] }, z: { dtype: 'f32', shape: [B, NZ, 1, 1] } }, loss, optimizer, backend: run.backend, trainable: dNames,
  });
  const gStep = await compileTraining(new GeneratorStep(G, D), {
    inputs: { z: { dtype: 'f32', shape: [B, NZ, 1, 1] } }, loss, optimizer, backend: run.backend, trainable: gNames,
    // On the GPU: D's parameters read live, and the BatchNorm running statistics of both (which both steps update).
    shareWith: run.backend === 'webgpu' ? [dStep] : [],
  });

  const noise = gaussian(1), order = gaussian(2); // order: each epoch's shuffle, as random sort keys
  const fixedZ = tensor('f32', [B, NZ, 1, 1], noise(B * NZ)); // the grid's noise, the same every run
  const dTarget = tensor('f32', [2 * B, 1], Array.from({ length: 2 * B }, (_, i) => (i < B ? 1 : 0)));
  const gTarget = tensor('f32', [B, 1], new Array(B).fill(1));
  const logs: { d: EpochLog[]; g: EpochLog[] } = { d: [], g: [] };
  for (let epoch = 1; epoch <= run.epochs; epoch++) {
    const perm = Array.from({ length: n }, (_, i) => i);
    const r = order(n);
    perm.sort((a, b) => r[a] - r[b]);
    let dSum = 0, gSum = 0, dMs = 0, gMs = 0;
    for (let s = 0; s < steps; s++) {
      const x = new Float32Array(B * 784);
      for (let i = 0; i < B; i++) x.set(real.subarray(perm[s * B + i] * 784, (perm[s * B + i] + 1) * 784), i * 784);
      let t = performance.now();
      await dStep.setWeights(await gStep.exportWeights(), gNames);
      dSum += finite('discriminator', (await dStep.step({ inputs: { x: tensor('f32', [B, 1, 28, 28], x), z: tensor('f32', [B, NZ, 1, 1], noise(B * NZ)) }, target: dTarget }, { returnLoss: true }))!, epoch);
      dMs += performance.now() - t;
      t = performance.now();
      if (run.backend === 'cpu') await gStep.setWeights(await dStep.exportWeights(), dNames);
      gSum += finite('generator', (await gStep.step({ inputs: { z: tensor('f32', [B, NZ, 1, 1], noise(B * NZ)) }, target: gTarget }, { returnLoss: true }))!, epoch);
      gMs += performance.now() - t;
    }
    const log = (l: number, ms: number): EpochLog => ({ epoch, loss: l / steps, metrics: {}, steps, ms, samplesPerSec: (steps * B * 1000) / ms });
    logs.d.push(log(dSum, dMs));
    logs.g.push(log(gSum, gMs));
    console.log(`epoch ${epoch}/${run.epochs} · D loss ${(dSum / steps).toFixed(4)} · G loss ${(gSum / steps).toFixed(4)} · ${((dMs + gMs) / 1000).toFixed(1)} s (${((dMs + gMs) / steps).toFixed(1)} ms per D+G step)`);
  }

  const [, images] = await gStep.evaluate({ z: fixedZ });
  writeFileSync(join(run.out, 'samples.png'), gridPng(images.data as Float32Array));
  // The generator alone, in eval mode (BatchNorm with its running statistics), as the inference artifact.
  await gStep.syncTo(new GeneratorStep(G, D));
  writeArtifact(trace(G, { z: { dtype: 'f32', shape: [1, NZ, 1, 1] } }), join(run.out, 'artifact'), { name: 'dcgan-fashion-generator' });
  const last = (t: Trainer, h: EpochLog[], name: string) => printSummary(t, { epochs: h, stoppedEarly: false }, { [`${name}_loss`]: h.at(-1)!.loss });
  last(dStep, logs.d, 'discriminator');
  last(gStep, logs.g, 'generator');
  console.log(`artifact: ${run.out}/artifact/ · samples: ${run.out}/samples.png`);
  dStep.dispose();
  gStep.dispose();
}

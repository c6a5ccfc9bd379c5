// Builds the browser demo into a folder: trains samples/mlp-fashion's MLP on the Fashion-MNIST subset
// bundled with kiln (CPU backend, seeded), compiles it at batch 1 into an artifact, writes the first test
// images for the page, and bundles the page's app with esbuild. The page itself imports only kiln/runtime
// (through the artifact's generated model.js); the compiler runs here, at build time.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { accuracy, Adam, compileTraining, CrossEntropyLoss, FASHION_CLASSES, fit, loadSplit, manualSeed, splitDataset } from 'kiln';
import { Mlp } from '../mlp-fashion/main.ts';

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, '../..');
/** The subset bundled with kiln (2048 training and 512 test images), not Debian's full set: the demo builds the same everywhere. */
export const SUBSET = join(ROOT, 'samples/data/fashion-mnist-subset');
/** The page's files copied as they are. */
const STATIC = ['index.html', 'style.css'];
/** Training batch: the artifact is compiled at batch 1, for one image at a time. */
const BATCH = 64;

export interface WebDemoOptions {
  /** Training epochs over the 2048 subset images (default 10: about 75-80% test accuracy). */
  readonly epochs?: number;
  /** How many test images the page shows (default 16: the first of the t10k split). */
  readonly images?: number;
  /** Seed of the parameter initialisation and the shuffles (default 0). */
  readonly seed?: number;
  /** Progress lines (default console.log). */
  readonly log?: (line: string) => void;
}

/** What the page reads from test-images.json. */
export interface TestImages {
  readonly classes: readonly string[];
  readonly labels: readonly number[];
  /** The images' pixels, n × 784 bytes (0 black ... 255 white, row-major), base64. */
  readonly pixels: string;
}

export interface WebDemo {
  readonly outDir: string;
  readonly artifactDir: string;
  /** Accuracy of the trained model on the whole 512-image test subset. */
  readonly testAccuracy: number;
  /** The shown test images: labels, and pixels in [0, 1] as the model takes them (n × 784). */
  readonly images: { readonly labels: readonly number[]; readonly x: Float32Array };
}

/**
 * Resolves `kiln/...` (what the generated model.js imports) from the repository root, as a package
 * self-reference through package.json's exports (the built dist/), wherever the output folder is.
 */
const kilnFromRoot: Plugin = {
  name: 'kiln-from-root',
  setup(b) {
    b.onResolve({ filter: /^kiln(\/|$)/ }, (args) => (args.pluginData === 'root' ? undefined : b.resolve(args.path, { kind: args.kind, resolveDir: ROOT, pluginData: 'root' })));
  },
};

/** Builds the demo into `outDir` (emptied first): artifact/, test-images.json, app.js (+ the CPU fallback chunk), index.html, style.css. */
export async function buildWebDemo(outDir: string, opts: WebDemoOptions = {}): Promise<WebDemo> {
  const { epochs = 10, images = 16, seed = 0, log = console.log } = opts;
  const train = loadSplit(SUBSET, 'train'), test = loadSplit(SUBSET, 't10k');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  log(`training the MLP 784-128-64-10 on ${train.n} Fashion-MNIST images: ${epochs} epochs of batch ${BATCH} on the CPU backend`);
  manualSeed(seed);
  const trainer = await compileTraining(new Mlp(), { inputs: { x: { dtype: 'f32', shape: [BATCH, 784] } }, loss: new CrossEntropyLoss(), optimizer: new Adam({ lr: 1e-3 }), backend: 'cpu', seed });
  const artifactDir = join(outDir, 'artifact');
  let testAccuracy: number;
  try {
    const history = await fit(trainer, splitDataset(train), { epochs, seed, progress: false });
    testAccuracy = await accuracy(trainer, test, BATCH);
    log(`final loss ${history.epochs.at(-1)!.loss.toFixed(4)} · test accuracy ${(100 * testAccuracy).toFixed(1)}% (${Math.floor(test.n / BATCH) * BATCH} images)`);
    // Trained at batch 64; the page classifies one image at a time, so the artifact is the model at [1, 784].
    await trainer.exportArtifact(artifactDir, { inputShapes: { x: [1, 784] }, name: 'mlp-fashion', outputNames: ['logits'], source: `samples/web/build.ts (samples/mlp-fashion's MLP, ${epochs} epochs on the bundled subset, seed ${seed})` });
  } finally {
    trainer.dispose();
  }
  log(`artifact (batch 1): ${artifactDir}`);

  const n = Math.min(images, test.n);
  const x = test.x.slice(0, n * 784);
  const shown: TestImages = {
    classes: FASHION_CLASSES,
    labels: Array.from(test.y.subarray(0, n)),
    pixels: Buffer.from(Uint8Array.from(x, (v) => Math.round(v * 255))).toString('base64'),
  };
  writeFileSync(join(outDir, 'test-images.json'), JSON.stringify(shown) + '\n');

  // The entry hands the artifact's module to the app (samples/web/app.ts), so the app typechecks without
  // an artifact in the source tree. Splitting makes the CPU fallback (kiln/runtime/cpu) its own chunk.
  const entry = `import * as model from './artifact/model.js';\nimport { start } from ${JSON.stringify(join(HERE, 'app.ts'))};\nstart(model);\n`;
  await build({
    stdin: { contents: entry, resolveDir: outDir, sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outdir: outDir,
    entryNames: 'app',
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [kilnFromRoot],
    logLevel: 'warning',
  });
  for (const f of STATIC) copyFileSync(join(HERE, f), join(outDir, f));
  log(`page: ${outDir}`);
  return { outDir, artifactDir, testAccuracy, images: { labels: shown.labels, x } };
}

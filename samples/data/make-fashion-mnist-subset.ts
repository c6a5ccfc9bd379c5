// Regenerates samples/data/fashion-mnist-subset/ from Debian's dataset-fashion-mnist: the first 2,048
// training and 512 test images with their labels, as gzipped IDX files.
// Run: npx tsx samples/data/make-fashion-mnist-subset.ts
import { mkdirSync } from 'node:fs';
import { readIdx, writeIdx } from '../../compiler/data/idx.ts';

const SRC = '/usr/share/datasets/fashion-mnist';
const OUT = new URL('./fashion-mnist-subset/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
for (const [split, n] of [['train', 2048], ['t10k', 512]] as const) {
  const images = readIdx(`${SRC}/${split}-images-idx3-ubyte.gz`);
  const labels = readIdx(`${SRC}/${split}-labels-idx1-ubyte.gz`);
  writeIdx(`${OUT}${split}-images-idx3-ubyte.gz`, { shape: [n, 28, 28], data: images.data.slice(0, n * 784) });
  writeIdx(`${OUT}${split}-labels-idx1-ubyte.gz`, { shape: [n], data: labels.data.slice(0, n) });
}

// Fashion-MNIST from gzipped IDX files (the bundled subset or Debian's full set): pixels scaled to [0, 1],
// labels as i32, cut into fixed-size batches; and classification accuracy of a trainer on a split.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KilnError } from '../../ir/errors.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { packageRoot } from '../package-root.ts';
import type { Dataset } from '../train/dataset.ts';
import type { Trainer } from '../train/trainer.ts';
import { readIdx } from './idx.ts';

/** Where Debian's dataset-fashion-mnist package puts the full set (60000 training and 10000 test images). */
export const DEBIAN_FASHION_MNIST = '/usr/share/datasets/fashion-mnist';

/** The folder to read: `dir` when given, else Debian's full set when installed, else the subset bundled with kiln. */
export function fashionMnistDir(dir?: string): { readonly dir: string; readonly source: 'given' | 'debian' | 'bundled' } {
  if (dir) return { dir, source: 'given' };
  if (existsSync(join(DEBIAN_FASHION_MNIST, 'train-images-idx3-ubyte.gz'))) return { dir: DEBIAN_FASHION_MNIST, source: 'debian' };
  return { dir: join(packageRoot(), 'samples/data/fashion-mnist-subset'), source: 'bundled' };
}

export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

export interface Split {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly n: number;
}

export function loadSplit(dir: string, split: 'train' | 't10k'): Split {
  const images = join(dir, `${split}-images-idx3-ubyte.gz`);
  const im = readIdx(images), lb = readIdx(join(dir, `${split}-labels-idx1-ubyte.gz`));
  if (im.shape.length !== 3 || im.shape[1] !== 28 || im.shape[2] !== 28) throw new KilnError('INPUT', `Fashion-MNIST images must be [n, 28, 28], this file holds [${im.shape}]`, { path: images });
  if (lb.shape.length !== 1 || lb.shape[0] !== im.shape[0]) throw new KilnError('INPUT', `${im.shape[0]} images but labels of shape [${lb.shape}]`, { path: images });
  // A plain loop: Float32Array.from with a map function is ~15x slower over the 47M training pixels.
  const x = new Float32Array(im.data.length);
  for (let i = 0; i < x.length; i++) x[i] = im.data[i] / 255;
  return { x, y: Int32Array.from(lb.data), n: lb.shape[0] };
}

/** A split as fit()'s dataset: x f32[n, 784] in [0, 1], target i32[n]. */
export const splitDataset = (d: Split): Dataset => ({ inputs: { x: tensor('f32', [d.n, 784], d.x) }, target: tensor('i32', [d.n], d.y) });

/** Batch i of `size` images ([size, 784] f32) and their labels ([size] i32). */
export function batchOf(d: Split, i: number, size: number): { x: Tensor; y: Tensor } {
  return {
    x: tensor('f32', [size, 784], d.x.subarray(i * size * 784, (i + 1) * size * 784)),
    y: tensor('i32', [size], d.y.subarray(i * size, (i + 1) * size)),
  };
}

export const argmax = (row: ArrayLike<number>): number => {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
};

/** Fraction of the split's whole batches that the trainer's first output (logits) classifies right. */
export async function accuracy(trainer: Trainer, d: Split, size: number, input = 'x'): Promise<number> {
  let right = 0;
  const batches = Math.floor(d.n / size);
  for (let i = 0; i < batches; i++) {
    const { x, y } = batchOf(d, i, size);
    const [logits] = await trainer.evaluate({ [input]: x });
    for (let r = 0; r < size; r++) if (argmax(logits.data.subarray(r * 10, r * 10 + 10)) === y.data[r]) right++;
  }
  return right / (batches * size);
}

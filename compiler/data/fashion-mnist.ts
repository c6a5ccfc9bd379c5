// Fashion-MNIST from gzipped IDX files (the bundled subset or Debian's full set): pixels scaled to [0, 1],
// labels as i32, cut into fixed-size batches; and classification accuracy of a trainer on a split.
import { join } from 'node:path';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import type { Trainer } from '../train/trainer.ts';
import { readIdx } from './idx.ts';

export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

export interface Split {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly n: number;
}

export function loadSplit(dir: string, split: 'train' | 't10k'): Split {
  const im = readIdx(join(dir, `${split}-images-idx3-ubyte.gz`)), lb = readIdx(join(dir, `${split}-labels-idx1-ubyte.gz`));
  return { x: Float32Array.from(im.data, (v) => v / 255), y: Int32Array.from(lb.data), n: lb.shape[0] };
}

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

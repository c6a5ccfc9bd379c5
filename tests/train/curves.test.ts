// The training curves SVG of a fit() history, and the Fashion-MNIST data helpers fit() samples use.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fashionMnistDir, loadSplit, splitDataset } from '../../compiler/data/fashion-mnist.ts';
import { curvesSvg } from '../../compiler/train/curves.ts';
import type { History } from '../../compiler/train/fit.ts';
import { KilnError } from '../../ir/errors.ts';

const history: History = {
  stoppedEarly: false,
  epochs: [1.5, 0.9, 0.6].map((loss, i) => ({ epoch: i + 1, loss, metrics: { val_accuracy: 0.5 + i * 0.1 }, steps: 10, ms: 100, samplesPerSec: 1000 })),
};

describe('curvesSvg', () => {
  it('draws one panel per series with a point per epoch, its range labelled', () => {
    const svg = curvesSvg(history, 'a <title> & more');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg).toContain('>val_accuracy</text>');
    expect(svg).toContain('>1.50</text>');
    expect(svg).toContain('epoch 3: 0.600');
    expect(svg).toContain('a &lt;title&gt; &amp; more');
    // The loss falls, so its line goes down the panel: y grows along the polyline.
    const ys = /points="([^"]+)"/.exec(svg)![1].split(' ').map((p) => Number(p.split(',')[1]));
    expect(ys[0]).toBeLessThan(ys[1]);
    expect(ys[1]).toBeLessThan(ys[2]);
  });
});

/** A gzipped IDX file: magic (0, 0, type 0x08 ubyte, rank), big-endian dims, then the bytes. */
function idx(dims: number[], bytes: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt8(0x08, 2);
  head.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return gzipSync(Buffer.concat([head, Buffer.from(bytes)]));
}

describe('Fashion-MNIST data', () => {
  it('prefers a given folder, reads a split, and makes it a dataset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-fmnist-'));
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), idx([2, 28, 28], Array.from({ length: 2 * 784 }, (_, i) => i % 256)));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), idx([2], [3, 7]));
    expect(fashionMnistDir(dir)).toEqual({ dir, source: 'given' });
    expect(['debian', 'bundled']).toContain(fashionMnistDir().source);
    const d = splitDataset(loadSplit(dir, 'train'));
    expect(d.inputs.x.shape).toEqual([2, 784]);
    expect(d.inputs.x.data[255]).toBeCloseTo(1);
    expect(Array.from(d.target.data)).toEqual([3, 7]);
  });

  it('refuses labels that do not match the images', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-fmnist-'));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), idx([2, 28, 28], new Array(2 * 784).fill(0)));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), idx([3], [1, 2, 3]));
    expect(() => loadSplit(dir, 't10k')).toThrowError(KilnError);
    expect(() => loadSplit(dir, 't10k')).toThrowError(/2 images but labels of shape \[3\]/);
  });
});

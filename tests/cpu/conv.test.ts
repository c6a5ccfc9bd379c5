// The batched convolution (several images' column matrices side by side in one product, written back through
// column segments) against each image convolved on its own, with the SIMD and the JS GEMM, over chunks of images
// that do not divide the batch, groups, strides, dilation and padding.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { evalNode } from '../../runtime/cpu/interpreter.ts';
import { convSlab } from '../../runtime/cpu/kernels/conv.ts';
import { gemmConfig } from '../../runtime/cpu/kernels/gemm.ts';

function rand(shape: number[], seed: number): Tensor {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor('f32', shape, Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1));
}

function conv(x: Tensor, w: Tensor, b: Tensor | undefined, attrs: Record<string, unknown>): Tensor {
  const g = new Graph();
  const ins = [g.addInput('x', { dtype: 'f32', shape: x.shape }), g.addInput('w', { dtype: 'f32', shape: w.shape })];
  if (b) ins.push(g.addInput('b', { dtype: 'f32', shape: b.shape }));
  g.addNode('Conv', ins, attrs as never);
  return evalNode(g.nodes[0], b ? [x, w, b] : [x, w])[0];
}

const cases: [string, number[], number[], Record<string, unknown>][] = [
  ['3x3 pad 1', [5, 3, 9, 8], [6, 3, 3, 3], { pads: [1, 1, 1, 1] }],
  ['groups, stride, dilation', [5, 4, 11, 10], [6, 2, 3, 2], { group: 2, strides: [2, 1], dilations: [1, 2], pads: [0, 1, 2, 0] }],
  ['1-D', [5, 2, 40], [3, 2, 5], { pads: [2, 2] }],
];

describe('batched convolution', () => {
  for (const [name, xs, ws, attrs] of cases) {
    for (const simd of [true, false]) {
      it(`${name}: matches one image at a time (${simd ? 'SIMD' : 'JS'} GEMM)`, () => {
        const saved = convSlab.elements;
        gemmConfig.simd = simd;
        try {
          const x = rand(xs, 1), w = rand(ws, 2), b = rand([ws[0]], 3);
          const kdim = ws.slice(1).reduce((p, q) => p * q, 1);
          const one = conv(tensor('f32', [1, ...xs.slice(1)], x.data.slice(0, x.data.length / xs[0])), w, b, attrs);
          convSlab.elements = 2 * kdim * one.data.length / ws[0]; // two images per product: chunks of 2, 2, 1
          const all = conv(x, w, b, attrs);
          const per = one.data.length;
          for (let i = 0; i < xs[0]; i++) {
            const xi = tensor('f32', [1, ...xs.slice(1)], x.data.slice(i * (x.data.length / xs[0]), (i + 1) * (x.data.length / xs[0])));
            const yi = conv(xi, w, b, attrs);
            const got = Array.from(all.data.slice(i * per, (i + 1) * per));
            got.forEach((v, j) => expect(Math.abs(v - yi.data[j])).toBeLessThan(1e-5));
          }
        } finally {
          convSlab.elements = saved;
          gemmConfig.simd = true;
        }
      });
    }
  }
});

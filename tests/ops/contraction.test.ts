import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { numel, stridesOf } from '../../ir/shape.ts';
import { type Tensor, tensor } from '../../ir/tensor.ts';
import { ImportContext, type OnnxNode } from '../../compiler/onnx/context.ts';
import { CONTRACTION_CONVERTERS } from '../../compiler/onnx/ops/contraction.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { convSlab } from '../../runtime/cpu/kernels/conv.ts';

// Deterministic pseudo-random values in [-1, 1).
function rand(shape: number[], seed = 1): Tensor {
  let s = seed * 2654435761 >>> 0;
  const n = numel(shape);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) { s = (s * 1664525 + 1013904223) >>> 0; d[i] = s / 2 ** 31 - 1; }
  return tensor('f32', shape, d);
}

/** Runs one op on concrete inputs (undefined = absent optional input). */
function run(op: OpName, xs: (Tensor | undefined)[], attrs: Record<string, AttrValue> = {}): Tensor {
  const g = new Graph();
  const vs = xs.map((t, i) => (t ? g.addInput(`x${i}`, t) : undefined));
  g.outputs = g.addNode(op, vs, attrs);
  const m = new Map<string, Tensor>();
  xs.forEach((t, i) => t && m.set(`x${i}`, t));
  return interpret(g, m)[0];
}

const shapeOf = (op: OpName, shapes: number[][], attrs: Record<string, AttrValue> = {}) => {
  const g = new Graph();
  const vs = shapes.map((s, i) => g.addInput(`x${i}`, { dtype: 'f32', shape: s }));
  return g.addNode(op, vs, attrs)[0].type.shape;
};

function expectClose(got: Tensor, want: { shape: number[]; data: ArrayLike<number> }): void {
  expect(got.shape).toEqual(want.shape);
  for (let i = 0; i < want.data.length; i++) {
    const w = want.data[i];
    if (Math.abs(got.data[i] - w) > 1e-4 + 1e-4 * Math.abs(w)) expect([i, got.data[i]]).toEqual([i, w]);
  }
}

const unravel = (i: number, shape: readonly number[]) => {
  const st = stridesOf(shape);
  return shape.map((d, k) => Math.floor(i / st[k]) % d);
};
const ravel = (ix: readonly number[], shape: readonly number[]) => ix.reduce((a, v, k) => a * shape[k] + v, 0);

/** Naive numpy matmul with float64 sums. */
function refMatmul(a: Tensor, b: Tensor): { shape: number[]; data: Float64Array } {
  const a2 = a.shape.length === 1 ? [1, ...a.shape] : [...a.shape], b2 = b.shape.length === 1 ? [...b.shape, 1] : [...b.shape];
  const r = Math.max(a2.length, b2.length);
  const A = [...new Array(r - a2.length).fill(1), ...a2], B = [...new Array(r - b2.length).fill(1), ...b2];
  const batch = A.slice(0, -2).map((d, i) => Math.max(d, B[i]));
  const [m, k] = A.slice(-2), n = B[r - 1];
  const outFull = [...batch, m, n];
  const data = new Float64Array(numel(outFull));
  for (let o = 0; o < data.length; o++) {
    const ix = unravel(o, outFull);
    const bi = ix.slice(0, -2), i = ix[r - 2], j = ix[r - 1];
    let s = 0;
    for (let p = 0; p < k; p++) {
      const ai = [...bi.map((v, q) => (A[q] === 1 ? 0 : v)), i, p], bj = [...bi.map((v, q) => (B[q] === 1 ? 0 : v)), p, j];
      s += a.data[ravel(ai, A)] * b.data[ravel(bj, B)];
    }
    data[o] = s;
  }
  const shape = [...batch, ...(a.shape.length === 1 ? [] : [m]), ...(b.shape.length === 1 ? [] : [n])];
  return { shape, data };
}

interface ConvCfg { strides?: number[]; pads?: number[]; dilations?: number[]; group?: number; output_padding?: number[] }

/** Direct N-D convolution: every output element sums over its receptive field. */
function refConv(x: Tensor, w: Tensor, b: Tensor | undefined, c: ConvCfg, outSpatial: number[]) {
  const nd = x.shape.length - 2, g = c.group ?? 1;
  const s = c.strides ?? new Array(nd).fill(1), d = c.dilations ?? new Array(nd).fill(1), p = c.pads ?? new Array(2 * nd).fill(0);
  const [N, C] = x.shape, M = w.shape[0], cg = C / g, mg = M / g, ks = w.shape.slice(2);
  const shape = [N, M, ...outSpatial];
  const data = new Float64Array(numel(shape));
  for (let o = 0; o < data.length; o++) {
    const [n, m, ...os] = unravel(o, shape);
    const gi = Math.floor(m / mg);
    let acc = b ? b.data[m] : 0;
    for (let ci = 0; ci < cg; ci++) {
      for (let kk = 0; kk < numel(ks); kk++) {
        const kx = unravel(kk, ks);
        const ix = os.map((v, q) => v * s[q] - p[q] + kx[q] * d[q]);
        if (ix.some((v, q) => v < 0 || v >= x.shape[2 + q])) continue;
        acc += x.data[ravel([n, gi * cg + ci, ...ix], x.shape)] * w.data[ravel([m, ci, ...kx], w.shape)];
      }
    }
    data[o] = acc;
  }
  return { shape, data };
}

/** Direct N-D transposed convolution: every input element scatters through the kernel. */
function refConvT(x: Tensor, w: Tensor, b: Tensor | undefined, c: ConvCfg) {
  const nd = x.shape.length - 2, g = c.group ?? 1;
  const s = c.strides ?? new Array(nd).fill(1), d = c.dilations ?? new Array(nd).fill(1), p = c.pads ?? new Array(2 * nd).fill(0);
  const op = c.output_padding ?? new Array(nd).fill(0);
  const [N, C] = x.shape, mg = w.shape[1], M = mg * g, cg = C / g, ks = w.shape.slice(2);
  const sp = x.shape.slice(2).map((n, q) => s[q] * (n - 1) + op[q] + (ks[q] - 1) * d[q] + 1 - p[q] - p[q + nd]);
  const shape = [N, M, ...sp];
  const data = new Float64Array(numel(shape));
  for (let o = 0; o < data.length; o++) data[o] = b ? b.data[unravel(o, shape)[1]] : 0;
  for (let i = 0; i < numel(x.shape); i++) {
    const [n, ci, ...is] = unravel(i, x.shape);
    const gi = Math.floor(ci / cg);
    for (let mi = 0; mi < mg; mi++) {
      for (let kk = 0; kk < numel(ks); kk++) {
        const kx = unravel(kk, ks);
        const os = is.map((v, q) => v * s[q] - p[q] + kx[q] * d[q]);
        if (os.some((v, q) => v < 0 || v >= sp[q])) continue;
        data[ravel([n, gi * mg + mi, ...os], shape)] += x.data[i] * w.data[ravel([ci, mi, ...kx], w.shape)];
      }
    }
  }
  return { shape, data };
}

describe('MatMul', () => {
  it('shape rule: batching, broadcasting, 1-D operands', () => {
    expect(shapeOf('MatMul', [[2, 3, 4], [4, 5]])).toEqual([2, 3, 5]);
    expect(shapeOf('MatMul', [[2, 1, 3, 4], [5, 4, 6]])).toEqual([2, 5, 3, 6]);
    expect(shapeOf('MatMul', [[4], [2, 4, 5]])).toEqual([2, 5]);
    expect(shapeOf('MatMul', [[3, 4], [4]])).toEqual([3]);
    expect(shapeOf('MatMul', [[4], [4]])).toEqual([]);
    expect(() => shapeOf('MatMul', [[3, 4], [5, 6]])).toThrowError(/\[SHAPE\].*inner dims differ/);
    expect(() => shapeOf('MatMul', [[2, 3, 4], [3, 4, 5]])).toThrowError(/\[SHAPE\].*do not broadcast/);
  });

  const cases: [number[], number[]][] = [
    [[5, 7], [7, 3]], [[1, 1], [1, 1]], [[37, 300], [300, 41]], [[3, 2, 9], [9, 6]], [[2, 1, 5, 4], [3, 4, 7]],
    [[6], [6, 5]], [[4, 6], [6]], [[9], [9]], [[2, 3, 8], [8]], [[3, 20], [2, 20, 1030]],
  ];
  for (const [sa, sb] of cases) {
    it(`values [${sa}] x [${sb}] match a naive reference`, () => {
      const a = rand(sa, 1), b = rand(sb, 2);
      expectClose(run('MatMul', [a, b]), refMatmul(a, b));
    });
  }

  it('integer MatMul is exact', () => {
    const a = tensor('i32', [2, 3], [1, 2, 3, 4, 5, 6]), b = tensor('i32', [3, 2], [7, 8, 9, 10, 11, 12]);
    const r = run('MatMul', [a, b]);
    expect(r.dtype).toBe('i32');
    expect(Array.from(r.data)).toEqual([58, 64, 139, 154]);
  });
});

describe('Gemm', () => {
  it('shape rule with transposes; rejects a bias that does not broadcast', () => {
    expect(shapeOf('Gemm', [[4, 3], [5, 4]], { transA: 1, transB: 1 })).toEqual([3, 5]);
    expect(() => shapeOf('Gemm', [[3, 4], [4, 5], [3, 4]])).toThrowError(/\[SHAPE\].*bias \[3,4\]/);
    expect(() => shapeOf('Gemm', [[3, 4], [5, 4]])).toThrowError(/\[SHAPE\].*inner dims/);
  });

  it('hand-computed: alpha, beta, transposes and a row bias', () => {
    // A^T = [[1,2],[3,4]], B^T = [[1,0],[1,1]] -> A^T B^T = [[3,2],[7,4]]; 2*that + 0.5*[10,20].
    const A = tensor('f32', [2, 2], [1, 3, 2, 4]), B = tensor('f32', [2, 2], [1, 1, 0, 1]), C = tensor('f32', [2], [10, 20]);
    const r = run('Gemm', [A, B, C], { transA: 1, transB: 1, alpha: 2, beta: 0.5 });
    expect(Array.from(r.data)).toEqual([11, 14, 19, 18]);
  });

  for (const [ta, tb, cs] of [[0, 0, [1]], [1, 0, [7, 1]], [0, 1, [13]], [1, 1, [7, 13]]] as [number, number, number[]][]) {
    it(`matches reference transA=${ta} transB=${tb} C=[${cs}]`, () => {
      const [m, k, n] = [7, 270, 13];
      const A = rand(ta ? [k, m] : [m, k], 3), B = rand(tb ? [n, k] : [k, n], 4), C = rand(cs, 5);
      const r = run('Gemm', [A, B, C], { transA: ta, transB: tb, alpha: 0.5, beta: 2 });
      const want = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A.data[ta ? p * m + i : i * k + p] * B.data[tb ? j * k + p : p * n + j];
        const c = C.data[(cs.length === 2 && cs[0] === m ? i * cs[1] : 0) + (cs[cs.length - 1] === n ? j : 0)];
        want[i * n + j] = 0.5 * s + 2 * c;
      }
      expectClose(r, { shape: [m, n], data: want });
    });
  }
});

describe('Conv', () => {
  it('shape rule; rejects channel mismatch and bad bias', () => {
    expect(shapeOf('Conv', [[1, 3, 10, 12], [8, 3, 3, 3]], { strides: [2, 2], pads: [1, 1, 1, 1] })).toEqual([1, 8, 5, 6]);
    expect(shapeOf('Conv', [[2, 4, 9], [6, 2, 3]], { group: 2, dilations: [2] })).toEqual([2, 6, 5]);
    expect(() => shapeOf('Conv', [[1, 3, 10, 10], [8, 4, 3, 3]])).toThrowError(/\[SHAPE\].*do not match with group 1/);
    expect(() => shapeOf('Conv', [[1, 3, 10, 10], [8, 3, 3, 3], [4]])).toThrowError(/\[SHAPE\].*bias must be \[8\]/);
    expect(() => shapeOf('Conv', [[1, 3, 2, 2], [8, 3, 3, 3]])).toThrowError(/\[SHAPE\].*empty/);
  });

  const cases: [string, number[], number[], ConvCfg, boolean][] = [
    ['1-D stride 2, asymmetric pads', [2, 3, 11], [4, 3, 3], { strides: [2], pads: [1, 2] }, true],
    ['2-D plain', [1, 2, 5, 6], [3, 2, 3, 3], {}, false],
    ['2-D pads, strides, dilations', [2, 3, 9, 8], [5, 3, 3, 2], { strides: [2, 1], pads: [1, 0, 2, 1], dilations: [2, 1] }, true],
    ['2-D groups', [1, 6, 7, 7], [4, 3, 3, 3], { group: 2, pads: [1, 1, 1, 1] }, true],
    ['2-D depthwise', [1, 4, 6, 6], [4, 1, 3, 3], { group: 4, strides: [2, 2] }, false],
    ['2-D pointwise', [2, 5, 4, 3], [7, 5, 1, 1], {}, true],
    ['2-D kernel larger than input with padding', [1, 1, 2, 2], [1, 1, 3, 3], { pads: [2, 2, 2, 2], strides: [3, 3] }, false],
    ['3-D', [1, 2, 5, 4, 6], [3, 2, 2, 3, 2], { strides: [1, 2, 1], pads: [1, 0, 1, 0, 1, 1] }, true],
    ['2-D wide K (K > 256)', [1, 40, 6, 6], [9, 40, 3, 3], { pads: [1, 1, 1, 1] }, false],
  ];
  for (const [name, xs, ws, cfg, bias] of cases) {
    it(`matches direct convolution: ${name}`, () => {
      const x = rand(xs, 6), w = rand(ws, 7), b = bias ? rand([ws[0]], 8) : undefined;
      const r = run('Conv', [x, w, b], cfg as Record<string, AttrValue>);
      expectClose(r, refConv(x, w, b, cfg, r.shape.slice(2)));
    });
  }
});

describe('slabbed column matrices', () => {
  it('Conv and ConvTranspose give the same result when the column matrix is built in slabs', () => {
    const saved = convSlab.elements;
    const x = rand([2, 3, 7, 6], 19), w = rand([4, 3, 3, 2], 20), wt = rand([3, 4, 3, 2], 21);
    const cfg = { strides: [2, 1], pads: [1, 1, 0, 1] };
    try {
      convSlab.elements = 252; // Conv: 2 of its 3 output lines per slab (a remainder slab); ConvTranspose: 1 line
      const r = run('Conv', [x, w], cfg);
      expectClose(r, refConv(x, w, undefined, cfg, r.shape.slice(2)));
      expectClose(run('ConvTranspose', [x, wt], cfg), refConvT(x, wt, undefined, cfg));
    } finally {
      convSlab.elements = saved;
    }
  });
});

describe('ConvTranspose', () => {
  it('shape rule; rejects channel mismatch', () => {
    expect(shapeOf('ConvTranspose', [[1, 3, 3, 3], [3, 2, 3, 3]], { strides: [3, 2], output_padding: [1, 1] })).toEqual([1, 2, 10, 8]);
    expect(shapeOf('ConvTranspose', [[1, 4, 5], [4, 3, 3]], { group: 2 })).toEqual([1, 6, 7]);
    expect(() => shapeOf('ConvTranspose', [[1, 3, 3, 3], [2, 2, 3, 3]])).toThrowError(/\[SHAPE\].*do not match/);
  });

  const cases: [string, number[], number[], ConvCfg, boolean][] = [
    ['1-D', [1, 2, 5], [2, 3, 3], {}, true],
    ['2-D strides, pads, output_padding', [2, 3, 4, 3], [3, 2, 3, 3], { strides: [3, 2], pads: [1, 0, 1, 1], output_padding: [1, 1] }, true],
    ['2-D dilations', [1, 2, 3, 3], [2, 2, 2, 2], { dilations: [2, 2] }, false],
    ['2-D groups', [1, 4, 3, 4], [4, 3, 3, 2], { group: 2, strides: [2, 2] }, true],
    ['2-D pointwise', [2, 5, 3, 3], [5, 4, 1, 1], {}, true],
    ['2-D 1x1 kernel, dilated, output_padding', [1, 2, 3, 3], [2, 3, 1, 1], { dilations: [2, 2], output_padding: [1, 1] }, true],
    ['3-D', [1, 2, 3, 4, 3], [2, 2, 3, 2, 2], { strides: [2, 1, 2], pads: [0, 1, 0, 1, 0, 0] }, false],
  ];
  for (const [name, xs, ws, cfg, bias] of cases) {
    it(`matches direct scatter: ${name}`, () => {
      const x = rand(xs, 9), w = rand(ws, 10), b = bias ? rand([ws[1] * (cfg.group ?? 1)], 11) : undefined;
      expectClose(run('ConvTranspose', [x, w, b], cfg as Record<string, AttrValue>), refConvT(x, w, b, cfg));
    });
  }
});

describe('Einsum', () => {
  it('shape rule: explicit, implicit and ellipsis outputs; rejects size mismatch', () => {
    expect(shapeOf('Einsum', [[2, 3], [3, 4]], { equation: 'ij,jk->ik' })).toEqual([2, 4]);
    expect(shapeOf('Einsum', [[2, 3], [3, 4]], { equation: 'ij,jk' })).toEqual([2, 4]);
    expect(shapeOf('Einsum', [[3, 2]], { equation: 'ba' })).toEqual([2, 3]);
    expect(shapeOf('Einsum', [[5, 2, 3], [3, 4]], { equation: '...ij,jk->...ik' })).toEqual([5, 2, 4]);
    expect(shapeOf('Einsum', [[2, 3, 3]], { equation: '...ii->...i' })).toEqual([2, 3]);
    expect(shapeOf('Einsum', [[4]], { equation: 'i->' })).toEqual([]);
    expect(() => shapeOf('Einsum', [[2, 3], [4, 5]], { equation: 'ij,jk->ik' })).toThrowError(/\[SHAPE\].*size mismatch/);
    expect(() => shapeOf('Einsum', [[2, 3]], { equation: 'ij->ik' })).toThrowError(/\[SHAPE\].*not in any input/);
  });

  it('hand-computed forms: transpose, trace, diagonal, sum, inner and outer products', () => {
    const m = tensor('f32', [2, 2], [1, 2, 3, 4]);
    expect(Array.from(run('Einsum', [m], { equation: 'ij->ji' }).data)).toEqual([1, 3, 2, 4]);
    expect(Array.from(run('Einsum', [m], { equation: 'ii' }).data)).toEqual([5]);
    expect(Array.from(run('Einsum', [m], { equation: 'ii->i' }).data)).toEqual([1, 4]);
    expect(Array.from(run('Einsum', [m], { equation: 'ij->i' }).data)).toEqual([3, 7]);
    const v = tensor('f32', [2], [5, 6]);
    expect(Array.from(run('Einsum', [v, v], { equation: 'i,i' }).data)).toEqual([61]);
    expect(Array.from(run('Einsum', [v, m], { equation: 'i,jk->ijk' }).data)).toEqual([5, 10, 15, 20, 6, 12, 18, 24]);
  });

  it('batched matmul with permuted output matches MatMul', () => {
    const a = rand([3, 5, 7], 12), b = rand([3, 7, 4], 13);
    const want = refMatmul(a, b); // [b,i,k]
    const got = run('Einsum', [a, b], { equation: 'bij,bjk->kbi' });
    expect(got.shape).toEqual([4, 3, 5]);
    for (let bi = 0; bi < 3; bi++) for (let i = 0; i < 5; i++) for (let k = 0; k < 4; k++) {
      expect(got.data[(k * 3 + bi) * 5 + i]).toBeCloseTo(want.data[(bi * 5 + i) * 4 + k], 4);
    }
  });

  it('three operands and broadcast ellipsis (generic path)', () => {
    const a = rand([2, 3], 14), b = rand([3, 4], 15), c = rand([4], 16);
    const got = run('Einsum', [a, b, c], { equation: 'ij,jk,k->i' });
    const want = [0, 1].map((i) => { let s = 0; for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) s += a.data[i * 3 + j] * b.data[j * 4 + k] * c.data[k]; return s; });
    expectClose(got, { shape: [2], data: want });
    const x = rand([1, 2, 3], 17), y = rand([5, 3, 2], 18);
    const r = run('Einsum', [x, y], { equation: '...ij,...jk->...ik' });
    expectClose(r, refMatmul(x, y));
  });
});

describe('ONNX Conv converters', () => {
  const node = (opType: string, inputs: OnnxNode['inputs'], attrs: OnnxNode['attrs']): OnnxNode => ({ name: 'n', opType, inputs, attrs, outputCount: 1 });

  it('Conv auto_pad SAME_UPPER / SAME_LOWER / VALID become explicit pads', () => {
    const g = new Graph();
    const ctx = new ImportContext(g, 13);
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 5, 6] }), w = g.addInput('w', { dtype: 'f32', shape: [1, 1, 4, 3] });
    const pads = (mode: string, strides = [2, 2]) => {
      CONTRACTION_CONVERTERS.Conv(ctx, node('Conv', [x, w], { auto_pad: mode, strides }));
      return g.nodes[g.nodes.length - 1].attrs.pads;
    };
    // H: out 3, total (3-1)*2+4-5 = 3; W: out 3, total (3-1)*2+3-6 = 1.
    expect(pads('SAME_UPPER')).toEqual([1, 0, 2, 1]);
    expect(pads('SAME_LOWER')).toEqual([2, 1, 1, 0]);
    expect(pads('VALID')).toEqual([0, 0, 0, 0]);
    expect(() => CONTRACTION_CONVERTERS.Conv(ctx, node('Conv', [x, w], { kernel_shape: [3, 3] }))).toThrowError(/kernel_shape/);
  });

  it('ConvTranspose output_shape becomes pads or output_padding', () => {
    const g = new Graph();
    const ctx = new ImportContext(g, 13);
    const x = g.addInput('x', { dtype: 'f32', shape: [1, 1, 3, 3] }), w = g.addInput('w', { dtype: 'f32', shape: [1, 2, 3, 3] });
    const [y] = CONTRACTION_CONVERTERS.ConvTranspose(ctx, node('ConvTranspose', [x, w], { strides: [3, 2], output_shape: [10, 8] }));
    expect(y?.type.shape).toEqual([1, 2, 10, 8]);
    const [z] = CONTRACTION_CONVERTERS.ConvTranspose(ctx, node('ConvTranspose', [x, w], { strides: [2, 2], auto_pad: 'SAME_UPPER' }));
    expect(z?.type.shape).toEqual([1, 2, 6, 6]);
    expect(g.nodes[g.nodes.length - 1].attrs.pads).toEqual([0, 0, 1, 1]);
    // Without auto_pad, an odd total padding puts the extra unit at the start (ONNX spec).
    CONTRACTION_CONVERTERS.ConvTranspose(ctx, node('ConvTranspose', [x, w], { strides: [2, 2], output_shape: [6, 6] }));
    expect(g.nodes[g.nodes.length - 1].attrs.pads).toEqual([1, 1, 0, 0]);
  });
});

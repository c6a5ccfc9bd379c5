// The movement WGSL kernels (Pad, Concat, Split, Tile, DepthToSpace, SpaceToDepth, Trilu, Gather*,
// Scatter*, OneHot, ReverseSequence, Resize) against the CPU interpreter on random shapes and attributes
// (fast-check): size-1 and odd dims, zero-size pieces, negative indices, and inputs that are strided views
// (transposed, sliced with a step, broadcast) rather than contiguous buffers.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { MOVEMENT_LOWERINGS } from '../../compiler/wgsl/lower/movement.ts';
import type { DType } from '../../ir/dtype.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { MOVEMENT_OPS } from '../../ir/ops/movement.ts';
import { numel, stridesOf } from '../../ir/shape.ts';
import { tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

/** How an input reaches the op: its own buffer, or a strided view of a bigger or permuted one. */
type ViewKind = 'plain' | 'transpose' | 'slice' | 'expand';
interface In { dtype: DType; shape: number[]; view: ViewKind; values?: number[] }
interface Case { op: OpName; ins: In[]; attrs: Record<string, AttrValue> }

/** Adds input `name` so that, after its view node, it has shape `x.shape`; returns the value and a base-data maker. */
function viewed(g: Graph, name: string, x: In): { v: Value; base: (logical: readonly number[]) => number[] } {
  const s = x.shape, r = s.length, kind = r === 0 || (x.view === 'expand' && x.values) ? 'plain' : x.view;
  if (kind === 'transpose') {
    const v = g.addInput(name, { dtype: x.dtype, shape: [...s].reverse() });
    const [t] = g.addNode('Transpose', [v], { perm: s.map((_, i) => r - 1 - i) });
    return { v: t, base: (l) => permute(l, s) };
  }
  if (kind === 'slice') {
    // Every dim doubled plus one, read from 1 with step 2: an offset and strides of 2x.
    const big = s.map((d) => 2 * d + 1);
    const v = g.addInput(name, { dtype: x.dtype, shape: big });
    const [t] = g.addNode('Slice', [v], { starts: s.map(() => 1), ends: big, axes: s.map((_, i) => i), steps: s.map(() => 2) });
    return { v: t, base: (l) => sliced(l, s, big) };
  }
  if (kind === 'expand') {
    const small = s.map((d, i) => (i % 2 === 0 ? 1 : d));
    const v = g.addInput(name, { dtype: x.dtype, shape: small });
    const [t] = g.addNode('Expand', [v], { shape: s });
    return { v: t, base: (l) => l.slice() };
  }
  return { v: g.addInput(name, { dtype: x.dtype, shape: s }), base: (l) => l.slice() };
}

/** Base data of shape reverse(s) whose reversed-axes transpose is `l` (shape s). */
function permute(l: readonly number[], s: readonly number[]): number[] {
  const rs = [...s].reverse(), st = stridesOf(rs), out = new Array<number>(l.length).fill(0);
  l.forEach((val, p) => {
    let rest = p, off = 0;
    for (let d = s.length - 1; d >= 0; d--) {
      off += (rest % s[d]) * st[s.length - 1 - d];
      rest = Math.floor(rest / s[d]);
    }
    out[off] = val;
  });
  return out;
}

/** Base data of shape `big` whose [1::2] slice on every axis is `l` (other entries 0). */
function sliced(l: readonly number[], s: readonly number[], big: readonly number[]): number[] {
  const st = stridesOf(big), out = new Array<number>(numel(big)).fill(0);
  l.forEach((val, p) => {
    let rest = p, off = 0;
    for (let d = s.length - 1; d >= 0; d--) {
      off += (2 * (rest % s[d]) + 1) * st[d];
      rest = Math.floor(rest / s[d]);
    }
    out[off] = val;
  });
  return out;
}

async function check(c: Case, seed: number): Promise<void> {
  const g = new Graph(c.op);
  const vs = c.ins.map((x, i) => viewed(g, `x${i}`, x));
  g.outputs = g.addNode(c.op, vs.map((v) => v.v), c.attrs, c.op.toLowerCase());
  const inputs = randomInputs(g, seed);
  c.ins.forEach((x, i) => {
    if (!x.values) return;
    const t = inputs.get(`x${i}`)!;
    inputs.set(`x${i}`, tensor(t.dtype, t.shape, vs[i].base(x.values)));
  });
  await expectGpuMatchesCpu(gpu!, g, inputs);
}

// ---- arbitraries ----

const dim = fc.integer({ min: 1, max: 4 });
const shapeOf = (minRank: number, maxRank: number, d = dim) => fc.array(d, { minLength: minRank, maxLength: maxRank });
const view = fc.constantFrom<ViewKind>('plain', 'transpose', 'slice', 'expand');
const idxView = fc.constantFrom<ViewKind>('plain', 'transpose', 'slice');
const dataType = fc.constantFrom<DType>('f32', 'f32', 'i32', 'bool');
/** Indices valid for a dim of length n, negative ones included. */
const indices = (count: number, n: number) => fc.array(fc.integer({ min: -n, max: n - 1 }), { minLength: count, maxLength: count });
const axisOf = (rank: number) => fc.integer({ min: -rank, max: rank - 1 });
const norm = (ax: number, r: number) => (ax < 0 ? ax + r : ax);

const padCase = fc
  .tuple(shapeOf(1, 4), fc.constantFrom('constant', 'reflect', 'edge', 'wrap'), view, dataType, fc.double({ min: -3, max: 3, noNaN: true }))
  .chain(([s, mode, v, dtype, value]) =>
    fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 2 * s.length, maxLength: 2 * s.length }).map((p): Case => {
      const r = s.length;
      const pads = p.map((x, i) => {
        const d = s[i % r];
        if (mode === 'reflect' && d < 2 && x > 0) return 0;
        return Math.max(x, -Math.floor((d - 1) / 2)); // keep every output dim >= 1
      });
      return { op: 'Pad', ins: [{ dtype, shape: s, view: v }], attrs: { pads, mode, value: dtype === 'f32' ? value : dtype === 'bool' ? 1 : Math.round(value) } };
    }),
  );

const concatCase = fc.tuple(shapeOf(1, 3), dataType).chain(([s, dtype]) =>
  fc.tuple(axisOf(s.length), fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), view), { minLength: 1, maxLength: 4 })).map(([axis, parts]): Case => {
    const ax = norm(axis, s.length);
    return { op: 'Concat', ins: parts.map(([len, v]) => ({ dtype, shape: s.map((d, i) => (i === ax ? len : d)), view: v })), attrs: { axis } };
  }),
);

const splitCase = fc.tuple(shapeOf(1, 3), view, dataType).chain(([s, v, dtype]) =>
  fc.tuple(axisOf(s.length), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 })).map(([axis, split]): Case => {
    const ax = norm(axis, s.length);
    return { op: 'Split', ins: [{ dtype, shape: s.map((d, i) => (i === ax ? split.reduce((a, b) => a + b, 0) || 1 : d)), view: v }], attrs: { axis, split: split.some((x) => x) ? split : [1] } };
  }),
);

const tileCase = fc.tuple(shapeOf(1, 3), view, dataType).chain(([s, v, dtype]) =>
  fc.array(fc.integer({ min: 1, max: 3 }), { minLength: s.length, maxLength: s.length }).map((repeats): Case => ({ op: 'Tile', ins: [{ dtype, shape: s, view: v }], attrs: { repeats } })),
);

const depthCase = fc
  .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), dim, dim, view, fc.constantFrom('DCR', 'CRD'), fc.boolean())
  .map(([n, c, b, h, w, v, mode, toSpace]): Case =>
    toSpace
      ? { op: 'DepthToSpace', ins: [{ dtype: 'f32', shape: [n, c * b * b, h, w], view: v }], attrs: { blocksize: b, mode } }
      : { op: 'SpaceToDepth', ins: [{ dtype: 'f32', shape: [n, c, h * b, w * b], view: v }], attrs: { blocksize: b } });

const triluCase = fc
  .tuple(shapeOf(2, 4, fc.integer({ min: 1, max: 5 })), view, dataType, fc.integer({ min: 0, max: 1 }), fc.integer({ min: -5, max: 5 }))
  .map(([s, v, dtype, upper, k]): Case => ({ op: 'Trilu', ins: [{ dtype, shape: s, view: v }], attrs: { upper, k } }));

const gatherCase = fc.tuple(shapeOf(1, 3), view, shapeOf(0, 2), idxView, dataType).chain(([s, v, is, iv, dtype]) =>
  axisOf(s.length).chain((axis) =>
    indices(numel(is), s[norm(axis, s.length)]).map((vals): Case => ({
      op: 'Gather', ins: [{ dtype, shape: s, view: v }, { dtype: 'i32', shape: is, view: iv, values: vals }], attrs: { axis },
    })),
  ),
);

const gatherElementsCase = fc.tuple(shapeOf(1, 3), view, idxView, dataType).chain(([s, v, iv, dtype]) =>
  fc.tuple(axisOf(s.length), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: s.length, maxLength: s.length })).chain(([axis, cut]) => {
    const ax = norm(axis, s.length), is = s.map((d, i) => (i === ax ? cut[i] + 1 : Math.max(1, d - cut[i])));
    return indices(numel(is), s[ax]).map((vals): Case => ({
      op: 'GatherElements', ins: [{ dtype, shape: s, view: v }, { dtype: 'i32', shape: is, view: iv, values: vals }], attrs: { axis },
    }));
  }),
);

const gatherNdCase = fc.tuple(shapeOf(1, 4), view, idxView, shapeOf(0, 2), dataType).chain(([s, v, iv, extra, dtype]) =>
  fc.tuple(fc.integer({ min: 0, max: s.length - 1 }), fc.nat()).chain(([b, kk]) => {
    const k = kk % (s.length - b + 1), is = [...s.slice(0, b), ...extra, k];
    const tuples = numel(is.slice(0, -1));
    return fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: tuples * k, maxLength: tuples * k }).map((u): Case => {
      const vals = u.map((f, p) => { const n = s[b + (p % k)]; return Math.floor(f * 2 * n) - n; });
      return { op: 'GatherND', ins: [{ dtype, shape: s, view: v }, { dtype: 'i32', shape: is, view: iv, values: vals }], attrs: { batch_dims: b } };
    });
  }),
);

const reduction = fc.constantFrom('none', 'add', 'mul', 'max', 'min');

const scatterElementsCase = fc.tuple(shapeOf(1, 3), view, idxView, view, reduction, fc.constantFrom<DType>('f32', 'i32')).chain(([s, v, iv, uv, red, dtype]) =>
  fc.tuple(axisOf(s.length), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: s.length, maxLength: s.length })).chain(([axis, cut]) => {
    const ax = norm(axis, s.length), is = s.map((d, i) => (i === ax ? cut[i] + 1 : Math.max(1, d - cut[i])));
    return indices(numel(is), s[ax]).map((vals): Case => ({
      op: 'ScatterElements',
      ins: [{ dtype, shape: s, view: v }, { dtype: 'i32', shape: is, view: iv, values: vals }, { dtype, shape: is, view: uv }],
      attrs: { axis, reduction: red },
    }));
  }),
);

const scatterNdCase = fc.tuple(shapeOf(1, 3), view, idxView, view, reduction, shapeOf(0, 2), fc.constantFrom<DType>('f32', 'i32')).chain(([s, v, iv, uv, red, tup, dtype]) =>
  fc.integer({ min: 1, max: s.length }).chain((k) => {
    const is = [...tup, k], n = numel(tup);
    return fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: n * k, maxLength: n * k }).map((u): Case => {
      const vals = u.map((f, p) => { const d = s[p % k]; return Math.floor(f * 2 * d) - d; });
      return {
        op: 'ScatterND',
        ins: [{ dtype, shape: s, view: v }, { dtype: 'i32', shape: is, view: iv, values: vals }, { dtype, shape: [...tup, ...s.slice(k)], view: uv }],
        attrs: { reduction: red },
      };
    });
  }),
);

const oneHotCase = fc.tuple(shapeOf(0, 3), idxView, fc.integer({ min: 1, max: 5 }), fc.constantFrom<DType>('i32', 'f32'), fc.constantFrom<DType>('f32', 'i32')).chain(([s, iv, depth, it, vt]) =>
  fc.tuple(fc.integer({ min: -s.length - 1, max: s.length }), fc.array(fc.integer({ min: -depth - 2, max: depth + 1 }), { minLength: numel(s), maxLength: numel(s) }))
    .map(([axis, vals]): Case => ({
      op: 'OneHot', ins: [{ dtype: it, shape: s, view: iv, values: vals }, { dtype: vt, shape: [2], view: 'plain', values: [3, 7] }], attrs: { depth, axis },
    })),
);

const reverseSequenceCase = fc.tuple(shapeOf(2, 4), view, idxView, fc.boolean(), dataType).chain(([s, v, iv, batchFirst, dtype]) => {
  const [b, t] = batchFirst ? [0, 1] : [1, 0];
  return fc.array(fc.integer({ min: 0, max: s[t] }), { minLength: s[b], maxLength: s[b] }).map((lens): Case => ({
    op: 'ReverseSequence', ins: [{ dtype, shape: s, view: v }, { dtype: 'i32', shape: [s[b]], view: iv, values: lens }], attrs: { batch_axis: b, time_axis: t },
  }));
});

const resizeCase = fc
  .tuple(shapeOf(1, 4, fc.integer({ min: 1, max: 5 })), view, fc.constantFrom('nearest', 'linear', 'cubic'),
    fc.constantFrom('half_pixel', 'half_pixel_symmetric', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn', 'tf_crop_and_resize'),
    fc.constantFrom('round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'), fc.integer({ min: 0, max: 1 }), fc.constantFrom(-0.75, -0.5))
  .chain(([s, v, mode, coord, nearest, exclude, A]) =>
    fc.tuple(
      fc.array(fc.constantFrom(0.5, 0.6, 1, 1.5, 2, 3), { minLength: s.length, maxLength: s.length }),
      fc.array(fc.double({ min: 0, max: 0.4, noNaN: true }), { minLength: s.length, maxLength: s.length }),
      fc.array(fc.double({ min: 0.6, max: 1.2, noNaN: true }), { minLength: s.length, maxLength: s.length }),
      fc.boolean(),
    ).map(([scales, lo, hi, ints]): Case => {
      const sizes = s.map((d, i) => Math.max(1, Math.floor(d * scales[i])));
      const dtype: DType = mode === 'nearest' && ints ? 'i32' : 'f32';
      return {
        op: 'Resize', ins: [{ dtype, shape: s, view: v }],
        attrs: {
          sizes, scales, mode, coordinate_transformation_mode: coord, nearest_mode: nearest, exclude_outside: exclude, cubic_coeff_a: A,
          extrapolation_value: -1.5, roi: coord === 'tf_crop_and_resize' ? [...lo, ...hi] : [],
        },
      };
    }),
  );

const SUITES: [string, fc.Arbitrary<Case>, number][] = [
  ['Pad', padCase, 30], ['Concat', concatCase, 20], ['Split', splitCase, 16], ['Tile', tileCase, 10],
  ['DepthToSpace / SpaceToDepth', depthCase, 16], ['Trilu', triluCase, 12],
  ['Gather', gatherCase, 20], ['GatherElements', gatherElementsCase, 16], ['GatherND', gatherNdCase, 20],
  ['ScatterElements', scatterElementsCase, 30], ['ScatterND', scatterNdCase, 30],
  ['OneHot', oneHotCase, 16], ['ReverseSequence', reverseSequenceCase, 12], ['Resize', resizeCase, 60],
];

describe('movement WGSL kernels vs CPU', () => {
  it('has a lowering entry for every movement op (view ops are handled by codegen)', () => {
    expect(Object.keys(MOVEMENT_OPS).filter((op) => !(op in MOVEMENT_LOWERINGS))).toEqual([]);
  });

  it.each(SUITES)('%s', async (_name, arb, numRuns) => {
    if (!gpu) return;
    await fc.assert(fc.asyncProperty(arb, fc.integer({ min: 1, max: 1000 }), (c, seed) => check(c, seed)), { numRuns, seed: Number(process.env.KILN_FC_SEED ?? 11) });
  });

  it('Split writes every output, zero-size ones included, in one kernel', async () => {
    if (!gpu) return;
    await check({ op: 'Split', ins: [{ dtype: 'f32', shape: [3, 5], view: 'transpose' }], attrs: { axis: 1, split: [2, 0, 3] } }, 3);
    const g = new Graph('split');
    const x = g.addInput('x', { dtype: 'f32', shape: [4, 6] });
    g.outputs = g.addNode('Split', [x], { axis: 0, split: [1, 3] });
    expect(compileForWebGpu(g).program.dispatches.length).toBe(1);
  });

  it('refuses out-of-range gather indices (an INDEX error, as on the CPU) and wraps negative ones in range', async () => {
    if (!gpu) return;
    const { WebGpuExecutor } = await import('../../runtime/webgpu/executor.ts');
    const g = new Graph('gather');
    const x = g.addInput('x', { dtype: 'f32', shape: [4] });
    const i = g.addInput('i', { dtype: 'i32', shape: [4] });
    g.outputs = g.addNode('Gather', [x, i], { axis: 0 });
    const { program, data } = compileForWebGpu(g);
    const exe = await WebGpuExecutor.load(program, data, gpu);
    try {
      const x4 = tensor('f32', [4], [10, 11, 12, 13]);
      await expect(exe.run(new Map([['x', x4], ['i', tensor('i32', [4], [-1, 7, -9, 2])]]))).rejects.toThrowError(/\[INDEX\]/);
      const out = await exe.run(new Map([['x', x4], ['i', tensor('i32', [4], [-1, 3, -4, 2])]]));
      expect(Array.from(out.get(g.outputs[0].name)!.data)).toEqual([13, 13, 10, 12]);
    } finally {
      exe.dispose();
    }
  });
});

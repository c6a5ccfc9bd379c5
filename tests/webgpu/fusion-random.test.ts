// Fusion against the CPU interpreter on random graphs (fast-check): chains of elementwise ops (unary,
// broadcasting binary, bool compares feeding Where), reductions (ReduceSum/Max/Mean, keepdims 0 and 1,
// and softmax- or normalization-shaped row patterns), MatMul/Gemm, small Conv, and view/movement ops
// (Transpose, Reshape, Slice, Expand, Concat), compiled with fusion on and run on WebGPU; every output
// must match the interpreter on the same graph. A cheap check that fusion happened: a graph (as lowered)
// with an elementwise node feeding the only reader of its value, at that reader's own index, needs fewer
// dispatches fused than unfused.
//
// Kept small for lavapipe, which compiles each new shader slowly: few runs, dims <= 6, a handful of steps.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tolerance } from '../../compiler/compare.ts';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { Graph, type Node, type Value } from '../../ir/graph.ts';
import { OPS, type OpName } from '../../ir/ops/index.ts';
import { printGraph } from '../../ir/print.ts';
import { broadcastShapes, numel, sameShape, type Shape } from '../../ir/shape.ts';
import { scalar, tensor } from '../../ir/tensor.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { webgpuOrSkip } from '../support/env.ts';
import { expectGpuMatchesCpu, randomInputs } from '../support/gpu-diff.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

// As tests/webgpu/contraction.test.ts: f32 sums of a few hundred terms, the CPU accumulates in float64.
const TOL: Tolerance = { rtol: 1e-4, atol: 1e-4 };
// KILN_FUZZ_RUNS / KILN_FUZZ_SEED widen a local search; the default is what CI runs.
const RUNS = Number(process.env.KILN_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.KILN_FUZZ_SEED ?? 2024);
const f32 = (shape: Shape) => ({ dtype: 'f32' as const, shape });

const FAMILIES = [
  'unary', 'unary', 'binary', 'binary', 'where', 'reduce', 'reduce', 'row', 'matmul', 'gemm', 'conv',
  'transpose', 'reshape', 'slice', 'expand', 'concat',
] as const;
type Family = (typeof FAMILIES)[number];

/** One construction step; the numbers pick operands and variants (taken modulo what is available). */
interface Step { family: Family; a: number; b: number; p: number; q: number }

const UNARY = ['Relu', 'Neg', 'Tanh', 'Sigmoid', 'Abs', 'Sin', 'LeakyRelu', 'Exp', 'Sqrt', 'Scale'] as const;
const BINARY = ['Add', 'Sub', 'Mul', 'Max', 'Min', 'Div'] as const;
const REDUCE = ['ReduceSum', 'ReduceMax', 'ReduceMean'] as const;

/** Builds a graph from steps; deterministic, so fast-check can shrink the steps. */
class RandomGraph {
  readonly g = new Graph('random');
  /** f32 values computed from the inputs (operands of later steps). */
  readonly pool: Value[] = [];
  private inputs = 0;
  private consts = 0;
  private seed = 7;

  constructor(first: Shape) {
    this.pool.push(this.input(first));
  }

  private input(shape: Shape): Value {
    return this.g.addInput(`in${this.inputs++}`, f32(shape));
  }

  /** A weight: a parameter of pseudo-random values in [-1, 1). */
  private weight(shape: Shape): Value {
    const data = Array.from({ length: numel(shape) }, () => ((this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1);
    return this.g.addParam(`w${this.consts++}`, tensor('f32', shape, data));
  }

  private literal(v: number): Value {
    return this.g.addConstant(scalar('f32', v), `c${this.consts++}`);
  }

  private node(op: OpName, inputs: (Value | undefined)[], attrs = {}): Value {
    return this.g.addNode(op, inputs, attrs)[0];
  }

  private pick(i: number): Value {
    return this.pool[i % this.pool.length];
  }

  /** An operand broadcastable with `v`: a pool value when it is, else a fresh input or weight of a broadcast shape of v. */
  private operand(v: Value, b: number, q: number, fromPool = true): Value {
    const w = this.pick(b);
    if (fromPool && w !== v && broadcastable(v.type.shape, w.type.shape)) return w;
    const s = v.type.shape;
    const drop = s.length ? (q >> 4) % (s.length + 1) : 0;
    const shape = s.slice(drop).map((d, i) => ((q >> i) & 1 ? 1 : d));
    return (q >> 8) & 1 ? this.weight(shape) : this.input(shape);
  }

  apply({ family, a, b, p, q }: Step): void {
    const v = this.pick(a), s = v.type.shape, r = s.length;
    const out = (x: Value): void => void this.pool.push(x);
    switch (family) {
      case 'unary': {
        const op = UNARY[p % UNARY.length];
        // Exp and Sqrt on bounded / positive arguments, so values and rounding errors stay small.
        if (op === 'Exp') return out(this.node('Exp', [this.node('Tanh', [v])]));
        if (op === 'Sqrt') return out(this.node('Sqrt', [this.node('Add', [this.node('Mul', [v, v]), this.literal(1)])]));
        if (op === 'Scale') return out(this.node('Mul', [v, this.literal(0.5)]));
        return out(this.node(op, [v]));
      }
      case 'binary': {
        const op = BINARY[p % BINARY.length];
        const w = this.operand(v, b, q);
        if (op === 'Div') return out(this.node('Div', [v, this.node('Add', [this.node('Abs', [w]), this.literal(1)])]));
        return out((q >> 9) & 1 ? this.node(op, [w, v]) : this.node(op, [v, w]));
      }
      case 'where': {
        // Compared against a fresh input or a literal, never a computed value, so no near-tie can flip.
        const t = p & 1 ? this.literal(0.25) : this.operand(v, b, q, false);
        let c = this.node(p & 2 ? 'Greater' : 'Less', [v, t]);
        if (p & 4) c = this.node('Not', [c]);
        if (p & 8) c = this.node('And', [c, this.node('Greater', [v, this.literal(-1.5)])]);
        if (p & 16) return out(this.node('Mul', [this.node('Cast', [c], { to: 'f32' }), v]));
        return out(this.node('Where', [c, v, this.operand(v, b + 1, q >> 1)]));
      }
      case 'reduce': {
        const mask = p % (1 << r);
        const axes = [...Array(r).keys()].filter((i) => (mask >> i) & 1); // none: every axis
        return out(this.node(REDUCE[q % REDUCE.length], [v], { axes, keepdims: (q >> 2) & 1 }));
      }
      case 'row': {
        // Softmax / normalization shapes (row kernels): a keepdims reduction broadcast back over its rows,
        // then optionally a second reduction over the same axes and a normalization by it.
        if (r === 0) return;
        const mask = 1 + (p % ((1 << r) - 1));
        const axes = [...Array(r).keys()].filter((i) => (mask >> i) & 1);
        const max = q & 1;
        const c = this.node('Sub', [v, this.node(max ? 'ReduceMax' : 'ReduceMean', [v], { axes, keepdims: 1 })]);
        if ((q >> 1) & 1) return out(c);
        const e = max ? this.node('Exp', [c]) : this.node('Mul', [c, c]);
        const sum = this.node('ReduceSum', [e], { axes, keepdims: 1 });
        return out(max ? this.node('Div', [e, sum]) : this.node('Div', [c, this.node('Sqrt', [this.node('Add', [sum, this.literal(1)])])]));
      }
      case 'matmul': {
        if (r === 0) return;
        const k = s[r - 1], n = 1 + (p % 6);
        const w = this.pick(b), ws = w.type.shape;
        if (r >= 2 && ws.length >= 2 && ws[ws.length - 2] === k && broadcastable(s.slice(0, -2), ws.slice(0, -2)) && w !== v) return out(this.node('MatMul', [v, w]));
        // A fresh right operand, sometimes read through a transpose view.
        const rhs = q & 1 ? this.node('Transpose', [(q >> 1) & 1 ? this.weight([n, k]) : this.input([n, k])], { perm: [1, 0] }) : (q >> 1) & 1 ? this.weight([k, n]) : this.input([k, n]);
        return out(this.node('MatMul', [v, rhs]));
      }
      case 'gemm': {
        if (r === 0) return;
        const a2 = r === 2 ? v : this.node('Reshape', [v], { shape: [-1, s[r - 1]] });
        const [m, k] = a2.type.shape, n = 1 + (p % 6), transB = q & 1;
        const B = (q >> 1) & 1 ? this.weight(transB ? [n, k] : [k, n]) : this.input(transB ? [n, k] : [k, n]);
        const biasShapes: (Shape | undefined)[] = [undefined, [n], [1, n], [m, n]];
        const bs = biasShapes[(q >> 2) % 4];
        const C = bs && this.weight(bs);
        return out(this.node('Gemm', C ? [a2, B, C] : [a2, B], { transB, alpha: (q >> 4) & 1 ? 0.5 : 1, beta: (q >> 5) & 1 ? 2 : 1 }));
      }
      case 'conv': {
        if (r === 0) return;
        const x = r >= 3 ? (r === 3 ? this.node('Unsqueeze', [v], { axes: [0] }) : r === 4 ? v : this.node('Reshape', [v], { shape: [1, s[0], s[1], -1] }))
          : this.node('Reshape', [v], { shape: r === 2 ? [1, 1, ...s] : [1, 1, s[0]] });
        const xs = x.type.shape, spatial = xs.slice(2);
        const kernel = spatial.map((d, i) => 1 + (((p >> (2 * i)) & 3) % Math.min(d, 3)));
        const pad = q & 1, stride = 1 + ((q >> 1) & 1), m = 1 + ((q >> 2) % 3);
        const w = this.weight([m, xs[1], ...kernel]);
        const bias = (q >> 4) & 1 ? this.weight([m]) : undefined;
        return out(this.node('Conv', bias ? [x, w, bias] : [x, w], { pads: spatial.flatMap(() => [pad]).concat(spatial.map(() => pad)), strides: spatial.map(() => stride) }));
      }
      case 'transpose': {
        if (r < 2) return;
        return out(this.node('Transpose', [v], { perm: permutation(r, p) }));
      }
      case 'reshape': {
        const variant = p % 4;
        if (variant === 0 || r === 0) return out(this.node('Reshape', [v], { shape: [-1] }));
        if (variant === 1) return out(this.node('Unsqueeze', [v], { axes: [q % (r + 1)] }));
        if (variant === 2 && r >= 2) return out(this.node('Reshape', [v], { shape: [s[0] * s[1], ...s.slice(2)] }));
        const ax = q % r, d = s[ax], f = [2, 3].find((f) => d % f === 0 && d > f);
        return out(this.node('Reshape', [v], { shape: f ? [...s.slice(0, ax), f, d / f, ...s.slice(ax + 1)] : [...s, 1] }));
      }
      case 'slice': {
        if (r === 0) return;
        const ax = p % r, d = s[ax];
        const start = q % d, end = start + 1 + ((q >> 3) % (d - start));
        if ((q >> 6) & 1) {
          // Reversed: from end - 1 down to start (an end of -d-1 means "before index 0").
          return out(this.node('Slice', [v], { starts: [end - 1], ends: [start === 0 ? -d - 1 : start - 1], axes: [ax], steps: [-1] }));
        }
        return out(this.node('Slice', [v], { starts: [start], ends: [end], axes: [ax], steps: [1 + ((q >> 7) & 1)] }));
      }
      case 'expand': {
        const ones = s.flatMap((d, i) => (d === 1 ? [i] : []));
        const target = ones.length ? s.map((d, i) => (i === ones[p % ones.length] ? 2 + (q % 4) : d)) : [2 + (q % 4), ...s];
        return out(this.node('Expand', [v], { shape: target }));
      }
      case 'concat': {
        if (r === 0) return;
        const ax = p % r, w = this.pick(b), ws = w.type.shape;
        const fits = ws.length === r && ws.every((d, i) => i === ax || d === s[i]);
        const other = fits ? w : this.input(s.map((d, i) => (i === ax ? 1 + (q % 3) : d)));
        return out(this.node('Concat', (q >> 3) & 1 ? [other, v] : [v, other], { axis: ax }));
      }
    }
  }

  /** Fixes the outputs: the last value (computed, not an input) and optionally another pool value. */
  finish(extra: number): Graph {
    let last = this.pool[this.pool.length - 1];
    if (this.g.inputs.includes(last)) last = this.node('Neg', [last]);
    const more = this.pool[extra % this.pool.length];
    this.g.outputs = more !== last && !this.g.inputs.includes(more) && extra % 3 === 0 ? [last, more] : [last];
    return this.g;
  }
}

function broadcastable(a: Shape, b: Shape): boolean {
  try {
    broadcastShapes(a, b);
    return true;
  } catch {
    return false;
  }
}

/** The p-th permutation of 0..r-1 (Lehmer code, modulo r!). */
function permutation(r: number, p: number): number[] {
  const rest = [...Array(r).keys()], out: number[] = [];
  for (let k = r; k > 0; k--) {
    out.push(rest.splice(p % k, 1)[0]);
    p = Math.floor(p / k);
  }
  return out;
}

/**
 * Whether the graph fusion sees has an elementwise node whose value has exactly one reader, an elementwise
 * node reading it directly at its own index: that pair can always share a kernel.
 */
export function hasFusiblePair(g: Graph): boolean {
  const producer = g.producers();
  const readers = new Map<Value, Node[]>();
  for (const n of g.nodes) for (const u of n.inputs) if (u) readers.set(u, [...(readers.get(u) ?? []), n]);
  const escaping = new Set([...g.outputs, ...g.updates.values()]);
  return g.nodes.some((b) => OPS[b.op].kind === 'elementwise' && b.inputs.some((u) => {
    const a = u && producer.get(u);
    return !!a && OPS[a.op].kind === 'elementwise' && !escaping.has(u!) && readers.get(u!)!.length === 1 && sameShape(u!.type.shape, b.outputs[0].type.shape);
  }));
}

export const dims = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 });
export const step: fc.Arbitrary<Step> = fc.record({
  family: fc.constantFrom(...FAMILIES),
  a: fc.nat(15), b: fc.nat(15), p: fc.nat(1023), q: fc.nat(1023),
});

export function build(first: Shape, steps: readonly Step[], extra: number): Graph {
  const rg = new RandomGraph(first);
  for (const s of steps) rg.apply(s);
  return rg.finish(extra);
}

describe('fusion on random graphs', () => {
  it('fused WebGPU output matches the CPU interpreter, and fusion removes dispatches', async () => {
    if (!gpu) return;
    const g0 = gpu;
    let fusibleSeen = 0;
    await fc.assert(
      fc.asyncProperty(dims, fc.array(step, { minLength: 2, maxLength: 7 }), fc.nat(8), fc.integer({ min: 1, max: 1000 }), async (first, steps, extra, seed) => {
        const g = build(first, steps, extra);
        const context = `\n${printGraph(g)}`;
        const fused = compileForWebGpu(g), unfused = compileForWebGpu(g, { fuse: false });
        expect(fused.program.dispatches.length, `fused never dispatches more than unfused${context}`).toBeLessThanOrEqual(unfused.program.dispatches.length);
        if (hasFusiblePair(unfused.graph)) {
          fusibleSeen++;
          expect(fused.program.dispatches.length, `a fusible elementwise pair, but no dispatch saved${context}`).toBeLessThan(unfused.program.dispatches.length);
        }
        try {
          await expectGpuMatchesCpu(g0, g, randomInputs(g, seed), TOL);
        } catch (e) {
          throw new Error(`${(e as Error).message}${context}`);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(fusibleSeen, 'the generator makes graphs with fusible pairs').toBeGreaterThan(RUNS / 5);
  }, 900_000);
});

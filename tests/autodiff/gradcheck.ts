// Gradient checking for autodiff tests: a graph built by the case, loss = ReduceSum(output * random
// weights), analytic gradients from `gradients` against central finite differences, all in float64 on the
// CPU interpreter.
import { expect } from 'vitest';
import { withFloat64 } from '../../ir/dtype.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import type { AttrValue } from '../../ir/op.ts';
import type { OpName } from '../../ir/ops/index.ts';
import type { Shape } from '../../ir/shape.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { deadCodeElimination } from '../../passes/dce.ts';
import { gradients } from '../../passes/autodiff/index.ts';
import { decompose } from '../../passes/decompose/index.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';

/** A differentiated input: a shape with a value range, or a fixed tensor (indices, masks) not differentiated. */
export type CaseInput = Shape | { shape: Shape; lo?: number; hi?: number; values?: number[] } | Tensor;

export interface GradCase {
  inputs: readonly CaseInput[];
  /** Builds the output from the graph values of the inputs. */
  build: (g: Graph, xs: Value[]) => Value;
  /** Decompose composites before differentiating. */
  decompose?: boolean;
  seed?: number;
  h?: number;
  tol?: number;
}

const isTensor = (c: CaseInput): c is Tensor => 'data' in c;
const isShape = (c: CaseInput): c is Shape => Array.isArray(c);

/** Deterministic uniform values in [lo, hi). */
export function uniform(n: number, seed: number, lo = -2, hi = 2): number[] {
  let s = (seed * 2654435761) >>> 0 || 1;
  return Array.from({ length: n }, () => lo + ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * (hi - lo));
}

/** A one-op case: the op applied to the inputs with the given attributes (output `out`). */
export const op = (name: OpName, inputs: readonly CaseInput[], attrs: Record<string, AttrValue> = {}, out = 0): GradCase => ({
  inputs,
  build: (g, xs) => g.addNode(name, xs, attrs)[out],
});

export interface GradCheckResult {
  analytic: number[][];
  numeric: number[][];
  /** The worst |analytic - numeric| / max(1, |numeric|). */
  worst: number;
}

/** Runs the check; the differentiated inputs are the ones given by shape. */
export function gradCheck(c: GradCase): GradCheckResult {
  return withFloat64(() => {
    const h = c.h ?? 1e-6, seed = c.seed ?? 7;
    const g = new Graph('gradcheck');
    const feeds = new Map<string, Tensor>();
    const wrt: Value[] = [];
    const xs = c.inputs.map((inp, k) => {
      if (isTensor(inp)) return g.addConstant(tensor(inp.dtype, inp.shape, inp.data), `k${k}`);
      const spec = isShape(inp) ? { shape: inp } : inp;
      const v = g.addInput(`x${k}`, { dtype: 'f32', shape: spec.shape });
      const n = spec.shape.reduce((a, b) => a * b, 1);
      feeds.set(v.name, tensor('f32', spec.shape, spec.values ?? uniform(n, seed + k, spec.lo, spec.hi)));
      wrt.push(v);
      return v;
    });
    const out = c.build(g, xs);
    const w = g.addInput('loss_w', { dtype: out.type.dtype, shape: out.type.shape });
    feeds.set('loss_w', tensor(out.type.dtype, out.type.shape, uniform(out.type.shape.reduce((a, b) => a * b, 1), seed + 100, -1, 1)));
    const [loss] = g.addNode('ReduceSum', [g.addNode('Mul', [out, w])[0]], { keepdims: 0 });
    if (c.decompose) {
      g.outputs = [loss];
      decompose(g);
    }
    const lossV = c.decompose ? g.outputs[0] : loss;
    const forward = g.clone();
    forward.outputs = [lossV];
    deadCodeElimination.run(forward, new Map());
    const grads = gradients(g, lossV, wrt);
    g.outputs = [lossV, ...wrt.map((v) => grads.get(v)!)];
    const analytic = interpret(g, feeds).slice(1).map((t) => Array.from(t.data));
    const f = (fs: Map<string, Tensor>) => interpret(forward, fs)[0].data[0];
    let worst = 0;
    const numeric = wrt.map((v, k) => {
      const base = feeds.get(v.name)!;
      return Array.from(base.data, (x0, j) => {
        const at = (x: number) => {
          const t = tensor('f32', base.shape, base.data);
          t.data[j] = x;
          return f(new Map(feeds).set(v.name, t));
        };
        const d = (at(x0 + h) - at(x0 - h)) / (2 * h);
        worst = Math.max(worst, Math.abs(analytic[k][j] - d) / Math.max(1, Math.abs(d)));
        return d;
      });
    });
    return { analytic, numeric, worst };
  });
}

/** Expects the analytic gradients to match finite differences within `tol` (relative, 1e-6 by default). */
export function expectGradOk(c: GradCase): GradCheckResult {
  const r = gradCheck(c);
  const tol = c.tol ?? 1e-6;
  if (!(r.worst <= tol)) {
    expect.fail(`gradient mismatch (worst ${r.worst.toExponential(2)} > ${tol}):\n analytic ${JSON.stringify(r.analytic.map((a) => a.map((v) => +v.toFixed(6))))}\n numeric  ${JSON.stringify(r.numeric.map((a) => a.map((v) => +v.toFixed(6))))}`);
  }
  return r;
}

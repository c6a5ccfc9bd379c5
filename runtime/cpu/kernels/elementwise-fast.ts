// Fast paths of the elementwise kernels: tight per-op loops instead of one closure call per element, and
// strided row plans instead of a per-operand index map. Each loop evaluates exactly the expression of the
// op's scalar function in elementwise.ts (same float64 arithmetic, same store), so results are bit-identical
// to the generic path; an op or a broadcast without a fast path returns undefined and takes the generic one.
//
// Plan: the output [outer, inner] is split at the first axis k where every operand, right-aligned, either
// equals the output or is 1 over out[0:k), and likewise over out[k:). Operand element (row r, column j)
// then sits at r * rowStride + j * colStride, with colStride 1 or 0 (broadcast) and rowStride inner, 1 or 0.
// That covers same shapes and scalars (k = 0: one row), a trailing vector ([N,C] + [C]) and a per-row
// column ([N,C] - [N,1]).
import type { TypedArray } from '../../../ir/dtype.ts';
import type { Attrs } from '../../../ir/op.ts';
import type { OpName } from '../../../ir/ops/index.ts';
import type { Tensor, TensorType } from '../../../ir/tensor.ts';
import { numel, type Shape } from '../../../ir/shape.ts';
import { alloc } from '../kernel.ts';

type A = TypedArray;
/** o[oo+i] = f(a[ao+i*sa]) for i < n. */
export type Loop1 = (n: number, o: A, oo: number, a: A, ao: number, sa: number) => void;
/** o[oo+i] = f(a[ao+i*sa], b[bo+i*sb]) for i < n. */
export type Loop2 = (n: number, o: A, oo: number, a: A, ao: number, sa: number, b: A, bo: number, sb: number) => void;
/** o[oo+i] = c[co+i*sc] ? x[xo+i*sx] : y[yo+i*sy] for i < n (Where). */
export type Loop3 = (n: number, o: A, oo: number, c: A, co: number, sc: number, x: A, xo: number, sx: number, y: A, yo: number, sy: number) => void;

export const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Unary loops; a factory takes the node's attributes. */
export const UNARY: Partial<Record<OpName, (a: Attrs) => Loop1>> = {
  Relu: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x > 0 ? x : 0; }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa]; o[oo + i] = x > 0 ? x : 0; }
  },
  Neg: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = -a[ao + i];
    else for (let i = 0; i < n; i++) o[oo + i] = -a[ao + i * sa];
  },
  Abs: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = Math.abs(a[ao + i]);
    else for (let i = 0; i < n; i++) o[oo + i] = Math.abs(a[ao + i * sa]);
  },
  Exp: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = Math.exp(a[ao + i]);
    else for (let i = 0; i < n; i++) o[oo + i] = Math.exp(a[ao + i * sa]);
  },
  Log: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = Math.log(a[ao + i]);
    else for (let i = 0; i < n; i++) o[oo + i] = Math.log(a[ao + i * sa]);
  },
  Sqrt: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = Math.sqrt(a[ao + i]);
    else for (let i = 0; i < n; i++) o[oo + i] = Math.sqrt(a[ao + i * sa]);
  },
  Reciprocal: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = 1 / a[ao + i];
    else for (let i = 0; i < n; i++) o[oo + i] = 1 / a[ao + i * sa];
  },
  Tanh: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = Math.tanh(a[ao + i]);
    else for (let i = 0; i < n; i++) o[oo + i] = Math.tanh(a[ao + i * sa]);
  },
  Sigmoid: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = sigmoid(a[ao + i]);
    else for (let i = 0; i < n; i++) o[oo + i] = sigmoid(a[ao + i * sa]);
  },
  StopGradient: () => (n, o, oo, a, ao, sa) => {
    if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = a[ao + i];
    else for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * sa];
  },
  LeakyRelu: (at) => {
    const alpha = at.alpha as number;
    return (n, o, oo, a, ao, sa) => {
      if (sa === 1) for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x >= 0 ? x : alpha * x; }
      else for (let i = 0; i < n; i++) { const x = a[ao + i * sa]; o[oo + i] = x >= 0 ? x : alpha * x; }
    };
  },
  Clip: (at) => {
    const lo = at.min as number, hi = at.max as number;
    return (n, o, oo, a, ao, sa) => {
      if (sa === 1) for (let i = 0; i < n; i++) o[oo + i] = Math.min(Math.max(a[ao + i], lo), hi);
      else for (let i = 0; i < n; i++) o[oo + i] = Math.min(Math.max(a[ao + i * sa], lo), hi);
    };
  },
};

/**
 * Binary loops (float Div only: integer Div truncates and stays on its own kernel). Each has a loop for
 * contiguous operands and for a scalar on either side besides the strided one: a stride multiply in the
 * index costs the contiguous loops more than half their speed.
 */
export const BINARY: Partial<Record<OpName, Loop2>> = {
  Add: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x + y; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x + y; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x + y; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x + y; }
  },
  Sub: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x - y; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x - y; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x - y; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x - y; }
  },
  Mul: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x * y; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x * y; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x * y; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x * y; }
  },
  Div: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x / y; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x / y; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x / y; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x / y; }
  },
  Pow: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.pow(x, y); }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = Math.pow(x, y); } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = Math.pow(x, y); } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = Math.pow(x, y); }
  },
  Max: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.max(x, y); }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = Math.max(x, y); } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = Math.max(x, y); } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = Math.max(x, y); }
  },
  Min: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.min(x, y); }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = Math.min(x, y); } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = Math.min(x, y); } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = Math.min(x, y); }
  },
  PRelu: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x < 0 ? y * x : x; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x < 0 ? y * x : x; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x < 0 ? y * x : x; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x < 0 ? y * x : x; }
  },
  Equal: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x === y ? 1 : 0; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x === y ? 1 : 0; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x === y ? 1 : 0; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x === y ? 1 : 0; }
  },
  Less: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x < y ? 1 : 0; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x < y ? 1 : 0; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x < y ? 1 : 0; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x < y ? 1 : 0; }
  },
  LessOrEqual: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x <= y ? 1 : 0; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x <= y ? 1 : 0; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x <= y ? 1 : 0; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x <= y ? 1 : 0; }
  },
  Greater: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x > y ? 1 : 0; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x > y ? 1 : 0; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x > y ? 1 : 0; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x > y ? 1 : 0; }
  },
  GreaterOrEqual: (n, o, oo, a, ao, sa, b, bo, sb) => {
    if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = x >= y ? 1 : 0; }
    else if (sa === 0 && sb === 1) { const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = x >= y ? 1 : 0; } }
    else if (sa === 1 && sb === 0) { const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = x >= y ? 1 : 0; } }
    else for (let i = 0; i < n; i++) { const x = a[ao + i * sa], y = b[bo + i * sb]; o[oo + i] = x >= y ? 1 : 0; }
  },
};

export const where: Loop3 = (n, o, oo, c, co, sc, x, xo, sx, y, yo, sy) => {
  if (sc === 1 && sx === 1 && sy === 0) { const v = y[yo]; for (let i = 0; i < n; i++) o[oo + i] = c[co + i] ? x[xo + i] : v; }
  else if (sc === 1 && sx === 1 && sy === 1) for (let i = 0; i < n; i++) o[oo + i] = c[co + i] ? x[xo + i] : y[yo + i];
  else for (let i = 0; i < n; i++) o[oo + i] = c[co + i * sc] ? x[xo + i * sx] : y[yo + i * sy];
};

/** Rows shorter than this run the generic path: a call per short row costs more than it saves. */
const MIN_ROW = 8;

interface Plan { outer: number; inner: number; row: number[]; col: number[] }

/** The row plan of `shapes` broadcast to `out` (see the header), or undefined. */
export function rowPlan(shapes: readonly Shape[], out: Shape): Plan | undefined {
  const n = numel(out);
  const rank = out.length;
  for (let k = 0; k <= rank; k++) {
    const inner = numel(out.slice(k));
    if (n > inner && inner < MIN_ROW) return undefined;
    const row: number[] = [], col: number[] = [];
    for (const s of shapes) {
      const m = numel(s);
      if (m === n) { row.push(inner); col.push(1); continue; } // same elements in the same order
      if (m === 1) { row.push(0); col.push(0); continue; }
      const d = (i: number) => s[s.length - rank + i] ?? 1; // right-aligned dim i of s
      const span = (lo: number, hi: number) => {
        let eq = true, one = true;
        for (let i = lo; i < hi; i++) { if (d(i) !== out[i]) eq = false; if (d(i) !== 1) one = false; }
        return eq ? 'eq' : one ? 'one' : undefined;
      };
      const o = span(0, k), c = span(k, rank);
      if (!o || !c) break;
      row.push(o === 'one' ? 0 : c === 'eq' ? inner : 1);
      col.push(c === 'eq' ? 1 : 0);
    }
    if (row.length === shapes.length) return { outer: n / inner, inner, row, col };
  }
  return undefined;
}

/**
 * The node's output through a fast loop, or undefined when the op or its broadcast has none. With `into` (an
 * operand's own array, of the output's size and type) the output overwrites it: each element reads its own
 * position of a full-size operand before writing it.
 */
export function fastElementwise(op: OpName, xs: readonly Tensor[], attrs: Attrs, out: TensorType, into?: TypedArray): Tensor | undefined {
  const u = xs.length === 1 ? UNARY[op] : undefined;
  const b = xs.length === 2 ? BINARY[op] : undefined;
  const w = xs.length === 3 && op === 'Where' ? where : undefined;
  if (!u && !b && !w) return undefined;
  if (op === 'Div' && out.dtype !== 'f32' && out.dtype !== 'f16') return undefined;
  const p = rowPlan(xs.map((x) => x.shape), out.shape);
  if (!p) return undefined;
  const r = into ? { dtype: out.dtype, shape: out.shape, data: into } : alloc(out);
  const o = r.data, { inner, row, col } = p;
  const [x0, x1, x2] = xs.map((x) => x.data);
  if (u) {
    const loop = u(attrs);
    for (let i = 0; i < p.outer; i++) loop(inner, o, i * inner, x0, i * row[0], col[0]);
  } else if (b) {
    for (let i = 0; i < p.outer; i++) b(inner, o, i * inner, x0, i * row[0], col[0], x1, i * row[1], col[1]);
  } else {
    for (let i = 0; i < p.outer; i++) where(inner, o, i * inner, x0, i * row[0], col[0], x1, i * row[1], col[1], x2, i * row[2], col[2]);
  }
  return r;
}

// WGSL lowerings of Det and DetGrad, the CPU kernel's method (runtime/cpu/kernels/det.ts): Gaussian
// elimination with partial pivoting on a private copy of the matrix.
//   Det      one invocation per matrix;
//   DetGrad  one per element (i, j): dY times the cofactor (-1)^(i+j) det(minor without row i, column j).
import { numel } from '../../../ir/shape.ts';
import type { Lowering } from '../kernel.ts';
import { coords } from '../wgsl.ts';
import { input, read } from './movement-util.ts';

/** Statements leaving in `det` the determinant of the k x k row-major private array `m` (eliminated). */
function eliminate(k: number): string {
  return `var det = 1.0;
  for (var c = 0; c < ${k}; c++) {
    var p = c;
    for (var i = c + 1; i < ${k}; i++) { if (abs(m[i * ${k} + c]) > abs(m[p * ${k} + c])) { p = i; } }
    let pivot = m[p * ${k} + c];
    if (pivot == 0.0) { det = 0.0; break; }
    if (p != c) {
      for (var j = 0; j < ${k}; j++) { let t = m[c * ${k} + j]; m[c * ${k} + j] = m[p * ${k} + j]; m[p * ${k} + j] = t; }
      det = -det;
    }
    det = det * pivot;
    for (var i = c + 1; i < ${k}; i++) {
      let f = m[i * ${k} + c] / pivot;
      for (var j = c; j < ${k}; j++) { m[i * ${k} + j] = m[i * ${k} + j] - f * m[c * ${k} + j]; }
    }
  }`;
}

const DET: Lowering = (ctx) => {
  const x = input(ctx, 0), out = ctx.outputs[0], s = x.view.shape, k = s[s.length - 1], batch = s.slice(0, -2);
  const b = batch.map((_, d) => `c${d}`);
  return {
    body: `// Det: elimination with partial pivoting on a private copy
  ${coords('idx', batch)}
  var m: array<f32, ${Math.max(k * k, 1)}>;
  for (var e = 0; e < ${k * k}; e++) { let r = e / ${k}; let q = e % ${k}; m[e] = ${read(x, [...b, 'r', 'q'])}; }
  ${eliminate(k)}
  ${out.name}[idx] = det;`,
    invocations: numel(batch),
  };
};

const DET_GRAD: Lowering = (ctx) => {
  const x = input(ctx, 0), dy = input(ctx, 1), out = ctx.outputs[0], s = x.view.shape, k = s[s.length - 1], r = s.length;
  const b = s.slice(0, -2).map((_, d) => `c${d}`), i = `c${r - 2}`, j = `c${r - 1}`, km = k - 1;
  return {
    body: `// DetGrad: dY times the cofactor of element (${i}, ${j})
  ${coords('idx', s)}
  var m: array<f32, ${Math.max(km * km, 1)}>;
  var e = 0;
  for (var rr = 0; rr < ${k}; rr++) {
    if (rr == ${i}) { continue; }
    for (var q = 0; q < ${k}; q++) {
      if (q == ${j}) { continue; }
      m[e] = ${read(x, [...b, 'rr', 'q'])};
      e++;
    }
  }
  ${eliminate(km)}
  let sign = select(1.0, -1.0, (${i} + ${j}) % 2 == 1);
  ${out.name}[idx] = ${read(dy, b)} * sign * det;`,
    invocations: numel(s),
  };
};

export const DET_LOWERINGS = { Det: DET, DetGrad: DET_GRAD };

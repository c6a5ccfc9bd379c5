// WGSL lowering of Resize. Shapes are static, so the taps of every axis (which input coordinates an output
// coordinate reads, with which weights) are computed here, with the same rules as the CPU kernel, and
// emitted as constant tables. The kernel sums the product of the per-axis weights over all tap
// combinations (1 for nearest, 2 for linear, 4 for cubic per resized axis); axes that copy through are read
// directly, and nearest without weights is a plain gather (exact for integers).
import type { Attrs } from '../../../ir/op.ts';
import type { Lowering } from '../kernel.ts';
import { cast, coordNames, coords, lit } from '../wgsl.ts';
import { count, input, read } from './movement-util.ts';
import { axisTaps, isIdentityTaps } from '../../../ir/ops/resize-taps.ts';


const table = (name: string, type: 'i32' | 'f32' | 'u32', vals: readonly number[]) =>
  `const ${name} = array<${type}, ${vals.length}>(${vals.map((v) => lit(v, type)).join(', ')});`;

export const resize: Lowering = (ctx) => {
  const x = input(ctx, 0), out = ctx.outputs[0], shape = out.view.shape, a = ctx.node.attrs, r = shape.length;
  if (count(shape) === 0) return { body: '', invocations: 0 };
  const scales = a.scales as readonly number[], roi = a.roi as readonly number[];
  const decls: string[] = [], outside: string[] = [], loops: string[] = [], weights: string[] = [];
  const src = coordNames(r);
  let depth = 0;
  for (let d = 0; d < r; d++) {
    const t = axisTaps({ inLen: x.view.shape[d], outLen: shape[d], scale: scales[d], roi: [roi[d] ?? 0, roi[d + r] ?? 1] }, a);
    if (t.outside.some(Boolean)) {
      decls.push(table(`rs_out${d}`, 'u32', Array.from(t.outside)));
      outside.push(`rs_out${d}[c${d}] != 0u`);
    } else if (t.outside.length === x.view.shape[d] && isIdentityTaps(t)) continue;
    decls.push(table(`rs_i${d}`, 'i32', Array.from(t.idx)));
    src[d] = `i${d}`;
    const pos = t.n === 1 ? `c${d}` : `c${d} * ${t.n} + k${d}`;
    if (t.n > 1) loops.push(`${'  '.repeat(depth++)}for (var k${d} = 0; k${d} < ${t.n}; k${d}++) {`);
    loops.push(`${'  '.repeat(depth)}let i${d} = rs_i${d}[${pos}];`);
    if (t.w.some((w) => w !== 1)) {
      decls.push(table(`rs_w${d}`, 'f32', Array.from(t.w)));
      weights.push(`rs_w${d}[${pos}]`);
    }
  }
  const body = ['// resize: sum the weighted taps of every resized axis', coords('idx', shape)];
  if (outside.length) body.push(`if (${outside.join(' || ')}) { ${out.store('idx', lit(a.extrapolation_value as number, out.elem))} return; }`);
  if (weights.length === 0 && depth === 0) {
    body.push(...loops, out.store('idx', read(x, src)));
  } else {
    const inner = '  '.repeat(depth);
    // A zero weight skips its tap, as on the CPU (0 * inf would be NaN).
    body.push('var acc = 0.0;', ...loops, `${inner}let w = ${weights.join(' * ')};`, `${inner}if (w != 0.0) { acc += w * ${cast(read(x, src), x.elem, 'f32')}; }`);
    for (let k = depth - 1; k >= 0; k--) body.push(`${'  '.repeat(k)}}`);
    body.push(out.store('idx', cast('acc', 'f32', out.elem)));
  }
  return { decls: decls.join('\n'), body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

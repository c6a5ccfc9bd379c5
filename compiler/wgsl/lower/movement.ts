// WGSL lowerings of the movement ops that copy data: Pad, Concat, Split, Tile, DepthToSpace, SpaceToDepth
// and Trilu, one invocation per output element (Split: per input element). The view ops (Reshape,
// Transpose, ...) cost no kernel: codegen turns them into views (view-ops.ts). Index-driven ops are in
// movement-index.ts, Resize in resize.ts.
import type { Attrs } from '../../../ir/op.ts';
import type { MovementOpName } from '../../../ir/ops/index.ts';
import { normAxis } from '../../../ir/shape.ts';
import { type KernelSource, type Lowering, type LowerContext, notOnGpu } from '../kernel.ts';
import { coordNames, coords, lit } from '../wgsl.ts';
import { INDEX_LOWERINGS } from './movement-index.ts';
import { count, input, nz, read, zero } from './movement-util.ts';
import { resize } from './resize.ts';

const ints = (a: Attrs, k: string): readonly number[] => a[k] as readonly number[];

/** out[c] = x[src(c)]: `prep` are statements that compute the source coordinates named in `src`. */
function gatherKernel(ctx: LowerContext, prep: string[], src: readonly string[]): KernelSource {
  const x = input(ctx, 0), out = ctx.outputs[0], shape = out.view.shape;
  return {
    body: [coords('idx', shape), ...prep, `${out.store('idx', `${read(x, src)}`)}`].filter(Boolean).join('\n  '),
    invocations: count(shape),
  };
}

/** Source coordinate of padded coordinate `i` in a dim of length n (as on the CPU); -1 for constant fill. */
function padSource(mode: string, i: string, n: number): string {
  switch (mode) {
    case 'edge': return `clamp(${i}, 0, ${n - 1})`;
    case 'wrap': return `(((${i}) % ${nz(n)}) + ${nz(n)}) % ${nz(n)}`;
    case 'reflect': {
      if (n <= 1) return '0';
      const p = 2 * n - 2;
      return `kiln_reflect(${i}, ${n}, ${p})`;
    }
    default: return i;
  }
}

// Pad: each output coordinate maps back to an input coordinate (constant mode: or to the fill value).
const pad: Lowering = (ctx) => {
  const x = input(ctx, 0), out = ctx.outputs[0], a = ctx.node.attrs, p = ints(a, 'pads'), mode = a.mode as string;
  const shape = out.view.shape, r = shape.length;
  const prep: string[] = ['// pad: map each output coordinate back into the input'];
  const inside: string[] = [];
  for (let d = 0; d < r; d++) {
    const i = p[d] === 0 ? `c${d}` : p[d] > 0 ? `(c${d} - ${p[d]})` : `(c${d} + ${-p[d]})`;
    prep.push(`let s${d} = ${padSource(mode, i, x.view.shape[d])};`);
    if (mode === 'constant' && (p[d] > 0 || p[d + r] > 0)) inside.push(`s${d} >= 0 && s${d} < ${x.view.shape[d]}`);
  }
  const src = coordNames(r, 's');
  const decls = mode === 'reflect' ? REFLECT : undefined;
  if (inside.length === 0) return { ...gatherKernel(ctx, prep, src), decls };
  const body = [
    coords('idx', shape), ...prep,
    `if (${inside.join(' && ')}) { ${out.store('idx', `${read(x, src)}`)} } else { ${out.store('idx', `${lit(a.value as number, out.elem)}`)} }`,
  ];
  return { body: body.join('\n  '), invocations: count(shape), decls };
};

const REFLECT = 'fn kiln_reflect(i: i32, n: i32, p: i32) -> i32 { let m = ((i % p) + p) % p; return select(p - m, m, m < n); }';

// Concat: the output coordinate on the axis picks the input; earlier inputs' sizes are subtracted.
const concat: Lowering = (ctx) => {
  const out = ctx.outputs[0], shape = out.view.shape, ax = normAxis(ctx.node.attrs.axis as number, shape.length);
  const ins = ctx.inputs.map((_, i) => input(ctx, i));
  const branches: string[] = [];
  let start = 0;
  for (const x of ins) {
    const len = x.view.shape[ax];
    if (len === 0) continue;
    const cs = coordNames(shape.length).map((c, d) => (d === ax && start ? `(${c} - ${start})` : c));
    branches.push(`if (c${ax} < ${start + len}) { ${out.store('idx', `${read(x, cs)}`)} return; }`);
    start += len;
  }
  return { body: ['// concat: pick the input that holds this output coordinate', coords('idx', shape), ...branches].filter(Boolean).join('\n  '), invocations: count(shape) };
};

// Split: one invocation per input element writes it to the output that owns its coordinate on the axis.
const split: Lowering = (ctx) => {
  const x = input(ctx, 0), shape = x.view.shape, ax = normAxis(ctx.node.attrs.axis as number, shape.length);
  const branches: string[] = [];
  let start = 0;
  ctx.outputs.forEach((o) => {
    const len = o.view.shape[ax];
    if (len === 0) return;
    const flat = o.view.shape.map((_, d) => `c${d}`).map((c, d) => (d === ax && start ? `(${c} - ${start})` : c));
    const at = flat.map((c, d) => (o.view.strides[d] === 1 ? c : `${c} * ${o.view.strides[d]}`)).join(' + ') || '0';
    branches.push(`if (c${ax} < ${start + len}) { ${o.store(at, 'v')} return; }`);
    start += len;
  });
  const body = ['// split: route this input element to the output that owns it', coords('idx', shape), `let v = ${read(x, coordNames(shape.length))};`, ...branches];
  return { body: body.filter(Boolean).join('\n  '), invocations: count(shape) };
};

const tile: Lowering = (ctx) => {
  const xs = input(ctx, 0).view.shape;
  return gatherKernel(ctx, xs.map((n, d) => `let s${d} = c${d} % ${nz(n)};`), coordNames(xs.length, 's'));
};

// DepthToSpace: output (n, c, y, x) reads channel block (y % b, x % b) of pixel (y / b, x / b).
const depthToSpace: Lowering = (ctx) => {
  const b = ctx.node.attrs.blocksize as number, c2 = ctx.outputs[0].view.shape[1];
  const ch = ctx.node.attrs.mode === 'CRD' ? `c1 * ${b * b} + (c2 % ${b}) * ${b} + c3 % ${b}` : `((c2 % ${b}) * ${b} + c3 % ${b}) * ${c2} + c1`;
  return gatherKernel(ctx, [`let ch = ${ch};`], ['c0', 'ch', `c2 / ${b}`, `c3 / ${b}`]);
};

// SpaceToDepth: output channel (by * b + bx) * C + c reads pixel (y * b + by, x * b + bx) of channel c.
const spaceToDepth: Lowering = (ctx) => {
  const b = ctx.node.attrs.blocksize as number, c = nz(input(ctx, 0).view.shape[1]);
  const prep = [`let by = c1 / ${b * c};`, `let bx = (c1 / ${c}) % ${b};`];
  return gatherKernel(ctx, prep, ['c0', `c1 % ${c}`, `c2 * ${b} + by`, `c3 * ${b} + bx`]);
};

// Trilu: keep the upper (j - i >= k) or lower (j - i <= k) triangle of the last two dims.
const trilu: Lowering = (ctx) => {
  const x = input(ctx, 0), out = ctx.outputs[0], shape = out.view.shape, r = shape.length, a = ctx.node.attrs;
  const keep = `c${r - 1} - c${r - 2} ${a.upper ? '>=' : '<='} ${lit(a.k as number, 'i32')}`;
  return {
    body: `${coords('idx', shape)}\n  ${out.store('idx', `select(${zero(out)}, ${read(x, coordNames(r))}, ${keep})`)}`,
    invocations: count(shape),
  };
};

const view = notOnGpu('handled as a view by codegen (view-ops.ts); never lowered to a kernel');

const KERNELS: { [K in MovementOpName]: Lowering } = {
  Reshape: view, Transpose: view, Expand: view, Slice: view, Squeeze: view, Unsqueeze: view, Flatten: view,
  Pad: pad,
  Concat: concat,
  Split: split,
  Tile: tile,
  DepthToSpace: depthToSpace,
  SpaceToDepth: spaceToDepth,
  Trilu: trilu,
  ...INDEX_LOWERINGS,
  Resize: resize,
};

export const MOVEMENT_LOWERINGS = Object.fromEntries(
  Object.entries(KERNELS).map(([op, lower]) => [op, lower]),
) as { [K in MovementOpName]: Lowering };

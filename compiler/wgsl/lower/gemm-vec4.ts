// The vec4 contraction kernel: register-blocked like 'register' (no workgroup memory, no barriers), but each
// invocation owns RM consecutive rows and RN consecutive columns (RN a multiple of 4) and reads operands
// whose contiguous axis is 4-aligned as vec4 loads from vec4 bindings (codegen binds such buffers as
// `array<vec4<f32>>`). Its k loop steps 4 at a time. Per operand layout:
//   A along k   (row-major A):        one vec4 per row and step: A(r, k..k+3)
//   A along row (transposed A, e.g. the X^T of a weight gradient): one vec4 per 4 rows and k: A(r..r+3, k)
//   B along col (row-major B):        one vec4 per 4 columns and k: B(k, c..c+3)
//   B along k   (transposed B, Gemm transB / Linear weights): one vec4 per column and step: B(k..k+3, c)
// An operand without a vec4 layout is read with scalar loads. With B along col (or scalar) the accumulators
// are vec4 over 4 columns and each step is 4 broadcast multiply-adds; with B along k they are scalars and
// each step a dot product. Partial sums of KT terms join the total with Kahan compensation, as in the
// other variants. On lavapipe a vec4 binding read whole is one load where four scalar reads are four
// bounds-checked gathers; hardware GPUs coalesce vec4 loads as well.
import type { KernelSource } from '../kernel.ts';
import { gemmParts, type GemmSpec, type TileConfig } from './gemm-parts.ts';

const XYZW = 'xyzw';

/** Whether the vec4 kernel applies: f32, K a multiple of 4, no sibling column ranges, at least one vec4 operand. */
export function vec4Applies(s: GemmSpec): boolean {
  return s.elem === 'f32' && s.k % 4 === 0 && s.k > 0 && !s.loadBInto && (s.loadA4 !== undefined || s.loadB4 !== undefined);
}

/** A configuration the vec4 kernel can run: RN a multiple of 4, RM a multiple of 4 when A is read along rows. */
export function vec4Fits(s: GemmSpec, c: TileConfig): boolean {
  return c.rn % 4 === 0 && (s.loadA4?.along !== 'row' || c.rm % 4 === 0) && c.kt % 4 === 0;
}

export function vec4Gemm(s: GemmSpec, c: TileConfig): KernelSource {
  const p = gemmParts(s, c);
  const rows = Array.from({ length: c.rm }, (_, i) => i), groups = Array.from({ length: c.rn / 4 }, (_, g) => g);
  const cols = Array.from({ length: c.rn }, (_, j) => j), qs = [0, 1, 2, 3];
  const aAlong = s.loadA4?.along, bAlong = s.loadB4?.along;
  // Row and column indices; loads clamp to the matrix (in range, never stored), so the k loop has no branches.
  const index = [
    ...rows.map((i) => `let r${i} = row0 + ty * ${c.rm} + ${i}; let ra${i} = min(r${i}, M - 1);`),
    ...(aAlong === 'row' ? rows.filter((i) => i % 4 === 0).map((i) => `let ra4_${i} = min(r${i}, M - 4);`) : []),
    ...cols.map((j) => `let c${j} = col0 + tx * ${c.rn} + ${j}; let cb${j} = min(c${j}, N - 1);`),
    ...(bAlong === 'col' ? groups.map((g) => `let cb4_${g} = min(c${4 * g}, N - 4);`) : []),
  ].join('\n  ');

  // A(r_i, k + q) as `aq(i, q)`, and row i's 4 values as one vec4 `av(i)`, after the step's A loads.
  let aLoads: string[], aq: (i: number, q: number) => string, av: (i: number) => string;
  if (aAlong === 'k') {
    aLoads = rows.map((i) => `let av${i} = ${s.loadA4!.load(`ra${i}`, 'k')};`);
    aq = (i, q) => `av${i}.${XYZW[q]}`;
    av = (i) => `av${i}`;
  } else if (aAlong === 'row') {
    aLoads = rows.filter((i) => i % 4 === 0).flatMap((i) => qs.map((q) => `let ar${i}_${q} = ${s.loadA4!.load(`ra4_${i}`, `(k + ${q})`)};`));
    aq = (i, q) => `ar${i - (i % 4)}_${q}.${XYZW[i % 4]}`;
    av = (i) => `vec4<f32>(${qs.map((q) => aq(i, q)).join(', ')})`;
  } else {
    aLoads = rows.flatMap((i) => qs.map((q) => `let a${i}_${q} = ${s.loadA(`ra${i}`, `(k + ${q})`)};`));
    aq = (i, q) => `a${i}_${q}`;
    av = (i) => `vec4<f32>(${qs.map((q) => aq(i, q)).join(', ')})`;
  }

  const dotForm = bAlong === 'k';
  let bLoads: string[], fmas: string[], accs: string[], stores: string[];
  if (dotForm) {
    // Scalar accumulators per (row, column); B(k..k+3, c_j) is one vec4 per column.
    bLoads = cols.map((j) => `let bk${j} = ${s.loadB4!.load('k', `cb${j}`)};`);
    accs = rows.flatMap((i) => cols.map((j) => `${i}_${j}`));
    fmas = rows.flatMap((i) => cols.map((j) => `part${i}_${j} += dot(${av(i)}, bk${j});`));
    stores = rows.flatMap((i) => cols.map((j) => `if (r${i} < M && c${j} < N) { ${s.store(`r${i}`, `c${j}`, `acc${i}_${j}`)} }`));
  } else {
    // vec4 accumulators over 4 columns; B(k + q, c..c+3) is one vec4 per column group (or four scalars).
    const bq = (q: number, g: number) =>
      bAlong === 'col' ? s.loadB4!.load(`(k + ${q})`, `cb4_${g}`) : `vec4<f32>(${qs.map((t) => s.loadB(`(k + ${q})`, `cb${4 * g + t}`)).join(', ')})`;
    bLoads = qs.flatMap((q) => groups.map((g) => `let b${q}_${g} = ${bq(q, g)};`));
    accs = rows.flatMap((i) => groups.map((g) => `${i}_${g}`));
    fmas = rows.flatMap((i) => groups.map((g) => `part${i}_${g} += ${qs.map((q) => `${aq(i, q)} * b${q}_${g}`).join(' + ')};`));
    stores = rows.flatMap((i) => groups.flatMap((g) => qs.map((t) => `if (r${i} < M && c${4 * g + t} < N) { ${s.store(`r${i}`, `c${4 * g + t}`, `acc${i}_${g}.${XYZW[t]}`)} }`)));
  }
  const V = dotForm ? 'f32' : 'vec4<f32>', zero = `${V}(0.0)`;
  const decls = `
${p.consts}
${p.kahan}
fn kahan4(sum: ptr<function, vec4<f32>>, comp: ptr<function, vec4<f32>>, x: vec4<f32>) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}`;
  const merge = dotForm ? 'kahan' : 'kahan4';
  const entry = `// Vec4 matmul: ${p.tileM}x${p.tileN} tile of C per workgroup, ${c.rm}x${c.rn} registers per invocation, A ${aAlong ?? 'scalar'}, B ${bAlong ?? 'scalar'}.
@compute @workgroup_size(${p.threads})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  ${p.tileIndex}
  ${index}
  ${accs.map((a) => `var acc${a} = ${zero}; var comp${a} = ${zero};`).join('\n  ')}
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    ${accs.map((a) => `var part${a} = ${zero};`).join(' ')}
    for (var k = k0; k < kEnd; k += 4) {
      ${aLoads.join('\n      ')}
      ${bLoads.join('\n      ')}
      ${fmas.join('\n      ')}
    }
    ${accs.map((a) => `${merge}(&acc${a}, &comp${a}, part${a});`).join('\n    ')}
  }
  ${stores.join('\n  ')}
}`;
  return { decls, entry, workgroups: p.workgroups, workgroupSize: p.threads };
}

// The contraction kernels shared by MatMul, Gemm and Conv (implicit GEMM), and the MatMul and Gemm lowerings.
// Every kernel multiplies a GemmSpec (operands read through caller-supplied load expressions: strided views for
// MatMul/Gemm, so transposes cost nothing; im2col gathers for conv; fused prologues and epilogues), in one of
// four variants:
//   'tiled'    a workgroup stages KT-deep slabs of A and B in workgroup memory (two barriers per slab) and
//              each invocation accumulates an RM x RN register block from them (64x64 or 16x16 tiles).
//   'register' no workgroup memory and no barriers: each invocation reads its 4 rows of A and 4 columns of B
//              straight through the load hooks and accumulates a 4x4 block (a 32x32 tile per 64 invocations).
//              4x8 blocks ran about as fast on lavapipe (the autotuner tries them) but doubled the shader's
//              size, and lavapipe's first-submit compile grows faster than the code: a transformer's first
//              load with an empty shader cache took 13.3 s with 4x8 blocks and 6.3 s with 4x4.
//   'small'    the register kernel with 4x4 blocks on 32 invocations (16x32 per workgroup, 1x4 / 4x1 on 64
//              for a vector operand), so an output with M or N in 16..64 launches 4x more workgroups; on
//              lavapipe 4x4 blocks on 32 invocations beat 2x4 on 64 by about 2x (more reuse per load).
//   'vec4'     the register kernel reading 4-aligned operands as vec4 (gemm-vec4.ts), 4x4 blocks by default;
//              the heuristic's choice wherever an operand allows it.
// Heuristic (no adapter is known at compile time, so it must be sound on software and hardware adapters):
// register blocking by default; on lavapipe (LLVM, invocations of a workgroup run as SIMD lanes in one thread)
// the tiled layout's barriers split the shader into resumable pieces and its workgroup arrays are plain memory,
// so it loses about 10x to a register block; on hardware GPUs, caches serve the re-reads of A and B the tile
// would have staged, so the register kernel stays within a small factor of the tiled one. When the register kernel
// would launch fewer than SMALL_BELOW_WORKGROUPS workgroups (small batch x hidden products: MLP layers at batch
// 16..64, vector products) the 'small' variant trades register reuse for parallelism, which both kinds of
// adapter need (a GPU needs many workgroups to fill its cores; lavapipe one per thread at least). The tiled
// kernel stays available (compile option `gemmVariant`, and the autotuner's candidate for hardware).
// All variants join each KT-term (16 tiled, 32 register) partial sum into the total with Kahan compensation: long K stays as accurate
// as a KT-term sum (784-wide weight gradients otherwise drift visibly from float64 references).
import { numel, type Shape } from '../../../ir/shape.ts';
import { KilnError } from '../../../ir/errors.ts';
import type { OpName } from '../../../ir/ops/index.ts';
import type { KernelSource, LowerContext, Lowering, TensorRef } from '../kernel.ts';
import { broadcastView, permuteView, type View } from '../../../ir/view.ts';
import { coords, lit, type WgslScalar } from '../wgsl.ts';
import { gemmParts, type GemmSpec, type TileConfig, type VectorLoad } from './gemm-parts.ts';
import { vec4Applies, vec4Fits, vec4Gemm } from './gemm-vec4.ts';

export type { GemmSpec, TileConfig } from './gemm-parts.ts';

/**
 * A 64x64 tile with 4x4 registers for large outputs; a 16x16 tile with 2x2 registers when either side is
 * small (less wasted work at the edges, more workgroups, and a much cheaper shader compile on lavapipe).
 */
const pickTile = (m: number, n: number): TileConfig =>
  m >= 64 && n >= 64 ? { wgX: 16, wgY: 16, rm: 4, rn: 4, kt: 16 } : { wgX: 8, wgY: 4, rm: 4, rn: 4, kt: 32 };

export type GemmVariant = 'tiled' | 'register' | 'small' | 'vec4';

/** One contraction kernel: a variant and its tile configuration (default: the variant's own for the shape). */
export interface GemmChoice {
  readonly variant: GemmVariant;
  readonly tile?: TileConfig;
}

/**
 * How a compile chooses contraction kernels: one variant forced for all (compile option `gemmVariant`, for
 * tests and benchmarks), or tuned choices by contraction key (`gemmKey`, from `kiln compile --tune`); any
 * contraction without one gets the shape heuristic.
 */
export interface GemmPolicy {
  readonly variant?: GemmVariant;
  readonly tuned?: ReadonlyMap<string, GemmChoice>;
  /** Called with each contraction's key and spec as it is lowered (the autotuner collects them). */
  readonly observe?: (key: string, spec: GemmSpec) => void;
}

let policy: GemmPolicy = {};

/** Runs `f` with contractions lowered under `p`. */
export function withGemmPolicy<T>(p: GemmPolicy, f: () => T): T {
  const saved = policy;
  policy = p;
  try {
    return f();
  } finally {
    policy = saved;
  }
}

/** Runs `f` with every contraction lowered by `variant` (undefined: the shape heuristic). */
export const withGemmVariant = <T>(variant: GemmVariant | undefined, f: () => T): T => withGemmPolicy({ variant }, f);

/** Whether contractions may read operands as vec4 (the vec4 variant may be chosen): not when another variant is forced. */
export const vectorOperandsAllowed = (): boolean => policy.variant === undefined || policy.variant === 'vec4';

/**
 * What identifies a contraction for tuning: batch x M x K x N and the vec4 layouts of A and B (which axis is
 * contiguous, '-' for none). Two contractions with one key run the same kernel candidates.
 */
export const gemmKey = (s: Pick<GemmSpec, 'batch' | 'm' | 'k' | 'n' | 'loadA4' | 'loadB4'>): string =>
  `${s.batch}x${s.m}x${s.k}x${s.n} A:${s.loadA4?.along ?? '-'} B:${s.loadB4?.along ?? '-'}`;

/** Below this many workgroups of the register tile, the 'small' variant (or the vec4 kernel's small tile) is used instead. */
const SMALL_BELOW_WORKGROUPS = 32;

const REGISTER: TileConfig = { wgX: 8, wgY: 8, rm: 4, rn: 4, kt: 32 };

/** The 'small' configuration: 4x4 blocks on 32 invocations, or a row / column of invocations for a vector operand. */
const smallTile = (m: number, n: number): TileConfig =>
  m === 1 ? { wgX: 64, wgY: 1, rm: 1, rn: 4, kt: 32 } : n === 1 ? { wgX: 1, wgY: 64, rm: 4, rn: 1, kt: 32 } : { wgX: 8, wgY: 4, rm: 4, rn: 4, kt: 32 };

const VEC4: TileConfig = { wgX: 8, wgY: 8, rm: 4, rn: 4, kt: 32 };

/** The vec4 kernel's small configuration: 4x4 blocks on 32 invocations, or a row of 64 for a single-row A. */
const vec4SmallTile = (m: number): TileConfig => (m === 1 ? { wgX: 64, wgY: 1, rm: 1, rn: 4, kt: 32 } : { wgX: 8, wgY: 4, rm: 4, rn: 4, kt: 32 });

/** Output elements a tile of `t` computes for C [batch, m, n], edges padded to whole tiles. */
const paddedWork = (s: Pick<GemmSpec, 'batch' | 'm' | 'n'>, t: TileConfig) => {
  const tm = t.wgY * t.rm, tn = t.wgX * t.rn;
  return Math.ceil(s.m / tm) * tm * Math.ceil(s.n / tn) * tn * s.batch;
};

/**
 * Whether the register kernel's 32x32 tiles are the wrong size: too few workgroups for the adapter's
 * cores, or at least twice the padded work of 16x32 tiles (small products per batch entry, e.g. a
 * ConvTranspose phase of 16 x 16 outputs, would leave most of each tile idle).
 */
const wantsSmallTile = (s: Pick<GemmSpec, 'batch' | 'm' | 'n'>) =>
  Math.ceil(s.m / (REGISTER.wgY * REGISTER.rm)) * Math.ceil(s.n / (REGISTER.wgX * REGISTER.rn)) * s.batch < SMALL_BELOW_WORKGROUPS ||
  paddedWork(s, REGISTER) >= 2 * paddedWork(s, smallTile(s.m, s.n));

/** The shape heuristic (see the file header): vec4 where the operands allow it, else register blocking. */
export function pickGemmVariant(s: Pick<GemmSpec, 'batch' | 'm' | 'n'> & Partial<GemmSpec>): GemmVariant {
  if (s.elem && s.k !== undefined && vec4Applies(s as GemmSpec)) return 'vec4';
  return wantsSmallTile(s) ? 'small' : 'register';
}

/** The configuration a variant runs with when no tile is chosen. */
export function defaultTile(s: GemmSpec, v: GemmVariant): TileConfig {
  if (v === 'vec4') return wantsSmallTile(s) ? vec4SmallTile(s.m) : VEC4;
  if (v === 'tiled') return pickTile(s.m, s.n);
  return v === 'small' ? smallTile(s.m, s.n) : REGISTER;
}

/** The kernel choice for a GemmSpec under the current policy: forced, tuned, or the heuristic's. */
export function chooseGemm(s: GemmSpec): Required<GemmChoice> {
  policy.observe?.(gemmKey(s), s);
  const c = policy.variant ? { variant: policy.variant } : policy.tuned?.get(gemmKey(s)) ?? { variant: pickGemmVariant(s) };
  // A vec4 choice for a contraction the vec4 kernel cannot run (forced for all, or a stale tuning) falls back.
  const variant = c.variant === 'vec4' && !vec4Applies(s) ? pickGemmVariant({ ...s, loadA4: undefined, loadB4: undefined }) : c.variant;
  const tile = variant === c.variant && c.tile && (variant !== 'vec4' || vec4Fits(s, c.tile)) ? c.tile : defaultTile(s, variant);
  return { variant, tile };
}

/** The vec4 tiles the autotuner tries: blocks of 4x4 and 4x8 over square, wide and single-row workgroups. */
const VEC4_TILES: readonly TileConfig[] = [VEC4, { wgX: 8, wgY: 8, rm: 4, rn: 8, kt: 32 }, { wgX: 16, wgY: 4, rm: 4, rn: 8, kt: 32 }, { wgX: 64, wgY: 1, rm: 4, rn: 8, kt: 32 }, { wgX: 8, wgY: 4, rm: 4, rn: 4, kt: 32 }];
const VEC4_ROW_TILES: readonly TileConfig[] = [{ wgX: 64, wgY: 1, rm: 1, rn: 4, kt: 32 }, { wgX: 32, wgY: 1, rm: 1, rn: 4, kt: 32 }, { wgX: 64, wgY: 1, rm: 1, rn: 8, kt: 32 }];

/** The kernels the autotuner times for a contraction: every variant that applies, vec4 with several tiles. */
export function gemmCandidates(s: GemmSpec): Required<GemmChoice>[] {
  const vec4 = vec4Applies(s) ? (s.m === 1 ? VEC4_ROW_TILES : VEC4_TILES).filter((t) => vec4Fits(s, t)).map((tile) => ({ variant: 'vec4' as const, tile })) : [];
  const others = (['register', 'small', 'tiled'] as const).map((variant) => ({ variant, tile: defaultTile(s, variant) }));
  return [...vec4, ...others];
}

/** The contraction kernel for a GemmSpec, as chosen by `chooseGemm`. */
export function gemmKernel(s: GemmSpec): KernelSource {
  const { variant, tile } = chooseGemm(s);
  const src = variant === 'tiled' ? tiledGemm(s, tile) : variant === 'vec4' ? vec4Gemm(s, tile) : registerGemm(s, tile);
  return { ...src, choice: `${variant} ${tileName(tile)}` };
}

/** A tile configuration as `WGXxWGY RMxRN kKT` (workgroup shape, registers per invocation, k slab). */
export const tileName = (t: TileConfig): string => `${t.wgX}x${t.wgY} ${t.rm}x${t.rn} k${t.kt}`;

/**
 * Register-blocked kernel, no workgroup memory: invocation (tx, ty) of a workgroup owns rows row0 + ty + i*WG_Y
 * and columns col0 + tx + j*WG_X of its tile (neighbouring invocations read neighbouring columns of B). Rows
 * and columns past the edge are clamped for loading (in range, never stored), so the k loop has no branches.
 */
export function registerGemm(s: GemmSpec, c: TileConfig): KernelSource {
  const p = gemmParts(s, c);
  const { is, js, zero } = p;
  const decls = `
${p.consts}
${p.kahan}`;
  const gather = s.gatherB;
  const rowsCols = [
    ...is.map((i) => `let r${i} = row0 + ty + ${i * c.wgY}; let ra${i} = min(r${i}, M - 1);`),
    ...js.map((j) => `let c${j} = col0 + tx + ${j * c.wgX}; let cb${j} = min(c${j}, N - 1);${gather ? `\n  ${gather.column(`cb${j}`, `${j}`)}` : ''}`),
  ].join('\n  ');
  const aLoads = `${gather ? `${gather.step('k')}\n      ` : ''}${is.map((i) => `let a${i} = ${s.loadA(`ra${i}`, 'k')};`).join(' ')}`;
  const bLoad = (j: number) =>
    s.loadBInto ? `var b${j} = ${zero}; ${s.loadBInto('k', `cb${j}`, `b${j}`)}` : `let b${j} = ${gather ? gather.load(`${j}`) : s.loadB('k', `cb${j}`)};`;
  const bLoads = js.map(bLoad).join('\n      ');
  const entry = `// Register-blocked matmul: ${p.tileM}x${p.tileN} tile of C per workgroup, ${c.rm}x${c.rn} registers per invocation, no workgroup memory.
@compute @workgroup_size(${p.threads})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  ${p.tileIndex}
  ${rowsCols}
  ${p.accDecls}
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    ${p.partDecls}
    for (var k = k0; k < kEnd; k++) {
      ${aLoads}
      ${bLoads}
      ${p.fmas}
    }
    ${p.merges}
  }
  ${p.stores}
}`;
  return { decls, entry, workgroups: p.workgroups, workgroupSize: p.threads };
}

/** The tiled kernel for a GemmSpec. */
export function tiledGemm(s: GemmSpec, c: TileConfig = pickTile(s.m, s.n)): KernelSource {
  const p = gemmParts(s, c);
  const { is, js, T, zero } = p;
  const decls = `
${p.consts.replace(/;$/, `; const THREADS = ${p.threads};`)}
var<workgroup> tileA: array<${T}, ${c.kt * p.tileM}>;
var<workgroup> tileB: array<${T}, ${c.kt * p.tileN}>;
${p.kahan}`;
  // Each slab's partial sum joins the total with Kahan compensation: long K stays as accurate as a
  // KT-term sum (the gradient of a 784-wide layer otherwise drifts visibly from float64 references).
  const aLoads = is.map((i) => `let a${i} = tileA[kk * TILE_M + ty + ${i * c.wgY}];`).join(' ');
  const bLoads = js.map((j) => `let b${j} = tileB[kk * TILE_N + tx + ${j * c.wgX}];`).join(' ');
  const rowsCols = [...is.map((i) => `let r${i} = row0 + ty + ${i * c.wgY};`), ...js.map((j) => `let c${j} = col0 + tx + ${j * c.wgX};`)].join(' ');
  const entry = `// Tiled matmul: ${p.tileM}x${p.tileN} tile of C per workgroup, K staged ${c.kt} at a time, ${c.rm}x${c.rn} registers per invocation.
@compute @workgroup_size(${p.threads})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
  ${p.tileIndex}
  ${p.accDecls}
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = ${zero};
      if (row < M && k < K) { v = ${s.loadA('row', 'k')}; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = ${zero};
      if (k < K && col < N) { ${s.loadBInto ? s.loadBInto('k', 'col', 'v') : `v = ${s.loadB('k', 'col')};`} }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    ${p.partDecls}
    for (var kk = 0; kk < kEnd; kk++) {
      ${aLoads}
      ${bLoads}
      ${p.fmas}
    }
    ${p.merges}
    workgroupBarrier();
  }
  ${rowsCols}
  ${p.stores}
}`;
  return { decls, entry, workgroups: p.workgroups, workgroupSize: p.threads };
}

/** `coord * stride`, dropped when the stride is 0 or the dim has size 1 (its coordinate is always 0). */
const term = (coord: string, stride: number, size: number) => (stride === 0 || size === 1 ? '' : stride === 1 ? ` + ${coord}` : ` + ${coord} * ${stride}`);

/** A matrix operand as the batched kernel reads it: base offset per batch entry, then row and column strides. */
interface MatOperand { readonly ref: TensorRef; readonly view: View; readonly base: string }

/**
 * The vec4 load of a matrix operand along its row axis or its column axis, when its ref is a wide binding and
 * that axis is contiguous with a multiple of 4 elements while every other offset term is a multiple of 4.
 */
function vectorLoad(op: MatOperand, baseVar: string, axes: readonly [VectorLoad['along'], VectorLoad['along']]): VectorLoad | undefined {
  const { ref, view } = op;
  const r = view.shape.length;
  if (!ref.load4 || view.offset % 4 !== 0 || view.shape.some((d, i) => i < r - 2 && d > 1 && view.strides[i] % 4 !== 0)) return undefined;
  const rs = view.strides[r - 2], cs = view.strides[r - 1], [rows, cols] = view.shape.slice(-2);
  const at = (a: string, b: string) => ref.load4!(`${baseVar}${term(a, rs, rows)}${term(b, cs, cols)}`);
  if (cs === 1 && cols % 4 === 0 && (rows === 1 || rs % 4 === 0)) return { along: axes[1], load: at };
  if (rs === 1 && rows % 4 === 0 && (cols === 1 || cs % 4 === 0)) return { along: axes[0], load: at };
  return undefined;
}

/** Views an operand of shape [...batch, R, C] (already broadcast to the output batch) as a MatOperand. */
function matOperand(ref: TensorRef, view: View, batchCoords: readonly string[]): MatOperand {
  let base = String(view.offset);
  for (let d = 0; d < view.shape.length - 2; d++) base += term(batchCoords[d], view.strides[d], view.shape[d]);
  return { ref, view, base };
}

/** Element (r, c) of a batched matrix operand, given its per-batch base variable. */
const matElem = (op: MatOperand, baseVar: string, r: string, c: string): string => {
  const rank = op.view.shape.length;
  return `${op.ref.load(`${baseVar}${term(r, op.view.strides[rank - 2], op.view.shape[rank - 2])}${term(c, op.view.strides[rank - 1], op.view.shape[rank - 1])}`)}`;
};

/**
 * Batched product of A [...ba, M, K] and B [...bb, K, N] read through views; `store` writes each result.
 * `tag` suffixes the prologue's variables, so sibling products can share one kernel.
 */
function batchedMatmul(a: TensorRef, aView: View, b: TensorRef, bView: View, batchShape: Shape, store: GemmSpec['store'], elem: WgslScalar, extra = '', tag = ''): GemmSpec {
  const [m, k] = aView.shape.slice(-2), n = bView.shape[bView.shape.length - 1];
  const bc = batchShape.map((_, i) => `bt${tag}${i}`);
  const A = matOperand(a, broadcastView(aView, [...batchShape, m, k]), bc);
  const B = matOperand(b, broadcastView(bView, [...batchShape, k, n]), bc);
  return {
    elem, batch: numel(batchShape), m, n, k,
    prologue: `${coords('batch', batchShape, `bt${tag}`)}\n  let aBase${tag} = ${A.base};\n  let bBase${tag} = ${B.base};${extra}`,
    loadA: (r, kk) => matElem(A, `aBase${tag}`, r, kk),
    loadB: (kk, cc) => matElem(B, `bBase${tag}`, kk, cc),
    loadA4: vectorLoad(A, `aBase${tag}`, ['row', 'k']),
    loadB4: vectorLoad(B, `bBase${tag}`, ['k', 'col']),
    store,
  };
}

/** numpy matmul: 1-D operands become a row / a column (stride-0 extra dim); batch dims broadcast. */
export const matmulSpec = (ctx: LowerContext, tag = ''): GemmSpec => {
  const [a, b] = ctx.inputs as TensorRef[];
  const out = ctx.outputs[0];
  const av: View = a.view.shape.length === 1 ? { shape: [1, a.view.shape[0]], strides: [0, a.view.strides[0]], offset: a.view.offset } : a.view;
  const bv: View = b.view.shape.length === 1 ? { shape: [b.view.shape[0], 1], strides: [b.view.strides[0], 0], offset: b.view.offset } : b.view;
  const m = av.shape[av.shape.length - 2], n = bv.shape[bv.shape.length - 1];
  const batchShape = out.view.shape.slice(0, out.view.shape.length - (a.view.shape.length === 1 ? 0 : 1) - (b.view.shape.length === 1 ? 0 : 1));
  // Output is contiguous [...batch, M, N] (1-D operands only drop a size-1 dim).
  const store = (r: string, c: string, v: string) => out.store(`(batch * ${m} + ${r}) * ${n} + ${c}`, v);
  return batchedMatmul(a, av, b, bv, batchShape, store, out.elem, '', tag);
};
export const matmulLowering: Lowering = (ctx) => gemmKernel(matmulSpec(ctx));

/** Y = alpha op(A) op(B) + beta C: transposes are view permutations, C is read broadcast to [M, N]. */
export const gemmSpec = (ctx: LowerContext, tag = ''): GemmSpec => {
  const [a, b, cRef] = ctx.inputs;
  const out = ctx.outputs[0];
  const attrs = ctx.node.attrs;
  const alpha = attrs.alpha as number, beta = attrs.beta as number;
  const av = attrs.transA ? permuteView(a!.view, [1, 0]) : a!.view;
  const bv = attrs.transB ? permuteView(b!.view, [1, 0]) : b!.view;
  const [m, n] = out.view.shape;
  const T = out.elem;
  const scaled = (v: string) => (alpha === 1 ? v : T === 'f32' ? `${lit(alpha, 'f32')} * ${v}` : `${T}(${lit(alpha, 'f32')} * f32(${v}))`);
  const bias = (r: string, c: string) => {
    if (!cRef || beta === 0) return '';
    const cv = broadcastView(cRef.view, [m, n]);
    const load = `${cRef.load(`${cv.offset}${term(r, cv.strides[0], m)}${term(c, cv.strides[1], n)}`)}`;
    return beta === 1 ? ` + ${load}` : T === 'f32' ? ` + ${lit(beta, 'f32')} * ${load}` : ` + ${T}(${lit(beta, 'f32')} * f32(${load}))`;
  };
  const store = (r: string, c: string, v: string) => out.store(`${r} * ${n} + ${c}`, `${scaled(v)}${bias(r, c)}`);
  // An input the shader never reads would be dropped from the bind group layout: touch an unused C.
  const touch = cRef && beta === 0 ? `\n  _ = ${cRef.load(`0`)};` : '';
  return batchedMatmul(a!, av, b!, bv, [], store, T, touch, tag);
};
export const gemmLowering: Lowering = (ctx) => gemmKernel(gemmSpec(ctx));

/**
 * Sibling products in one kernel: products of the same A (same rows, depth and batch) with different B
 * are one product with their columns side by side; each column range loads its own B and stores through
 * its own output (and epilogue).
 */
export function siblingGemm(specs: readonly GemmSpec[]): KernelSource {
  const [first] = specs;
  const starts = specs.map((_, j) => specs.slice(0, j).reduce((acc, s) => acc + s.n, 0));
  for (const s of specs) {
    if (s.m !== first.m || s.k !== first.k || s.batch !== first.batch || s.elem !== first.elem) {
      throw new KilnError('BACKEND', `sibling products disagree: ${s.m}x${s.k} batch ${s.batch} vs ${first.m}x${first.k} batch ${first.batch}`);
    }
  }
  /** `if (col < end0) { part 0 } else if ...`, each part seeing its own column index. */
  const byColumn = (col: string, part: (j: number, c: string) => string) =>
    specs.map((s, j) => {
      const c = starts[j] === 0 ? col : `(${col} - ${starts[j]})`;
      const cond = j === specs.length - 1 ? '' : `if (${col} < ${starts[j] + s.n}) `;
      return `${j ? 'else ' : ''}${cond}{ ${part(j, c)} }`;
    }).join(' ');
  return gemmKernel({
    elem: first.elem, batch: first.batch, m: first.m, k: first.k, n: starts[specs.length - 1] + specs[specs.length - 1].n,
    prologue: specs.map((s) => s.prologue ?? '').join('\n  '),
    decls: specs.map((s) => s.decls ?? '').join('\n'),
    loadA: first.loadA,
    loadB: () => {
      throw new KilnError('BACKEND', 'sibling products load B by column range');
    },
    loadBInto: (k, col, v) => byColumn(col, (j, c) => `${v} = ${specs[j].loadB(k, c)};`),
    store: (row, col, acc) => byColumn(col, (j, c) => specs[j].store(row, c, acc)),
  });
}

/** The products that can be siblings (the op table marks them), by op: each builds its part of the kernel. */
const SIBLING_SPECS: Partial<Record<OpName, (ctx: LowerContext, tag: string) => GemmSpec>> = { MatMul: matmulSpec, Gemm: gemmSpec };

/** One kernel for sibling products (fusion found them: same op, same A). */
export function siblingLowering(contexts: readonly LowerContext[]): KernelSource {
  return siblingGemm(contexts.map((ctx, j) => {
    const spec = SIBLING_SPECS[ctx.node.op];
    if (!spec) throw new KilnError('BACKEND', 'no sibling-product lowering for this op', { node: ctx.node.name, op: ctx.node.op });
    return spec(ctx, `s${j}`);
  }));
}

// What every contraction kernel variant shares: the GemmSpec a lowering hands to the kernel (operand load
// hooks, the store hook with its fused epilogue), the tile configuration, and the common parts of the
// generated WGSL (tile geometry, constants, Kahan merging, the register block, the workgroup's tile index).
import { spread } from '../program-builder.ts';
import { lit, type WgslScalar } from '../wgsl.ts';

/** What the tiled kernel multiplies: C[batch, M, N] = sum_k A(row, k) B(k, col), per batch entry. */
export interface GemmSpec {
  readonly elem: WgslScalar;
  readonly batch: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** Statements run once per workgroup after `batch: i32` is known (e.g. base offsets of the operands). */
  readonly prologue?: string;
  /** Expression for A(row, k); evaluated only for row < M and k < K. */
  readonly loadA: (row: string, k: string) => string;
  /** Expression for B(k, col); evaluated only for k < K and col < N. */
  readonly loadB: (k: string, col: string) => string;
  /** Statement setting `v` to B(k, col), when one expression cannot say it (sibling products). */
  readonly loadBInto?: (k: string, col: string, v: string) => string;
  /** Statement storing the accumulated `acc` at (row, col) of this batch entry; runs only in range. */
  readonly store: (row: string, col: string, acc: string) => string;
  readonly decls?: string;
  /**
   * A gathered B (conv's im2col) with its index arithmetic hoisted, for the register kernels: `column`
   * runs once per owned column before the k loop (declaring names suffixed with `tag`), `step` once per
   * k inside it (shared by all the columns), and `load` reads B(k, col) from those names. Kernels without
   * it, or that stage B through workgroup memory, call loadB.
   */
  readonly gatherB?: GatherB;
  /** A(row, k..k+3) (along 'k': k a multiple of 4) or A(row..row+3, k) (along 'row') as one vec4 load, where aligned. */
  readonly loadA4?: VectorLoad;
  /** B(k..k+3, col) (along 'k') or B(k, col..col+3) (along 'col') as one vec4 load, where aligned. */
  readonly loadB4?: VectorLoad;
}

export interface GatherB {
  column(col: string, tag: string): string;
  step(k: string): string;
  load(tag: string): string;
}

/** Four consecutive elements of an operand along one of its axes, read as one vec4 from a vec4 binding. */
export interface VectorLoad {
  /** The operand's contiguous axis: 'k' (the contraction axis) or its other axis (A's rows, B's columns). */
  readonly along: 'k' | 'row' | 'col';
  /** Expression for the vec4 starting at (first, second), the axis `along` at a multiple of 4. */
  readonly load: (first: string, second: string) => string;
}

export interface TileConfig { wgX: number; wgY: number; rm: number; rn: number; kt: number }

/**
 * What the register and tiled kernels share: the tile geometry, the constants, Kahan merging of each
 * k-slab's partial sums, the register block (unrolled into scalars: lavapipe compiles dynamically indexed
 * private arrays very slowly) and the tile index of the workgroup.
 */
export function gemmParts(s: GemmSpec, c: TileConfig) {
  const tileM = c.wgY * c.rm, tileN = c.wgX * c.rn, threads = c.wgX * c.wgY;
  // An empty output dispatches nothing, but the shader must still compile: no division by a zero tile count.
  const tilesM = Math.max(1, Math.ceil(s.m / tileM)), tilesN = Math.max(1, Math.ceil(s.n / tileN));
  const total = s.m === 0 || s.n === 0 ? 0 : tilesM * tilesN * s.batch;
  const T = s.elem, zero = lit(0, T);
  const consts = `const M = ${s.m}; const N = ${s.n}; const K = ${s.k};
const WG_X = ${c.wgX}; const WG_Y = ${c.wgY}; const KT = ${c.kt};
const TILE_M = ${tileM}; const TILE_N = ${tileN};`;
  const kahan = `fn kahan(sum: ptr<function, ${T}>, comp: ptr<function, ${T}>, x: ${T}) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}
${s.decls ?? ''}`;
  const is = Array.from({ length: c.rm }, (_, i) => i), js = Array.from({ length: c.rn }, (_, j) => j);
  const block = (f: (i: number, j: number) => string, sep: string) => is.map((i) => js.map((j) => f(i, j)).join(' ')).join(sep);
  const tileIndex = `let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= ${total}) { return; }
  let col0 = (tile % ${tilesN}) * TILE_N;
  let row0 = ((tile / ${tilesN}) % ${tilesM}) * TILE_M;
  let batch = tile / ${tilesN * tilesM};
  ${s.prologue ?? ''}
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;`;
  return {
    tileM, tileN, threads, T, zero, consts, kahan, is, js, tileIndex,
    accDecls: block((i, j) => `var acc${i}${j} = ${zero}; var comp${i}${j} = ${zero};`, '\n  '),
    partDecls: block((i, j) => `var part${i}${j} = ${zero};`, '\n    '),
    merges: block((i, j) => `kahan(&acc${i}${j}, &comp${i}${j}, part${i}${j});`, '\n    '),
    fmas: block((i, j) => `part${i}${j} += a${i} * b${j};`, '\n      '),
    stores: is.flatMap((i) => js.map((j) => `if (r${i} < M && c${j} < N) { ${s.store(`r${i}`, `c${j}`, `acc${i}${j}`)} }`)).join('\n  '),
    workgroups: spread(total),
  };
}


// A tiny WebAssembly binary writer: just what the CPU kernels need (one imported memory, functions over i32
// and v128 locals, exports). Instructions are written as bytes through the `op` helpers below; the encoding
// follows the WebAssembly core spec (LEB128 integers, sections by id) and the fixed-width SIMD proposal.

export const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32 constants). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

/** Instruction encoders. Memory offsets are in bytes; alignment hints are log2 bytes. */
export const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b],
  br: (d: number) => [0x0c, ...uleb(d)], brIf: (d: number) => [0x0d, ...uleb(d)],
  get: (i: number) => [0x20, ...uleb(i)], set: (i: number) => [0x21, ...uleb(i)], tee: (i: number) => [0x22, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n)],
  add: [0x6a], sub: [0x6b], mul: [0x6c], ltU: [0x49], geU: [0x4f], eqz: [0x45], shl: [0x74],
  f32Load: (off = 0) => [0x2a, 2, ...uleb(off)],
  i32Load: (off = 0) => [0x28, 2, ...uleb(off)],
  memoryCopy: [0xfc, ...uleb(10), 0x00, 0x00],
  f32Store: (off = 0) => [0x38, 2, ...uleb(off)],
  v128Load: (off = 0) => [0xfd, ...uleb(0x00), 4, ...uleb(off)],
  v128Store: (off = 0) => [0xfd, ...uleb(0x0b), 4, ...uleb(off)],
  load32Splat: (off = 0) => [0xfd, ...uleb(0x09), 2, ...uleb(off)],
  v128Zero: [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)],
  f32x4Add: [0xfd, ...uleb(0xe4)], f32x4Mul: [0xfd, ...uleb(0xe6)],
  f32x4Pmin: [0xfd, ...uleb(0xea)], f32x4Pmax: [0xfd, ...uleb(0xeb)],
  f32x4Extract: (lane: number) => [0xfd, ...uleb(0x1f), lane],
  /** i8x16.shuffle of two vectors by 16 byte-lane indices (0-15 the first, 16-31 the second). */
  shuffle: (lanes: readonly number[]) => [0xfd, ...uleb(0x0d), ...lanes],
  f32Add: [0x92], f32Gt: [0x5e], select: [0x1b],
};

/** A function body under construction: emit(...) appends instructions (byte arrays or single bytes). */
export function emitter(): { body: number[]; emit: (...xs: (number | number[])[]) => void } {
  const body: number[] = [];
  return { body, emit: (...xs) => { for (const x of xs) typeof x === 'number' ? body.push(x) : body.push(...x); } };
}

export interface Func {
  readonly name: string;
  readonly params: number[];
  /** Extra locals after the params, in order. */
  readonly locals: number[];
  readonly body: number[];
}

/** A module importing memory `env.mem` (at least `pages` 64 KiB pages) and exporting `funcs` (no results). */
export function buildModule(funcs: readonly Func[], pages: number): Uint8Array<ArrayBuffer> {
  const types = section(1, vec(funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0])));
  const imports = section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(pages)]]));
  const fns = section(3, vec(funcs.map((_, i) => uleb(i))));
  const exports = section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])));
  const code = section(10, vec(funcs.map((f) => {
    const groups: number[][] = [];
    for (const t of f.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const body = [...vec(groups.map(([n, t]) => [...uleb(n), t])), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  })));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...fns, ...exports, ...code]);
}

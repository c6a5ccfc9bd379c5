// Operations on a kernel's output tile inside the WebAssembly memory, for the convolution (conv-simd.ts): gathering
// its lines into a dense block, and max pooling it (a scalar loop for any window inside the tile, a SIMD one for
// the 2x2 stride-2 case), so that only what the graph keeps leaves the memory. Built into the GEMM's module.
import { emitter, F32, I32, op, V128 } from './module.ts';

/**
 * copy2d(outer, srcOuter, dstOuter, inner, srcInner, dstInner, len, src, dst) (all bytes): for o < outer, i < inner,
 * copies len bytes from src + o*srcOuter + i*srcInner to dst + o*dstOuter + i*dstInner (a tile's lines gathered).
 */
export function copy2dBody(): { params: number[]; locals: number[]; body: number[] } {
  const [outer, so, dOut, inner, si, di, len, src, dst] = [0, 1, 2, 3, 4, 5, 6, 7, 8], [o, i, s, d] = [9, 10, 11, 12];
  const { body, emit } = emitter();
  emit(op.i32(0), op.set(o), op.block, op.loop);
  emit(op.get(o), op.get(outer), op.geU, op.brIf(1));
  emit(op.get(src), op.get(o), op.get(so), op.mul, op.add, op.set(s), op.get(dst), op.get(o), op.get(dOut), op.mul, op.add, op.set(d));
  emit(op.i32(0), op.set(i), op.block, op.loop);
  emit(op.get(i), op.get(inner), op.geU, op.brIf(1));
  emit(op.get(d), op.get(s), op.get(len), op.memoryCopy);
  emit(op.get(s), op.get(si), op.add, op.set(s), op.get(d), op.get(di), op.add, op.set(d));
  emit(op.get(i), op.i32(1), op.add, op.set(i), op.br(0), op.end, op.end);
  emit(op.get(o), op.i32(1), op.add, op.set(o), op.br(0), op.end, op.end);
  return { params: new Array<number>(9).fill(I32), locals: new Array<number>(4).fill(I32), body };
}

/**
 * maxPool(planes, oH, oW, kH, kW, sHBytes, sWBytes, src, srcPlane, srcLine, dst) (bytes): dst[p, oh, ow] = the max
 * of the kH x kW window at src + p*srcPlane + oh*sHBytes + ow*sWBytes (lines srcLine apart), written densely. The
 * window's first element, then each later one that is greater (MaxPool's rule: a NaN only ever comes first).
 */
export function maxPoolBody(): { params: number[]; locals: number[]; body: number[] } {
  const [planes, oH, oW, kH, kW, sH, sW, src, plane, line, dst] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [p, oh, ow, kh, kw, row, a, q, d, m, v] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
  const { body, emit } = emitter();
  /** for (i = 0; i < n; i++) { inner } */
  const loop = (i: number, n: number, inner: () => void) => {
    emit(op.i32(0), op.set(i), op.block, op.loop, op.get(i), op.get(n), op.geU, op.brIf(1));
    inner();
    emit(op.get(i), op.i32(1), op.add, op.set(i), op.br(0), op.end, op.end);
  };
  emit(op.get(dst), op.set(d));
  loop(p, planes, () => loop(oh, oH, () => {
    emit(op.get(src), op.get(p), op.get(plane), op.mul, op.add, op.get(oh), op.get(sH), op.mul, op.add, op.set(row));
    loop(ow, oW, () => {
      emit(op.get(row), op.get(ow), op.get(sW), op.mul, op.add, op.tee(a), op.f32Load(0), op.set(m));
      loop(kh, kH, () => {
        emit(op.get(a), op.get(kh), op.get(line), op.mul, op.add, op.set(q));
        loop(kw, kW, () => {
          emit(op.get(q), op.f32Load(0), op.set(v), op.get(v), op.get(m), op.get(v), op.get(m), op.f32Gt, op.select, op.set(m));
          emit(op.get(q), op.i32(4), op.add, op.set(q));
        });
      });
      emit(op.get(d), op.get(m), op.f32Store(0), op.get(d), op.i32(4), op.add, op.set(d));
    });
  }));
  return { params: new Array<number>(11).fill(I32), locals: [...new Array<number>(9).fill(I32), F32, F32], body };
}

/** Byte lanes picking f32 lanes `ls` of two concatenated vectors. */
const f32Lanes = (ls: readonly number[]) => ls.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]);

/**
 * maxPool2x2(planes, oH, vectors, src, srcPlane, srcLine, dst, dstLine) (bytes): the 2x2 stride-2 case of maxPool,
 * four outputs a step: two lines' eight inputs split into even and odd columns, then pmax in window order (pmax(m,
 * v) = m < v ? v : m, MaxPool's rule). Each line writes `vectors` * 4 outputs, so up to 3 past its oW spill into
 * the next line (rewritten by it) or past the end (the caller leaves room).
 */
export function maxPool2x2Body(): { params: number[]; locals: number[]; body: number[] } {
  const [planes, oH, nv, src, plane, line, dst, dline] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [p, oh, v, a, d, r0, r1] = [8, 9, 10, 11, 12, 13, 14], [x0, x1, m] = [15, 16, 17];
  const { body, emit } = emitter();
  const loop = (i: number, n: number, inner: () => void) => {
    emit(op.i32(0), op.set(i), op.block, op.loop, op.get(i), op.get(n), op.geU, op.brIf(1));
    inner();
    emit(op.get(i), op.i32(1), op.add, op.set(i), op.br(0), op.end, op.end);
  };
  const even = op.shuffle(f32Lanes([0, 2, 4, 6])), odd = op.shuffle(f32Lanes([1, 3, 5, 7]));
  loop(p, planes, () => loop(oh, oH, () => {
    emit(op.get(src), op.get(p), op.get(plane), op.mul, op.add, op.get(oh), op.get(line), op.mul, op.i32(1), op.shl, op.add, op.set(r0));
    emit(op.get(r0), op.get(line), op.add, op.set(r1));
    emit(op.get(dst), op.get(p), op.get(oH), op.mul, op.get(oh), op.add, op.get(dline), op.mul, op.add, op.set(d));
    loop(v, nv, () => {
      emit(op.get(r0), op.get(v), op.i32(5), op.shl, op.add, op.set(a));
      emit(op.get(a), op.v128Load(0), op.set(x0), op.get(a), op.v128Load(16), op.set(x1));
      emit(op.get(x0), op.get(x1), even, op.get(x0), op.get(x1), odd, op.f32x4Pmax, op.set(m));
      emit(op.get(r1), op.get(v), op.i32(5), op.shl, op.add, op.set(a));
      emit(op.get(a), op.v128Load(0), op.set(x0), op.get(a), op.v128Load(16), op.set(x1));
      emit(op.get(m), op.get(x0), op.get(x1), even, op.f32x4Pmax, op.get(x0), op.get(x1), odd, op.f32x4Pmax);
      emit(op.set(m), op.get(d), op.get(v), op.i32(4), op.shl, op.add, op.get(m), op.v128Store(0));
    });
  }));
  return { params: new Array<number>(8).fill(I32), locals: [...new Array<number>(7).fill(I32), ...new Array<number>(3).fill(V128)], body };
}

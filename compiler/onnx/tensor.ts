// ONNX TensorProto <-> kiln Tensor. int8/uint8 keep their width (i8, u8); other integer types narrow to
// i32 (int64 with a range check), double to f32, float16 to f16. External data is read only from files inside the model's folder.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { DType } from '../../ir/dtype.ts';
import { I32_MAX, I32_MIN } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import { halfValue } from '../../ir/half.ts';
import { numel } from '../../ir/shape.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { encodeTensor, int64, type TensorProto } from './proto.ts';
import { ONNX_DTYPE } from './schema.ts';

interface Elem { dtype: DType; bytes: number; read: (dv: DataView, off: number) => number }

const ELEMS: Record<number, Elem> = {
  [ONNX_DTYPE.FLOAT]: { dtype: 'f32', bytes: 4, read: (d, o) => d.getFloat32(o, true) },
  [ONNX_DTYPE.DOUBLE]: { dtype: 'f32', bytes: 8, read: (d, o) => d.getFloat64(o, true) },
  [ONNX_DTYPE.FLOAT16]: { dtype: 'f16', bytes: 2, read: (d, o) => halfValue(d.getUint16(o, true)) },
  [ONNX_DTYPE.INT32]: { dtype: 'i32', bytes: 4, read: (d, o) => d.getInt32(o, true) },
  [ONNX_DTYPE.INT64]: { dtype: 'i32', bytes: 8, read: (d, o) => Number(d.getBigInt64(o, true)) },
  [ONNX_DTYPE.INT16]: { dtype: 'i32', bytes: 2, read: (d, o) => d.getInt16(o, true) },
  [ONNX_DTYPE.INT8]: { dtype: 'i8', bytes: 1, read: (d, o) => d.getInt8(o) },
  [ONNX_DTYPE.UINT8]: { dtype: 'u8', bytes: 1, read: (d, o) => d.getUint8(o) },
  [ONNX_DTYPE.UINT16]: { dtype: 'i32', bytes: 2, read: (d, o) => d.getUint16(o, true) },
  [ONNX_DTYPE.UINT32]: { dtype: 'u32', bytes: 4, read: (d, o) => d.getUint32(o, true) },
  [ONNX_DTYPE.UINT64]: { dtype: 'u32', bytes: 8, read: (d, o) => Number(d.getBigUint64(o, true)) },
  [ONNX_DTYPE.BOOL]: { dtype: 'bool', bytes: 1, read: (d, o) => (d.getUint8(o) ? 1 : 0) },
};

export const onnxElemToDType = (code: number): DType | undefined => ELEMS[code]?.dtype;
export const ONNX_DTYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(ONNX_DTYPE).map(([k, v]) => [v, k]));

export interface DecodedTensor {
  tensor: Tensor;
  /** Values that did not fit the narrowed dtype and were clamped (int64 beyond i32). */
  clamped: boolean;
}

export interface TensorReadOptions {
  /** Folder of the model; external data paths resolve inside it. */
  baseDir?: string;
  /** Throw on int64 values outside i32 instead of clamping (run inputs). */
  strict?: boolean;
}

export function tensorFromProto(tp: TensorProto, opts: TensorReadOptions = {}): DecodedTensor {
  const name = tp.name ?? '';
  const code = tp.data_type ?? 0;
  const elem = ELEMS[code];
  if (!elem) throw new KilnError('ONNX_UNSUPPORTED', `tensor '${name}' has unsupported element type ${ONNX_DTYPE_NAMES[code] ?? code}`);
  const shape = tp.dims.map(int64);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new KilnError('ONNX_INVALID', `tensor '${name}' has invalid dims [${shape}]`);
  const n = numel(shape);
  const values = readValues(tp, elem, n, opts.baseDir, code);
  if (values.length !== n) {
    throw new KilnError('ONNX_INVALID', `tensor '${name}' holds ${values.length} values but its shape [${shape}] needs ${n}`);
  }
  let clamped = false;
  if (elem.dtype === 'i32' || elem.dtype === 'u32') {
    const [lo, hi] = elem.dtype === 'i32' ? [I32_MIN, I32_MAX] : [0, 4294967295];
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v < lo || v > hi) {
        if (opts.strict) throw new KilnError('DTYPE', `tensor '${name}' value ${v} at index ${i} does not fit in ${elem.dtype}`);
        values[i] = v < lo ? lo : hi;
        clamped = true;
      }
    }
  }
  return { tensor: tensor(elem.dtype, shape, values), clamped };
}

function readValues(tp: TensorProto, elem: Elem, n: number, baseDir: string | undefined, code: number): number[] {
  if (tp.data_location === 1) return readRaw(readExternal(tp, baseDir, n * elem.bytes), elem, tp.name);
  if (tp.raw_data && tp.raw_data.length > 0) return readRaw(tp.raw_data, elem, tp.name);
  if (n === 0) return [];
  switch (code) {
    case ONNX_DTYPE.FLOAT: return [...tp.float_data];
    case ONNX_DTYPE.DOUBLE: return [...tp.double_data];
    case ONNX_DTYPE.INT64: return tp.int64_data.map(int64);
    case ONNX_DTYPE.UINT32: case ONNX_DTYPE.UINT64: return tp.uint64_data.map(int64);
    case ONNX_DTYPE.FLOAT16: return tp.int32_data.map(halfValue);
    default: return [...tp.int32_data];
  }
}

function readRaw(bytes: Uint8Array, elem: Elem, name?: string): number[] {
  if (bytes.length % elem.bytes !== 0) throw new KilnError('ONNX_INVALID', `tensor '${name}' raw data length ${bytes.length} is not a multiple of ${elem.bytes}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length / elem.bytes;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = elem.read(dv, i * elem.bytes);
  return out;
}

/**
 * Reads a tensor's external data, confined to the model folder: the location must be relative, its
 * realpath (symlinks resolved) must lie inside the folder's realpath, the file must be a regular file
 * (no FIFO, device, directory or socket), and exactly the bytes the shape needs are read at `offset`,
 * after checking the declared range against the file's size; the file is never read whole.
 */
function readExternal(tp: TensorProto, baseDir: string | undefined, needed: number): Uint8Array {
  const kv = new Map(tp.external_data.map((e) => [e.key ?? '', e.value ?? '']));
  const location = kv.get('location');
  const name = tp.name ?? '';
  const shown = location?.replace(/[\0-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const refuse = (why: string): never => {
    throw new KilnError('EXTERNAL_DATA', `tensor '${name}' external data '${shown}': ${why}`, { path: shown });
  };
  if (!location) throw new KilnError('EXTERNAL_DATA', `tensor '${name}' has external data without a location`);
  if (baseDir === undefined) throw new KilnError('EXTERNAL_DATA', `tensor '${name}' uses external data but the model was not loaded from a folder`);
  if (location.includes('\0')) refuse('the path holds a NUL character');
  const full = resolve(baseDir, location);
  const rel = relative(resolve(baseDir), full);
  if (isAbsolute(location) || rel.startsWith('..') || isAbsolute(rel)) refuse('the path leaves the model folder');
  let real: string, root: string;
  try {
    root = realpathSync(baseDir);
  } catch {
    return refuse('the model folder cannot be resolved');
  }
  try {
    real = realpathSync(full);
  } catch {
    return refuse('the file does not exist or cannot be resolved');
  }
  const realRel = relative(root, real);
  if (realRel === '..' || realRel.startsWith(`..${sep}`) || isAbsolute(realRel)) refuse('the path resolves (through a link) to a file outside the model folder');
  let size: number;
  try {
    const st = statSync(real);
    if (!st.isFile()) refuse('not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof KilnError) throw e;
    return refuse('the file cannot be read');
  }
  const num = (key: string): number | undefined => {
    if (!kv.has(key)) return undefined;
    const text = kv.get(key)!.trim();
    const v = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(v)) refuse(`${key} '${kv.get(key)}' is not a non-negative integer`);
    return v;
  };
  const offset = num('offset') ?? 0;
  const length = num('length') ?? Math.max(0, size - offset);
  if (offset + length > size) refuse(`range offset=${offset} length=${length} runs past the end of the file (${size} bytes)`);
  if (length !== needed) refuse(`length ${length} does not match the ${needed} bytes its shape and dtype need`);
  let out: Uint8Array;
  try {
    out = new Uint8Array(length);
  } catch {
    return refuse(`length ${length} is too large to read into memory`);
  }
  let fd: number | undefined;
  try {
    // Non-blocking open and a second check on the open file: a FIFO swapped in after stat cannot hang us.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < offset + length) refuse('the file changed while being opened');
    let done = 0;
    while (done < length) {
      const got = readSync(fd, out, done, length - done, offset + done);
      if (got === 0) refuse('the file ended before the declared range (it changed while being read)');
      done += got;
    }
  } catch (e) {
    if (e instanceof KilnError) throw e;
    return refuse('the file cannot be read');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return out;
}


/** Encodes a tensor as a TensorProto with raw data; `onnxType` picks the element type to write. */
export function tensorToProto(t: Tensor, name: string, onnxType?: number): Uint8Array {
  const code = onnxType ?? { f32: ONNX_DTYPE.FLOAT, f16: ONNX_DTYPE.FLOAT, i32: ONNX_DTYPE.INT32, u32: ONNX_DTYPE.UINT32, i8: ONNX_DTYPE.INT8, u8: ONNX_DTYPE.UINT8, bool: ONNX_DTYPE.BOOL }[t.dtype];
  const elem = ELEMS[code] ?? ELEMS[ONNX_DTYPE.FLOAT];
  const n = t.data.length;
  const buf = new Uint8Array(n * elem.bytes);
  const dv = new DataView(buf.buffer);
  const writers: Record<number, (o: number, v: number) => void> = {
    [ONNX_DTYPE.FLOAT]: (o, v) => dv.setFloat32(o, v, true),
    [ONNX_DTYPE.DOUBLE]: (o, v) => dv.setFloat64(o, v, true),
    [ONNX_DTYPE.INT32]: (o, v) => dv.setInt32(o, v, true),
    [ONNX_DTYPE.INT64]: (o, v) => dv.setBigInt64(o, BigInt(Math.trunc(v)), true),
    [ONNX_DTYPE.UINT32]: (o, v) => dv.setUint32(o, v, true),
    [ONNX_DTYPE.BOOL]: (o, v) => dv.setUint8(o, v ? 1 : 0),
    [ONNX_DTYPE.UINT8]: (o, v) => dv.setUint8(o, v),
    [ONNX_DTYPE.INT8]: (o, v) => dv.setInt8(o, v),
  };
  const w = writers[code] ?? writers[ONNX_DTYPE.FLOAT];
  for (let i = 0; i < n; i++) w(i * elem.bytes, t.data[i]);
  return encodeTensor({ name, dims: [...t.shape], data_type: writers[code] ? code : ONNX_DTYPE.FLOAT, raw_data: buf });
}

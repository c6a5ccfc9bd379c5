// safetensors read and write: 8-byte little-endian header length, a JSON header
// {name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?: {k: v}}, then the raw little-endian
// data. Reading narrows like the ONNX importer: I64/U64 to i32/u32 (range-checked), F64/BF16 to f32.
import { I32_MAX, I32_MIN, type DType } from '../ir/dtype.ts';
import { KilnError } from '../ir/errors.ts';
import { halfBits, halfValue } from '../ir/half.ts';
import { numel } from '../ir/shape.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';

interface StElem { bytes: number; dtype: DType; read: (d: DataView, o: number) => number }

const U32_MAX = 4294967295;

const ELEMS: Readonly<Record<string, StElem>> = {
  F32: { bytes: 4, dtype: 'f32', read: (d, o) => d.getFloat32(o, true) },
  F64: { bytes: 8, dtype: 'f32', read: (d, o) => d.getFloat64(o, true) },
  F16: { bytes: 2, dtype: 'f16', read: (d, o) => halfValue(d.getUint16(o, true)) },
  BF16: { bytes: 2, dtype: 'f32', read: (d, o) => bf16ToFloat(d.getUint16(o, true)) },
  I64: { bytes: 8, dtype: 'i32', read: (d, o) => Number(d.getBigInt64(o, true)) },
  I32: { bytes: 4, dtype: 'i32', read: (d, o) => d.getInt32(o, true) },
  I16: { bytes: 2, dtype: 'i32', read: (d, o) => d.getInt16(o, true) },
  I8: { bytes: 1, dtype: 'i32', read: (d, o) => d.getInt8(o) },
  U8: { bytes: 1, dtype: 'i32', read: (d, o) => d.getUint8(o) },
  U16: { bytes: 2, dtype: 'i32', read: (d, o) => d.getUint16(o, true) },
  U32: { bytes: 4, dtype: 'u32', read: (d, o) => d.getUint32(o, true) },
  U64: { bytes: 8, dtype: 'u32', read: (d, o) => Number(d.getBigUint64(o, true)) },
  BOOL: { bytes: 1, dtype: 'bool', read: (d, o) => (d.getUint8(o) ? 1 : 0) },
};

export interface SafetensorsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

const bad = (detail: string, path?: string): never => {
  throw new KilnError('INPUT', `invalid safetensors data: ${detail}`, { path });
};

interface HeaderEntry { dtype: string; shape: number[]; data_offsets: [number, number] }

function checkEntry(name: string, e: unknown, dataLen: number, path?: string): HeaderEntry & { elem: StElem } {
  const h = e as Partial<HeaderEntry>;
  if (!h || typeof h !== 'object') bad(`entry '${name}' is not an object`, path);
  const elem = ELEMS[h.dtype ?? ''] ?? bad(`tensor '${name}' has unsupported dtype '${h.dtype}' (supported: ${Object.keys(ELEMS).join(', ')})`, path);
  if (!Array.isArray(h.shape) || !h.shape.every((d) => Number.isInteger(d) && d >= 0)) bad(`tensor '${name}' has an invalid shape ${JSON.stringify(h.shape)}`, path);
  const off = h.data_offsets;
  if (!Array.isArray(off) || off.length !== 2 || !off.every((o) => Number.isInteger(o) && o >= 0) || off[0] > off[1] || off[1] > dataLen) {
    bad(`tensor '${name}' has data_offsets ${JSON.stringify(off)} outside the ${dataLen}-byte data section`, path);
  }
  const need = numel(h.shape!) * elem.bytes;
  if (off![1] - off![0] !== need) bad(`tensor '${name}' (${h.dtype}[${h.shape}]) needs ${need} bytes, its data_offsets span ${off![1] - off![0]}`, path);
  return { ...(h as HeaderEntry), elem };
}

/** Parses safetensors bytes into kiln tensors (names in file order) and the metadata. */
export function readSafetensors(bytes: Uint8Array, path?: string): SafetensorsFile {
  if (bytes.length < 8) bad(`${bytes.length} bytes is too short for the header length`, path);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = Number(dv.getBigUint64(0, true));
  if (hlen > bytes.length - 8) bad(`header length ${hlen} exceeds the file size ${bytes.length}`, path);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + hlen)));
  } catch (e) {
    return bad(`header is not UTF-8 JSON (${(e as Error).message})`, path);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) bad('header is not a JSON object', path);
  const base = 8 + hlen, dataLen = bytes.length - base;
  const tensors = new Map<string, Tensor>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = raw as Record<string, string>;
      continue;
    }
    const e = checkEntry(name, raw, dataLen, path);
    const t = tensor(e.elem.dtype, e.shape);
    const start = base + e.data_offsets[0];
    for (let i = 0; i < t.data.length; i++) {
      const v = e.elem.read(dv, start + i * e.elem.bytes);
      if ((t.dtype === 'i32' && (v < I32_MIN || v > I32_MAX)) || (t.dtype === 'u32' && v > U32_MAX)) {
        throw new KilnError('DTYPE', `tensor '${name}' value ${v} at ${i} does not fit ${t.dtype}`, { path });
      }
      t.data[i] = v;
    }
    tensors.set(name, t);
  }
  return { tensors, metadata };
}

interface WriteElem { code: string; bytes: number; write: (d: DataView, o: number, v: number) => void }

const WRITERS: Readonly<Record<DType, WriteElem>> = {
  f32: { code: 'F32', bytes: 4, write: (d, o, v) => d.setFloat32(o, v, true) },
  f16: { code: 'F16', bytes: 2, write: (d, o, v) => d.setUint16(o, floatToHalf(v), true) },
  i32: { code: 'I32', bytes: 4, write: (d, o, v) => d.setInt32(o, v, true) },
  u32: { code: 'U32', bytes: 4, write: (d, o, v) => d.setUint32(o, v, true) },
  i8: { code: 'I8', bytes: 1, write: (d, o, v) => d.setInt8(o, v) },
  u8: { code: 'U8', bytes: 1, write: (d, o, v) => d.setUint8(o, v) },
  bool: { code: 'BOOL', bytes: 1, write: (d, o, v) => d.setUint8(o, v ? 1 : 0) },
};

const I64_WRITER: WriteElem = { code: 'I64', bytes: 8, write: (d, o, v) => d.setBigInt64(o, BigInt(v), true) };

export interface WriteOptions {
  metadata?: Record<string, string>;
  /** Store i32 tensors as I64 (PyTorch's index dtype). */
  int64?: boolean;
}

/** Serializes named tensors (in map order) to safetensors bytes; the header is padded to 8 bytes. */
export function writeSafetensors(tensors: ReadonlyMap<string, Tensor>, opts: WriteOptions = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (opts.metadata) header.__metadata__ = opts.metadata;
  const plan: { t: Tensor; w: WriteElem; at: number }[] = [];
  let size = 0;
  for (const [name, t] of tensors) {
    if (name === '__metadata__') throw new KilnError('USAGE', "a tensor cannot be named '__metadata__'");
    const w = t.dtype === 'i32' && opts.int64 ? I64_WRITER : WRITERS[t.dtype];
    const n = numel(t.shape) * w.bytes;
    header[name] = { dtype: w.code, shape: [...t.shape], data_offsets: [size, size + n] };
    plan.push({ t, w, at: size });
    size += n;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (8 - (json.length % 8)) % 8;
  if (pad) json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(pad));
  const out = new Uint8Array(8 + json.length + size);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  const base = 8 + json.length;
  for (const { t, w, at } of plan) for (let i = 0; i < t.data.length; i++) w.write(dv, base + at + i * w.bytes, t.data[i]);
  return out;
}

function bf16ToFloat(b: number): number {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setUint32(0, b << 16);
  return dv.getFloat32(0);
}

/** Float to IEEE half bits, rounding to nearest even. */
export const floatToHalf = halfBits;

// Reading and writing IDX files (the MNIST / Fashion-MNIST format), gzipped or plain: a big-endian
// header (magic with element type and rank, then dims) followed by unsigned bytes.
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { KilnError } from '../../ir/errors.ts';

export interface IdxArray {
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

export function readIdx(path: string): IdxArray {
  let bytes: Uint8Array = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || dv.getUint16(0) !== 0 || bytes[2] !== 0x08) throw new KilnError('USAGE', 'not an unsigned-byte IDX file', { path });
  const rank = bytes[3];
  const shape = Array.from({ length: rank }, (_, i) => dv.getUint32(4 + 4 * i));
  const start = 4 + 4 * rank;
  const n = shape.reduce((a, b) => a * b, 1);
  if (bytes.length < start + n) throw new KilnError('USAGE', `IDX file is truncated: needs ${n} bytes of data`, { path });
  return { shape, data: bytes.subarray(start, start + n) };
}

export function writeIdx(path: string, a: IdxArray): void {
  const header = new Uint8Array(4 + 4 * a.shape.length);
  const dv = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = a.shape.length;
  a.shape.forEach((d, i) => dv.setUint32(4 + 4 * i, d));
  const body = new Uint8Array(header.length + a.data.length);
  body.set(header);
  body.set(a.data, header.length);
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(body, { level: 9 }) : body);
}

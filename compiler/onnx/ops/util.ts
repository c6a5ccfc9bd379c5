// Helpers shared by converter families.
import type { AttrSpec, AttrValue } from '../../../ir/op.ts';
import { OPS, type OpName } from '../../../ir/ops/index.ts';
import { KilnError } from '../../../ir/errors.ts';
import type { OnnxConverter, OnnxNode } from '../context.ts';
import { onnxElemToDType } from '../tensor.ts';

/** ONNX attributes that name an element type, converted to kiln dtypes. */
const DTYPE_ATTRS = new Set(['to', 'dtype']);

/** Copies the node's attributes that the IR op declares (ONNX and IR share attribute names). */
export function passAttrs(n: OnnxNode, op: OpName, rename: Record<string, string> = {}): Record<string, AttrValue> {
  const specs: Readonly<Record<string, AttrSpec>> = OPS[op].attrs;
  const out: Record<string, AttrValue> = {};
  for (const [k, v] of Object.entries(n.attrs)) {
    const key = rename[k] ?? k;
    if (!(key in specs)) continue;
    if (DTYPE_ATTRS.has(key) && typeof v === 'number') {
      const d = onnxElemToDType(v);
      if (!d) throw new KilnError('ONNX_UNSUPPORTED', `attribute '${k}' names unsupported element type ${v}`, { node: n.name, op: n.opType });
      out[key] = d;
    } else if (typeof v === 'number' || typeof v === 'string' || Array.isArray(v)) {
      out[key] = v as AttrValue;
    }
  }
  return out;
}

/** A converter for ops whose IR op has the same inputs and attribute names as ONNX. */
export const direct = (op: OpName, rename: Record<string, string> = {}): OnnxConverter => (ctx, n) =>
  ctx.emit(op, n.inputs, passAttrs(n, op, rename));

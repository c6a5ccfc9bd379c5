// Helpers shared by converter families.
import type { AttrSpec, AttrValue } from '../../../ir/op.ts';
import { OPS, type OpName } from '../../../ir/ops/index.ts';
import { KilnError } from '../../../ir/errors.ts';
import type { OnnxConverter, OnnxNode } from '../context.ts';
import { onnxElemToDType } from '../tensor.ts';

/** ONNX attributes that name an element type, converted to kiln dtypes. */
const DTYPE_ATTRS = new Set(['to', 'dtype']);

/** Attributes of old opsets that carry no meaning for kiln (memory hints, mode flags of inference). */
const IGNORED_ATTRS = new Set(['consumed_inputs', 'is_test']);

/**
 * Copies the node's attributes to the IR op (ONNX and IR share attribute names). An attribute the IR op
 * does not declare is an error, never silently dropped: it could change the op's meaning. `handled` lists
 * the attributes the calling converter has already turned into something else.
 */
export function passAttrs(n: OnnxNode, op: OpName, rename: Record<string, string> = {}, handled: readonly string[] = []): Record<string, AttrValue> {
  const specs: Readonly<Record<string, AttrSpec>> = OPS[op].attrs;
  const out: Record<string, AttrValue> = {};
  for (const [k, v] of Object.entries(n.attrs)) {
    const key = rename[k] ?? k;
    if (!(key in specs)) {
      if (IGNORED_ATTRS.has(k) || handled.includes(k)) continue;
      throw new KilnError('ONNX_UNSUPPORTED', `attribute '${k}' is not supported`, { node: n.name, op: n.opType });
    }
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

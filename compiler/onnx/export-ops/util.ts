// Rule builders shared by the export families.
import type { Node } from '../../../ir/graph.ts';
import { irAttrs, type ExportContext, type ExportRule, type OnnxAttrValue } from '../export-context.ts';

/** The node's inputs and outputs by ONNX name. */
export const ins = (ctx: ExportContext, n: Node): string[] => n.inputs.map((v) => ctx.name(v));
export const outs = (ctx: ExportContext, n: Node): string[] => n.outputs.map((v) => ctx.name(v));

/** An op ONNX has under the same name, with the same inputs, outputs and attribute names. */
export const direct = (): ExportRule => (ctx, n) => ctx.emit(n.op, ins(ctx, n), outs(ctx, n), irAttrs(n));

/**
 * An op whose static lists (IR attributes) are int64 inputs in ONNX: `inputs` names, in ONNX input order
 * after the node's own inputs, the attributes to pass that way. A name ending in '?' is an optional
 * input that an empty list leaves out (ONNX's default, e.g. reduce over every axis).
 */
export const withInt64Inputs = (inputs: readonly string[], extra: (n: Node) => Record<string, OnnxAttrValue> = () => ({})): ExportRule => (ctx, n) => {
  const keys = inputs.map((k) => k.replace(/\?$/, ''));
  const lists = inputs.map((k, i) => {
    const v = n.attrs[keys[i]] as readonly number[];
    return k.endsWith('?') && v.length === 0 ? '' : ctx.int64s(v, keys[i]);
  });
  ctx.emit(n.op, [...ins(ctx, n), ...lists], outs(ctx, n), { ...irAttrs(n, keys), ...extra(n) });
};

// Recurrent ops to ONNX: RNN, GRU and LSTM keep their inputs and outputs. The IR's comma-separated
// activation list becomes ONNX's string list, and its alpha/beta lists (one entry per activation) shrink
// to ONNX's form, which lists values only for the functions that take them, in order.
import type { Node } from '../../../ir/graph.ts';
import type { RecurrentOpName } from '../../../ir/ops/index.ts';
import { RNN_ACTIVATIONS } from '../../../ir/ops/recurrent.ts';
import { irAttrs, type ExportRule, type ExportTable, type OnnxAttrValue } from '../export-context.ts';
import { ins, outs } from './util.ts';

/** activations, activation_alpha and activation_beta in ONNX's form; none when the op's defaults apply. */
function activationAttrs(n: Node): Record<string, OnnxAttrValue> {
  const list = n.attrs.activations as string;
  if (list === '') return {};
  const names = list.split(',');
  const pick = (key: 'alpha' | 'beta', given: readonly number[]): number[] =>
    names.flatMap((f, k) => (Number.isNaN(RNN_ACTIVATIONS[f][key]) ? [] : [given[k] ?? RNN_ACTIVATIONS[f][key]]));
  const alpha = pick('alpha', n.attrs.activation_alpha as number[]), beta = pick('beta', n.attrs.activation_beta as number[]);
  return {
    activations: { strings: names },
    ...(alpha.length ? { activation_alpha: { floats: alpha } } : {}),
    ...(beta.length ? { activation_beta: { floats: beta } } : {}),
  };
}

const recurrent: ExportRule = (ctx, n) => {
  const drop = ['activations', 'activation_alpha', 'activation_beta', ...(n.attrs.clip === 0 ? ['clip'] : [])];
  ctx.emit(n.op, ins(ctx, n), outs(ctx, n), { ...irAttrs(n, drop), ...activationAttrs(n) });
};

export const RECURRENT_EXPORT: ExportTable<RecurrentOpName> = { RNN: recurrent, GRU: recurrent, LSTM: recurrent };

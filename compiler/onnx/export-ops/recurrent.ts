// Recurrent ops to ONNX: RNN, GRU and LSTM keep their inputs and outputs. The IR's comma-separated
// activation list becomes ONNX's string list, and its alpha/beta lists (one entry per activation) shrink
// to ONNX's form, which lists values only for the functions that take them, in order. Batch-first
// layout 1 is written as layout 0 between transposes (ONNX Runtime has no batch-first recurrent kernel).
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

/** Swaps the first two axes (batch-major and sequence- or direction-major states). */
const SWAP01 = { perm: { ints: [1, 0, 2] } };

const recurrent: ExportRule = (ctx, n) => {
  const drop = ['activations', 'activation_alpha', 'activation_beta', 'layout', ...(n.attrs.clip === 0 ? ['clip'] : [])];
  const attrs = { ...irAttrs(n, drop), ...activationAttrs(n) };
  if (n.attrs.layout === 0) {
    ctx.emit(n.op, ins(ctx, n), outs(ctx, n), attrs);
    return;
  }
  // layout 1 (batch first) as layout 0 between transposes: X and the initial states (inputs 0, 5, 6) in,
  // Y [S,D,N,H] -> [N,S,D,H] and the final states out.
  const inputs = ins(ctx, n).map((name, k) => (name !== '' && [0, 5, 6].includes(k) ? ctx.temp('Transpose', [name], SWAP01, `in${k}_seq_major`) : name));
  const seqMajor = n.outputs.map((_, k) => ctx.fresh(`${n.name}_out${k}_seq_major`));
  ctx.emit(n.op, inputs, seqMajor, attrs);
  outs(ctx, n).forEach((name, k) => ctx.emit('Transpose', [seqMajor[k]], [name], k === 0 ? { perm: { ints: [2, 0, 1, 3] } } : SWAP01));
};

export const RECURRENT_EXPORT: ExportTable<RecurrentOpName> = { RNN: recurrent, GRU: recurrent, LSTM: recurrent };

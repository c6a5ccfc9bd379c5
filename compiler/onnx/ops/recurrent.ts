// ONNX recurrent ops (RNN, GRU, LSTM, opsets 7..20): attributes normalized into the IR's static form
// (canonical activation names with aligned alpha/beta, layout 0 before opset 14); sequence_lens dropped
// when it is constant and full, an error when constant and shorter, checked at run time otherwise.
import { KilnError } from '../../../ir/errors.ts';
import type { Value } from '../../../ir/graph.ts';
import type { AttrValue } from '../../../ir/op.ts';
import { RECURRENT_CELLS, RNN_ACTIVATIONS, type RecurrentCell } from '../../../ir/ops/recurrent.ts';
import { attrOr, type ImportContext, type OnnxConverter, type OnnxNode, unsupported } from '../context.ts';

const CANONICAL = new Map(Object.keys(RNN_ACTIVATIONS).map((k) => [k.toLowerCase(), k]));

/**
 * Canonical activation names for every direction plus alpha/beta aligned with them. ONNX lists alpha and
 * beta only for the functions that take them, in order (as ONNX Runtime reads them); the rest get defaults.
 */
function activations(n: OnnxNode, cell: RecurrentCell, dirs: number): Record<string, AttrValue> {
  const given = n.attrs.activations as string[] | undefined;
  if (!given) return {};
  if (!Array.isArray(given) || given.some((s) => typeof s !== 'string')) {
    throw new KilnError('ONNX_INVALID', `attribute 'activations' must be a list of strings, got ${JSON.stringify(given)}`, { node: n.name, op: n.opType });
  }
  const per = RECURRENT_CELLS[cell].activations.length;
  let names = given.map((s) => CANONICAL.get(s.toLowerCase()) ?? unsupported(n, `activation '${s}' is not supported (known: ${[...CANONICAL.values()].join(', ')})`));
  if (names.length === per && dirs === 2) names = [...names, ...names];
  if (names.length !== per * dirs) unsupported(n, `${cell} needs ${per * dirs} activations for ${dirs} direction(s), got ${names.length}`);
  const alphas = [...attrOr<number[]>(n, 'activation_alpha', [])], betas = [...attrOr<number[]>(n, 'activation_beta', [])];
  const pick = (list: number[], dflt: number) => (Number.isNaN(dflt) ? 0 : list.length ? list.shift()! : dflt);
  const alpha = names.map((k) => pick(alphas, RNN_ACTIVATIONS[k].alpha));
  const beta = names.map((k) => pick(betas, RNN_ACTIVATIONS[k].beta));
  return { activations: names.join(','), activation_alpha: alpha, activation_beta: beta };
}

/** Drops a constant full-length sequence_lens; rejects a constant shorter one; keeps a run-time one. */
function sequenceLens(ctx: ImportContext, n: OnnxNode, seqLen: number): Value | undefined {
  const v = n.inputs[4];
  if (!v) return undefined;
  const t = ctx.constValue(v);
  if (!t) return v;
  const short = Array.from(t.data).findIndex((l) => l !== seqLen);
  if (short >= 0) unsupported(n, `sequence_lens[${short}] is ${t.data[short]}; kiln supports only the full sequence length ${seqLen}`);
  return undefined;
}

const recurrent = (cell: RecurrentCell): OnnxConverter => (ctx, n) => {
  const x = n.inputs[0], r = n.inputs[2];
  if (!x || !r || !n.inputs[1]) unsupported(n, `${cell} needs inputs X, W and R`);
  const layout = ctx.opset >= 14 ? attrOr(n, 'layout', 0) : 0;
  const direction = attrOr<string>(n, 'direction', 'forward');
  const dirs = direction === 'bidirectional' ? 2 : 1;
  const attrs: Record<string, AttrValue> = {
    hidden_size: attrOr(n, 'hidden_size', r!.type.shape[2] ?? 0),
    direction,
    layout,
    clip: attrOr(n, 'clip', 0),
    ...activations(n, cell, dirs),
  };
  if (cell === 'GRU') attrs.linear_before_reset = attrOr(n, 'linear_before_reset', 0);
  if (cell === 'LSTM') attrs.input_forget = attrOr(n, 'input_forget', 0);
  const seqLen = x!.type.shape[layout === 0 ? 0 : 1];
  const inputs = [...n.inputs];
  inputs[4] = sequenceLens(ctx, n, seqLen);
  while (inputs.length > 3 && inputs[inputs.length - 1] === undefined) inputs.pop();
  return ctx.emit(cell, inputs, attrs);
};

export const RECURRENT_CONVERTERS: Record<string, OnnxConverter> = {
  RNN: recurrent('RNN'),
  GRU: recurrent('GRU'),
  LSTM: recurrent('LSTM'),
};

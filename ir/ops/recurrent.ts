// Recurrent ops with ONNX semantics: RNN, GRU and LSTM over a whole sequence (composite; the CPU runs
// them directly). Also the activation-function table the recurrent kernels and the converter share.
import { shapeFail } from '../errors.ts';
import type { AttrSpec, Attrs, InputTypes, OpDef } from '../op.ts';
import type { Shape } from '../shape.ts';
import type { TensorType } from '../tensor.ts';
import { req, requireFloat } from './common.ts';

/** Activation functions recurrent ops accept, with their default alpha and beta (NaN: unused). */
export const RNN_ACTIVATIONS: Readonly<Record<string, { readonly alpha: number; readonly beta: number }>> = {
  Relu: { alpha: NaN, beta: NaN }, Tanh: { alpha: NaN, beta: NaN }, Sigmoid: { alpha: NaN, beta: NaN },
  Affine: { alpha: 1, beta: 0 }, LeakyRelu: { alpha: 0.01, beta: NaN }, ThresholdedRelu: { alpha: 1, beta: NaN },
  ScaledTanh: { alpha: 1, beta: 1 }, HardSigmoid: { alpha: 0.2, beta: 0.5 }, Elu: { alpha: 1, beta: NaN },
  Softsign: { alpha: NaN, beta: NaN }, Softplus: { alpha: NaN, beta: NaN },
};

/** Per op: gate count (rows of W per hidden unit) and the default activations of one direction. */
export const RECURRENT_CELLS = {
  RNN: { gates: 1, activations: ['Tanh'] },
  GRU: { gates: 3, activations: ['Sigmoid', 'Tanh'] },
  LSTM: { gates: 4, activations: ['Sigmoid', 'Tanh', 'Tanh'] },
} as const;
export type RecurrentCell = keyof typeof RECURRENT_CELLS;

export const DIRECTIONS = ['forward', 'reverse', 'bidirectional'] as const;
export const numDirections = (a: Attrs): number => (a.direction === 'bidirectional' ? 2 : 1);

/**
 * Activations of every direction, forward first; `activations` is a comma-separated list (the IR has no
 * string-list attribute) and empty means the op's defaults. Alpha/beta lists are aligned with it.
 */
export function resolveActivations(cell: RecurrentCell, a: Attrs): { name: string; alpha: number; beta: number }[] {
  const dirs = numDirections(a);
  const given = (a.activations as string) === '' ? [] : (a.activations as string).split(',');
  const names = given.length ? given : Array.from({ length: dirs }, () => RECURRENT_CELLS[cell].activations).flat();
  const alphas = a.activation_alpha as readonly number[], betas = a.activation_beta as readonly number[];
  return names.map((name, k) => {
    const d = RNN_ACTIVATIONS[name];
    if (!d) shapeFail(`unknown activation '${name}' (known: ${Object.keys(RNN_ACTIVATIONS).join(', ')})`);
    return { name, alpha: alphas[k] ?? d.alpha, beta: betas[k] ?? d.beta };
  });
}

const COMMON_ATTRS: Readonly<Record<string, AttrSpec>> = {
  hidden_size: { type: 'int' },
  /** forward | reverse | bidirectional. */
  direction: { type: 'string', default: 'forward' },
  /** 0: X [seq, batch, input], Y [seq, dirs, batch, hidden]; 1: X [batch, seq, input], Y [batch, seq, dirs, hidden]. */
  layout: { type: 'int', default: 0 },
  activations: { type: 'string', default: '' },
  /** One value per activation (aligned with `activations`); missing entries take the function's default. */
  activation_alpha: { type: 'floats', default: [] },
  activation_beta: { type: 'floats', default: [] },
  /** Bound on the pre-activations, [-clip, clip]; 0 disables clipping. */
  clip: { type: 'float', default: 0 },
};

const fmt = (s: Shape | undefined) => (s ? `[${s.join(',')}]` : '-');

function expectShape(t: TensorType | undefined, want: Shape, what: string): void {
  if (!t) return;
  if (t.shape.length !== want.length || t.shape.some((d, i) => d !== want[i])) shapeFail(`${what} must have shape ${fmt(want)}, got ${fmt(t.shape)}`);
}

/**
 * Inputs: X, W [dirs, G*hidden, input], R [dirs, G*hidden, hidden], B [dirs, 2*G*hidden], sequence_lens
 * (i32 [batch]; must hold the full length at run time), initial_h, then for LSTM initial_c and P [dirs, 3*hidden].
 */
function inferRecurrent(cell: RecurrentCell, i: InputTypes, a: Attrs): TensorType[] {
  const x = req(i, 0), w = req(i, 1), r = req(i, 2);
  requireFloat(x, 'X');
  const H = a.hidden_size as number, G = RECURRENT_CELLS[cell].gates, layout = a.layout as number;
  if (!(DIRECTIONS as readonly string[]).includes(a.direction as string)) shapeFail(`direction must be one of ${DIRECTIONS.join('|')}, got '${a.direction}'`);
  if (layout !== 0 && layout !== 1) shapeFail(`layout must be 0 or 1, got ${layout}`);
  if (!(H > 0)) shapeFail(`hidden_size must be positive, got ${H}`);
  if (!((a.clip as number) >= 0)) shapeFail(`clip must be non-negative, got ${a.clip}`);
  if (x.shape.length !== 3) shapeFail(`X must be rank 3, got ${fmt(x.shape)}`);
  const D = numDirections(a);
  const [S, N, I] = layout === 0 ? x.shape : [x.shape[1], x.shape[0], x.shape[2]];
  for (const [k, t] of i.entries()) if (t && k !== 4 && t.dtype !== x.dtype) shapeFail(`input ${k} must be ${x.dtype} like X, got ${t.dtype}`);
  expectShape(w, [D, G * H, I], 'W');
  expectShape(r, [D, G * H, H], 'R');
  expectShape(i[3], [D, 2 * G * H], 'B');
  expectShape(i[4], [N], 'sequence_lens');
  if (i[4] && i[4].dtype !== 'i32') shapeFail(`sequence_lens must be i32, got ${i[4].dtype}`);
  const state = layout === 0 ? [D, N, H] : [N, D, H];
  expectShape(i[5], state, 'initial_h');
  expectShape(i[6], state, 'initial_c');
  expectShape(i[7], [D, 3 * H], 'P');
  const acts = resolveActivations(cell, a);
  const perDir = RECURRENT_CELLS[cell].activations.length;
  if (acts.length !== perDir * D) shapeFail(`${cell} needs ${perDir * D} activations for ${D} direction(s), got ${acts.length}`);
  const y = { dtype: x.dtype, shape: layout === 0 ? [S, D, N, H] : [N, S, D, H] };
  const h = { dtype: x.dtype, shape: state };
  return cell === 'LSTM' ? [y, h, h] : [y, h];
}

const recurrent = (cell: RecurrentCell, extra: Readonly<Record<string, AttrSpec>>, maxInputs: number): OpDef => ({
  kind: 'opaque',
  composite: true,
  inputs: [3, maxInputs],
  attrs: { ...COMMON_ATTRS, ...extra },
  infer: (i, a) => inferRecurrent(cell, i, a),
});

export const RECURRENT_OPS = {
  /** Outputs Y, Y_h. */
  RNN: recurrent('RNN', {}, 6),
  /** Outputs Y, Y_h; linear_before_reset=1 applies the reset gate after the recurrent matmul. */
  GRU: recurrent('GRU', { linear_before_reset: { type: 'int', default: 0 } }, 6),
  /** Outputs Y, Y_h, Y_c; input_forget=1 couples the forget gate to the input gate (f = 1 - i). */
  LSTM: recurrent('LSTM', { input_forget: { type: 'int', default: 0 } }, 8),
} as const satisfies Record<string, OpDef>;

// Decomposition rules of the recurrent composites (RNN, GRU, LSTM). The time loop is unrolled (the
// sequence length is static). Per direction: one MatMul projects X for all steps (X·Wᵀ + biases, laid out
// [S, N, G*H]); each step slices its rows, adds the recurrent MatMul H·Rᵀ and applies the cell's gate
// equations (recurrent-cells.ts). The per-step states are concatenated into Y, the last ones into Y_h
// (and Y_c). layout=1 reads X, the initial states and the projection through transposed views and
// transposes the outputs back.
//
// sequence_lens: a constant equal to the full length everywhere is dropped. Otherwise (a run-time input,
// or shorter constant lengths) each step is masked with m = (t < len[b]): the state advances only where
// m = 1 and Y is 0 where m = 0, which is ONNX's semantics for both directions (a reverse pass of batch b
// starts from the initial state at t = len[b] - 1). The CPU kernel only accepts full lengths, so there
// the two backends differ: the decomposition computes what the CPU rejects.
import type { Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { numDirections, RECURRENT_CELLS, resolveActivations, type RecurrentCell } from '../../ir/ops/recurrent.ts';
import { tensor } from '../../ir/tensor.ts';
import { type DirectionEnv, STEPS } from './recurrent-cells.ts';
import { RecurrentEmitter } from './recurrent-ops.ts';
import type { DecomposeRule, Emitter } from './rule.ts';

interface Dims { S: number; N: number; I: number; H: number; D: number; G: number }

/** [S, N, 1] step masks (1 where t < sequence_lens[b]), or undefined when every sequence is full. */
function stepMasks(e: Emitter, r: RecurrentEmitter, lens: Value | undefined, m: Dims): Value | undefined {
  if (!lens) return undefined;
  const known = e.graph.constants.get(lens);
  if (known && Array.from(known.data).every((v) => v === m.S)) return undefined;
  const steps = e.constant(tensor('i32', [m.S, 1], Array.from({ length: m.S }, (_, t) => t)), 'steps');
  const live = e.op1('Less', [steps, lens]); // [S, N] bool
  return r.unsqueeze(e.op1('Cast', [live], { to: r.dtype }), [2]);
}

/** The projected input of direction d for all steps: X·Wᵀ + Wb (+ Rb), [S, N, G*H] (a view for layout 1). */
function project(cell: RecurrentCell, r: RecurrentEmitter, X: Value, layout: number, W: Value, B: Value | undefined, d: number, m: Dims, lbr: boolean): Value {
  const GH = m.G * m.H;
  // X is [S, N, I] or [N, S, I]: project its rows as they lie, then view the result as [S, N, G*H].
  let xw = r.matmulT(r.reshape(X, [m.S * m.N, m.I]), r.slice(W, 0, d, d + 1)); // [1, rows, G*H]
  if (B) {
    const b = r.slice(B, 0, d, d + 1), wb = r.slice(b, 1, 0, GH), rb = r.slice(b, 1, GH, 2 * GH); // [1, G*H]
    // GRU with linear_before_reset keeps the h gate's recurrent bias inside the step.
    const bias = cell === 'GRU' && lbr
      ? r.concat([r.add(r.slice(wb, 1, 0, 2 * m.H), r.slice(rb, 1, 0, 2 * m.H)), r.slice(wb, 1, 2 * m.H, GH)], 1)
      : r.add(wb, rb);
    xw = r.add(xw, bias);
  }
  return layout === 0 ? r.reshape(xw, [m.S, m.N, GH]) : r.transpose(r.reshape(xw, [m.N, m.S, GH]), [1, 0, 2]);
}

function recurrentRule(cell: RecurrentCell): DecomposeRule {
  return (e, node) => {
    const a = node.attrs;
    const [X, W, R, B, lens, h0, c0, P] = node.inputs as (Value | undefined)[];
    const r = new RecurrentEmitter(e, X!.type.dtype);
    const layout = a.layout as number, G = RECURRENT_CELLS[cell].gates, H = a.hidden_size as number, D = numDirections(a);
    const [S, N, I] = layout === 0 ? X!.type.shape : [X!.type.shape[1], X!.type.shape[0], X!.type.shape[2]];
    const m: Dims = { S, N, I, H, D, G };
    // States are handled as [D, N, H] (layout 0); each direction's and step's state is [1, N, H].
    const state0 = (v: Value | undefined) => (v && layout === 1 ? r.transpose(v, [1, 0, 2]) : v);
    const [hInit, cInit] = [state0(h0), state0(c0)];
    const masks = stepMasks(e, r, lens, m);
    const acts = resolveActivations(cell, a), perDir = RECURRENT_CELLS[cell].activations.length;
    const lbr = a.linear_before_reset !== undefined && a.linear_before_reset !== 0;

    const ys: Value[] = [], hs: Value[] = [], cs: Value[] = [];
    for (let d = 0; d < D; d++) {
      const reverse = a.direction === 'reverse' || d === 1;
      const xw = project(cell, r, X!, layout, W!, B, d, m, lbr);
      const b = B && r.slice(B, 0, d, d + 1);
      const p = P && r.slice(P, 0, d, d + 1);
      const env: DirectionEnv = {
        r, H, R: r.slice(R!, 0, d, d + 1), acts: acts.slice(d * perDir, (d + 1) * perDir), clip: a.clip as number,
        linearBeforeReset: lbr, rbh: b && r.slice(b, 1, (G + 2) * H, 2 * G * H),
        peep: p && { i: r.slice(p, 1, 0, H), o: r.slice(p, 1, H, 2 * H), f: r.slice(p, 1, 2 * H, 3 * H) },
        inputForget: a.input_forget !== undefined && a.input_forget !== 0,
      };
      const step = STEPS[cell](env);
      let h = hInit && r.slice(hInit, 0, d, d + 1), c = cInit && r.slice(cInit, 0, d, d + 1);
      const yd: Value[] = new Array(S);
      for (let s = 0; s < S; s++) {
        const t = reverse ? S - 1 - s : s;
        const next = step(r.slice(xw, 0, t, t + 1), { h, c });
        if (masks) {
          // Advance only the live sequences; padded steps of Y are zero.
          const mt = r.slice(masks, 0, t, t + 1);
          yd[t] = r.mul(mt, next.h);
          h = h ? r.add(h, r.mul(mt, r.sub(next.h, h))) : yd[t];
          if (next.c) c = c ? r.add(c, r.mul(mt, r.sub(next.c, c))) : r.mul(mt, next.c);
        } else {
          yd[t] = h = next.h;
          c = next.c;
        }
      }
      ys.push(...yd);
      hs.push(h!);
      if (c) cs.push(c);
    }
    // Y: the [1, N, H] steps ordered (t, d) become [S*D, N, H], reshaped to [S, D, N, H]. ys holds
    // direction d's step t at d*S + t.
    const byStep = Array.from({ length: S * D }, (_, k) => ys[(k % D) * S + Math.floor(k / D)]);
    const Y = r.reshape(r.concat(byStep, 0), [S, D, N, H]);
    const states = (vs: Value[]) => {
      const st = r.concat(vs, 0); // [D, N, H]
      return layout === 0 ? st : r.transpose(st, [1, 0, 2]);
    };
    const outs = [layout === 0 ? Y : r.transpose(Y, [2, 0, 1, 3]), states(hs)];
    if (cell === 'LSTM') outs.push(states(cs));
    return outs;
  };
}

export const RECURRENT_DECOMPOSITIONS: Partial<Record<OpName, DecomposeRule>> = {
  RNN: recurrentRule('RNN'),
  GRU: recurrentRule('GRU'),
  LSTM: recurrentRule('LSTM'),
};

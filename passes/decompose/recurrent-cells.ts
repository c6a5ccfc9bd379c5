// One time step of each recurrent cell (RNN, GRU, LSTM) as primitives, following the ONNX equations and
// the CPU kernels in runtime/cpu/kernels/recurrent.ts. A step receives this step's projected input
// xt = x_t·Wᵀ + biases [1, N, G*H] and the state [1, N, H]; an absent state (no initial_h / initial_c,
// first step) stands for zeros, so its recurrent matmul and products are skipped. Values keep the
// leading 1 (of the step or direction axis) so that every per-step slice stays a view: reshaping a
// slice with an offset would cost a copy kernel.
import type { Value } from '../../ir/graph.ts';
import type { RecurrentCell } from '../../ir/ops/recurrent.ts';
import type { RecurrentEmitter } from './recurrent-ops.ts';

export interface Activation { readonly name: string; readonly alpha: number; readonly beta: number }

/** What a step of one direction sees besides the state. */
export interface DirectionEnv {
  readonly r: RecurrentEmitter;
  readonly H: number;
  /** R of this direction, [1, G*H, H]. */
  readonly R: Value;
  /** This direction's activations (f, g[, h]). */
  readonly acts: readonly Activation[];
  readonly clip: number;
  /** GRU, linear_before_reset=1: the recurrent bias of the h gate [1, H] (absent: no B). */
  readonly rbh?: Value;
  readonly linearBeforeReset: boolean;
  /** LSTM peepholes of this direction: [1, H] each for the i, o, f gates (absent: no P). */
  readonly peep?: { readonly i: Value; readonly o: Value; readonly f: Value };
  readonly inputForget: boolean;
}

export interface State { readonly h?: Value; readonly c?: Value }
export type Step = (xt: Value, s: State) => { h: Value; c?: Value };

/** Gate k (of width H) of a [1, N, G*H] value. */
const gate = (env: DirectionEnv, v: Value, k: number): Value => env.r.slice(v, 2, k * env.H, (k + 1) * env.H);

/** f(clip(pre)) with the direction's activation `which`. */
const act = (env: DirectionEnv, pre: Value, which: number): Value => env.r.activation(env.r.clip(pre, env.clip), env.acts[which]);

/** H_t = f(x_t·Wᵀ + H·Rᵀ + Wb + Rb). */
const rnnStep = (env: DirectionEnv): Step => (xt, { h }) => {
  const { r } = env;
  return { h: act(env, r.add(xt, h && r.matmulT(h, env.R)), 0) };
};

/**
 * z = f(.), r = f(.), h~ = g(x·Whᵀ + (r ⊙ H)·Rhᵀ + Wbh + Rbh), or with linear_before_reset
 * h~ = g(x·Whᵀ + Wbh + r ⊙ (H·Rhᵀ + Rbh)); H_t = (1 - z) ⊙ h~ + z ⊙ H = h~ + z ⊙ (H - h~).
 */
const gruStep = (env: DirectionEnv): Step => {
  const { r: e, H } = env;
  const Rzr = e.slice(env.R, 1, 0, 2 * H), Rh = e.slice(env.R, 1, 2 * H, 3 * H);
  return (xt, { h }) => {
    // Recurrent products of the z and r gates (and of h~ under linear_before_reset) in one matmul.
    const hR = h && e.matmulT(h, env.linearBeforeReset ? env.R : Rzr);
    const zr = e.add(e.slice(xt, 2, 0, 2 * H), hR && e.slice(hR, 2, 0, 2 * H));
    const z = act(env, gate(env, zr, 0), 0);
    const rg = act(env, gate(env, zr, 1), 0);
    const recurrent = env.linearBeforeReset
      ? e.mulOpt(rg, e.add(hR && gate(env, hR, 2), env.rbh))
      : h && e.matmulT(e.mul(rg, h), Rh);
    const hh = act(env, e.add(gate(env, xt, 2), recurrent), 1);
    return { h: h ? e.add(hh, e.mul(z, e.sub(h, hh))) : e.sub(hh, e.mul(z, hh)) };
  };
};

/**
 * Gates i, o, f, c (ONNX order) with peepholes: i = f(. + Pi ⊙ C), f = f(. + Pf ⊙ C) (or 1 - i with
 * input_forget), c~ = g(.), C_t = f ⊙ C + i ⊙ c~, o = f(. + Po ⊙ C_t), H_t = o ⊙ h(C_t).
 */
const lstmStep = (env: DirectionEnv): Step => (xt, { h, c }) => {
  const { r: e, peep } = env;
  const pre = e.add(xt, h && e.matmulT(h, env.R));
  const i = act(env, e.add(gate(env, pre, 0), peep && e.mulOpt(peep.i, c)), 0);
  const f = env.inputForget ? e.sub(e.scalar(1), i) : act(env, e.add(gate(env, pre, 2), peep && e.mulOpt(peep.f, c)), 0);
  const cc = act(env, gate(env, pre, 3), 1);
  const cn = e.add(e.mulOpt(f, c), e.mul(i, cc));
  const o = act(env, e.add(gate(env, pre, 1), peep && e.mul(peep.o, cn)), 0);
  return { h: e.mul(o, e.activation(cn, env.acts[2])), c: cn };
};

export const STEPS: { readonly [K in RecurrentCell]: (env: DirectionEnv) => Step } = { RNN: rnnStep, GRU: gruStep, LSTM: lstmStep };

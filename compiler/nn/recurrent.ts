// Recurrent layers RNN, LSTM, GRU with PyTorch's parameters (weight_ih_l0, weight_hh_l0, bias_ih_l0,
// bias_hh_l0, ..._reverse) and gate order (LSTM i,f,g,o; GRU r,z,n). The trace reorders the gate blocks
// into the ONNX order of the IR ops (LSTM i,o,f,c; GRU z,r,h) with Slice + Concat, so the parameters
// keep PyTorch's layout; GRU uses linear_before_reset=1, which is PyTorch's formula.
import { KilnError } from '../../ir/errors.ts';
import { fmt } from '../../ir/shape.ts';
import { Module, type Parameter, uniform } from './module.ts';
import { dropout } from './functional.ts';
import { cat, type SymTensor } from './tensor.ts';
import { emit, sym } from './tracer.ts';

export type Cell = 'RNN' | 'LSTM' | 'GRU';

const GATES: Record<Cell, number> = { RNN: 1, LSTM: 4, GRU: 3 };
/** For each ONNX gate block, the PyTorch block that holds it. */
export const TORCH_TO_ONNX_BLOCKS: Record<Cell, readonly number[]> = { RNN: [0], LSTM: [0, 3, 1, 2], GRU: [1, 0, 2] };

export interface RecurrentOptions {
  numLayers?: number;
  bias?: boolean;
  /** Input and output are [batch, seq, feature] instead of [seq, batch, feature]. */
  batchFirst?: boolean;
  bidirectional?: boolean;
  /** Dropout between layers (identity at inference). */
  dropout?: number;
}

export interface LayerWeights { wih: Parameter; whh: Parameter; bih?: Parameter; bhh?: Parameter }

/** Gate blocks of a [G*H, ...] parameter in ONNX order: consecutive blocks share one Slice. */
function toOnnxOrder(p: Parameter, cell: Cell, h: number): SymTensor {
  const order = TORCH_TO_ONNX_BLOCKS[cell];
  if (order.every((b, i) => b === i)) return sym(p);
  const runs: [number, number][] = [];
  for (const b of order) {
    const last = runs.at(-1);
    if (last && last[1] === b) last[1] = b + 1;
    else runs.push([b, b + 1]);
  }
  return cat(runs.map(([s, e]) => sym(p).slice(0, s * h, e * h)), 0);
}

abstract class RecurrentBase extends Module {
  readonly numLayers: number;
  readonly directions: number;
  readonly layers: LayerWeights[][] = [];

  constructor(readonly cell: Cell, readonly inputSize: number, readonly hiddenSize: number, readonly opts: RecurrentOptions, readonly activation = 'Tanh') {
    super();
    this.numLayers = opts.numLayers ?? 1;
    this.directions = opts.bidirectional ? 2 : 1;
    const gh = GATES[cell] * hiddenSize, bound = 1 / Math.sqrt(hiddenSize);
    for (let l = 0; l < this.numLayers; l++) {
      const dirs: LayerWeights[] = [];
      for (let d = 0; d < this.directions; d++) {
        const sfx = `_l${l}${d ? '_reverse' : ''}`;
        const inF = l === 0 ? inputSize : hiddenSize * this.directions;
        const w: LayerWeights = {
          wih: this.param(`weight_ih${sfx}`, uniform([gh, inF], bound)),
          whh: this.param(`weight_hh${sfx}`, uniform([gh, hiddenSize], bound)),
        };
        if (opts.bias !== false) {
          w.bih = this.param(`bias_ih${sfx}`, uniform([gh], bound));
          w.bhh = this.param(`bias_hh${sfx}`, uniform([gh], bound));
        }
        dirs.push(w);
      }
      this.layers.push(dirs);
    }
  }

  /** Runs every layer; h0/c0 are [numLayers*directions, batch, hidden]. */
  protected run(x: SymTensor, h0?: SymTensor, c0?: SymTensor): { out: SymTensor; hn: SymTensor; cn?: SymTensor } {
    if (x.rank !== 3 || x.shape[2] !== this.inputSize) {
      throw new KilnError('USAGE', `${this.cell}(${this.inputSize}, ${this.hiddenSize}) expects a 3-D input ${this.opts.batchFirst ? '(batch, seq, feature)' : '(seq, batch, feature)'} with ${this.inputSize} features, got ${fmt(x.shape)}`);
    }
    const H = this.hiddenSize, D = this.directions;
    let seq = this.opts.batchFirst ? x.transpose(0, 1) : x;
    const [S, N] = seq.shape;
    const state = [this.numLayers * D, N, H];
    for (const [t, what] of [[h0, 'h0'], [c0, 'c0']] as const) {
      if (t && fmt(t.shape) !== fmt(state)) throw new KilnError('USAGE', `${this.cell} initial state ${what} must be ${fmt(state)}, got ${fmt(t.shape)}`);
    }
    const hs: SymTensor[] = [], cs: SymTensor[] = [];
    this.layers.forEach((dirs, l) => {
      if (l > 0) seq = dropout(seq, this.opts.dropout ?? 0, this.training);
      const stackDirs = (f: (w: LayerWeights) => SymTensor) => cat(dirs.map((w) => f(w).unsqueeze(0)), 0);
      const W = stackDirs((w) => toOnnxOrder(w.wih, this.cell, H));
      const R = stackDirs((w) => toOnnxOrder(w.whh, this.cell, H));
      const B = this.opts.bias === false ? undefined : stackDirs((w) => cat([toOnnxOrder(w.bih!, this.cell, H), toOnnxOrder(w.bhh!, this.cell, H)], 0));
      const init = (t?: SymTensor) => t?.narrow(0, l * D, D);
      const attrs = {
        hidden_size: H,
        direction: D === 2 ? 'bidirectional' : 'forward',
        ...(this.cell === 'RNN' ? { activations: new Array<string>(D).fill(this.activation).join(',') } : {}),
        ...(this.cell === 'GRU' ? { linear_before_reset: 1 } : {}),
      };
      const inputs = [seq, W, R, B, undefined, init(h0), ...(this.cell === 'LSTM' ? [init(c0)] : [])];
      const [y, yh, yc] = emit(this.cell, inputs, attrs);
      seq = D === 1 ? y.squeeze(1) : y.permute([0, 2, 1, 3]).reshape([S, N, D * H]);
      hs.push(yh);
      if (yc) cs.push(yc);
    });
    return { out: this.opts.batchFirst ? seq.transpose(0, 1) : seq, hn: cat(hs, 0), cn: cs.length ? cat(cs, 0) : undefined };
  }
}

/** Elman RNN; nonlinearity 'tanh' (default) or 'relu'. forward returns [output, h_n]. */
export class RNN extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, opts: RecurrentOptions & { nonlinearity?: 'tanh' | 'relu' } = {}) {
    super('RNN', inputSize, hiddenSize, opts, opts.nonlinearity === 'relu' ? 'Relu' : 'Tanh');
  }
  forward(x: SymTensor, h0?: SymTensor): [SymTensor, SymTensor] {
    const r = this.run(x, h0);
    return [r.out, r.hn];
  }
}

/** GRU; forward returns [output, h_n]. */
export class GRU extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, opts: RecurrentOptions = {}) {
    super('GRU', inputSize, hiddenSize, opts);
  }
  forward(x: SymTensor, h0?: SymTensor): [SymTensor, SymTensor] {
    const r = this.run(x, h0);
    return [r.out, r.hn];
  }
}

/** LSTM; forward returns [output, [h_n, c_n]]; the initial state is [h0, c0] or absent (zeros). */
export class LSTM extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, opts: RecurrentOptions = {}) {
    super('LSTM', inputSize, hiddenSize, opts);
  }
  forward(x: SymTensor, state?: readonly [SymTensor, SymTensor]): [SymTensor, [SymTensor, SymTensor]] {
    const r = this.run(x, state?.[0], state?.[1]);
    return [r.out, [r.hn, r.cn!]];
  }
}

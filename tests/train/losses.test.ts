// The training losses against their PyTorch definitions written out in plain JS (mean and sum).
import { describe, expect, it } from 'vitest';
import { StepBuilder } from '../../compiler/train/builder.ts';
import { buildLoss, type LossSpec, targetType } from '../../compiler/train/loss.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';
import { decompose } from '../../passes/decompose/index.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';

const F = [0.2, -1.3, 2.1, 0.7, -0.4, 1.9]; // [2, 3]
const P = F.map((v) => 1 / (1 + Math.exp(-v))); // probabilities for bce
const T = [0.9, -0.2, 1.5, 0.1, 0.4, -1.0];
const T01 = [1, 0, 1, 0, 0, 1];
const TPM = [1, -1, 1, -1, -1, 1];
const CLS = [2, 0];
const mean = (a: number[]) => a.reduce((p, q) => p + q, 0) / a.length;
const logSoftmaxRow = (r: number[]) => {
  const m = Math.max(...r), z = Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0));
  return r.map((v) => v - m - z);
};
const rows = (a: number[]) => [a.slice(0, 3), a.slice(3)];

const CASES: [string, LossSpec, number[], number[], number][] = [
  ['mse', { name: 'mse' }, F, T, mean(F.map((f, i) => (f - T[i]) ** 2))],
  ['mse sum', { name: 'mse', reduction: 'sum' }, F, T, F.reduce((s, f, i) => s + (f - T[i]) ** 2, 0)],
  ['l1', { name: 'l1' }, F, T, mean(F.map((f, i) => Math.abs(f - T[i])))],
  ['bce', { name: 'bce' }, P, T01, mean(P.map((p, i) => -(T01[i] * Math.log(p) + (1 - T01[i]) * Math.log(1 - p))))],
  ['bce_with_logits', { name: 'bce_with_logits' }, F, T01, mean(F.map((f, i) => Math.max(f, 0) - f * T01[i] + Math.log(1 + Math.exp(-Math.abs(f)))))],
  ['hinge', { name: 'hinge' }, F, TPM, mean(F.map((f, i) => Math.max(0, 1 - TPM[i] * f)))],
  ['cross_entropy', { name: 'cross_entropy' }, F, CLS, mean(rows(F).map((r, i) => -logSoftmaxRow(r)[CLS[i]]))],
  ['cross_entropy sum', { name: 'cross_entropy', reduction: 'sum' }, F, CLS, rows(F).reduce((s, r, i) => s - logSoftmaxRow(r)[CLS[i]], 0)],
  ['cross_entropy label smoothing 0.1', { name: 'cross_entropy', labelSmoothing: 0.1 }, F, CLS,
    mean(rows(F).map((r, i) => { const lp = logSoftmaxRow(r); return -(0.9 * lp[CLS[i]] + 0.1 * mean(lp)); }))],
  ['nll', { name: 'nll' }, rows(F).flatMap(logSoftmaxRow), CLS, mean(rows(F).map((r, i) => -logSoftmaxRow(r)[CLS[i]]))],
];

describe('losses', () => {
  it.each(CASES)('%s', (_name, spec, f, t, want) => {
    const g = new Graph('loss');
    const out = g.addInput('f', { dtype: 'f32', shape: [2, 3] });
    const tt = targetType(spec.name, out.type);
    const target = g.addInput('t', tt);
    g.outputs = [buildLoss(new StepBuilder(g, 'loss'), spec, out, target)];
    decompose(g);
    const [l] = interpret(g, new Map([['f', tensor('f32', [2, 3], f)], ['t', tensor(tt.dtype, tt.shape, t)]]));
    expect(l.data[0]).toBeCloseTo(want, 5);
  });

  it('rejects a target of the wrong type, naming loss and shapes', () => {
    const g = new Graph('loss');
    const out = g.addInput('f', { dtype: 'f32', shape: [2, 3] });
    const bad = g.addInput('t', { dtype: 'f32', shape: [2] });
    expect(() => buildLoss(new StepBuilder(g, 'l'), { name: 'cross_entropy' }, out, bad)).toThrowError(/cross_entropy .* needs a i32 target \[2\]/);
  });
});

// The loss library (compiler/nn/loss.ts) against PyTorch's definitions written out in plain JS, through
// both of its users: the train step (buildLoss onto a graph, also from the deprecated string form) and a
// traced model (loss.call). Label smoothing and ignoreIndex follow torch.nn.CrossEntropyLoss's doc formula:
// l_n = -sum_c w_c log p_nc ((1 - eps) [c = y_n] + eps / C), ignored rows 0, 'mean' dividing by sum w_{y_n}
// over the rows not ignored.
import { describe, expect, it } from 'vitest';
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HingeLoss, L1Loss, type Loss, MSELoss, NLLLoss, trace } from '../../compiler/nn/index.ts';
import { buildLoss, lossOf, type LossSpec } from '../../compiler/train/loss.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { decompose } from '../../passes/decompose/index.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';

const F = [0.2, -1.3, 2.1, 0.7, -0.4, 1.9]; // [2, 3]
const P = F.map((v) => 1 / (1 + Math.exp(-v))); // probabilities for bce
const T = [0.9, -0.2, 1.5, 0.1, 0.4, -1.0];
const T01 = [1, 0, 1, 0, 0, 1];
const TPM = [1, -1, 1, -1, -1, 1];
const CLS = [2, 0];
const sum = (a: number[]) => a.reduce((p, q) => p + q, 0);
const mean = (a: number[]) => sum(a) / a.length;
const logSoftmaxRow = (r: number[]) => {
  const m = Math.max(...r), z = Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0));
  return r.map((v) => v - m - z);
};
const rows = (a: number[], c = 3) => Array.from({ length: a.length / c }, (_, i) => a.slice(i * c, i * c + c));

/** The training path: the loss traced onto a graph's output and target inputs, decomposed, interpreted. */
function trainPathLoss(loss: Loss, f: Tensor, t: Tensor): number {
  const g = new Graph('loss');
  const out = g.addInput('f', f);
  const target = g.addInput('t', loss.targetType(out.type));
  g.outputs = [buildLoss(g, loss, out, target)];
  decompose(g);
  return interpret(g, new Map([['f', f], ['t', t]]))[0].data[0];
}

/** The traced-model path: the loss module as the whole model. */
function tracedLoss(loss: Loss, f: Tensor, t: Tensor): Tensor {
  const g = trace(loss, { f, t });
  return interpret(g, new Map([['f', f], ['t', t]]))[0];
}

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

describe('losses: the string forms route to the loss classes, on both paths', () => {
  it.each(CASES)('%s', (_name, spec, f, t, want) => {
    const loss = lossOf(spec);
    const tt = loss.targetType({ dtype: 'f32', shape: [2, 3] });
    const [ft, target] = [tensor('f32', [2, 3], f), tensor(tt.dtype, tt.shape, t)];
    expect(trainPathLoss(loss, ft, target)).toBeCloseTo(want, 5);
    expect(tracedLoss(loss, ft, target).data[0]).toBeCloseTo(want, 5);
  });

  it('maps each name to its class', () => {
    const classes = { mse: MSELoss, l1: L1Loss, cross_entropy: CrossEntropyLoss, nll: NLLLoss, bce: BCELoss, bce_with_logits: BCEWithLogitsLoss, hinge: HingeLoss };
    for (const [name, cls] of Object.entries(classes)) expect(lossOf({ name: name as LossSpec['name'] })).toBeInstanceOf(cls);
  });
});

// Cross-entropy with label smoothing, ignored targets and class weights: N = 4 rows of C = 3 logits.
const LOGITS = [0.2, -1.3, 2.1, 0.7, -0.4, 1.9, -0.5, 0.3, 0.8, 1.2, 0.1, -0.7];
const W = [0.2, 1.0, 3.0];

interface CeArgs { eps?: number; ignore?: number | null; weight?: number[]; reduction?: 'mean' | 'sum' | 'none' }

/** torch's CrossEntropyLoss formula over rows of class scores. */
function crossEntropyRef(logits: number[][], target: number[], { eps = 0, ignore = -100, weight, reduction = 'mean' }: CeArgs): number[] {
  const C = logits[0].length, w = weight ?? new Array<number>(C).fill(1);
  const per = logits.map((r, n) => {
    if (target[n] === ignore) return 0;
    const lp = logSoftmaxRow(r);
    return -sum(lp.map((l, c) => w[c] * l * ((1 - eps) * (c === target[n] ? 1 : 0) + eps / C)));
  });
  if (reduction === 'none') return per;
  if (reduction === 'sum') return [sum(per)];
  return [sum(per) / sum(target.map((y) => (y === ignore ? 0 : w[y])))];
}

const CE_CASES: [string, number[], CeArgs][] = [
  ['ignoreIndex -100 (default) leaves the row out of the mean', [2, -100, 0, 1], {}],
  ['ignoreIndex 1', [2, 1, 0, 1], { ignore: 1 }],
  ['label smoothing 0.2', [2, 0, 1, 1], { eps: 0.2 }],
  ['label smoothing 0.3 with an ignored row', [2, -100, 0, 1], { eps: 0.3 }],
  ['label smoothing, ignored row, sum', [2, -100, 0, 1], { eps: 0.3, reduction: 'sum' }],
  ['label smoothing, ignored row, none', [2, -100, 0, 1], { eps: 0.3, reduction: 'none' }],
  ['label smoothing, ignored row, class weights (mean divides by sum w[y])', [2, -100, 0, 1], { eps: 0.25, weight: W }],
  ['label smoothing 1', [2, 0, 1, 1], { eps: 1 }],
  ['ignoreIndex null (nothing ignored, as the string form), smoothing and weights', [2, 0, 1, 1], { eps: 0.2, ignore: null, weight: W }],
  ['ignoreIndex null, smoothing, sum', [2, 0, 1, 1], { eps: 0.2, ignore: null, reduction: 'sum' }],
];

describe('CrossEntropyLoss label smoothing and ignoreIndex (PyTorch semantics)', () => {
  it.each(CE_CASES)('%s', (_name, target, args) => {
    const loss = new CrossEntropyLoss({ labelSmoothing: args.eps, ignoreIndex: args.ignore, reduction: args.reduction, weight: args.weight && tensor('f32', [3], args.weight) });
    const f = tensor('f32', [4, 3], LOGITS), t = tensor('i32', [4], target);
    const want = crossEntropyRef(rows(LOGITS), target, args);
    Array.from(tracedLoss(loss, f, t).data).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    if (args.reduction !== 'none') expect(trainPathLoss(loss, f, t)).toBeCloseTo(want[0], 5);
  });

  it('scores [N, C, d] with a [N, d] target, smoothing, weights and an ignored element', () => {
    // logits[n, c, d] = LOGITS[(n * 2 + d) * 3 + c]: rows of LOGITS as the (n, d) elements.
    const nchw = Array.from({ length: 12 }, (_, k) => { const n = Math.floor(k / 6), c = Math.floor(k / 2) % 3, d = k % 2; return LOGITS[(n * 2 + d) * 3 + c]; });
    const target = [2, -100, 0, 1];
    const loss = new CrossEntropyLoss({ labelSmoothing: 0.15, weight: tensor('f32', [3], W) });
    const got = tracedLoss(loss, tensor('f32', [2, 3, 2], nchw), tensor('i32', [2, 2], target)).data[0];
    expect(got).toBeCloseTo(crossEntropyRef(rows(LOGITS), target, { eps: 0.15, weight: W })[0], 5);
  });

  it('probability targets are smoothed too: t (1 - eps) + eps / C', () => {
    const probs = [0.1, 0.2, 0.7, 1, 0, 0, 0.3, 0.3, 0.4, 0, 0.5, 0.5];
    const eps = 0.2;
    const want = mean(rows(LOGITS).map((r, n) => -sum(logSoftmaxRow(r).map((l, c) => l * (probs[n * 3 + c] * (1 - eps) + eps / 3)))));
    expect(tracedLoss(new CrossEntropyLoss({ labelSmoothing: eps }), tensor('f32', [4, 3], LOGITS), tensor('f32', [4, 3], probs)).data[0]).toBeCloseTo(want, 5);
  });

  it('the train step minimizes the same objective (the loss step() returns, before the update)', async () => {
    const g = new Graph('linear');
    const x = g.addInput('x', { dtype: 'f32', shape: [4, 3] });
    const w = g.addParam('w', tensor('f32', [3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]));
    g.outputs = g.addNode('MatMul', [x, w], {}, 'y');
    const target = [2, -100, 0, 1];
    const trainer = await compileTraining(g, { loss: new CrossEntropyLoss({ labelSmoothing: 0.3 }), optimizer: { type: 'sgd', lr: 0.1 }, backend: 'cpu' });
    const got = await trainer.step({ inputs: { x: tensor('f32', [4, 3], LOGITS) }, target: tensor('i32', [4], target) }, { returnLoss: true });
    expect(got).toBeCloseTo(crossEntropyRef(rows(LOGITS), target, { eps: 0.3 })[0], 5);
  });
});

describe('loss arguments', () => {
  const usage = (f: () => unknown, message: RegExp) => {
    expect(f).toThrowError(KilnError);
    expect(f).toThrowError(message);
  };
  it('rejects an unknown reduction, labelSmoothing outside [0, 1], a fractional ignoreIndex', () => {
    usage(() => new MSELoss({ reduction: 'avg' as 'mean' }), /MSELoss: unknown reduction 'avg' \(use 'mean', 'sum', 'none'\)/);
    usage(() => new CrossEntropyLoss({ labelSmoothing: 1.5 }), /labelSmoothing must be in \[0, 1\], got 1.5/);
    usage(() => new NLLLoss({ ignoreIndex: 0.5 }), /NLLLoss: ignoreIndex must be an integer/);
    usage(() => lossOf({ name: 'mse', labelSmoothing: 0.1 }), /labelSmoothing applies to cross_entropy only/);
  });

  it('training needs a scalar loss', async () => {
    const g = new Graph('id');
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const w = g.addParam('w', tensor('f32', [2], [1, 2]));
    g.outputs = g.addNode('Mul', [x, w], {}, 'y');
    await expect(compileTraining(g, { loss: new MSELoss({ reduction: 'none' }), optimizer: { type: 'sgd', lr: 0.1 } })).rejects.toThrowError(/reduction 'none' gives a \[2\] loss; training needs a scalar/);
  });

  it('rejects a target of the wrong type, naming loss and shapes', () => {
    const g = new Graph('loss');
    const out = g.addInput('f', { dtype: 'f32', shape: [2, 3] });
    const bad = g.addInput('t', { dtype: 'f32', shape: [2] });
    expect(() => buildLoss(g, new CrossEntropyLoss(), out, bad)).toThrowError(/CrossEntropyLoss .* needs a i32 target \[2\]/);
  });
});

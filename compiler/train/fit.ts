// fit(): the training loop every sample uses. Epochs of shuffled (seeded) batches at the trainer's
// compiled batch size (the last partial batch of an epoch is dropped), the loss read back each step,
// metrics on validation data (given, or the last `validationSplit` of the samples), callbacks, early
// stopping on any logged value (optionally restoring the best epoch's checkpoint), and the history.
import { KilnError } from '../../ir/errors.ts';
import type { Tensor } from '../../ir/tensor.ts';
import { type Dataset, gatherRows, sampleCount, shuffled, subset } from './dataset.ts';
import { type Metric, metricOf } from './metrics.ts';
import { progressReporter } from './progress.ts';
import type { Trainer } from './trainer.ts';

export interface StepInfo {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly steps: number;
  /** Mean loss of the epoch's steps so far. */
  readonly loss: number;
  readonly elapsedMs: number;
  readonly samplesPerSec: number;
}

export interface EpochLog {
  readonly epoch: number;
  /** Mean loss over the epoch's steps (the trainer's objective, regularization included). */
  readonly loss: number;
  /** Validation metrics by name (`val_accuracy`, ...). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly steps: number;
  readonly ms: number;
  readonly samplesPerSec: number;
}

export interface FitCallback {
  onStep?(info: StepInfo): void;
  onEpochEnd?(log: EpochLog, epochs: number): void | Promise<void>;
}

export interface EarlyStopping {
  /** 'loss' or a validation metric (`val_accuracy`). */
  readonly monitor: string;
  /** Epochs without improvement before stopping. */
  readonly patience: number;
  /** Smallest change that counts as an improvement (default 0). */
  readonly minDelta?: number;
  /** Default: 'max' for names containing 'accuracy', else 'min'. */
  readonly mode?: 'min' | 'max';
  /** Load the best epoch's checkpoint (weights and optimizer state) at the end (default false). */
  readonly restoreBest?: boolean;
}

export interface FitOptions {
  readonly epochs: number;
  /** Shuffle the training samples each epoch (default true), from `seed` (default 0) and the epoch. */
  readonly shuffle?: boolean;
  readonly seed?: number;
  /** Hold out this fraction of the samples (the last ones) as validation data. */
  readonly validationSplit?: number;
  readonly validationData?: Dataset;
  /** Metrics on the validation data, by name ('accuracy', 'mse', 'mae') or as Metric objects. */
  readonly metrics?: readonly (string | Metric)[];
  readonly callbacks?: readonly FitCallback[];
  readonly earlyStopping?: EarlyStopping;
  /** The terminal progress display (default true; summary lines only when not a TTY). */
  readonly progress?: boolean;
}

export interface History {
  readonly epochs: EpochLog[];
  readonly stoppedEarly: boolean;
  /** The best epoch by earlyStopping.monitor, when early stopping was asked for. */
  readonly bestEpoch?: number;
}

/** The trainer's compiled batch size: the first axis of the dataset's first input in its train graph. */
function batchSizeOf(trainer: Trainer, d: Dataset): number {
  const name = Object.keys(d.inputs)[0];
  const v = trainer.graph.inputs.find((i) => i.name === name) ?? fail(`the trainer has no input '${name}' (inputs: ${trainer.graph.inputs.map((i) => i.name).join(', ')})`);
  return v.type.shape[0] ?? fail(`input '${name}' is a scalar; fit() batches along the first axis`);
}

function fail(detail: string): never {
  throw new KilnError('USAGE', `fit: ${detail}`);
}

/** Validation metrics: batches of the compiled size, the last one padded with its first row and the padding ignored. */
async function validate(trainer: Trainer, d: Dataset, batch: number, metrics: readonly Metric[]): Promise<Record<string, number>> {
  const n = sampleCount(d);
  const sums = metrics.map(() => 0);
  for (let at = 0; at < n; at += batch) {
    const real = Math.min(batch, n - at);
    const rows = Array.from({ length: batch }, (_, i) => at + (i < real ? i : 0));
    const part = subset(d, rows);
    const [out] = await trainer.evaluate(part.inputs);
    const keep = Array.from({ length: real }, (_, i) => i);
    const o: Tensor = real === batch ? out : gatherRows(out, keep);
    const t = real === batch ? part.target : gatherRows(part.target, keep);
    metrics.forEach((m, i) => (sums[i] += m.sum(o, t)));
  }
  return Object.fromEntries(metrics.map((m, i) => [`val_${m.name}`, sums[i] / n]));
}

export async function fit(trainer: Trainer, data: Dataset, opts: FitOptions): Promise<History> {
  if (!(Number.isInteger(opts.epochs) && opts.epochs > 0)) fail(`epochs must be a positive integer, got ${opts.epochs}`);
  const split = opts.validationSplit ?? 0;
  if (!(split >= 0 && split < 1)) fail(`validationSplit must be in [0, 1), got ${split}`);
  const n = sampleCount(data);
  const nVal = Math.floor(n * split);
  const train = nVal ? subset(data, Array.from({ length: n - nVal }, (_, i) => i)) : data;
  const val = opts.validationData ?? (nVal ? subset(data, Array.from({ length: nVal }, (_, i) => n - nVal + i)) : undefined);
  const metrics = (opts.metrics ?? []).map(metricOf);
  if (metrics.length && !val) fail('metrics are computed on validation data: give validationData or validationSplit');
  const batch = batchSizeOf(trainer, data);
  const nTrain = n - nVal;
  const steps = Math.floor(nTrain / batch);
  if (steps === 0) fail(`${nTrain} training samples do not fill one batch of ${batch}`);
  const callbacks = [...(opts.progress === false ? [] : [progressReporter()]), ...(opts.callbacks ?? [])];
  const es = opts.earlyStopping;
  const mode = es?.mode ?? (es?.monitor.includes('accuracy') ? 'max' : 'min');
  const history: EpochLog[] = [];
  let best: { epoch: number; value: number; ckpt?: Awaited<ReturnType<Trainer['saveCheckpoint']>> } | undefined;
  let stoppedEarly = false;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const order = opts.shuffle === false ? Uint32Array.from({ length: nTrain }, (_, i) => i) : shuffled(nTrain, (opts.seed ?? 0) * 1000003 + epoch);
    const started = performance.now();
    let total = 0;
    for (let s = 0; s < steps; s++) {
      const b = subset(train, order.subarray(s * batch, (s + 1) * batch));
      total += (await trainer.step(b, { returnLoss: true }))!;
      const elapsedMs = performance.now() - started;
      const info: StepInfo = { epoch, epochs: opts.epochs, step: s + 1, steps, loss: total / (s + 1), elapsedMs, samplesPerSec: ((s + 1) * batch * 1000) / elapsedMs };
      for (const c of callbacks) c.onStep?.(info);
    }
    const ms = performance.now() - started;
    const log: EpochLog = { epoch, loss: total / steps, metrics: val && metrics.length ? await validate(trainer, val, batch, metrics) : {}, steps, ms, samplesPerSec: (steps * batch * 1000) / ms };
    history.push(log);
    for (const c of callbacks) await c.onEpochEnd?.(log, opts.epochs);
    if (!es) continue;
    const value = es.monitor === 'loss' ? log.loss : (log.metrics[es.monitor] ?? fail(`earlyStopping monitors '${es.monitor}', which is not logged (logged: loss${Object.keys(log.metrics).map((k) => `, ${k}`).join('')})`));
    const better = !best || (mode === 'min' ? value < best.value - (es.minDelta ?? 0) : value > best.value + (es.minDelta ?? 0));
    if (better) best = { epoch, value, ckpt: es.restoreBest ? await trainer.saveCheckpoint() : undefined };
    else if (epoch - best!.epoch >= es.patience) {
      stoppedEarly = true;
      break;
    }
  }
  if (best?.ckpt) await trainer.loadCheckpoint(best.ckpt);
  return { epochs: history, stoppedEarly, ...(best ? { bestEpoch: best.epoch } : {}) };
}

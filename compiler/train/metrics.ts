// Metrics fit() reports on the validation data: a name and a function of one batch's model output and
// target, averaged over the samples. Built-ins by name ('accuracy', 'mse', 'mae'), or any Metric.
import { KilnError } from '../../ir/errors.ts';
import type { Tensor } from '../../ir/tensor.ts';

export interface Metric {
  readonly name: string;
  /** The sum over the batch's samples (fit divides by the sample count). */
  sum(output: Tensor, target: Tensor): number;
}

const rowsOf = (t: Tensor) => t.shape[0] ?? 1;

/** Class index targets against the output's argmax per row. */
const accuracy: Metric = {
  name: 'accuracy',
  sum(out, target) {
    const n = rowsOf(out), c = out.data.length / n;
    if (target.data.length !== n) throw new KilnError('SHAPE', `accuracy: the target has ${target.data.length} values for ${n} rows; it takes one class index per row`);
    let right = 0;
    for (let r = 0; r < n; r++) {
      let best = 0;
      for (let j = 1; j < c; j++) if (out.data[r * c + j] > out.data[r * c + best]) best = j;
      if (best === Number(target.data[r])) right++;
    }
    return right;
  },
};

/** Per-sample mean of an elementwise error, summed over the batch. */
const elementwise = (name: string, f: (d: number) => number): Metric => ({
  name,
  sum(out, target) {
    if (out.data.length !== target.data.length) throw new KilnError('SHAPE', `${name}: output [${out.shape}] and target [${target.shape}] differ in size`);
    let s = 0;
    for (let i = 0; i < out.data.length; i++) s += f(Number(out.data[i]) - Number(target.data[i]));
    return (s * rowsOf(out)) / out.data.length;
  },
});

export const METRICS: Readonly<Record<string, Metric>> = {
  accuracy,
  mse: elementwise('mse', (d) => d * d),
  mae: elementwise('mae', Math.abs),
};

export function metricOf(m: string | Metric): Metric {
  if (typeof m !== 'string') return m;
  return METRICS[m] ?? (() => {
    throw new KilnError('USAGE', `unknown metric '${m}' (use ${Object.keys(METRICS).join(', ')}, or a Metric object)`);
  })();
}

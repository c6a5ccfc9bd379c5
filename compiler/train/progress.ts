// fit()'s terminal progress: on a TTY one line redrawn as steps go (bar, step count, running loss,
// samples/s, ETA), then a summary line per epoch; elsewhere (logs, CI) the summary lines alone.
import type { EpochLog, FitCallback, StepInfo } from './fit.ts';

interface Out {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(4));
const rate = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)}k` : v.toFixed(0));

/** The summary of an epoch: its loss, metrics, time and throughput. */
export function epochLine(log: EpochLog, epochs: number): string {
  const extra = Object.entries(log.metrics).map(([k, v]) => ` · ${k} ${fmt(v)}`).join('');
  return `epoch ${log.epoch}/${epochs} · ${log.steps} steps · loss ${fmt(log.loss)}${extra} · ${(log.ms / 1000).toFixed(1)} s (${rate(log.samplesPerSec)} samples/s, ${(log.ms / log.steps).toFixed(2)} ms/step)`;
}

export function progressReporter(out: Out = process.stdout): FitCallback {
  let last = 0;
  const bar = (done: number, total: number, width = 24) => {
    const full = Math.round((done / total) * width);
    return '█'.repeat(full) + '░'.repeat(width - full);
  };
  return {
    onStep(s: StepInfo) {
      if (!out.isTTY) return;
      const now = performance.now();
      if (now - last < 100 && s.step < s.steps) return;
      last = now;
      const eta = ((s.steps - s.step) * s.elapsedMs) / s.step / 1000;
      out.write(`\r\x1b[2Kepoch ${s.epoch}/${s.epochs} ${bar(s.step, s.steps)} ${s.step}/${s.steps} · loss ${fmt(s.loss)} · ${rate(s.samplesPerSec)} samples/s · ETA ${eta.toFixed(0)} s`);
    },
    onEpochEnd(log: EpochLog, epochs: number) {
      out.write(`${out.isTTY ? '\r\x1b[2K' : ''}${epochLine(log, epochs)}\n`);
    },
  };
}

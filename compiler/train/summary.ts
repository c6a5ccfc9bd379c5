// The end-of-training summary every sample prints: the backend, what one train step runs (kernels,
// dispatches, peak temp memory, state), the time per step and epoch from fit()'s history, and the final
// metrics the caller measured.
import type { History } from './fit.ts';
import type { StepProfile } from './trainer.ts';

const mb = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

/** Milliseconds per train step over the whole history (fit() reads the loss back every step). */
export function msPerStep(history: History): number {
  const steps = history.epochs.reduce((s, e) => s + e.steps, 0);
  return steps ? history.epochs.reduce((s, e) => s + e.ms, 0) / steps : 0;
}

/** Lines for the terminal: the step's profile, the timings, then `metrics` (name: value, fractions as %). */
export function trainingSummary(profile: StepProfile, history: History, metrics: Readonly<Record<string, number>> = {}): string {
  const steps = history.epochs.reduce((s, e) => s + e.steps, 0);
  const secs = history.epochs.reduce((s, e) => s + e.ms, 0) / 1000;
  const unit = profile.backend === 'webgpu' ? 'dispatches' : 'interpreter steps';
  const lines = [
    `summary · backend ${profile.backend}`,
    `  train step: ${profile.kernels} kernels, ${profile.dispatches} ${unit}, ${mb(profile.peakBytes)} peak temp memory, ${mb(profile.stateBytes)} of parameters and optimizer state`,
    `  training: ${history.epochs.length} epochs, ${steps} steps, ${secs.toFixed(1)} s, ${msPerStep(history).toFixed(2)} ms/step, ${history.epochs.length ? (secs / history.epochs.length).toFixed(1) : 0} s/epoch${history.stoppedEarly ? ` (stopped early; best epoch ${history.bestEpoch})` : ''}`,
  ];
  const m = Object.entries(metrics);
  if (m.length) lines.push(`  ${m.map(([k, v]) => `${k} ${k.includes('accuracy') ? `${(100 * v).toFixed(1)}%` : v.toPrecision(4)}`).join(' · ')}`);
  return lines.join('\n');
}

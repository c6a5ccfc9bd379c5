// The public training API: compileTraining and the Trainer, optimizers, LR schedulers and checkpoints
// (losses are the nn API's loss modules).
export { compileTraining, Trainer, type Batch, type StepOptions, type TrainingOptions } from './trainer.ts';
export { Adam, AdamW, Optimizer, RMSprop, SGD, type AdamOptions, type OptimizerSpec, type RMSpropOptions, type SGDOptions } from './optimizer.ts';
export { CosineAnnealingLR, ExponentialLR, LinearLR, LRScheduler, StepLR } from './scheduler.ts';
export { checkpointFromBytes, checkpointToBytes, type Checkpoint, type SchedulerState } from './checkpoint.ts';
export type { LossName, LossSpec } from './loss.ts';
export { fit, type EarlyStopping, type EpochLog, type FitCallback, type FitOptions, type History, type StepInfo } from './fit.ts';
export { gatherRows, sampleCount, shuffled, subset, type Dataset } from './dataset.ts';
export { METRICS, metricOf, type Metric } from './metrics.ts';
export { epochLine, progressReporter } from './progress.ts';
export { curvesSvg } from './curves.ts';
export { msPerStep, trainingSummary } from './summary.ts';
export type { StepProfile } from './trainer.ts';

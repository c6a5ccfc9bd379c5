// Training checkpoints: what a resumed run needs to continue exactly where a trainer stopped. The object
// form (Trainer.saveCheckpoint) holds copies of the weights and the optimizer state, the step count
// (Adam's bias corrections, Dropout masks and the schedule depend on it) and the scheduler; the bytes
// form is a safetensors file with tensors `weights/<name>` and `optimizer/<name>` and the rest as JSON
// in the metadata key `kiln_checkpoint`.
import { KilnError } from '../../ir/errors.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { readSafetensors, writeSafetensors } from '../safetensors.ts';

export const CHECKPOINT_FORMAT = 'kiln-checkpoint';

export interface SchedulerState {
  readonly name: string;
  readonly options: Readonly<Record<string, number>>;
  /** Train steps taken since the scheduler was set (its PyTorch last_epoch). */
  readonly stepsTaken: number;
}

export interface Checkpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: 1;
  /** Train steps taken. */
  readonly step: number;
  /** Trained parameters and the state the forward updates (running statistics), by state-dict name. */
  readonly weights: ReadonlyMap<string, Tensor>;
  /** Optimizer state (moments, momentum buffers), by `<parameter>.<state>` name. */
  readonly optimizer: ReadonlyMap<string, Tensor>;
  readonly scheduler?: SchedulerState;
}

/** Copies of the tensors, so a checkpoint never aliases a trainer's live state. */
export function checkpointTensors(ts: ReadonlyMap<string, Tensor>): Map<string, Tensor> {
  return new Map([...ts].map(([n, t]) => [n, tensor(t.dtype, t.shape, t.data)]));
}

/** Throws a KilnError unless `ckpt` is a checkpoint whose optimizer state has exactly the names `optimizer`. */
export function checkCheckpoint(ckpt: Checkpoint, optimizer: ReadonlySet<string>): void {
  if (ckpt?.format !== CHECKPOINT_FORMAT || ckpt.version !== 1) throw new KilnError('INPUT', `loadCheckpoint: not a version-1 ${CHECKPOINT_FORMAT} object`);
  if (!Number.isInteger(ckpt.step) || ckpt.step < 0) throw new KilnError('INPUT', `loadCheckpoint: step must be an integer >= 0, got ${ckpt.step}`);
  const missing = [...optimizer].filter((n) => !ckpt.optimizer.has(n));
  const extra = [...ckpt.optimizer.keys()].filter((n) => !optimizer.has(n));
  if (missing.length || extra.length) {
    throw new KilnError('INPUT', `loadCheckpoint: the checkpoint's optimizer state does not match this trainer's (missing: ${missing.join(', ') || 'none'}; unknown: ${extra.join(', ') || 'none'}); was it saved with another optimizer?`);
  }
}

const META = 'kiln_checkpoint';

/** The checkpoint as safetensors bytes. */
export function checkpointToBytes(ckpt: Checkpoint): Uint8Array {
  const tensors = new Map([...[...ckpt.weights].map(([n, t]) => [`weights/${n}`, t] as const), ...[...ckpt.optimizer].map(([n, t]) => [`optimizer/${n}`, t] as const)]);
  const meta = { format: ckpt.format, version: ckpt.version, step: ckpt.step, scheduler: ckpt.scheduler };
  return writeSafetensors(tensors, { metadata: { [META]: JSON.stringify(meta) } });
}

/** A checkpoint from checkpointToBytes' bytes. */
export function checkpointFromBytes(bytes: Uint8Array): Checkpoint {
  const file = readSafetensors(bytes);
  const text = file.metadata[META];
  if (text === undefined) throw new KilnError('INPUT', `not a kiln checkpoint: the safetensors metadata has no '${META}' entry`);
  const meta = JSON.parse(text) as Omit<Checkpoint, 'weights' | 'optimizer'>;
  const part = (prefix: string) => new Map([...file.tensors].filter(([n]) => n.startsWith(prefix)).map(([n, t]) => [n.slice(prefix.length), t]));
  return { ...meta, weights: part('weights/'), optimizer: part('optimizer/') };
}

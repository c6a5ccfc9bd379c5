// The train step's loss: a loss module of compiler/nn/loss.ts (the one loss library) traced onto the
// model's output and the step's target input. The deprecated string form `{ name: 'cross_entropy' }` is
// routed to the same classes.
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Value } from '../../ir/graph.ts';
import { fmt, sameShape } from '../../ir/shape.ts';
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HingeLoss, L1Loss, Loss, MSELoss, NLLLoss } from '../nn/loss.ts';
import { traceInto } from '../nn/tracer.ts';

export type LossName = 'mse' | 'l1' | 'cross_entropy' | 'nll' | 'bce' | 'bce_with_logits' | 'hinge';

/**
 * The string form of a loss, kept for existing callers.
 * @deprecated Pass a loss object (`new CrossEntropyLoss({ labelSmoothing })`); this form is routed to the same classes.
 */
export interface LossSpec {
  readonly name: LossName;
  readonly reduction?: 'mean' | 'sum';
  /** Cross-entropy label smoothing in [0, 1]. */
  readonly labelSmoothing?: number;
}

// The string form's class losses ignore no target value (as they always have); the classes' default is
// PyTorch's ignoreIndex -100.
const BY_NAME: Record<LossName, (s: LossSpec) => Loss> = {
  mse: (s) => new MSELoss(s),
  l1: (s) => new L1Loss(s),
  cross_entropy: (s) => new CrossEntropyLoss({ ...s, ignoreIndex: null }),
  nll: (s) => new NLLLoss({ ...s, ignoreIndex: null }),
  bce: (s) => new BCELoss(s),
  bce_with_logits: (s) => new BCEWithLogitsLoss(s),
  hinge: (s) => new HingeLoss(s),
};

/** The loss object of an object or of the deprecated string form. */
export function lossOf(l: Loss | LossSpec): Loss {
  if (l instanceof Loss) return l;
  const make = BY_NAME[l.name];
  if (!make) throw new KilnError('USAGE', `unknown loss '${l.name}' (${Object.keys(BY_NAME).join(', ')})`);
  if (l.labelSmoothing && l.name !== 'cross_entropy') throw new KilnError('USAGE', `labelSmoothing applies to cross_entropy only, not ${l.name}`);
  return make(l);
}

/**
 * Adds `loss(output, target)` to `graph` (nodes named `train/<Loss>/...`) and returns the scalar
 * objective; the target must have the type loss.targetType gives for the output.
 */
export function buildLoss(graph: Graph, loss: Loss, output: Value, target: Value): Value {
  const want = loss.targetType(output.type);
  if (target.type.dtype !== want.dtype || !sameShape(target.type.shape, want.shape)) {
    throw new KilnError('SHAPE', `${loss.constructor.name} on output '${output.name}' ${fmt(output.type.shape)} needs a ${want.dtype} target ${fmt(want.shape)}, got ${target.type.dtype} ${fmt(target.type.shape)}`);
  }
  const objective = traceInto(graph, 'train/', (wrap) => loss.call(wrap(output), wrap(target)).value);
  if (objective.type.shape.length !== 0) {
    throw new KilnError('USAGE', `${loss.constructor.name} with reduction '${loss.reduction}' gives a ${fmt(objective.type.shape)} loss; training needs a scalar ('mean' or 'sum')`);
  }
  return objective;
}

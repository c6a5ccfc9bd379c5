// The train step as one graph: forward, loss (+ L1 penalty), then the TRAIN pipeline (passes/pipeline.ts):
// decomposition into primitives, reverse-mode gradients with coupled L2 and the optimizer updates of every
// trainable parameter as state updates, CSE, simplification, DCE. The same graph runs on the CPU
// interpreter and compiles to one WebGPU program (one submit per step). State the forward graph updates
// itself (BatchNorm running statistics in a training trace) is kept, not trained; a forward that already
// reads the step counter (Dropout masks) shares the step input.
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Value } from '../../ir/graph.ts';
import { isFloat } from '../../ir/dtype.ts';
import { autodiffStep, type GradientSink } from '../../passes/autodiff-step.ts';
import { runPasses } from '../../passes/pass.ts';
import { trainPipeline } from '../../passes/pipeline.ts';
import { STEP_INPUT } from '../nn/tracer.ts';
import { StepBuilder } from './builder.ts';
import type { Loss } from '../nn/loss.ts';
import { buildLoss, lossOf, type LossSpec } from './loss.ts';
import { type Optimizer, optimizerOf, type OptimizerSpec } from './optimizer.ts';

export interface TrainSpec {
  /** A loss module (`new CrossEntropyLoss()`), or the deprecated string form. */
  readonly loss: Loss | LossSpec;
  /** Graph output fed to the loss (default: the first output). */
  readonly lossOutput?: string;
  /** An optimizer (`new Adam({ lr })`), or the deprecated string form. */
  readonly optimizer: Optimizer | OptimizerSpec;
  /** Parameter names to train (default: every float parameter of the graph). */
  readonly trainable?: readonly string[];
  /** L1 penalty weight: J = loss + l1 * sum |p| over l1Params. */
  readonly l1?: number;
  /** Parameters the L1 penalty covers (default: trainable parameters of rank >= 2). */
  readonly l1Params?: readonly string[];
  /** Coupled L2 (PyTorch weight_decay) on every trainable parameter: g += l2 * p. */
  readonly l2?: number;
}

/** Names of the train step's extra inputs. */
export const STEP_INPUTS = { target: 'target', lr: 'lr', step: STEP_INPUT } as const;

export interface TrainStep {
  /** Inputs: the model's, then target, lr and step; output: the objective J; updates: params and state. */
  readonly graph: Graph;
  readonly trainable: ReadonlyMap<string, Value>;
  /** Model state the forward itself updates each step (e.g. BatchNorm running statistics), by name. */
  readonly buffers: ReadonlyMap<string, Value>;
  /** Scalar inputs the trainer computes each step from the 1-based step counter, by input name. */
  readonly hostScalars: ReadonlyMap<string, (step: number) => number>;
  /** The optimizer's state tensors (moments, momentum buffers), by value name (`w1.exp_avg`). */
  readonly optimizerState: ReadonlyMap<string, Value>;
  readonly optimizer: Optimizer;
}

/**
 * The step's own inputs are fed by name, so no value of the model may already hold one of those names (an
 * ONNX initializer called `lr` or `target`, say); the traced step counter input `step` is the one allowed.
 */
function checkStepNamesFree(g: Graph): void {
  const taken = Object.values(STEP_INPUTS).filter((n) => g.hasName(n) && !(n === STEP_INPUTS.step && g.inputs.some((v) => v.name === n)));
  if (taken.length) {
    throw new KilnError('USAGE', `the model has values named ${taken.map((n) => `'${n}'`).join(', ')}, which the train step uses for its own inputs (${Object.values(STEP_INPUTS).join(', ')}); rename them in the model`);
  }
}

export function buildTrainStep(forward: Graph, spec: TrainSpec): TrainStep {
  const g = forward.clone();
  const out = spec.lossOutput === undefined ? g.outputs[0] : g.outputs.find((v) => v.name === spec.lossOutput);
  if (!out) throw new KilnError('USAGE', `loss output '${spec.lossOutput}' is not a graph output (outputs: ${g.outputs.map((v) => v.name).join(', ')})`);
  const buffers = new Map([...g.params].filter(([, v]) => g.updates.has(v)));
  const trainable = pickParams(g, spec.trainable ?? [...g.params].filter(([k, v]) => isFloat(v.type.dtype) && !buffers.has(k)).map(([k]) => k));
  const clash = [...trainable.keys()].filter((k) => buffers.has(k));
  if (clash.length) throw new KilnError('USAGE', `cannot train state the forward updates itself: ${clash.join(', ')}`);
  const loss = lossOf(spec.loss), optimizer = optimizerOf(spec.optimizer);
  checkStepNamesFree(g);
  const target = g.addInput(STEP_INPUTS.target, loss.targetType(out.type));
  const lr = g.addInput(STEP_INPUTS.lr, { dtype: 'f32', shape: [] });
  const step = g.inputs.find((v) => v.name === STEP_INPUTS.step) ?? g.addInput(STEP_INPUTS.step, { dtype: 'f32', shape: [] });
  if (step.type.dtype !== 'f32' || step.type.shape.length !== 0) {
    throw new KilnError('USAGE', `the model input '${STEP_INPUTS.step}' must be the f32 scalar step counter, got ${step.type.dtype}[${step.type.shape}]`);
  }
  const b = new StepBuilder(g, 'train');

  let objective = buildLoss(g, loss, out, target);
  const l1 = spec.l1 ?? 0;
  if (l1 !== 0) {
    const l1Names = spec.l1Params ?? [...trainable].filter(([, v]) => v.type.shape.length >= 2).map(([k]) => k);
    const penalty = [...pickParams(g, l1Names).values()].map((p) => b.reduce(b.op1('Abs', [p]), 'sum')).reduce((acc, t) => b.add(acc, t));
    objective = b.add(objective, b.mul(b.num(l1), penalty));
  }
  g.outputs = [objective];

  const params = [...trainable.values()];
  const l2 = spec.l2 ?? 0;
  const hostScalars = new Map<string, (step: number) => number>();
  const host = (name: string, at: (step: number) => number): Value => {
    if (!hostScalars.has(name)) {
      hostScalars.set(name, at);
      g.addInput(name, { dtype: 'f32', shape: [] });
    }
    return g.inputs.find((v) => v.name === name)!;
  };
  // The optimizer turns each parameter's gradient into its state update, inside the autodiff pass.
  const optimizerUpdates: GradientSink = (graph, grads) => {
    const ub = new StepBuilder(graph, 'update');
    for (const p of params) {
      let grad = grads.get(p)!;
      if (l2 !== 0) grad = ub.add(grad, ub.mul(ub.num(l2), p));
      graph.updates.set(p, optimizer.emit(ub, p, grad, { lr, step, host }));
    }
  };
  runPasses(g, trainPipeline(autodiffStep(params, optimizerUpdates)), { label: 'train' });
  const kept = new Set([...trainable.values(), ...buffers.values()]);
  const optimizerState = new Map([...g.updates.keys()].filter((v) => !kept.has(v)).map((v) => [v.name, v]));
  return { graph: g, trainable, buffers, hostScalars, optimizerState, optimizer };
}

function pickParams(g: Graph, names: readonly string[]): Map<string, Value> {
  const missing = names.filter((n) => !g.params.has(n));
  if (missing.length) throw new KilnError('USAGE', `not parameters of the model: ${missing.join(', ')} (parameters: ${[...g.params.keys()].join(', ')})`);
  return new Map(names.map((n) => [n, g.params.get(n)!]));
}

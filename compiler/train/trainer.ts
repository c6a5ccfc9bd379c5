// compileTraining: a model (traced or imported graph) plus loss, optimizer and regularization become a
// Trainer. On WebGPU each step is one submit with parameters and optimizer state resident on the device,
// and the loss is read back only when asked; on the CPU the same train-step graph runs in the interpreter.
// The trainer feeds each step its lr (from an LR scheduler, if set), copies weights back into an nn
// Module (syncTo), and saves and restores checkpoints (weights, optimizer state, step, schedule).
import type { TypedArray } from '../../ir/dtype.ts';
import { KilnError } from '../../ir/errors.ts';
import { Graph, type Value } from '../../ir/graph.ts';
import { Module } from '../nn/module.ts';
import { trace, type InputSpec } from '../nn/tracer.ts';
import { hostBytes, scalar, type Tensor } from '../../ir/tensor.ts';
import { sameShape, type Shape } from '../../ir/shape.ts';
import { interpret, interpretProfile } from '../../runtime/cpu/interpreter.ts';
import { getGpu } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { type BackendName, parseBackend } from '../backend.ts';
import { compileForWebGpu } from '../compile.ts';
import { tuneContractions } from '../tune.ts';
import { planOf } from '../inspect.ts';
import type { ArtifactOptions } from '../artifact/write.ts';
import { writeSafetensors } from '../safetensors.ts';
import { type Checkpoint, checkpointTensors, CHECKPOINT_FORMAT, checkCheckpoint } from './checkpoint.ts';
import { type LRScheduler, schedulerFrom } from './scheduler.ts';
import { buildTrainStep, STEP_INPUTS, type TrainSpec } from './train-step.ts';

export interface TrainingOptions extends TrainSpec {
  /** 'cpu' (default) or 'webgpu'; any other name is a KilnError. */
  readonly backend?: BackendName;
  /** The learning-rate schedule consulted before every step (see setScheduler). */
  readonly scheduler?: LRScheduler;
  /** Other trainers whose parameters this one reads live (e.g. a GAN's generator step reading D). */
  readonly shareWith?: readonly Trainer[];
  /** The graph evaluate() runs (default: the trained graph itself, e.g. traced in eval mode). */
  readonly evalGraph?: Graph;
  /**
   * The forward graph at other input shapes (compileTraining of a Module: the Module traced again), so that
   * evaluate() on, say, another batch size compiles and caches that specialization instead of refusing.
   */
  readonly retraceEval?: (inputs: Readonly<Record<string, InputSpec>>) => Graph;
  /** Base seed of the Dropout masks when tracing a Module (default 0); masks also vary with the step. */
  readonly seed?: number;
  /** WebGPU: force the driver's first-submit shader compile at construction (LoadOptions.warmUp; default true). */
  readonly warmUp?: boolean;
  /**
   * WebGPU: before compiling, time the train step's candidate contraction kernels on this adapter and
   * compile the fastest (compiler/tune.ts; winners cached per adapter and shape, so only the first run pays).
   */
  readonly tune?: boolean;
}

export interface Batch {
  readonly inputs: Readonly<Record<string, Tensor>>;
  readonly target: Tensor;
}

export interface StepOptions {
  /** Read the objective back (one readback); otherwise step() returns undefined without waiting on the GPU. */
  readonly returnLoss?: boolean;
  /** Learning rate of this step, overriding the scheduler's (default: the scheduler's, else the optimizer's lr). */
  readonly lr?: number;
  /**
   * Debugging: check every kernel's (CPU: node's) float outputs and reject with KilnError('NUMERIC') naming
   * the first that holds a NaN or Inf (see RunOptions.checkFinite). The step's updates are then not applied
   * on the CPU; on WebGPU the kernels before the offender have already written their results.
   */
  readonly checkFinite?: boolean;
}

/** What both backends provide. */
interface Engine {
  run(inputs: Map<string, Tensor>, returnLoss: boolean, checkFinite?: boolean): Promise<number | undefined>;
  /** Runs `forward` (the eval graph or one of its specializations) on the current parameters. */
  evaluate(inputs: Map<string, Tensor>, forward: Graph): Promise<Tensor[]>;
  weights(): Promise<Map<string, Tensor>>;
  /** Overwrites a parameter (trained or frozen) by name. */
  assign(name: string, t: Tensor): void;
  /** Current values of the optimizer's state tensors, by value name. */
  optimizerState(): Promise<Map<string, Tensor>>;
  /** Overwrites an optimizer state tensor by value name. */
  assignOptimizerState(name: string, t: Tensor): void;
  paramBuffers?(): Map<string, GPUBuffer>;
  /**
   * WebGPU: when the device was lost, rebuilds the step on a new device from the host copy of the state
   * last synced (see Trainer.step) and resolves to the loss's reason; undefined when the device is fine.
   */
  recover?(): Promise<string | undefined>;
  /** GPU submits and readbacks so far (WebGPU only). */
  readonly stats?: { readonly submits: number; readonly readbacks: number };
  /** What one train step runs. */
  readonly profile: StepProfile;
  dispose(): void;
}

/** What one train step runs on its backend: kernels, dispatches (CPU: interpreter steps) and peak temp memory. */
export interface StepProfile {
  readonly backend: BackendName;
  /** Distinct kernels (WebGPU pipelines; CPU: distinct ops and fused loops). */
  readonly kernels: number;
  /** Dispatches per step (CPU: interpreter steps, fused elementwise loops counting once). */
  readonly dispatches: number;
  /** Bytes of intermediates at the peak (WebGPU: the planned arenas; CPU: the most live at once). */
  readonly peakBytes: number;
  /** Bytes of parameters and optimizer state. */
  readonly stateBytes: number;
}

export class Trainer {
  private steps = 0;
  /** The step count at the last exportWeights (or creation): what a rebuild after a device loss resumes from. */
  private synced = 0;
  private disposed = false;
  private scheduler?: LRScheduler;
  /** The step count when the scheduler was set: its step t is the train steps taken since. */
  private schedulerStart = 0;
  /** The eval graph traced at other input shapes, by shape key (retraceEval). */
  private readonly evalSpecializations = new Map<string, Graph>();
  private retraceEval?: (inputs: Readonly<Record<string, InputSpec>>) => Graph;
  private constructor(
    readonly backend: BackendName,
    readonly graph: Graph,
    private readonly evalGraph: Graph,
    /** The optimizer's lr, which a scheduler scales. */
    private readonly baseLr: number,
    private readonly hostScalars: ReadonlyMap<string, (step: number) => number>,
    private readonly optimizerNames: readonly string[],
    private readonly engine: Engine,
  ) {}

  static async create(forward: Graph, opts: TrainingOptions): Promise<Trainer> {
    const backend = parseBackend(opts.backend);
    const { graph, trainable, buffers, hostScalars, optimizerState, optimizer } = buildTrainStep(forward, opts);
    const evalGraph = opts.evalGraph ?? forward;
    // What the trainer keeps current and exports: trained parameters, then state the forward updates.
    const state = new Map([...trainable, ...buffers]);
    const engine = backend === 'cpu' ? cpuEngine(graph, state, optimizerState) : await gpuEngine(graph, state, optimizerState, opts.shareWith ?? [], opts);
    const trainer = new Trainer(backend, graph, evalGraph, optimizer.lr, hostScalars, [...optimizerState.keys()], engine);
    trainer.retraceEval = opts.retraceEval;
    if (opts.scheduler) trainer.setScheduler(opts.scheduler);
    return trainer;
  }

  /** Train steps taken (the next step is number stepCount + 1). */
  get stepCount(): number {
    return this.steps;
  }

  /** The learning rate the next step takes unless StepOptions.lr overrides it (PyTorch: get_last_lr). */
  get lr(): number {
    return this.scheduler ? this.scheduler.lrAt(this.baseLr, this.steps - this.schedulerStart) : this.baseLr;
  }

  /** Sets (or with undefined removes) the LR schedule; its step count starts at 0 with the next train step. */
  setScheduler(scheduler: LRScheduler | undefined): void {
    this.live('setScheduler');
    this.scheduler = scheduler;
    this.schedulerStart = this.steps;
  }

  /**
   * One optimization step on a batch; resolves to the objective when returnLoss is set.
   *
   * Device loss (WebGPU): the trained state lives on the GPU, so a lost device takes with it every step since
   * the last exportWeights (or creation). The first call that meets the loss (this step when it reads the
   * loss back, else the next call) rejects with a KilnError('BACKEND') saying which steps were lost, after
   * rebuilding the trainer on a new device from the host copy of the state it last read back: parameters,
   * running statistics and optimizer state as of that export, with any setWeights since applied. The step
   * counter goes back to that export, so the following calls resume from there.
   */
  async step(batch: Batch, opts: StepOptions = {}): Promise<number | undefined> {
    this.live('step');
    await this.survive('step');
    const lr = opts.lr ?? this.lr;
    this.steps++;
    const inputs = new Map(Object.entries(batch.inputs));
    inputs.set(STEP_INPUTS.target, batch.target);
    inputs.set(STEP_INPUTS.lr, scalar('f32', lr));
    inputs.set(STEP_INPUTS.step, scalar('f32', this.steps));
    for (const [name, at] of this.hostScalars) inputs.set(name, scalar('f32', at(this.steps)));
    return this.engine.run(inputs, opts.returnLoss ?? false, opts.checkFinite).catch((e: unknown) => this.failed('step', e));
  }

  /** Rebuilds after a device loss (see step) and rejects with what was lost; resolves when the device is fine. */
  private async survive(method: string): Promise<void> {
    const reason = await this.engine.recover?.();
    if (reason === undefined) return;
    const lost = this.steps - this.synced;
    this.steps = this.synced;
    throw new KilnError('BACKEND', `Trainer.${method}: the GPU device was lost (${reason}) and with it the trained state of the last ${lost} step(s), since step ${this.synced} (the last exportWeights, or the start). The trainer was rebuilt on a new device from the state as of step ${this.synced} (setWeights since then applied) and its step counter set back to ${this.synced}: redo those steps`);
  }

  /** A call that failed: the device-loss error when the device was lost meanwhile, else the error itself. */
  private async failed(method: string, e: unknown): Promise<never> {
    if (!(e instanceof KilnError && e.code === 'NUMERIC')) {
      await new Promise((r) => setTimeout(r, 0)); // lets the device's lost promise settle
      await this.survive(method);
    }
    throw e;
  }

  /** The model's outputs on `inputs` with the current parameters. */
  async evaluate(inputs: Readonly<Record<string, Tensor>>): Promise<Tensor[]> {
    this.live('evaluate');
    await this.survive('evaluate');
    const forward = this.evalGraphFor(inputs);
    return this.engine.evaluate(new Map(Object.entries(inputs)), forward).catch((e: unknown) => this.failed('evaluate', e));
  }

  /** The eval graph for these inputs' shapes (see evalGraphAt). */
  private evalGraphFor(inputs: Readonly<Record<string, Tensor>>): Graph {
    return this.evalGraphAt(Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, t.shape])), 'evaluate');
  }

  /**
   * The eval graph at these input shapes (inputs not named keep theirs): the compiled one when they match it,
   * else (a trainer of a Module) the Module traced at these shapes, once and cached; a KilnError for a Graph's trainer.
   */
  private evalGraphAt(shapes: Readonly<Record<string, Shape>>, method: string): Graph {
    const g = this.evalGraph;
    const fits = g.inputs.every((v) => !shapes[v.name] || sameShape(shapes[v.name], v.type.shape));
    if (fits) return g;
    const specs = Object.fromEntries(g.inputs.map((v) => [v.name, { dtype: v.type.dtype, shape: shapes[v.name] ?? v.type.shape }]));
    const key = JSON.stringify(g.inputs.map((v) => specs[v.name].shape));
    if (!this.retraceEval) {
      const v = g.inputs.find((v) => shapes[v.name] && !sameShape(shapes[v.name], v.type.shape))!;
      throw new KilnError('INPUT', `${method}: input '${v.name}' is [${shapes[v.name]}], the model was compiled for [${v.type.shape}]; a trainer compiled from a graph evaluates at its own shapes (compile it from an nn Module to evaluate at others)`);
    }
    let spec = this.evalSpecializations.get(key);
    if (!spec) this.evalSpecializations.set(key, (spec = this.retraceEval(specs)));
    return spec;
  }

  /** Current values of the trained parameters and of the state the step updates (BatchNorm running statistics), by name. */
  async exportWeights(): Promise<Map<string, Tensor>> {
    this.live('exportWeights');
    await this.survive('exportWeights');
    const at = this.steps;
    const w = await this.engine.weights().catch((e: unknown) => this.failed('exportWeights', e));
    this.synced = at;
    return w;
  }

  /** Overwrites parameters by name (trained or frozen ones, e.g. a GAN discriminator's inside the generator's step). */
  async setWeights(weights: ReadonlyMap<string, Tensor>, names: readonly string[] = [...weights.keys()]): Promise<void> {
    this.live('setWeights');
    await this.survive('setWeights');
    for (const name of names) {
      const t = weights.get(name);
      if (!t) throw new KilnError('USAGE', `setWeights: no tensor named '${name}' given`);
      const want = this.graph.params.get(name)?.type;
      if (want && (want.dtype !== t.dtype || !sameShape(want.shape, t.shape))) {
        throw new KilnError('SHAPE', `setWeights: '${name}' is ${want.dtype}[${want.shape}], got ${t.dtype}[${t.shape}]`);
      }
      this.engine.assign(name, t);
    }
  }

  /**
   * Copies the current parameters and buffers into `module` by state-dict name (PyTorch key names such as
   * `fc1.weight`), so that a trace of the module reproduces evaluate(). A name the module lacks is a KilnError.
   */
  async syncTo(module: Module): Promise<void> {
    const { unexpectedKeys } = module.loadStateDict(await this.exportWeights(), { strict: false });
    if (unexpectedKeys.length) {
      throw new KilnError('USAGE', `syncTo: the module has no state named ${unexpectedKeys.join(', ')} (its state: ${[...module.stateDict().keys()].join(', ')})`);
    }
  }

  /** Everything a resumed run needs: weights, optimizer state, step count and the scheduler's state (copies). */
  async saveCheckpoint(): Promise<Checkpoint> {
    this.live('saveCheckpoint');
    const at = this.steps;
    const weights = checkpointTensors(await this.exportWeights());
    const optimizer = checkpointTensors(await this.engine.optimizerState().catch((e: unknown) => this.failed('saveCheckpoint', e)));
    const s = this.scheduler;
    const scheduler = s && { name: s.name, options: s.options(), stepsTaken: at - this.schedulerStart };
    return { format: CHECKPOINT_FORMAT, version: 1, step: at, weights, optimizer, scheduler };
  }

  /**
   * Restores a checkpoint of a trainer of the same model, loss and optimizer: weights, optimizer state and
   * step count, and the checkpoint's scheduler (rebuilt from its name and options) at its step.
   */
  async loadCheckpoint(ckpt: Checkpoint): Promise<void> {
    this.live('loadCheckpoint');
    checkCheckpoint(ckpt, new Set(this.optimizerNames));
    await this.setWeights(checkpointTensors(ckpt.weights));
    for (const [name, t] of checkpointTensors(ckpt.optimizer)) this.engine.assignOptimizerState(name, this.checkType(name, t, 'loadCheckpoint'));
    this.steps = ckpt.step;
    this.synced = ckpt.step;
    this.scheduler = ckpt.scheduler && schedulerFrom(ckpt.scheduler.name, ckpt.scheduler.options);
    this.schedulerStart = ckpt.step - (ckpt.scheduler?.stepsTaken ?? 0);
  }

  /** The tensor if it has the train graph's type for the constant `name`; a KilnError otherwise. */
  private checkType(name: string, t: Tensor, method: string): Tensor {
    const want = [...this.graph.constants.keys()].find((v) => v.name === name)?.type;
    if (want && (want.dtype !== t.dtype || !sameShape(want.shape, t.shape))) {
      throw new KilnError('SHAPE', `${method}: '${name}' is ${want.dtype}[${want.shape}], got ${t.dtype}[${t.shape}]`);
    }
    return t;
  }

  /** The trained parameters as a safetensors file (names as in the model, e.g. PyTorch state_dict names). */
  async exportSafetensors(): Promise<Uint8Array> {
    return writeSafetensors(await this.exportWeights());
  }

  /**
   * The model with its current parameters, as a graph for inference (e.g. to compile into an artifact), at
   * the training shapes or (a trainer of a Module) at `inputShapes`; an input name the model lacks is a KilnError.
   */
  async trainedGraph(inputShapes: Readonly<Record<string, Shape>> = {}): Promise<Graph> {
    const unknown = Object.keys(inputShapes).filter((k) => !this.evalGraph.inputs.some((v) => v.name === k));
    if (unknown.length) throw new KilnError('USAGE', `trainedGraph: no input named ${unknown.map((k) => `'${k}'`).join(', ')} (inputs: ${this.evalGraph.inputs.map((v) => v.name).join(', ')})`);
    const g = this.evalGraphAt(inputShapes, 'trainedGraph').clone();
    for (const [name, t] of await this.exportWeights()) {
      const v = g.params.get(name);
      if (v) g.constants.set(v, t);
    }
    return g;
  }

  /**
   * Writes an inference artifact (manifest, weights, typed module) of the trained model, at the training
   * shapes or (a trainer of a Module) at `inputShapes`, e.g. `{ x: [1, 784] }` for one image at a time.
   */
  async exportArtifact(outDir: string, opts: ArtifactOptions & { readonly inputShapes?: Readonly<Record<string, Shape>> } = {}): Promise<void> {
    const { writeArtifact } = await import('../artifact/write.ts'); // ts-morph loads only when exporting
    const { inputShapes, ...artifact } = opts;
    writeArtifact(await this.trainedGraph(inputShapes), outDir, artifact);
  }

  /** GPU buffers of the parameters, for trainers that share them. */
  parameterBuffers(): Map<string, GPUBuffer> {
    this.live('parameterBuffers');
    if (!this.engine.paramBuffers) throw new KilnError('USAGE', 'only WebGPU trainers share parameter buffers');
    return this.engine.paramBuffers();
  }

  /** What one train step runs: kernels, dispatches and peak temp memory on this trainer's backend. */
  get profile(): StepProfile {
    return this.engine.profile;
  }

  /** GPU submits and readbacks of the train program so far (undefined on the CPU). */
  get gpuStats(): { readonly submits: number; readonly readbacks: number } | undefined {
    return this.engine.stats;
  }

  /** Frees the GPU buffers (WebGPU). Idempotent; every later call is refused with a KilnError. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.engine.dispose();
  }

  private live(method: string): void {
    if (this.disposed) throw new KilnError('USAGE', `Trainer.${method}: this trainer was disposed; compile the training again (from exported weights) to go on`);
  }
}

/**
 * Compiles a train step for a model: an nn Module (traced in training mode on `inputs`) or a graph
 * (traced or imported from ONNX).
 */
export function compileTraining(model: Graph | Module, opts: TrainingOptions & { inputs?: Readonly<Record<string, InputSpec>> }): Promise<Trainer> {
  if (model instanceof Graph) return Trainer.create(model, opts);
  if (!opts.inputs) throw new KilnError('USAGE', 'compileTraining of a Module needs `inputs` (name -> {dtype, shape}) to trace it');
  const forward = trace(model, opts.inputs);
  const training = trace(model, opts.inputs, { training: true, seed: opts.seed });
  return Trainer.create(training, { ...opts, evalGraph: forward, retraceEval: (inputs) => trace(model, inputs) });
}

/** A forward graph reading the train graph's current parameter (and running-statistic) values. */
/** A forward graph reading the train graph's current values of every parameter it shares by name. */
function forwardWithCurrent(forward: Graph, train: Graph): Graph {
  const f = forward.clone();
  for (const [name, v] of train.params) {
    const mine = f.params.get(name);
    if (mine) f.constants.set(mine, train.constants.get(v)!);
  }
  return f;
}

/** The train graph's parameter named `name`; a KilnError listing the names otherwise. */
function paramOf(train: Graph, name: string): Value {
  const v = train.params.get(name);
  if (!v) throw new KilnError('USAGE', `no parameter '${name}' in the train step (parameters: ${[...train.params.keys()].join(', ')})`);
  return v;
}

/** Bytes of the step's state: parameters, running statistics and optimizer state. */
function stateBytes(...maps: ReadonlyMap<string, Value>[]): number {
  return maps.flatMap((m) => [...m.values()]).reduce((s, v) => s + hostBytes(v.type), 0);
}

function cpuEngine(train: Graph, state: ReadonlyMap<string, Value>, optimizerState: ReadonlyMap<string, Value>): Engine {
  const p = interpretProfile(train);
  return {
    profile: { backend: 'cpu', kernels: p.kernels, dispatches: p.steps, peakBytes: p.peakBytes, stateBytes: stateBytes(state, optimizerState) },
    async run(inputs, _returnLoss, checkFinite) {
      const [objective] = interpret(train, inputs, { checkFinite });
      return objective.data[0];
    },
    async evaluate(inputs, graph) {
      return interpret(forwardWithCurrent(graph, train), inputs);
    },
    async weights() {
      return new Map([...state].map(([name, v]) => [name, train.constants.get(v)!]));
    },
    assign(name, t) {
      train.constants.set(paramOf(train, name), t);
    },
    async optimizerState() {
      return new Map([...optimizerState].map(([name, v]) => [name, train.constants.get(v)!]));
    },
    assignOptimizerState(name, t) {
      train.constants.set(optimizerState.get(name)!, t);
    },
    dispose() {},
  };
}

async function gpuEngine(train: Graph, state: ReadonlyMap<string, Value>, optimizerState: ReadonlyMap<string, Value>, shareWith: readonly Trainer[], opts: Pick<TrainingOptions, 'warmUp' | 'tune'>): Promise<Engine> {
  const gpu = await getGpu();
  if (!gpu) throw new KilnError('BACKEND', 'no WebGPU adapter found (npm run setup:webgpu installs Mesa lavapipe); use backend cpu');
  const { warmUp } = opts;
  const shared = new Map(shareWith.flatMap((t) => [...t.parameterBuffers()]));
  const gemmTuning = opts.tune ? (await tuneContractions(train, gpu)).choices : undefined;
  const { program, data } = compileForWebGpu(train, { gemmTuning, features: gpu.features });
  let exe = await WebGpuExecutor.load(program, data, gpu, { sharedBuffers: shared, warmUp });
  const objective = program.outputs[0].name;
  let own = new Map([...state].map(([name, v]) => [name, exe.buffer(v.name)]));
  /** The forward program of each eval graph (the compiled one, and specializations at other shapes). */
  const evalExes = new Map<Graph, Promise<WebGpuExecutor>>();
  // The host copy of the state a rebuild after a device loss starts from: every buffer the step updates
  // (parameters, running statistics, optimizer state) as last read back by weights(), and every parameter
  // as last assigned; buffers absent here start from the compiled data.
  const synced = new Map<number, TypedArray>();
  let lost: string | undefined;
  const watch = (e: WebGpuExecutor) => void e.device.lost.then((info) => {
    if (e === exe) lost = info.message || info.reason || 'unknown reason';
  });
  watch(exe);
  const stats = { submits: 0, readbacks: 0, deviceRecreations: 0 };
  const counted = () => ({ submits: exe.stats.submits + stats.submits, readbacks: exe.stats.readbacks + stats.readbacks, deviceRecreations: stats.deviceRecreations });
  const index = (name: string) => program.buffers.findIndex((b) => b.name === name);
  /** Overwrites the buffer of a step constant, and its host copy a rebuild starts from. */
  const write = (v: Value, t: Tensor) => {
    const data = t.data instanceof Float64Array ? Float32Array.from(t.data) : t.data;
    exe.device.queue.writeBuffer(exe.buffer(v.name), 0, data.buffer, data.byteOffset, data.byteLength);
    synced.set(index(v.name), data.slice());
  };
  const plan = planOf(program);
  return {
    profile: { backend: 'webgpu', kernels: program.kernels.length, dispatches: program.dispatches.length, peakBytes: plan.peakBytes, stateBytes: stateBytes(state, optimizerState) },
    async run(inputs, returnLoss, checkFinite) {
      const out = await exe.run(inputs, { outputs: returnLoss ? [objective] : [], checkFinite });
      return returnLoss ? out.get(objective)!.data[0] : undefined;
    },
    async evaluate(inputs, graph) {
      // The forward program reads the train program's live parameter buffers.
      let evalExe = evalExes.get(graph);
      if (!evalExe) {
        evalExe = (async () => {
          const c = compileForWebGpu(graph, { gemmTuning, features: gpu.features });
          const params = new Map([...train.params.values()].map((v) => [v.name, exe.buffer(v.name)]));
          return WebGpuExecutor.load(c.program, c.data, { device: exe.device, adapterName: gpu.adapterName }, { sharedBuffers: new Map([...shared, ...params]), warmUp });
        })();
        evalExes.set(graph, evalExe);
      }
      const e = await evalExe;
      const out = await e.run(inputs);
      return graph.outputs.map((v) => out.get(v.name)!);
    },
    async weights() {
      const names = [...state.keys()];
      const idx = names.map((n) => index(state.get(n)!.name));
      // One readback of the exported tensors and of the rest of the step's state (optimizer moments).
      const rest = program.state.filter((i) => !idx.includes(i));
      const ts = await exe.readBuffers([...idx, ...rest]);
      [...idx, ...rest].forEach((i, k) => synced.set(i, ts[k].data));
      return new Map(names.map((n, i) => [n, ts[i]]));
    },
    assign(name, t) {
      write(paramOf(train, name), t);
    },
    async optimizerState() {
      const names = [...optimizerState.keys()];
      const idx = names.map((n) => index(optimizerState.get(n)!.name));
      const ts = await exe.readBuffers(idx);
      idx.forEach((i, k) => synced.set(i, ts[k].data));
      return new Map(names.map((n, i) => [n, ts[i]]));
    },
    assignOptimizerState(name, t) {
      write(optimizerState.get(name)!, t);
    },
    async recover() {
      if (lost === undefined) return undefined;
      const reason = lost;
      if (shared.size > 0) throw new KilnError('BACKEND', `the GPU device was lost (${reason}); this trainer reads another trainer's parameter buffers (shareWith), so it cannot be rebuilt alone: compile the trainers again from exported weights`);
      const fresh = await getGpu();
      if (!fresh) throw new KilnError('BACKEND', `the GPU device was lost (${reason}) and no WebGPU adapter is available to rebuild the trainer on`);
      const old = exe;
      stats.submits += old.stats.submits;
      stats.readbacks += old.stats.readbacks;
      exe = await WebGpuExecutor.load(program, new Map([...data, ...synced]), fresh, { warmUp });
      old.dispose();
      for (const e of evalExes.values()) void e.then((x) => x.dispose(), () => undefined);
      evalExes.clear();
      own = new Map([...state].map(([name, v]) => [name, exe.buffer(v.name)]));
      lost = undefined;
      stats.deviceRecreations++;
      watch(exe);
      return reason;
    },
    paramBuffers: () => own,
    get stats() {
      return counted();
    },
    dispose() {
      for (const e of evalExes.values()) void e.then((x) => x.dispose(), () => undefined);
      exe.dispose();
    },
  };
}

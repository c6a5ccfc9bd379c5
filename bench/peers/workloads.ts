// The benchmark's workloads. Each is one ONNX model (bytes: what kiln and ONNX Runtime load, and what the
// TF.js runner rebuilds with tf ops), its inputs, and for a train step its targets and optimizer. Models
// come from the fixtures (re-batched by rewriting the batch dimension of the graph's inputs and outputs,
// same weights) or are built here. Inputs are drawn from a seeded generator, so every runner process makes
// the same ones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeModel, encodeModel, type ModelProto } from '../../compiler/onnx/proto.ts';
import { exportOnnx } from '../../compiler/onnx/export.ts';
import { Conv2d, Flatten, Linear, manualSeed, MaxPool2d, ReLU, Sequential, trace } from '../../compiler/nn/index.ts';
import { transformerModel } from './transformer-model.ts';

const FIXTURES = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));

export interface HostTensor { dims: number[]; data: Float32Array }

export interface TrainSpec {
  /** Class index per row of the batch. */
  targets: Int32Array;
  classes: number;
  lr: number;
  betas: [number, number];
  eps: number;
  /** Steps each runner takes before timing, whose losses are compared with the reference's. */
  checkSteps: number;
}

export interface Workload {
  id: string;
  title: string;
  /** In the --quick subset. */
  quick: boolean;
  /** Timed reps and warm-up reps (before the round-robin) in a full run. */
  reps: number;
  model(): Uint8Array;
  inputs(): Map<string, HostTensor>;
  train?: TrainSpec;
}

/** Uniform in [-scale, scale), from a 32-bit LCG. */
export function seeded(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1) * scale;
  return out;
}

const numel = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
const input = (dims: number[], seed: number, scale = 1): HostTensor => ({ dims, data: seeded(numel(dims), seed, scale) });

/** A fixture's model with dimension 0 of every graph input and output set to `batch` (and dimension 1 of the inputs to `seq`, when given). */
function rebatched(fixture: string, batch: number, seq?: number): Uint8Array {
  const m = decodeModel(readFileSync(`${FIXTURES}${fixture}/model.onnx`)) as ModelProto;
  const g = m.graph!;
  for (const v of [...g.input, ...g.output]) {
    const dim = v.type?.tensor_type?.shape?.dim;
    if (dim?.length) dim[0] = { dim_value: batch };
    if (seq !== undefined && dim && dim.length > 1 && g.input.includes(v)) dim[1] = { dim_value: seq };
  }
  g.value_info = []; // intermediate shapes would still name the old batch
  // PyTorch exports an LSTM's zero initial state as a Constant of the traced batch size, then Expands it:
  // a zero scalar expands the same way to any batch.
  for (const n of g.node) {
    const t = n.op_type === 'Constant' ? n.attribute.find((a) => a.name === 'value')?.t : undefined;
    const onlyExpands = g.node.every((m) => !m.input.includes(n.output[0]) || m.op_type === 'Expand');
    if (t && t.data_type === 1 && onlyExpands && t.raw_data && new Float32Array(new Uint8Array(t.raw_data).buffer).every((v) => v === 0)) {
      t.dims = [];
      t.raw_data = new Uint8Array(4);
    }
  }
  return encodeModel(m);
}

const f32Info = (name: string, dims: number[]) => ({ name, type: { tensor_type: { elem_type: 1, shape: { dim: dims.map((d) => ({ dim_value: d })) } } } });

/** Y = A B with B a weight (initializer): A [m,k] is the input. */
function matmulModel(m: number, k: number, n: number): Uint8Array {
  const b = seeded(k * n, 7, 1 / Math.sqrt(k));
  return encodeModel({
    ir_version: 8,
    opset_import: [{ domain: '', version: 17 }],
    graph: {
      name: `matmul_${m}x${k}x${n}`,
      node: [{ op_type: 'MatMul', input: ['a', 'b'], output: ['y'], name: 'matmul', attribute: [] }],
      initializer: [{ name: 'b', dims: [k, n], data_type: 1, raw_data: new Uint8Array(b.buffer) }],
      input: [f32Info('a', [m, k])],
      output: [f32Info('y', [m, n])],
    },
  });
}

const mlp = (batch: number, quick: boolean, reps: number): Workload => ({
  id: `mlp-b${batch}`,
  title: `MLP 784-128-64-10 inference, batch ${batch}`,
  quick,
  reps,
  model: () => rebatched('mlp_fmnist_adam', batch),
  inputs: () => new Map([['x', input([batch, 784], 11)]]),
});

function targets(n: number, classes: number, seed: number): Int32Array {
  return Int32Array.from(seeded(n, seed), (v) => Math.min(classes - 1, Math.floor(((v + 1) / 2) * classes)));
}

export const WORKLOADS: Workload[] = [
  mlp(1, false, 30),
  mlp(64, true, 30),
  mlp(1024, false, 15),
  {
    id: 'matmul-1024',
    title: 'MatMul 1024x1024x1024 (B a weight)',
    quick: false,
    reps: 7,
    model: () => matmulModel(1024, 1024, 1024),
    inputs: () => new Map([['a', input([1024, 1024], 3)]]),
  },
  {
    id: 'cnn-b64',
    title: 'CNN (cnn_infer fixture) inference, batch 64',
    quick: false,
    reps: 10,
    model: () => rebatched('cnn_infer', 64),
    inputs: () => new Map([['x', input([64, 1, 28, 28], 5)]]),
  },
  {
    id: 'mlp-train-b64',
    title: 'MLP 784-128-64-10 train step (fwd, bwd, Adam, loss read back), batch 64',
    quick: true,
    reps: 20,
    model: () => rebatched('mlp_fmnist_adam', 64),
    inputs: () => new Map([['x', input([64, 784], 13)]]),
    train: { targets: targets(64, 10, 17), classes: 10, lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, checkSteps: 3 },
  },
  {
    id: 'cnn-fashion-train-b64',
    title: "samples/cnn-fashion's CNN train step (Conv 32, Conv 64, Linear 3136-128-10; fwd, bwd, Adam, loss read back; no dropout), batch 64",
    quick: false,
    reps: 8,
    model: () => cnnFashionModel(64),
    inputs: () => new Map([['x', input([64, 1, 28, 28], 31, 0.5)]]),
    train: { targets: targets(64, 10, 37), classes: 10, lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, checkSteps: 3 },
  },
  {
    id: 'dcgan-b64',
    title: 'DCGAN generator (dcgan_generator_infer fixture), batch 64',
    quick: false,
    reps: 10,
    model: () => rebatched('dcgan_generator_infer', 64),
    inputs: () => new Map([['z', input([64, 16, 1, 1], 19)]]),
  },
  {
    id: 'lstm-b64-t32',
    title: 'LSTM(50) + Linear over 32 steps (lstm_regressor_infer fixture), batch 64',
    quick: false,
    reps: 10,
    model: () => rebatched('lstm_regressor_infer', 64, 32),
    inputs: () => new Map([['x', input([64, 32, 1], 23)]]),
  },
  {
    id: 'transformer-b8-s64',
    title: 'Transformer encoder, 2 layers, d=128, 4 heads, FFN 512, seq 64, batch 8 (input: embeddings)',
    quick: false,
    reps: 10,
    model: () => transformerModel({ batch: 8, seq: 64, d: 128, heads: 4, layers: 2 }),
    inputs: () => new Map([['x', input([8, 64, 128], 29)]]),
  },
];

/**
 * samples/cnn-fashion's CNN as ONNX, on [batch, 1, 28, 28] images, seeded initial weights. The layers are
 * the sample's (which imports the built package, a second copy of the nn API, so it is not imported here);
 * its Dropout is left out, as it is the identity at inference and TF.js rebuilds the ONNX graph.
 */
function cnnFashionModel(batch: number): Uint8Array {
  manualSeed(0);
  const cnn = new Sequential(
    new Conv2d(1, 32, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2),
    new Conv2d(32, 64, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2),
    new Flatten(), new Linear(64 * 7 * 7, 128), new ReLU(), new Linear(128, 10),
  );
  return exportOnnx(trace(cnn, { x: { dtype: 'f32', shape: [batch, 1, 28, 28] } }, { name: 'cnn_fashion' }));
}

/** Workloads of the brief that this harness does not run yet, with why. */
export const NOT_YET: { title: string; why: string }[] = [
];

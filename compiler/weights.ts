// Loading and saving a module's state (parameters and buffers) by PyTorch state-dict name: from a
// Map, from safetensors bytes, and from the initializers of an ONNX model. Mismatches are reported
// all at once, naming each parameter (and both shapes).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isFloat } from '../ir/dtype.ts';
import { KilnError } from '../ir/errors.ts';
import { fmt, sameShape } from '../ir/shape.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';
import type { Module } from './nn/module.ts';
import { type Cell, TORCH_TO_ONNX_BLOCKS } from './nn/recurrent.ts';
import { decodeModel } from './onnx/proto.ts';
import { tensorFromProto } from './onnx/tensor.ts';
import { readSafetensors, writeSafetensors } from './safetensors.ts';

export interface LoadOptions {
  /** Missing and unexpected names are errors (default true); shape mismatches always are. */
  strict?: boolean;
}

/** State that checkpoints may omit: PyTorch's BatchNorm step counter, unused at inference. */
const OPTIONAL = /(^|\.)num_batches_tracked$/;

/** The value to store for a parameter: same shape, dtype converted between float types. */
function coerce(name: string, have: Tensor, given: Tensor): Tensor | string {
  if (!sameShape(have.shape, given.shape)) return `'${name}': shape ${fmt(given.shape)} in the weights, ${fmt(have.shape)} in the model`;
  if (have.dtype === given.dtype) return given;
  if (isFloat(have.dtype) === isFloat(given.dtype)) return tensor(have.dtype, have.shape, given.data);
  return `'${name}': dtype ${given.dtype} in the weights, ${have.dtype} in the model`;
}

/** Replaces the module's parameters and buffers with `weights` (state-dict names). */
export function loadWeights(module: Module, weights: ReadonlyMap<string, Tensor>, opts: LoadOptions = {}): void {
  const strict = opts.strict !== false;
  const state = module.namedState();
  const known = new Set(state.map(([n]) => n));
  const missing = state.filter(([n]) => !weights.has(n) && !OPTIONAL.test(n)).map(([n]) => n);
  const unexpected = [...weights.keys()].filter((n) => !known.has(n));
  const updates: [(typeof state)[number][1], Tensor][] = [];
  const mismatched: string[] = [];
  for (const [n, p] of state) {
    const w = weights.get(n);
    if (!w) continue;
    const r = coerce(n, p.data, w);
    if (typeof r === 'string') mismatched.push(r);
    else updates.push([p, r]);
  }
  const lines: string[] = [];
  if (strict && missing.length) lines.push(`missing ${missing.length} parameter(s): ${missing.join(', ')}`);
  if (strict && unexpected.length) lines.push(`unexpected ${unexpected.length} name(s) not in the model: ${unexpected.join(', ')}`);
  if (mismatched.length) lines.push(`mismatched ${mismatched.length} parameter(s): ${mismatched.join('; ')}`);
  if (lines.length) {
    const code = strict && (missing.length || unexpected.length) ? 'INPUT' : 'SHAPE';
    throw new KilnError(code, `cannot load weights into ${module.constructor.name}: ${lines.join('; ')}`);
  }
  for (const [p, t] of updates) p.data = t;
}

/** Loads safetensors bytes (e.g. saved from PyTorch with safetensors.torch.save_file(model.state_dict())). */
export function loadSafetensors(module: Module, bytes: Uint8Array, opts: LoadOptions = {}): void {
  loadWeights(module, readSafetensors(bytes).tensors, opts);
}

/** The module's state as safetensors bytes. */
export function saveSafetensors(module: Module, metadata?: Record<string, string>): Uint8Array {
  return writeSafetensors(module.stateDict(), { metadata });
}

/**
 * Every named initializer of an ONNX model, by name. Decoded directly (not through the importer), so
 * that initializers the graph does not use are kept and models with unsupported ops still load.
 */
export function onnxInitializers(path: string): Map<string, Tensor> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new KilnError('ONNX_PARSE', 'cannot read model file', { path });
  }
  const graph = decodeModel(bytes, path).graph;
  const out = new Map<string, Tensor>();
  for (const init of graph?.initializer ?? []) {
    if (!init.name) continue;
    const { tensor: t, clamped } = tensorFromProto(init, { baseDir: dirname(path) });
    if (clamped) throw new KilnError('DTYPE', `initializer '${init.name}' holds int64 values outside i32`, { path });
    out.set(init.name, t);
  }
  return out;
}

/** Loads a module's state from the initializers of an ONNX model with PyTorch parameter names. */
export function loadOnnxWeights(module: Module, path: string, opts: LoadOptions = {}): void {
  loadWeights(module, onnxInitializers(path), opts);
}

/**
 * Undoes the ONNX layout of a recurrent layer's weights (as constant-folded PyTorch exports store
 * them): W [D, G*H, in], R [D, G*H, H], B [D, 2*G*H] in ONNX gate order, to PyTorch's per-direction
 * weight_ih/weight_hh/bias_ih/bias_hh in PyTorch gate order, named with `prefix` and layer `layer`.
 */
export function onnxRecurrentToTorch(cell: Cell, prefix: string, layer: number, W: Tensor, R: Tensor, B?: Tensor): Map<string, Tensor> {
  const order = TORCH_TO_ONNX_BLOCKS[cell], G = order.length;
  const [D, GH] = W.shape, H = GH / G;
  if (!Number.isInteger(H) || R.shape[1] !== GH) throw new KilnError('SHAPE', `W ${fmt(W.shape)} and R ${fmt(R.shape)} do not fit a ${cell} with ${G} gates`);
  /** One direction's [G*H, cols] block (a [G*H] vector when cols is 0) in PyTorch gate order. */
  const torchRows = (t: Tensor, d: number, cols: number, off = 0, stride = GH * Math.max(cols, 1)): Tensor => {
    const c = Math.max(cols, 1);
    const out = tensor(t.dtype, cols === 0 ? [GH] : [GH, cols]);
    order.forEach((torchBlock, onnxBlock) => {
      const src = d * stride + off + onnxBlock * H * c;
      out.data.set(t.data.subarray(src, src + H * c), torchBlock * H * c);
    });
    return out;
  };
  const m = new Map<string, Tensor>();
  for (let d = 0; d < D; d++) {
    const sfx = `_l${layer}${d ? '_reverse' : ''}`;
    m.set(`${prefix}weight_ih${sfx}`, torchRows(W, d, W.shape[2]));
    m.set(`${prefix}weight_hh${sfx}`, torchRows(R, d, H));
    if (B) {
      m.set(`${prefix}bias_ih${sfx}`, torchRows(B, d, 0, 0, 2 * GH));
      m.set(`${prefix}bias_hh${sfx}`, torchRows(B, d, 0, GH, 2 * GH));
    }
  }
  return m;
}

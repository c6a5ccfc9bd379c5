// Rebuilds an ONNX graph with TF.js ops, node by node, for the TF.js runners: the same model and weights
// as the bytes kiln and ONNX Runtime load. Written as a TF.js user would: weights are tf tensors made once
// (Conv filters moved to TF's HWIO layout, constant Gemm weights pre-transposed, BatchNorm folded to a
// scale and shift), spatial ops run NHWC (TF.js's layout), and a value is moved back to NCHW only where a
// layout-dependent op (Flatten, Reshape, Transpose, binary ops) needs ONNX's order. With `trainable`, the
// float initializers become tf.Variables and are used as they are, so gradients reach them.
// Shape subgraphs (Shape, Gather, Unsqueeze, Concat on shapes, as PyTorch exports them) run on the host:
// a value's shape is known without reading the GPU, so no run waits on a readback midway.
// LSTM (one direction, default activations) is unrolled over time with one matMul per step.
// Covers the ops of the benchmark's models; any other op is refused at build time, by name.
import { decodeModel, int64, type AttributeProto, type NodeProto } from '../../compiler/onnx/proto.ts';
import { tensorFromProto } from '../../compiler/onnx/tensor.ts';

/** TF.js's namespace and tensors, used untyped: the package lives in bench/node_modules, outside the root typecheck. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tf = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TfTensor = any;

/** A tensor on the TF.js side, or a small integer/float array on the host (shapes, axes, indices, scalars). */
interface Val { t?: TfTensor; nhwc: boolean; host?: HostVal; constant?: boolean }
interface HostVal { shape: number[]; data: ArrayLike<number>; float: boolean }
type Attr = number | number[] | TfTensor;

export interface TfGraph {
  inputNames: string[];
  /** Output 0 of the graph for these inputs (call inside tf.tidy, or dispose the result). */
  forward(inputs: Map<string, TfTensor>): TfTensor;
  dispose(): void;
}

function attrs(n: NodeProto, tf: Tf): Map<string, Attr> {
  const m = new Map<string, Attr>();
  for (const a of n.attribute as AttributeProto[]) {
    if (a.type === 1) m.set(a.name!, a.f!);
    else if (a.type === 2) m.set(a.name!, int64(a.i));
    else if (a.type === 6) m.set(a.name!, [...a.floats]);
    else if (a.type === 7) m.set(a.name!, a.ints.map(int64));
    else if (a.type === 4) m.set(a.name!, tensorFromProto(a.t!).tensor);
    else if (a.type !== undefined && a.type !== 3) throw new Error(`tf-graph: attribute ${a.name} of ${n.op_type} has unsupported type ${a.type}`);
  }
  void tf;
  return m;
}

const SUPPORTED = new Set(['Gemm', 'MatMul', 'Relu', 'Tanh', 'Sigmoid', 'Erf', 'Add', 'Sub', 'Mul', 'Div', 'Softmax', 'Conv', 'MaxPool', 'ConvTranspose', 'BatchNormalization', 'Flatten', 'Reshape', 'Transpose', 'Constant', 'LayerNormalization', 'ReduceMean', 'Shape', 'Gather', 'Unsqueeze', 'Squeeze', 'Concat', 'Expand', 'LSTM']);

/** ONNX pads [top, left, bottom, right] as TF's pad argument. */
function tfPad(pads: number[] | undefined): 'valid' | number | number[][] {
  if (!pads || pads.every((p) => p === 0)) return 'valid';
  if (pads.every((p) => p === pads[0])) return pads[0];
  return [[0, 0], [pads[0], pads[2]], [pads[1], pads[3]], [0, 0]];
}

export function buildTfGraph(tf: Tf, bytes: Uint8Array, opts: { trainable?: boolean } = {}): TfGraph {
  const g = decodeModel(bytes).graph!;
  const unsupported = [...new Set(g.node.map((n) => n.op_type!).filter((op) => !SUPPORTED.has(op)))];
  if (unsupported.length) throw new Error(`tf-graph: no TF.js lowering for ${unsupported.join(', ')}`);
  const owned: TfTensor[] = [];
  const keep = (t: TfTensor) => (owned.push(t), t);
  /** Initializers and Constant outputs: host values (for shapes and load-time folding) and tf tensors. */
  const host = new Map<string, HostVal>();
  const consts = new Map<string, TfTensor>();
  for (const init of g.initializer) {
    const t = tensorFromProto(init).tensor;
    host.set(init.name!, { shape: t.shape as number[], data: t.data, float: t.dtype === 'f32' });
    const isFloat = t.dtype === 'f32';
    const tt = tf.tensor(isFloat ? t.data : Int32Array.from(t.data as ArrayLike<number>), t.shape, isFloat ? 'float32' : 'int32');
    consts.set(init.name!, keep(opts.trainable && isFloat ? tf.variable(tt, true, init.name) : tt));
  }
  const prepared = new Map<string, TfTensor>();
  /** A constant derived once at load from a constant (weights in TF layout); training uses weights as they are. */
  const derived = (name: string, key: string, f: (t: TfTensor) => TfTensor): TfTensor | undefined => {
    const c = consts.get(name);
    if (!c || opts.trainable) return undefined;
    const k = `${key}:${name}`;
    if (!prepared.has(k)) prepared.set(k, keep(f(c)));
    return prepared.get(k);
  };

  type Step = (env: Map<string, Val>) => void;
  const steps: Step[] = [];
  for (const n of g.node) {
    const a = attrs(n, tf);
    const [o] = n.output;
    const ins = n.input;
    const num = (k: string, d: number) => (a.has(k) ? (a.get(k) as number) : d);
    const ints = (k: string) => a.get(k) as number[] | undefined;
    const tensorOf = (v: Val) => v.t ?? tf.tensor(v.host!.data, v.host!.shape, v.host!.float ? 'float32' : 'int32');
    const nchw = (v: Val) => (v.nhwc ? tf.transpose(v.t, [0, 3, 1, 2]) : tensorOf(v));
    const nhwc = (v: Val) => (v.nhwc ? v.t : tf.transpose(tensorOf(v), [0, 2, 3, 1]));
    const val = (env: Map<string, Val>, name: string): Val => env.get(name) ?? { t: consts.get(name), nhwc: false, host: host.get(name), constant: true };
    /** Whether a value can be computed with on the host: a shape-subgraph value or a constant. */
    const onHost = (v: Val) => v.host !== undefined && (!v.t || v.constant === true);
    const hostOf = (env: Map<string, Val>, name: string): HostVal => {
      const h = val(env, name).host;
      if (!h) throw new Error(`tf-graph: ${n.op_type} ${n.name} needs ${name} on the host (a shape or constant)`);
      return h;
    };
    const setHost = (env: Map<string, Val>, h: HostVal) => env.set(o, { nhwc: false, host: h });
    const set = (env: Map<string, Val>, t: TfTensor, isNhwc = false) => env.set(o, { t, nhwc: isNhwc });
    const unary = (f: (t: TfTensor) => TfTensor): Step => (env) => {
      const v = val(env, ins[0]);
      env.set(o, { t: f(v.t), nhwc: v.nhwc });
    };
    const binary = (f: (x: TfTensor, y: TfTensor) => TfTensor): Step => (env) => set(env, f(nchw(val(env, ins[0])), nchw(val(env, ins[1]))));
    switch (n.op_type) {
      case 'Constant': {
        const t = a.get('value') as { shape: number[]; data: ArrayLike<number>; dtype: string };
        host.set(o, { shape: t.shape, data: t.data, float: t.dtype === 'f32' });
        consts.set(o, keep(tf.tensor(t.dtype === 'f32' ? t.data : Int32Array.from(t.data), t.shape, t.dtype === 'f32' ? 'float32' : 'int32')));
        break;
      }
      case 'Gemm': {
        const alpha = num('alpha', 1), beta = num('beta', 1), transA = num('transA', 0) === 1, transB = num('transB', 0) === 1;
        const bFolded = transB ? derived(ins[1], 'T', (t) => tf.transpose(t)) : undefined;
        steps.push((env) => {
          const A = nchw(val(env, ins[0]));
          // transB as an explicit transpose, never matMul's transposeB: TF.js 4.22's webgpu matMul with
          // transposeB returns wrong values on lavapipe once K >= 2048 (measured: [64,3136]x[128,3136]^T
          // off by 1e2, the same product through tf.transpose right to 2e-5).
          const B = bFolded ?? (transB ? tf.transpose(val(env, ins[1]).t) : val(env, ins[1]).t);
          let y = tf.matMul(A, B, transA, false);
          if (alpha !== 1) y = tf.mul(y, alpha);
          if (ins[2]) y = tf.add(y, beta === 1 ? val(env, ins[2]).t : tf.mul(val(env, ins[2]).t, beta));
          set(env, y);
        });
        break;
      }
      case 'MatMul': steps.push(binary((x, y) => tf.matMul(x, y))); break;
      case 'Add': steps.push(binary((x, y) => tf.add(x, y))); break;
      case 'Sub': steps.push(binary((x, y) => tf.sub(x, y))); break;
      case 'Mul': steps.push(binary((x, y) => tf.mul(x, y))); break;
      case 'Div': steps.push(binary((x, y) => tf.div(x, y))); break;
      case 'Relu': steps.push(unary((t) => tf.relu(t))); break;
      case 'Tanh': steps.push(unary((t) => tf.tanh(t))); break;
      case 'Sigmoid': steps.push(unary((t) => tf.sigmoid(t))); break;
      case 'Erf': steps.push(unary((t) => tf.erf(t))); break;
      case 'Softmax': {
        const axis = num('axis', -1);
        steps.push((env) => {
          const x = nchw(val(env, ins[0]));
          if (axis !== -1 && axis !== x.rank - 1) throw new Error('tf-graph: Softmax only over the last axis');
          set(env, tf.softmax(x));
        });
        break;
      }
      case 'Conv': {
        if (num('group', 1) !== 1) throw new Error('tf-graph: grouped Conv');
        const w = derived(ins[1], 'HWIO', (t) => tf.transpose(t, [2, 3, 1, 0]));
        const strides = ints('strides') ?? [1, 1], dil = ints('dilations') ?? [1, 1], pad = tfPad(ints('pads'));
        steps.push((env) => {
          const f = w ?? tf.transpose(val(env, ins[1]).t, [2, 3, 1, 0]);
          let y = tf.conv2d(nhwc(val(env, ins[0])), f, strides as [number, number], pad, 'NHWC', dil as [number, number]);
          if (ins[2]) y = tf.add(y, val(env, ins[2]).t);
          set(env, y, true);
        });
        break;
      }
      case 'MaxPool': {
        const k = ints('kernel_shape')!, s = ints('strides') ?? [1, 1], pad = tfPad(ints('pads'));
        steps.push((env) => set(env, tf.maxPool(nhwc(val(env, ins[0])), k, s, pad), true));
        break;
      }
      case 'ConvTranspose': {
        if (num('group', 1) !== 1) throw new Error('tf-graph: grouped ConvTranspose');
        const k = ints('kernel_shape')!, s = ints('strides') ?? [1, 1], pads = ints('pads') ?? [0, 0, 0, 0];
        const w = derived(ins[1], 'HWOI', (t) => tf.transpose(t, [2, 3, 1, 0]));
        const cout = host.get(ins[1])!.shape[1];
        steps.push((env) => {
          const x = nhwc(val(env, ins[0]));
          const [nb, h, wd] = x.shape as number[];
          const outShape = [nb, (h - 1) * s[0] - pads[0] - pads[2] + k[0], (wd - 1) * s[1] - pads[1] - pads[3] + k[1], cout];
          let y = tf.conv2dTranspose(x, w ?? tf.transpose(val(env, ins[1]).t, [2, 3, 1, 0]), outShape, s, tfPad(pads));
          if (ins[2]) y = tf.add(y, val(env, ins[2]).t);
          set(env, y, true);
        });
        break;
      }
      case 'BatchNormalization': {
        const eps = num('epsilon', 1e-5);
        const [gamma, beta, mean, variance] = ins.slice(1).map((name) => host.get(name)!.data);
        const scale = Float32Array.from(gamma, (gm, i) => gm / Math.sqrt(variance[i] + eps));
        const shift = Float32Array.from(beta, (b, i) => b - mean[i] * scale[i]);
        const sc = keep(tf.tensor1d(scale)), sh = keep(tf.tensor1d(shift));
        steps.push((env) => {
          const v = val(env, ins[0]);
          const x = v.t.rank === 4 ? nhwc(v) : v.t; // channel last either way
          set(env, tf.add(tf.mul(x, sc), sh), v.t.rank === 4);
        });
        break;
      }
      case 'Flatten': {
        const axis = num('axis', 1);
        steps.push((env) => {
          const x = nchw(val(env, ins[0]));
          const dims = x.shape as number[];
          set(env, tf.reshape(x, [dims.slice(0, axis).reduce((p, d) => p * d, 1), -1]));
        });
        break;
      }
      case 'Reshape': {
        steps.push((env) => {
          const x = nchw(val(env, ins[0]));
          const target = Array.from(hostOf(env, ins[1]).data);
          set(env, tf.reshape(x, target.map((d, i) => (d === 0 ? x.shape[i] : d))));
        });
        break;
      }
      case 'Shape': steps.push((env) => {
        const v = val(env, ins[0]);
        const dims = v.t ? (v.nhwc ? [0, 3, 1, 2].map((i) => v.t.shape[i]) : v.t.shape) : v.host!.shape;
        setHost(env, { shape: [dims.length], data: [...dims], float: false });
      }); break;
      case 'Gather': {
        const axis = num('axis', 0);
        steps.push((env) => {
          const d = val(env, ins[0]), idx = hostOf(env, ins[1]);
          if (onHost(d) && d.host!.shape.length === 1 && axis === 0) {
            const at = (i: number) => d.host!.data[i < 0 ? i + d.host!.data.length : i];
            setHost(env, { shape: idx.shape, data: Array.from(idx.data, at), float: d.host!.float });
          } else {
            const x = nchw(d);
            const r = x.shape.length;
            set(env, tf.gather(x, idx.shape.length === 0 ? (idx.data[0] + x.shape[(axis + r) % r]) % x.shape[(axis + r) % r] : tf.tensor(idx.data, idx.shape, 'int32'), axis));
          }
        });
        break;
      }
      case 'Unsqueeze': steps.push((env) => {
        const axes = Array.from(hostOf(env, ins[1]).data);
        const v = val(env, ins[0]);
        if (onHost(v)) {
          const shape = [...v.host!.shape];
          for (const a of [...axes].map((a) => (a < 0 ? a + shape.length + axes.length : a)).sort((p, q) => p - q)) shape.splice(a, 0, 1);
          setHost(env, { ...v.host!, shape });
        } else {
          let x = nchw(v);
          for (const a of [...axes].map((a) => (a < 0 ? a + x.shape.length + axes.length : a)).sort((p, q) => p - q)) x = tf.expandDims(x, a);
          set(env, x);
        }
      }); break;
      case 'Squeeze': steps.push((env) => set(env, tf.squeeze(nchw(val(env, ins[0])), ins[1] ? Array.from(hostOf(env, ins[1]).data) : undefined))); break;
      case 'Concat': {
        const axis = num('axis', 0);
        steps.push((env) => {
          const vs = ins.map((name) => val(env, name));
          if (vs.every((v) => onHost(v) && v.host!.shape.length <= 1)) {
            setHost(env, { shape: [vs.reduce((k, v) => k + v.host!.data.length, 0)], data: vs.flatMap((v) => Array.from(v.host!.data)), float: vs[0].host!.float });
          } else set(env, tf.concat(vs.map(nchw), axis));
        });
        break;
      }
      case 'Expand': steps.push((env) => {
        const x = nchw(val(env, ins[0]));
        const target = Array.from(hostOf(env, ins[1]).data);
        const r = Math.max(target.length, x.shape.length);
        const xs = [...Array(r - x.shape.length).fill(1), ...x.shape], ts = [...Array(r - target.length).fill(1), ...target];
        set(env, tf.broadcastTo(tf.reshape(x, xs), xs.map((d, i) => Math.max(d, ts[i]))));
      }); break;
      case 'LSTM': {
        const hidden = num('hidden_size', 0);
        if (ins[4]) throw new Error('tf-graph: LSTM with sequence_lens');
        // Weights in matMul order: W [1,4H,I] -> [I,4H], R [1,4H,H] -> [H,4H], bias Wb + Rb [4H]; gates i, o, f, c.
        const wT = consts.get(ins[1]) && keep(tf.transpose(tf.squeeze(consts.get(ins[1]), [0])));
        const rT = consts.get(ins[2]) && keep(tf.transpose(tf.squeeze(consts.get(ins[2]), [0])));
        const bias = ins[3] ? keep(tf.tidy(() => { const [wb, rb] = tf.split(tf.squeeze(consts.get(ins[3]), [0]), 2); return tf.add(wb, rb); })) : undefined;
        steps.push((env) => {
          const x = nchw(val(env, ins[0])); // [T, N, I]
          const [steps_, nb] = x.shape as number[];
          let h = ins[5] ? tf.squeeze(nchw(val(env, ins[5])), [0]) : tf.zeros([nb, hidden]);
          let c = ins[6] ? tf.squeeze(nchw(val(env, ins[6])), [0]) : tf.zeros([nb, hidden]);
          let xw = tf.reshape(tf.matMul(tf.reshape(x, [steps_ * nb, -1]), wT), [steps_, nb, 4 * hidden]);
          if (bias) xw = tf.add(xw, bias);
          const xs = tf.unstack(xw);
          const hs: TfTensor[] = [];
          for (let s = 0; s < steps_; s++) {
            const [i, og, f, cc] = tf.split(tf.add(xs[s], tf.matMul(h, rT)), 4, 1);
            c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(cc)));
            h = tf.mul(tf.sigmoid(og), tf.tanh(c));
            hs.push(h);
          }
          env.set(n.output[0], { t: tf.expandDims(tf.stack(hs), 1), nhwc: false });
          if (n.output[1]) env.set(n.output[1], { t: tf.expandDims(h, 0), nhwc: false });
          if (n.output[2]) env.set(n.output[2], { t: tf.expandDims(c, 0), nhwc: false });
        });
        break;
      }
      case 'Transpose': {
        const perm = ints('perm');
        steps.push((env) => set(env, tf.transpose(nchw(val(env, ins[0])), perm)));
        break;
      }
      case 'LayerNormalization': {
        const eps = num('epsilon', 1e-5);
        steps.push((env) => {
          const x = nchw(val(env, ins[0]));
          const { mean, variance } = tf.moments(x, -1, true);
          let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
          y = tf.mul(y, val(env, ins[1]).t);
          if (ins[2]) y = tf.add(y, val(env, ins[2]).t);
          set(env, y);
        });
        break;
      }
      case 'ReduceMean': {
        const axes = ints('axes'), keepdims = num('keepdims', 1) === 1;
        steps.push((env) => set(env, tf.mean(nchw(val(env, ins[0])), axes, keepdims)));
        break;
      }
    }
  }
  const initNames = new Set(g.initializer.map((t) => t.name));
  const inputNames = g.input.map((v) => v.name!).filter((name) => !initNames.has(name));
  const out = g.output[0].name!;
  return {
    inputNames,
    forward(inputs) {
      const env = new Map<string, Val>();
      for (const [name, t] of inputs) env.set(name, { t, nhwc: false });
      for (const step of steps) step(env);
      const v = env.get(out) ?? { t: consts.get(out), nhwc: false };
      return v.nhwc ? tf.transpose(v.t, [0, 3, 1, 2]) : v.t ?? tf.tensor(v.host!.data, v.host!.shape);
    },
    dispose: () => owned.forEach((t) => t.dispose()),
  };
}

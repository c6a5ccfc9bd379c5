// The transformer workload's ONNX model, built here: a post-LN encoder (as the transformer_infer fixture,
// at a larger size) of `layers` layers, width d, `heads` heads, GELU (erf) feed-forward of width 4d, over
// an input of embeddings [batch, seq, d] (no token embedding: the gather is not what is measured). Its
// weights come from the seeded generator, 1/sqrt(fan-in) in scale.
import { encodeModel } from '../../compiler/onnx/proto.ts';
import { seeded } from './workloads.ts';

export interface TransformerShape { batch: number; seq: number; d: number; heads: number; layers: number }

export function transformerModel(s: TransformerShape): Uint8Array {
  const { batch: b, seq, d, heads, layers } = s;
  const dh = d / heads, ff = 4 * d;
  const initializer: object[] = [];
  const node: object[] = [];
  let seed = 100;
  const weight = (name: string, dims: number[], scale: number, offset = 0) => {
    const data = seeded(dims.reduce((p, q) => p * q, 1), seed++, scale).map((v) => v + offset);
    initializer.push({ name, dims, data_type: 1, raw_data: new Uint8Array(data.buffer) });
    return name;
  };
  const ints = (name: string, values: number[]) => (initializer.push({ name, dims: [values.length], data_type: 7, int64_data: values }), name);
  const scalar = (name: string, v: number) => (initializer.push({ name, dims: [], data_type: 1, raw_data: new Uint8Array(Float32Array.of(v).buffer) }), name);
  let k = 0;
  const op = (op_type: string, input: string[], attribute: object[] = []) => {
    const out = `t${k++}`;
    node.push({ op_type, input, output: [out], name: `${op_type}_${k}`, attribute });
    return out;
  };
  const perm = (p: number[]) => [{ name: 'perm', type: 7, ints: p }];
  const linear = (x: string, name: string, din: number, dout: number) => op('Add', [op('MatMul', [x, weight(`${name}.w`, [din, dout], 1 / Math.sqrt(din))]), weight(`${name}.b`, [dout], 0.02)]);
  const layerNorm = (x: string, name: string) => op('LayerNormalization', [x, weight(`${name}.g`, [d], 0.05, 1), weight(`${name}.b`, [d], 0.05)], [{ name: 'axis', type: 2, i: -1 }, { name: 'epsilon', type: 1, f: 1e-5 }]);
  const heads4 = ints('shape.heads', [b, seq, heads, dh]);
  const merged = ints('shape.merged', [b, seq, d]);
  const scale = scalar('attn.scale', 1 / Math.sqrt(dh));
  const sqrt2 = scalar('gelu.sqrt2', Math.SQRT2), one = scalar('gelu.one', 1), half = scalar('gelu.half', 0.5);
  let x = 'x';
  for (let l = 0; l < layers; l++) {
    const p = `layers.${l}`;
    const q = op('Transpose', [op('Reshape', [linear(x, `${p}.q`, d, d), heads4])], perm([0, 2, 1, 3]));
    const kT = op('Transpose', [op('Reshape', [linear(x, `${p}.k`, d, d), heads4])], perm([0, 2, 3, 1]));
    const v = op('Transpose', [op('Reshape', [linear(x, `${p}.v`, d, d), heads4])], perm([0, 2, 1, 3]));
    const att = op('Softmax', [op('Mul', [op('MatMul', [q, kT]), scale])], [{ name: 'axis', type: 2, i: -1 }]);
    const ctx = op('Reshape', [op('Transpose', [op('MatMul', [att, v])], perm([0, 2, 1, 3])), merged]);
    x = layerNorm(op('Add', [x, linear(ctx, `${p}.o`, d, d)]), `${p}.ln1`);
    const h = linear(x, `${p}.ff1`, d, ff);
    const gelu = op('Mul', [op('Mul', [h, op('Add', [op('Erf', [op('Div', [h, sqrt2])]), one])]), half]);
    x = layerNorm(op('Add', [x, linear(gelu, `${p}.ff2`, ff, d)]), `${p}.ln2`);
  }
  (node[node.length - 1] as { output: string[] }).output = ['y'];
  const info = (name: string) => ({ name, type: { tensor_type: { elem_type: 1, shape: { dim: [b, seq, d].map((v) => ({ dim_value: v })) } } } });
  return encodeModel({ ir_version: 8, opset_import: [{ domain: '', version: 17 }], graph: { name: 'transformer_encoder', node, initializer, input: [info('x')], output: [info('y')] } });
}

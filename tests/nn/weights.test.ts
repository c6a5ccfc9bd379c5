// safetensors read/write and weight loading: round trips, a hand-built file, malformed input, and the
// errors loadWeights gives for missing, unexpected and mis-shaped parameters.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchNorm2d, Linear, Sequential } from '../../compiler/nn/index.ts';
import { floatToHalf, readSafetensors, writeSafetensors } from '../../compiler/safetensors.ts';
import { loadOnnxWeights, loadSafetensors, loadWeights, onnxRecurrentToTorch, saveSafetensors } from '../../compiler/weights.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { fixture } from './harness.ts';

/** A safetensors file built by hand from a header object and raw data bytes. */
function handMade(header: object, data: number[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('safetensors', () => {
  it('round-trips f32, i32, u32, bool and f16 tensors with metadata', () => {
    const ts = new Map<string, Tensor>([
      ['a.weight', tensor('f32', [2, 3], [1, -2.5, 3e-8, 4, 5, 6])],
      ['idx', tensor('i32', [3], [-7, 0, 2147483647])],
      ['u', tensor('u32', [1], [4000000000])],
      ['mask', tensor('bool', [2], [1, 0])],
      ['half', tensor('f16', [2], [0.5, -1024])],
      ['empty', tensor('f32', [0, 4])],
      ['s', tensor('f32', [], [3.25])],
    ]);
    const bytes = writeSafetensors(ts, { metadata: { format: 'pt' } });
    const hlen = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(hlen % 8).toBe(0);
    const back = readSafetensors(bytes);
    expect(back.metadata).toEqual({ format: 'pt' });
    expect([...back.tensors.keys()]).toEqual([...ts.keys()]);
    for (const [n, t] of ts) {
      const b = back.tensors.get(n)!;
      expect([b.dtype, b.shape], n).toEqual([t.dtype, t.shape]);
      expect(Array.from(b.data), n).toEqual(Array.from(t.data));
    }
  });

  it('writes i32 as I64 on request and reads I64, F64, F16, BF16 written by others', () => {
    const asI64 = readSafetensors(writeSafetensors(new Map([['i', tensor('i32', [2], [-3, 9])]]), { int64: true }));
    expect(Array.from(asI64.tensors.get('i')!.data)).toEqual([-3, 9]);
    const f64 = new Uint8Array(new Float64Array([1.5, -2]).buffer);
    const i64 = new Uint8Array(new BigInt64Array([5n, -6n]).buffer);
    const f16 = new Uint8Array(new Uint16Array([0x3c00, 0xc000]).buffer); // 1, -2
    const bf16 = new Uint8Array(new Uint16Array([0x3fc0, 0x4040]).buffer); // 1.5, 3
    const file = handMade({
      __metadata__: { x: 'y' },
      d: { dtype: 'F64', shape: [2], data_offsets: [0, 16] },
      l: { dtype: 'I64', shape: [2, 1], data_offsets: [16, 32] },
      h: { dtype: 'F16', shape: [2], data_offsets: [32, 36] },
      b: { dtype: 'BF16', shape: [2], data_offsets: [36, 40] },
    }, [...f64, ...i64, ...f16, ...bf16]);
    const r = readSafetensors(file).tensors;
    expect(r.get('d')!.dtype).toBe('f32');
    expect(Array.from(r.get('d')!.data)).toEqual([1.5, -2]);
    expect([r.get('l')!.dtype, Array.from(r.get('l')!.data)]).toEqual(['i32', [5, -6]]);
    expect(Array.from(r.get('h')!.data)).toEqual([1, -2]);
    expect(Array.from(r.get('b')!.data)).toEqual([1.5, 3]);
  });

  it('half conversion rounds to nearest even and saturates', () => {
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-2)).toBe(0xc000);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(1e6)).toBe(0x7c00);
    expect(floatToHalf(2 ** -24)).toBe(1);
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
  });

  it('rejects malformed files with clear errors', () => {
    expect(() => readSafetensors(new Uint8Array(4))).toThrowError(/too short/);
    expect(() => readSafetensors(handMade({}, []).slice(0, 9))).toThrowError(/exceeds the file size/);
    expect(() => readSafetensors(handMade({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, [0, 0, 0, 0]))).toThrowError(/'a'.*needs 8 bytes/);
    expect(() => readSafetensors(handMade({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 8] } }, [0, 0, 0, 0]))).toThrowError(/outside the 4-byte data section/);
    expect(() => readSafetensors(handMade({ a: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, new Array(8).fill(0)))).toThrowError(/unsupported dtype 'C64'/);
    const big = new Uint8Array(new BigInt64Array([2n ** 40n]).buffer);
    expect(() => readSafetensors(handMade({ a: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, [...big]))).toThrowError(/does not fit i32/);
    const bad = new TextEncoder().encode('{"a": ');
    const file = new Uint8Array(8 + bad.length);
    new DataView(file.buffer).setBigUint64(0, BigInt(bad.length), true);
    file.set(bad, 8);
    expect(() => readSafetensors(file)).toThrow(KilnError);
  });
});

describe('loadWeights', () => {
  const model = () => new Sequential(new Linear(3, 2), new BatchNorm2d(2));

  it('loads by state-dict name and round-trips through safetensors', () => {
    const a = model(), b = model();
    a.stateDict().get('0.weight')!.data.fill(0.5);
    loadSafetensors(b, saveSafetensors(a));
    for (const [n, t] of a.stateDict()) expect(Array.from(b.stateDict().get(n)!.data), n).toEqual(Array.from(t.data));
  });

  it('names missing parameters (num_batches_tracked may be absent)', () => {
    const w = model().stateDict();
    w.delete('0.bias');
    w.delete('1.running_var');
    w.delete('1.num_batches_tracked');
    expect(() => loadWeights(model(), w)).toThrowError(/\[INPUT\].*missing 2 parameter\(s\): 0\.bias, 1\.running_var$/);
  });

  it('names unexpected names, and ignores them when not strict', () => {
    const w = model().stateDict();
    w.set('2.weight', tensor('f32', [1]));
    expect(() => loadWeights(model(), w)).toThrowError(/unexpected 1 name\(s\) not in the model: 2\.weight/);
    const m = model();
    w.delete('0.bias');
    expect(() => loadWeights(m, w, { strict: false })).not.toThrow();
  });

  it('names shape mismatches with both shapes, even when not strict, and changes nothing', () => {
    const m = model();
    const before = m.stateDict().get('0.bias');
    const w = model().stateDict();
    w.set('0.weight', tensor('f32', [3, 2]));
    w.set('1.weight', tensor('i32', [2]));
    expect(() => loadWeights(m, w, { strict: false })).toThrowError(/\[SHAPE\].*'0\.weight': shape \[3,2\] in the weights, \[2,3\] in the model; '1\.weight': dtype i32 in the weights, f32 in the model/);
    expect(m.stateDict().get('0.bias')).toBe(before);
  });

  it('loads from ONNX initializers by name (the PyTorch names a train-case export keeps)', () => {
    const c = fixture('linreg_sgd');
    const lin = new Linear(1, 1);
    loadOnnxWeights(lin, join(c.dir, c.model));
    expect(lin.weight.data.shape).toEqual([1, 1]);
    expect(lin.weight.data.data[0]).not.toBe(0);
    expect(() => loadOnnxWeights(new Linear(2, 1), join(c.dir, c.model))).toThrowError(/'weight': shape \[1,1\] in the weights, \[1,2\] in the model/);
    const dir = mkdtempSync(join(tmpdir(), 'kiln-w-'));
    writeFileSync(join(dir, 'bad.onnx'), new Uint8Array([1, 2, 3]));
    expect(() => loadOnnxWeights(lin, join(dir, 'bad.onnx'))).toThrow(KilnError);
  });
});

describe('onnxRecurrentToTorch', () => {
  // ONNX gate order, by gate name: LSTM i,o,f,c(=g); GRU z,r,h(=n). PyTorch: LSTM i,f,g,o; GRU r,z,n.
  const ONNX = { LSTM: ['i', 'o', 'f', 'g'], GRU: ['z', 'r', 'n'] };
  const TORCH = { LSTM: ['i', 'f', 'g', 'o'], GRU: ['r', 'z', 'n'] };

  for (const cell of ['LSTM', 'GRU'] as const) {
    it(`${cell}: each gate block lands at its PyTorch position`, () => {
      const G = ONNX[cell].length, H = 2, I = 3;
      // Fill ONNX block k of W with 100*k + row, of R with 1000 + 100*k, and B's W/R halves with k and 10 + k.
      const W = tensor('f32', [1, G * H, I]), R = tensor('f32', [1, G * H, H]), B = tensor('f32', [1, 2 * G * H]);
      for (let r = 0; r < G * H; r++) {
        const k = Math.floor(r / H);
        W.data.fill(100 * k + (r % H), r * I, (r + 1) * I);
        R.data.fill(1000 + 100 * k, r * H, (r + 1) * H);
        B.data[r] = k;
        B.data[G * H + r] = 10 + k;
      }
      const m = onnxRecurrentToTorch(cell, 'x.', 0, W, R, B);
      expect([...m.keys()]).toEqual(['x.weight_ih_l0', 'x.weight_hh_l0', 'x.bias_ih_l0', 'x.bias_hh_l0']);
      TORCH[cell].forEach((gate, tb) => {
        const k = ONNX[cell].indexOf(gate);
        expect(m.get('x.weight_ih_l0')!.data[tb * H * I + I], `${gate} W`).toBe(100 * k + 1);
        expect(m.get('x.weight_hh_l0')!.data[tb * H * H], `${gate} R`).toBe(1000 + 100 * k);
        expect(m.get('x.bias_ih_l0')!.data[tb * H], `${gate} Wb`).toBe(k);
        expect(m.get('x.bias_hh_l0')!.data[tb * H], `${gate} Rb`).toBe(10 + k);
      });
      expect(m.get('x.weight_ih_l0')!.shape).toEqual([G * H, I]);
    });
  }
});

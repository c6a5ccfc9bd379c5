// Control flow in models exported by PyTorch's own ONNX exporter (tests/pytorch-exported/export.py, torch
// 1.13 from Debian's python3-torch, TorchScript scripting at opset 17), checked against ONNX Runtime (the
// independent reference) on the CPU interpreter and on WebGPU:
// - sample_rate_switch.onnx: `if bool(sr == 16000)` with branches of different shapes, bound at import;
// - score_gate.onnx: `if bool(h.mean() > 0)` on a computed score, if-converted (both branches, Where);
// - recurrence.onnx: `for t in range(x.size(0))` over time steps, a Loop with a constant trip count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as ort from 'onnxruntime-node';
import type { Backend } from '../compiler/backend.ts';
import { importOnnx } from '../compiler/onnx/importer.ts';
import { decodeModel } from '../compiler/onnx/proto.ts';
import { tensorFromProto } from '../compiler/onnx/tensor.ts';
import { tensor, type Tensor } from '../ir/tensor.ts';
import { kilnError } from './support/kiln-error.ts';
import { BOTH_BACKENDS } from './support/backends.ts';
import { expectCloseToOrt, ortInt64, runOrt } from './onnx-export/ort.ts';

const model = (file: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'pytorch-exported', file)));
const sampleRateSwitch = model('sample_rate_switch.onnx'), scoreGate = model('score_gate.onnx'), recurrence = model('recurrence.onnx');
const wave = (shape: number[], scale: number, shift: number) => tensor('f32', shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 1.3 + shift) * scale));
/** x shifted by 3 * sign: the projected mean is linear in the shift, so the two signs fall on either side of 0. */
const gateInput = (sign: number) => tensor('f32', [1, 8], Array.from(wave([1, 8], 0.3, 0.5).data, (v) => v + sign * 3));

describe('PyTorch-exported control flow against ONNX Runtime', () => {
  describe.each(BOTH_BACKENDS)('%s', (_name, get) => {
    let backend: Backend | undefined;
    beforeAll(async () => {
      backend = await get();
    });

    it.each([16000, 8000])('If on sr == 16000 with sr bound to %i compiles the branch taken alone', async (sr) => {
      if (!backend) return;
      const { graph } = importOnnx(sampleRateSwitch, { bind: { sr } });
      expect(graph.nodes.some((n) => n.op === 'Where')).toBe(false);
      const x = wave([1, 16], 1.1, 0.2);
      const [y] = await backend.run(graph, new Map([['x', x]]));
      expectCloseToOrt(y, (await runOrt(sampleRateSwitch, new Map<string, Tensor | ort.Tensor>([['x', x], ['sr', ortInt64(sr)]])))[0]);
    });

    // Inputs on both sides of the gate (which branch each takes is asserted below).
    it.each([[1], [-1]])('If on a computed score (input sign %i) is if-converted and agrees with ORT', async (sign) => {
      if (!backend) return;
      const { graph } = importOnnx(scoreGate);
      expect(graph.nodes.some((n) => n.op === 'Where')).toBe(true);
      const x = gateInput(sign);
      const [y] = await backend.run(graph, new Map([['x', x]]));
      expectCloseToOrt(y, (await runOrt(scoreGate, new Map([['x', x]])))[0]);
    });

    it('Loop over the time steps unrolls (one Tanh per step) and agrees with ORT', async () => {
      if (!backend) return;
      const { graph } = importOnnx(recurrence);
      expect(graph.nodes.filter((n) => n.op === 'Tanh')).toHaveLength(4);
      const x = wave([4, 2, 6], 0.8, 0.1);
      const [h] = await backend.run(graph, new Map([['x', x]]));
      expectCloseToOrt(h, (await runOrt(recurrence, new Map([['x', x]])))[0]);
    });
  });

  it('the two score-gate inputs take different branches in ORT (only the else branch, sigmoid(h) - bias, keeps y + bias in (0, 1))', async () => {
    const proto = decodeModel(scoreGate).graph?.initializer.find((i) => i.name === 'bias');
    expect(proto).toBeDefined();
    const bias = tensorFromProto(proto!).tensor.data as Float32Array;
    const out = async (sign: number) => (await runOrt(scoreGate, new Map([['x', gateInput(sign)]])))[0].data as Float32Array;
    const inSigmoidRange = (y: Float32Array) => Array.from(y).every((v, i) => v + bias[i] > 0 && v + bias[i] < 1);
    expect(inSigmoidRange(await out(-1))).not.toBe(inSigmoidRange(await out(1)));
  });

  it('without sr bound, the shape-changing If is a STATIC_INPUT error naming the node and the input', () => {
    const e = kilnError(() => importOnnx(sampleRateSwitch));
    expect(e.code).toBe('STATIC_INPUT');
    expect(e.context.node).toBe('/If');
    expect(e.message).toContain("bind 'sr'");
  });
});

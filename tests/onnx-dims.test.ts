// Symbolic ONNX dimensions pinned at compile time: importOnnx(..., { dims }) and `--dim NAME=N` on the
// command line. A model whose batch is the dim_param 'batch' compiles at the batch asked for; an unpinned
// or misspelt name is a KilnError that says what to pin.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../compiler/cli.ts';
import { importOnnx } from '../compiler/onnx/importer.ts';
import { tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { kilnError } from './support/kiln-error.ts';
import { SYMBOLIC_W, symbolicBatchModel } from './support/symbolic-model.ts';

const W = SYMBOLIC_W;
const model = symbolicBatchModel;

describe('symbolic dimensions', () => {
  it('refuses an unpinned symbolic input dimension and says how to pin it', () => {
    const e = kilnError(() => importOnnx(model()));
    expect(e.code).toBe('SHAPE');
    expect(e.message).toMatch(/input 'x' dimension 0 is symbolic \('batch'\).*--dim batch=N/);
  });

  it('compiles at the pinned value, and computes the same rows at any batch', () => {
    for (const batch of [1, 3]) {
      const { graph } = importOnnx(model(), { dims: { batch } });
      expect(graph.inputs[0].type.shape).toEqual([batch, 2]);
      expect(graph.outputs[0].type.shape).toEqual([batch, 3]);
      const x = Float32Array.from({ length: batch * 2 }, (_, i) => i - 1.5);
      const [y] = interpret(graph, new Map([['x', tensor('f32', [batch, 2], x)]]));
      // relu(x · W) written out per row.
      const want = Array.from({ length: batch * 3 }, (_, k) => {
        const [r, c] = [Math.floor(k / 3), k % 3];
        return Math.max(0, x[r * 2] * W[c] + x[r * 2 + 1] * W[3 + c]);
      });
      expect(Array.from(y.data)).toEqual(want.map((v) => Math.fround(v)));
    }
  });

  it('refuses a pin that names no symbolic dimension, listing the ones there are', () => {
    const e = kilnError(() => importOnnx(model(), { dims: { batch: 2, btach: 4 } }));
    expect(e.message).toMatch(/pinned dimension 'btach' not in the model's inputs; its symbolic dimensions are 'batch'/);
  });

  it('refuses a dimension that is not a positive integer', () => {
    expect(kilnError(() => importOnnx(model(), { dims: { batch: 0 } })).message).toMatch(/positive integer/);
    expect(kilnError(() => importOnnx(model(), { dims: { batch: 2.5 } })).message).toMatch(/positive integer/);
  });

  it('kiln compile --dim batch=8 writes an artifact at batch 8; a bad --dim is misuse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-dims-'));
    writeFileSync(join(dir, 'model.onnx'), model());
    expect(await main(['compile', join(dir, 'model.onnx'), '--out', join(dir, 'a'), '--dim', 'batch=8'])).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'a', 'manifest.json'), 'utf8'));
    expect(m.inputs[0].shape).toEqual([8, 2]);
    expect(m.outputs[0].shape).toEqual([8, 3]);
    expect(await main(['compile', join(dir, 'model.onnx'), '--out', join(dir, 'b')])).toBe(2);
    expect(await main(['compile', join(dir, 'model.onnx'), '--out', join(dir, 'c'), '--dim=batch=x'])).toBe(2);
  });
});

// The opset < 7 forms (compiler/onnx/ops/legacy.ts): `broadcast`/`axis` on binary ops and Gemm, PRelu's
// per-channel slope. Values are checked against loops written here from the ONNX operator docs of opset 6;
// the libonnx-testdata suites (tests/conformance/pytorch-suites.test.ts) check the same forms end to end.
import { describe, expect, it } from 'vitest';
import { Graph } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { ImportContext, type OnnxAttr } from '../../compiler/onnx/context.ts';
import { CONVERTERS } from '../../compiler/onnx/ops/index.ts';
import { kilnError } from '../support/kiln-error.ts';

/** The KilnError `f` throws: its code and message, and the node it names. */
function expectKilnError(f: () => unknown, code: string, message: RegExp, context: { node?: string } = {}): void {
  const e = kilnError(f);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
  if (context.node) expect(e.context.node).toBe(context.node);
}

const ramp = (shape: number[], start = 0) => tensor('f32', shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => start + i * 0.5));

/** Converts one node at `opset` and runs it on the CPU interpreter. */
function run(op: string, opset: number, ins: Tensor[], attrs: Record<string, OnnxAttr> = {}): Tensor {
  const g = new Graph();
  const ctx = new ImportContext(g, opset, 'legacy_node');
  const inputs = ins.map((t, i) => g.addInput(`x${i}`, { dtype: t.dtype, shape: t.shape }));
  const [y] = CONVERTERS[op](ctx, { name: 'legacy_node', opType: op, inputs, attrs, outputCount: 1 });
  g.outputs = [y!];
  return interpret(g, new Map(ins.map((t, i) => [`x${i}`, t])))[0];
}

describe('opset < 7 forms', () => {
  it('Add with broadcast=1 and axis aligns B with A from that axis', () => {
    const a = ramp([2, 3, 4]), b = ramp([3], 10);
    const y = run('Add', 6, [a, b], { broadcast: 1, axis: 1 });
    expect(y.shape).toEqual([2, 3, 4]);
    const want = Array.from(a.data, (v, i) => v + b.data[Math.floor(i / 4) % 3]);
    expect(Array.from(y.data)).toEqual(want);
  });

  it('Mul with broadcast=1 and no axis aligns the trailing dims; size-1 dims of B broadcast', () => {
    const a = ramp([2, 3, 4]), b = ramp([3, 1], 1);
    const y = run('Mul', 6, [a, b], { broadcast: 1 });
    const want = Array.from(a.data, (v, i) => v * b.data[Math.floor(i / 4) % 3]);
    expect(Array.from(y.data)).toEqual(want);
  });

  it('refuses B that does not fit A from the axis, and unequal shapes without broadcast, naming the node', () => {
    expectKilnError(() => run('Add', 6, [ramp([2, 3, 4]), ramp([4])], { broadcast: 1, axis: 1 }), 'ONNX_INVALID', /does not broadcast onto \[2,3,4\] from axis 1/, { node: 'legacy_node' });
    expectKilnError(() => run('Sub', 6, [ramp([2, 3]), ramp([3])]), 'ONNX_INVALID', /broadcast=0/, { node: 'legacy_node' });
    // B would broadcast A (two-way): opset 6 only broadcasts B onto A.
    expectKilnError(() => run('Add', 6, [ramp([3]), ramp([2, 3])], { broadcast: 1 }), 'ONNX_INVALID', /does not broadcast/);
  });

  it('from opset 7 the same op broadcasts numpy-style and the old attributes are not taken', () => {
    expect(run('Add', 7, [ramp([2, 3]), ramp([3])]).shape).toEqual([2, 3]);
    expectKilnError(() => run('Add', 7, [ramp([2, 3]), ramp([3])], { broadcast: 1 }), 'ONNX_UNSUPPORTED', /broadcast/);
  });

  it('Gemm with broadcast=1 takes a C of [N]; with broadcast=0 C must be [M, N]', () => {
    const a = ramp([2, 3]), b = ramp([3, 4], 1), c = ramp([4], 100);
    const y = run('Gemm', 6, [a, b, c], { broadcast: 1, alpha: 1, beta: 2 });
    const want: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += a.data[i * 3 + k] * b.data[k * 4 + j];
      want.push(s + 2 * c.data[j]);
    }
    expect(Array.from(y.data)).toEqual(want);
    expectKilnError(() => run('Gemm', 6, [a, b, c]), 'ONNX_INVALID', /input 2 has shape \[4\], not \[2,4\], and broadcast=0/);
  });

  it('PRelu before opset 7 applies a [C] slope per channel (axis 1)', () => {
    const x = tensor('f32', [2, 3, 2], [-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12]), slope = tensor('f32', [3], [0.1, 0.2, 0.3]);
    const y = run('PRelu', 6, [x, slope]);
    const want = Array.from(x.data, (v, i) => (v < 0 ? Math.fround(v * slope.data[Math.floor(i / 2) % 3]) : v));
    expect(Array.from(y.data)).toEqual(want);
  });
});

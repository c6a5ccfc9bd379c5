// Test helpers for the nn API: read a fixture case, trace a module on its inputs, run the graph on the
// CPU interpreter and compare with the fixture's expected values.
import { join } from 'node:path';
import { expect } from 'vitest';
import { compareTensors } from '../../compiler/compare.ts';
import { type FixtureCase, readCase, readSpec } from '../../compiler/fixtures/case.ts';
import { type InputSpec, type Module, trace, type TraceOptions } from '../../compiler/nn/index.ts';
import { onnxInitializers } from '../../compiler/weights.ts';
import { verify } from '../../ir/verify.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { FIXTURES } from '../support/env.ts';

export const fixture = (name: string): FixtureCase => readCase(join(FIXTURES, name));

/** Initializers of the case's model.onnx, by name. */
export const caseWeights = (c: FixtureCase): Map<string, Tensor> => onnxInitializers(join(c.dir, c.model));

/** The case's inputs (for a train case, batch `b`'s inputs) and, for train cases, that batch's targets. */
export function caseInputs(c: FixtureCase, b = 0): { inputs: Map<string, Tensor>; targets?: Tensor } {
  if (c.kind === 'inference') return { inputs: new Map(Object.entries(c.inputs).map(([k, s]) => [k, readSpec(c.dir, s)])) };
  const batch = c.train!.batches[b];
  return {
    inputs: new Map(Object.entries(batch.inputs).map(([k, s]) => [k, readSpec(c.dir, s)])),
    targets: readSpec(c.dir, batch.targets),
  };
}

/** Traces `m` on the given inputs (in order), verifies the graph and runs it on the CPU interpreter. */
export function run(m: Module, inputs: ReadonlyMap<string, Tensor>, opts?: TraceOptions): Tensor[] {
  const specs: Record<string, InputSpec> = {};
  for (const [k, t] of inputs) specs[k] = { dtype: t.dtype, shape: t.shape };
  const g = trace(m, specs, opts);
  verify(g);
  return interpret(g, inputs);
}

/** Expects `outs` (in the order of the case's expected outputs) to match within the case tolerance. */
export function expectOutputs(c: FixtureCase, outs: readonly Tensor[]): void {
  const want = Object.entries(c.expected.outputs!);
  expect(outs.length).toBe(want.length);
  want.forEach(([name, spec], i) => {
    const diff = compareTensors(outs[i], readSpec(c.dir, spec), c.tolerance);
    expect(diff, `output '${name}'`).toBeUndefined();
  });
}

/** Expects a scalar loss to match the case's losses[0] (loss of batch 0 with the initial weights). */
export function expectFirstLoss(c: FixtureCase, loss: Tensor): void {
  const diff = compareTensors(loss, tensor('f32', [], [c.expected.losses![0]]), c.tolerance);
  expect(diff, `${c.name} losses[0]`).toBeUndefined();
}

/** A 2-D transpose of a [r, c] tensor (for initializers PyTorch's exporter stored pre-transposed). */
export function transpose2d(t: Tensor): Tensor {
  const [r, c] = t.shape, out = tensor(t.dtype, [c, r]);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out.data[j * r + i] = t.data[i * c + j];
  return out;
}

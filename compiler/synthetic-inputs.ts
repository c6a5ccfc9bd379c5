// Inputs for timing a compiled program (kiln profile, the autotuner): deterministic floats in [-1, 1),
// integers and booleans 0, so labels and indices are always in range and no index check fires.
import { allocArray } from '../ir/dtype.ts';
import type { Tensor } from '../ir/tensor.ts';
import type { Program } from '../runtime/program.ts';

export function syntheticInputs(p: Program): Map<string, Tensor> {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return new Map(
    p.inputs.map((io) => {
      const n = io.shape.reduce((a, b) => a * b, 1);
      const data = allocArray(io.dtype, n);
      if (io.dtype === 'f32' || io.dtype === 'f16') for (let i = 0; i < n; i++) data[i] = next();
      return [io.name, { dtype: io.dtype, shape: [...io.shape], data }];
    }),
  );
}

// Every ONNX op kiln imports, keyed by ONNX op type.
import type { OnnxConverter } from '../context.ts';
import { CONTRACTION_CONVERTERS } from './contraction.ts';
import { ELEMENTWISE_CONVERTERS } from './elementwise.ts';
import { MOVEMENT_CONVERTERS } from './movement.ts';
import { NN_CONVERTERS } from './nn.ts';
import { RECURRENT_CONVERTERS } from './recurrent.ts';
import { REDUCE_CONVERTERS } from './reduce.ts';

export const CONVERTERS: Readonly<Record<string, OnnxConverter>> = {
  ...ELEMENTWISE_CONVERTERS,
  ...REDUCE_CONVERTERS,
  ...MOVEMENT_CONVERTERS,
  ...CONTRACTION_CONVERTERS,
  ...NN_CONVERTERS,
  ...RECURRENT_CONVERTERS,
};

// Every op's GPU path: a WGSL lowering, or a view (movement ops that only change how data is read,
// handled by codegen without a kernel), or its decomposition into primitives.
import type { OpName } from '../../../ir/ops/index.ts';
import type { Lowering } from '../kernel.ts';
import { CONTRACTION_LOWERINGS } from './contraction.ts';
import { ELEMENTWISE_LOWERINGS } from './elementwise.ts';
import { GRAD_LOWERINGS } from './grad.ts';
import { MOVEMENT_LOWERINGS } from './movement.ts';
import { NN_LOWERINGS } from './nn.ts';
import { RECURRENT_LOWERINGS } from './recurrent.ts';
import { REDUCE_LOWERINGS } from './reduce.ts';
import { VISION_LOWERINGS } from './vision.ts';

export const LOWERINGS: { readonly [K in OpName]: Lowering } = {
  ...ELEMENTWISE_LOWERINGS,
  ...REDUCE_LOWERINGS,
  ...MOVEMENT_LOWERINGS,
  ...CONTRACTION_LOWERINGS,
  ...NN_LOWERINGS,
  ...RECURRENT_LOWERINGS,
  ...GRAD_LOWERINGS,
  ...VISION_LOWERINGS,
};

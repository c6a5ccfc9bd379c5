// All CPU kernels, one per op of the op table (a missing one fails tsc).
import type { OpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';
import { CONTRACTION_KERNELS } from './contraction.ts';
import { ELEMENTWISE_KERNELS } from './elementwise.ts';
import { GRAD_KERNELS } from './grad.ts';
import { MOVEMENT_KERNELS } from './movement.ts';
import { NN_KERNELS } from './nn.ts';
import { RECURRENT_KERNELS } from './recurrent.ts';
import { REDUCE_KERNELS } from './reduce.ts';
import { VISION_KERNELS } from './vision.ts';

export const CPU_KERNELS: { readonly [K in OpName]: CpuKernel } = {
  ...ELEMENTWISE_KERNELS,
  ...REDUCE_KERNELS,
  ...MOVEMENT_KERNELS,
  ...CONTRACTION_KERNELS,
  ...NN_KERNELS,
  ...RECURRENT_KERNELS,
  ...GRAD_KERNELS,
  ...VISION_KERNELS,
};

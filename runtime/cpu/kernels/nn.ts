// CPU kernels of the nn ops: pools (pool.ts) and normalizations (norm.ts).
import type { NnOpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';
import { NORM_KERNELS } from './norm.ts';
import { POOL_KERNELS } from './pool.ts';

export const NN_KERNELS: { [K in NnOpName]: CpuKernel } = {
  ...POOL_KERNELS,
  ...NORM_KERNELS,
};

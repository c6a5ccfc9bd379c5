// CPU kernels of the nn ops.
import type { NnOpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';

export const NN_KERNELS: { [K in NnOpName]: CpuKernel } = {
};

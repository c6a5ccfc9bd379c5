// CPU kernels of the recurrent ops.
import type { RecurrentOpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';

export const RECURRENT_KERNELS: { [K in RecurrentOpName]: CpuKernel } = {
};

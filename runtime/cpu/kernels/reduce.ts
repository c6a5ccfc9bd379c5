// CPU kernels of the reduce ops.
import type { ReduceOpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';

export const REDUCE_KERNELS: { [K in ReduceOpName]: CpuKernel } = {
};

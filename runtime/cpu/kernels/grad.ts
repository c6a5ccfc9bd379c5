// CPU kernels of the backward-only ops.
import type { GradOpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';

export const GRAD_KERNELS: { [K in GradOpName]: CpuKernel } = {
};

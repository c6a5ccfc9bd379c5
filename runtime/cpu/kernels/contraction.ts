// CPU kernels of the contraction ops.
import type { ContractionOpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';

export const CONTRACTION_KERNELS: { [K in ContractionOpName]: CpuKernel } = {
};

// CPU kernels of the movement ops.
import type { MovementOpName } from '../../../ir/ops/index.ts';
import type { CpuKernel } from '../kernel.ts';

export const MOVEMENT_KERNELS: { [K in MovementOpName]: CpuKernel } = {
};

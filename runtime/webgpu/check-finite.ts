// RunOptions.checkFinite: the run's dispatches are submitted one at a time; after each, the float outputs
// the kernel wrote (for an arena temp, its range) are copied to fresh staging buffers, read back and
// scanned, and the first NaN or Inf stops the run with a KilnError('NUMERIC') naming the kernel, its
// source nodes, the buffer and the element. A debugging aid: one submit and one readback per dispatch.
import { decodeHalves } from './half.ts';
import { KilnError } from '../../ir/errors.ts';
import type { Program } from '../program.ts';

/** What the checked run needs of the executor's device state. */
export interface CheckedDispatchState {
  readonly device: GPUDevice;
  readonly buffers: readonly GPUBuffer[];
  readonly offsets: readonly number[];
  readonly pipelines: readonly GPUComputePipeline[];
  readonly bindGroups: readonly GPUBindGroup[];
  readonly params?: GPUBindGroup;
  readonly paramOffsets: readonly number[];
}

/** Index of the first NaN or ±Inf among the first n elements, or -1. */
export function firstNonFinite(data: ArrayLike<number>, n = data.length): number {
  for (let i = 0; i < n; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/**
 * Runs every dispatch of `p` in its own submit and checks its float outputs. Resolves to the NUMERIC
 * KilnError of the first offender (the remaining dispatches are not run), or undefined when all are finite;
 * counts each submit and readback in `stats`.
 */
export async function dispatchChecked(p: Program, s: CheckedDispatchState, stats: { submits: number; readbacks: number }): Promise<KilnError | undefined> {
  const dev = s.device;
  for (const [i, d] of p.dispatches.entries()) {
    const k = p.kernels[d.kernel];
    const written = [...new Set(d.bindings.slice(d.bindings.length - k.outputs))].filter((b) => p.buffers[b].dtype === 'f32' || p.buffers[b].dtype === 'f16');
    const enc = dev.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(s.pipelines[d.kernel]);
    pass.setBindGroup(0, s.bindGroups[i]);
    if (d.params) pass.setBindGroup(1, s.params!, [s.paramOffsets[i]]);
    pass.dispatchWorkgroups(...d.workgroups);
    pass.end();
    const staging = written.map((b) => {
      const st = dev.createBuffer({ label: `checkFinite ${p.buffers[b].name}`, size: p.buffers[b].bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      enc.copyBufferToBuffer(s.buffers[b], s.offsets[b], st, 0, p.buffers[b].bytes);
      return st;
    });
    dev.queue.submit([enc.finish()]);
    stats.submits++;
    try {
      for (const [j, st] of staging.entries()) {
        const b = p.buffers[written[j]];
        try {
          await st.mapAsync(GPUMapMode.READ);
        } catch (e) {
          throw new KilnError('BACKEND', `checkFinite: reading back '${b.name}' after kernel '${k.name}' failed: ${(e as Error).message}`);
        }
        const n = b.shape.reduce((x, y) => x * y, 1);
        // An f16 buffer (precision 'f16') holds binary16 words.
        const values = b.dtype === 'f16' ? decodeHalves(new Uint8Array(st.getMappedRange()), n) : new Float32Array(st.getMappedRange());
        const at = firstNonFinite(values, n);
        const value = values[at];
        st.unmap();
        stats.readbacks++;
        if (at >= 0) {
          return new KilnError('NUMERIC', `checkFinite: kernel '${k.name}' (dispatch ${i} of ${p.dispatches.length}; nodes ${k.nodes.join(', ')}) wrote ${value} at element ${at} of buffer '${b.name}' ${b.dtype}[${b.shape}], the run's first non-finite value`, { node: k.nodes[k.nodes.length - 1] });
        }
      }
    } finally {
      staging.forEach((st) => st.destroy());
    }
  }
  return undefined;
}

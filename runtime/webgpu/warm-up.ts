// The executor's load-time warm-up (LoadOptions.warmUp): every pipeline dispatched once on scratch
// buffers, so a driver that compiles at first submit does it at load.
import type { Program } from '../program.ts';
import type { CheckedDispatchState } from './check-finite.ts';

/**
 * The warm-up: one submit that dispatches every pipeline once, so that a driver compiling at first use
 * (lavapipe JITs each pipeline at its first submit) does it at load, where stats.warmUpMs measures it.
 *
 * Why this design: an empty dispatch (0 workgroups) may be dropped by Dawn or the driver before any
 * compile (lavapipe does compile for it today, but Dawn warns about it and nothing promises it), so each
 * pipeline runs one real workgroup (1,1,1). Running the program itself (on zeroed inputs)
 * would write its parameters, optimizer state and status flags, to be restored afterwards; instead every
 * dispatch binds ranges of one zero-filled scratch buffer, each range as large as the binding of the
 * kernel's first real dispatch (so the kernel's parameters index it in bounds, and zero indices are in
 * range for gathers), and reads its real kernel parameters. The program's buffers are never bound, so
 * outputs, trained state and index flags are exactly as without warm-up. Ranges of one kernel are
 * disjoint, as an arena's are; the dispatches are ordered in one pass, so kernels reuse the same scratch.
 * A kernel whose ranges do not fit in one buffer on this device, or with no non-empty dispatch, is left
 * to compile at its first run.
 */
export async function warmUp(program: Program, state: Pick<CheckedDispatchState, 'device' | 'pipelines' | 'params' | 'paramOffsets'>): Promise<void> {
  const dev = state.device;
  const align = dev.limits.minStorageBufferOffsetAlignment;
  const limit = Math.min(dev.limits.maxBufferSize, 1 << 30);
  const picks: { kernel: number; dispatch: number; ranges: { offset: number; size: number }[] }[] = [];
  program.kernels.forEach((_, kernel) => {
    const dispatch = program.dispatches.findIndex((d) => d.kernel === kernel && d.workgroups.every((n) => n > 0));
    if (dispatch < 0) return;
    let end = 0;
    const ranges = program.dispatches[dispatch].bindings.map((b) => {
      const offset = Math.ceil(end / align) * align;
      const size = program.buffers[b].bytes;
      end = offset + size;
      return { offset, size };
    });
    if (end <= limit) picks.push({ kernel, dispatch, ranges });
  });
  if (!picks.length) return;
  const bytes = Math.max(4, ...picks.map((p) => p.ranges.reduce((n, r) => Math.max(n, r.offset + r.size), 0)));
  const scratch = dev.createBuffer({ label: 'warm-up scratch', size: Math.ceil(bytes / 4) * 4, usage: GPUBufferUsage.STORAGE });
  try {
    const enc = dev.createCommandEncoder({ label: 'warm-up' });
    const pass = enc.beginComputePass();
    for (const p of picks) {
      pass.setPipeline(state.pipelines[p.kernel]);
      const group = dev.createBindGroup({
        layout: state.pipelines[p.kernel].getBindGroupLayout(0),
        entries: p.ranges.map((r, i) => ({ binding: i, resource: { buffer: scratch, offset: r.offset, size: r.size } })),
      });
      pass.setBindGroup(0, group);
      if (program.dispatches[p.dispatch].params) pass.setBindGroup(1, state.params!, [state.paramOffsets[p.dispatch]]);
      pass.dispatchWorkgroups(1, 1, 1);
    }
    pass.end();
    dev.queue.submit([enc.finish()]);
    await dev.queue.onSubmittedWorkDone();
  } finally {
    scratch.destroy();
  }
}

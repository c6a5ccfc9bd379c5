// Applies the memory plan to a Program from codegen (one buffer per value): the dispatch list is the
// schedule (a dispatch writes the last `outputs` bindings of its kernel and reads the others), the
// temps are the planned buffers, and each temp becomes a range of an arena. Inputs, outputs,
// parameters, constants and state keep buffers of their own, so executors still share them by name.
import { planMemory, type MemoryPlan, type PlanBuffer, type PlanLimits } from '../../passes/plan-memory.ts';
import type { ScheduleStep } from '../../ir/liveness.ts';
import { PROGRAM_VERSION, type Program } from '../../runtime/program.ts';

/** The dispatches as a schedule over buffer indices. */
export function scheduleOf(p: Program): ScheduleStep<number>[] {
  return p.dispatches.map((d) => {
    const split = d.bindings.length - p.kernels[d.kernel].outputs;
    return { reads: d.bindings.slice(0, split), writes: d.bindings.slice(split) };
  });
}

/** The buffers as the planner sees them: only temps are planned. */
export const planBuffers = (p: Program): (PlanBuffer & { name: string })[] => p.buffers.map((b) => ({ bytes: b.bytes, planned: b.role === 'temp', name: b.name }));

/** Plans the program's temps and returns the planned program (format version 2) with the plan. */
export function applyPlan(p: Program, limits: Partial<PlanLimits> = {}): { program: Program; plan: MemoryPlan } {
  const buffers = planBuffers(p);
  const plan = planMemory(buffers, scheduleOf(p), { limits, keepAlive: [...p.state, ...p.outputs.map((o) => o.buffer)] });
  const program: Program = {
    ...p,
    version: PROGRAM_VERSION,
    buffers: p.buffers.map((b, i) => {
      const s = plan.slots.get(i);
      return s ? { ...b, arena: s.arena, offset: s.offset } : b;
    }),
    arenas: plan.arenas.map((bytes) => ({ bytes })),
    limits: { minStorageBufferOffsetAlignment: plan.limits.alignment, maxStorageBufferBindingSize: plan.limits.maxBindingBytes },
  };
  return { program, plan };
}

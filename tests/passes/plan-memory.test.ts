// The memory planner on hand-made schedules: simultaneously live buffers never share bytes, offsets
// are aligned, arenas split at the binding-size limit, and peak / naive / lower-bound bytes are the
// numbers worked out by hand; a fast-check property checks the no-overlap invariant on random schedules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KilnError } from '../../ir/errors.ts';
import { liveIntervals, overlaps } from '../../ir/liveness.ts';
import { planMemory, printPlan, type MemoryPlan, type PlanBuffer, type PlanStep } from '../../passes/plan-memory.ts';

type Step = { reads: number[]; writes: number[] };
const buf = (bytes: number, planned = true): PlanBuffer => ({ bytes, planned });

/** Every pair of planned buffers live at a common step occupies disjoint bytes of its arena. */
function assertNoOverlap(buffers: readonly PlanBuffer[], steps: readonly Step[], plan: MemoryPlan, keep: number[] = []): void {
  const live = liveIntervals(steps, keep);
  const placed = [...plan.slots];
  for (const [i, a] of placed) {
    expect(a.offset % plan.limits.alignment).toBe(0);
    expect(a.offset + buffers[i].bytes).toBeLessThanOrEqual(plan.arenas[a.arena]);
    for (const [j, b] of placed) {
      if (j <= i || a.arena !== b.arena) continue;
      const li = live.get(i), lj = live.get(j);
      if (!li || !lj || !overlaps(li, lj)) continue;
      const disjoint = a.offset + buffers[i].bytes <= b.offset || b.offset + buffers[j].bytes <= a.offset;
      expect(disjoint, `buffers ${i} and ${j} are live together and overlap`).toBe(true);
    }
  }
}

describe('planMemory', () => {
  // A chain t0 -> t1 -> t2 -> t3: each step reads the previous temp and writes the next.
  const chain = (n: number, bytes: number) => {
    const buffers = Array.from({ length: n }, () => buf(bytes));
    const steps: Step[] = [{ reads: [], writes: [0] }];
    for (let i = 1; i < n; i++) steps.push({ reads: [i - 1], writes: [i] });
    return { buffers, steps };
  };

  it('reuses the bytes of a chain: two buffers suffice', () => {
    const { buffers, steps } = chain(5, 1024);
    const plan = planMemory(buffers, steps);
    expect(plan.naiveBytes).toBe(5 * 1024);
    expect(plan.lowerBoundBytes).toBe(2 * 1024);
    expect(plan.peakBytes).toBe(2 * 1024);
    expect(plan.arenas).toEqual([2048]);
    // Neighbours (live together at the step linking them) never share an offset; t0 and t2 may.
    for (let i = 1; i < 5; i++) expect(plan.slots.get(i)!.offset).not.toBe(plan.slots.get(i - 1)!.offset);
    assertNoOverlap(buffers, steps, plan);
  });

  it('aligns offsets: a 4-byte buffer and a 100-byte buffer live together take 256 + 100 bytes', () => {
    const buffers = [buf(4), buf(100)];
    const steps: Step[] = [{ reads: [], writes: [0] }, { reads: [0], writes: [1] }];
    const plan = planMemory(buffers, steps);
    const offsets = [plan.slots.get(0)!.offset, plan.slots.get(1)!.offset].sort((a, b) => a - b);
    expect(offsets).toEqual([0, 256]);
    // Best placement puts the 100-byte buffer first: 256 + 4 = 260 bytes; the bound rounds all but the most padded one.
    expect(plan.peakBytes).toBe(260);
    expect(plan.lowerBoundBytes).toBe(256 + 4);
    expect(planMemory(buffers, steps, { limits: { alignment: 4 } }).peakBytes).toBe(104);
  });

  it('leaves unplanned buffers out of the arenas and the numbers', () => {
    const buffers = [buf(512, false), buf(512), buf(512, false)];
    const steps: Step[] = [{ reads: [0], writes: [1] }, { reads: [1], writes: [2] }];
    const plan = planMemory(buffers, steps);
    expect([...plan.slots.keys()]).toEqual([1]);
    expect([plan.peakBytes, plan.naiveBytes, plan.lowerBoundBytes]).toEqual([512, 512, 512]);
  });

  it('opens another arena past the binding-size limit, and gives an oversized buffer its own', () => {
    // Three 600-byte buffers live at once, limit 1024: at most one fits per arena (an aligned second one would end at 1368).
    const buffers = [buf(600), buf(600), buf(600), buf(4096)];
    const steps: Step[] = [{ reads: [], writes: [0, 1, 2] }, { reads: [0, 1, 2], writes: [3] }];
    const plan = planMemory(buffers, steps, { limits: { maxBindingBytes: 1024 } });
    expect(plan.arenas.length).toBe(4);
    expect(plan.arenas.filter((a) => a === 600).length).toBe(3);
    expect(plan.arenas).toContain(4096);
    expect(new Set([0, 1, 2].map((i) => plan.slots.get(i)!.arena)).size).toBe(3);
    expect(plan.peakBytes).toBe(3 * 600 + 4096);
    assertNoOverlap(buffers, steps, plan);
  });

  it('keeps buffers pinned to the end alive through the schedule', () => {
    const { buffers, steps } = chain(4, 256);
    const plan = planMemory(buffers, steps, { keepAlive: [0] });
    // t0 is live to the end, so it shares bytes with none of t1..t3; t1 and t3 may share.
    for (let i = 1; i < 4; i++) expect(plan.slots.get(i)!.offset).not.toBe(plan.slots.get(0)!.offset);
    expect(plan.peakBytes).toBe(3 * 256);
    expect(plan.lowerBoundBytes).toBe(3 * 256);
    assertNoOverlap(buffers, steps, plan, [0]);
  });

  it('computes the lower bound as the largest live set', () => {
    // Live sets: step 1 {t0, t1, t2} = 7000 bytes, step 2 {t1, t2, t3} = 6008, step 3 {t1, t3} = 2008 (alignment 4).
    const buffers = [buf(1000), buf(2000), buf(4000), buf(8)];
    const steps: Step[] = [
      { reads: [], writes: [0] },
      { reads: [0], writes: [1, 2] },
      { reads: [2], writes: [3] },
      { reads: [3, 1], writes: [] },
    ];
    const plan = planMemory(buffers, steps, { limits: { alignment: 4 } });
    expect(plan.lowerBoundBytes).toBe(7000);
    expect(plan.naiveBytes).toBe(7008);
    expect(plan.peakBytes).toBeGreaterThanOrEqual(plan.lowerBoundBytes);
    expect(plan.peakBytes).toBeLessThanOrEqual(plan.naiveBytes);
    assertNoOverlap(buffers, steps, plan);
  });

  it('prints arenas and slots, and refuses nonsense limits', () => {
    const { buffers, steps } = chain(3, 64);
    const text = printPlan(planMemory(buffers, steps), buffers.map((b, i) => ({ ...b, name: `t${i}` })));
    expect(text).toMatch(/1 arena\(s\), 320 bytes planned, 192 naive, 320 lower bound/);
    expect(text).toMatch(/@256 {2}64 bytes {2}t1/);
    expect(() => planMemory(buffers, steps, { limits: { alignment: 0 } })).toThrow(KilnError);
  });

  it('never overlaps simultaneously live buffers (random schedules)', () => {
    const schedule = fc.integer({ min: 1, max: 24 }).chain((n) =>
      fc.record({
        sizes: fc.array(fc.integer({ min: 1, max: 2000 }).map((x) => x * 4), { minLength: n, maxLength: n }),
        planned: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        steps: fc.array(fc.record({ reads: fc.array(fc.nat(n - 1), { maxLength: 4 }), writes: fc.array(fc.nat(n - 1), { maxLength: 2 }) }), { minLength: 1, maxLength: 20 }),
        keep: fc.array(fc.nat(n - 1), { maxLength: 3 }),
        alignment: fc.constantFrom(4, 16, 256),
        maxBindingBytes: fc.constantFrom(4096, 16384, 1 << 27),
      }),
    );
    fc.assert(
      fc.property(schedule, ({ sizes, planned, steps, keep, alignment, maxBindingBytes }) => {
        const buffers = sizes.map((bytes, i) => buf(bytes, planned[i]));
        const plan = planMemory(buffers, steps as PlanStep[], { keepAlive: keep, limits: { alignment, maxBindingBytes } });
        assertNoOverlap(buffers, steps, plan, keep);
        expect(plan.slots.size).toBe(planned.filter(Boolean).length);
        expect(plan.peakBytes).toBe(plan.arenas.reduce((a, b) => a + b, 0));
        expect(plan.lowerBoundBytes).toBeLessThanOrEqual(plan.peakBytes);
        // An arena passes the limit only to hold a buffer that alone is larger.
        plan.arenas.forEach((bytes, a) => {
          if (bytes <= maxBindingBytes) return;
          expect([...plan.slots].some(([i, s]) => s.arena === a && buffers[i].bytes > maxBindingBytes)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

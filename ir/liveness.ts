// Liveness over an ordered schedule: for each item (a graph value, a buffer), the step that first
// defines it and the last step that reads it. The CPU interpreter frees a tensor after its last use;
// the memory planner packs buffers whose live intervals are disjoint into the same bytes. Items that
// must outlive the schedule (graph outputs, state-update sources) are pinned to the end.

/** One step of a schedule: what it reads and what it writes. */
export interface ScheduleStep<T> {
  readonly reads: readonly (T | undefined)[];
  readonly writes: readonly T[];
}

/** An inclusive range of step indices; `last` is Infinity for items that must survive the schedule. */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

/** Index of the last step reading each item; items in `keep` map to Infinity. Items never read are absent. */
export function lastUses<T>(steps: readonly ScheduleStep<T>[], keep: Iterable<T> = []): Map<T, number> {
  const m = new Map<T, number>();
  steps.forEach((s, i) => s.reads.forEach((v) => v !== undefined && m.set(v, i)));
  for (const v of keep) m.set(v, Infinity);
  return m;
}

/**
 * Live interval of every item the schedule touches: from the first step writing it (or reading it, for
 * items defined before the schedule) to the last step reading or writing it, inclusive.
 */
export function liveIntervals<T>(steps: readonly ScheduleStep<T>[], keep: Iterable<T> = []): Map<T, Interval> {
  const m = new Map<T, { first: number; last: number }>();
  const touch = (v: T, i: number) => {
    const r = m.get(v);
    if (r) r.last = Math.max(r.last, i);
    else m.set(v, { first: i, last: i });
  };
  steps.forEach((s, i) => {
    s.writes.forEach((v) => touch(v, i));
    s.reads.forEach((v) => v !== undefined && touch(v, i));
  });
  for (const v of keep) {
    const r = m.get(v);
    if (r) r.last = Infinity;
  }
  return m;
}

/** Whether two inclusive intervals share a step. */
export const overlaps = (a: Interval, b: Interval): boolean => a.first <= b.last && b.first <= a.last;

// Memory planning over a schedule of steps (the dispatches of a program). Each planned buffer lives
// from the first step writing it to the last step reading it, inclusive (ir/liveness.ts). Buffers are
// packed into arenas: each one goes at the lowest aligned offset where it overlaps no already placed
// buffer of that arena whose live interval meets its own; when the end would pass the binding-size
// limit the next arena is tried, and a new one opened when none fits (a buffer larger than the limit
// gets an arena of its own; the runtime then says whether the device can bind it). The packing is
// greedy, so several orders are tried (size descending as TVM and TFLite do, then by start, by
// lifetime and by size x lifetime) and the plan with the smallest total is kept.
// Reported with the plan: peakBytes (sum of arena sizes), naiveBytes (one buffer per planned buffer)
// and lowerBoundBytes (the most bytes of planned buffers live at one step, padded to the alignment as
// any arena layout must pad them: no plan with as many arenas can use less).
import { KilnError } from '../ir/errors.ts';
import { type Interval, liveIntervals, overlaps, type ScheduleStep } from '../ir/liveness.ts';

export interface PlanBuffer {
  readonly bytes: number;
  /** Only planned buffers are placed in arenas; the others keep buffers of their own. */
  readonly planned: boolean;
}

export interface PlanLimits {
  /** minStorageBufferOffsetAlignment the offsets honour (default 256, WebGPU's largest). */
  readonly alignment: number;
  /** maxStorageBufferBindingSize an arena stays within (default 128 MiB, WebGPU's guaranteed minimum). */
  readonly maxBindingBytes: number;
}

export type PlanStep = ScheduleStep<number>;

export const DEFAULT_PLAN_LIMITS: PlanLimits = { alignment: 256, maxBindingBytes: 134217728 };

export interface PlanOptions {
  /** Buffers that must stay intact to the end of the schedule (read back after it). */
  readonly keepAlive?: Iterable<number>;
  readonly limits?: Partial<PlanLimits>;
}

export interface Slot {
  readonly arena: number;
  readonly offset: number;
}

export interface MemoryPlan {
  /** Size in bytes of each arena. */
  readonly arenas: readonly number[];
  /** Where each planned buffer (by index) lives. */
  readonly slots: ReadonlyMap<number, Slot>;
  readonly peakBytes: number;
  readonly naiveBytes: number;
  readonly lowerBoundBytes: number;
  readonly limits: PlanLimits;
}

/** Live intervals of the planned buffers; a buffer the schedule never touches gets an empty interval. */
export function plannedIntervals(buffers: readonly PlanBuffer[], steps: readonly ScheduleStep<number>[], keepAlive: Iterable<number> = []): Map<number, Interval> {
  const live = liveIntervals(steps, keepAlive);
  const out = new Map<number, Interval>();
  buffers.forEach((b, i) => b.planned && out.set(i, live.get(i) ?? { first: 0, last: -1 }));
  return out;
}

/**
 * The most bytes of planned buffers live at any one step, each rounded up to the alignment except the
 * `arenas` most padded ones (each arena's topmost buffer needs no padding). Offsets must be aligned, so
 * no plan with that many arenas uses less; with alignment 1 it is the plain sum of live bytes.
 */
export function lowerBound(buffers: readonly PlanBuffer[], intervals: ReadonlyMap<number, Interval>, steps: number, alignment = 1, arenas = 1): number {
  let best = 0;
  for (let s = 0; s < steps; s++) {
    let sum = 0;
    const pads: number[] = [];
    for (const [i, iv] of intervals) {
      if (iv.first > s || iv.last < s) continue;
      const b = buffers[i].bytes, a = alignUp(b, alignment);
      sum += a;
      pads.push(a - b);
    }
    pads.sort((x, y) => y - x);
    best = Math.max(best, sum - pads.slice(0, arenas).reduce((x, y) => x + y, 0));
  }
  return best;
}

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

interface Item { index: number; bytes: number; iv: Interval }
interface Placed { item: Item; offset: number }

/** Lowest aligned offset in `arena` where `item` meets no placed buffer live at the same time. */
function lowestOffset(arena: readonly Placed[], item: Item, alignment: number): number {
  const busy = arena.filter((p) => overlaps(p.item.iv, item.iv)).sort((a, b) => a.offset - b.offset);
  let offset = 0;
  for (const p of busy) {
    if (offset + item.bytes <= p.offset) break;
    offset = Math.max(offset, alignUp(p.offset + p.item.bytes, alignment));
  }
  return offset;
}

/** Packs the items in the given order. */
function pack(order: readonly Item[], limits: PlanLimits): { arenas: number[]; slots: Map<number, Slot> } {
  const arenas: Placed[][] = [];
  const slots = new Map<number, Slot>();
  for (const item of order) {
    let arena = -1, offset = 0;
    for (let a = 0; a < arenas.length && arena < 0; a++) {
      const o = lowestOffset(arenas[a], item, limits.alignment);
      if (o + item.bytes <= limits.maxBindingBytes) [arena, offset] = [a, o];
    }
    if (arena < 0) arena = arenas.push([]) - 1;
    arenas[arena].push({ item, offset });
    slots.set(item.index, { arena, offset });
  }
  return { arenas: arenas.map((a) => Math.max(...a.map((p) => p.offset + p.item.bytes))), slots };
}

const span = (iv: Interval) => Math.max(0, Math.min(iv.last, 1e9) - iv.first + 1);

/** Orders tried by the packer; ties fall back to buffer index, so plans are deterministic. */
const ORDERS: readonly ((a: Item, b: Item) => number)[] = [
  (a, b) => b.bytes - a.bytes,
  (a, b) => a.iv.first - b.iv.first || b.bytes - a.bytes,
  (a, b) => span(b.iv) - span(a.iv) || b.bytes - a.bytes,
  (a, b) => b.bytes * span(b.iv) - a.bytes * span(a.iv),
];

export function planMemory(buffers: readonly PlanBuffer[], steps: readonly ScheduleStep<number>[], opts: PlanOptions = {}): MemoryPlan {
  const limits = { ...DEFAULT_PLAN_LIMITS, ...opts.limits };
  if (!(limits.alignment > 0 && Number.isInteger(limits.alignment)) || !(limits.maxBindingBytes > 0)) {
    throw new KilnError('BACKEND', `memory plan limits must be positive (alignment ${limits.alignment}, maxBindingBytes ${limits.maxBindingBytes})`);
  }
  const intervals = plannedIntervals(buffers, steps, opts.keepAlive);
  const items = [...intervals].map(([index, iv]): Item => ({ index, bytes: buffers[index].bytes, iv }));
  let best: ReturnType<typeof pack> | undefined, bestBytes = Infinity;
  for (const order of ORDERS) {
    const p = pack([...items].sort((a, b) => order(a, b) || a.index - b.index), limits);
    const total = p.arenas.reduce((s, a) => s + a, 0);
    if (total < bestBytes) [best, bestBytes] = [p, total];
  }
  const naiveBytes = items.reduce((s, it) => s + it.bytes, 0);
  return {
    arenas: best?.arenas ?? [],
    slots: best?.slots ?? new Map(),
    peakBytes: best ? bestBytes : 0,
    naiveBytes,
    lowerBoundBytes: lowerBound(buffers, intervals, steps.length, limits.alignment, Math.max(1, best?.arenas.length ?? 1)),
    limits,
  };
}

/** The plan as text, one line per arena and per slot (for dumps and `kiln inspect`). */
export function printPlan(plan: MemoryPlan, buffers: readonly { readonly bytes: number; readonly name?: string }[]): string {
  const lines = [`memory plan: ${plan.arenas.length} arena(s), ${plan.peakBytes} bytes planned, ${plan.naiveBytes} naive, ${plan.lowerBoundBytes} lower bound`];
  plan.arenas.forEach((bytes, a) => {
    lines.push(`  arena ${a}: ${bytes} bytes`);
    const here = [...plan.slots].filter(([, s]) => s.arena === a).sort((x, y) => x[1].offset - y[1].offset);
    for (const [i, s] of here) lines.push(`    @${s.offset}  ${buffers[i].bytes} bytes  ${buffers[i].name ?? `buffer ${i}`}`);
  });
  return lines.join('\n');
}

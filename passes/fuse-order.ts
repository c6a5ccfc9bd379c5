// The order of a fused schedule: kernels in topological order, stable where free, with in-place state
// writes ordered after every other reader of that state.
import { KilnError } from '../ir/errors.ts';
import type { Node, Value } from '../ir/graph.ts';
import type { KernelGroup } from '../ir/schedule.ts';
import type { GraphFacts } from './fuse-facts.ts';

/**
 * Orders the kernels topologically (stable: original order where free) with one extra rule: a kernel that
 * overwrites a state in place runs after every other kernel reading that state. Where the rule cannot
 * hold (a reader depends on the writer), the write is not done in place.
 */
export function orderForInPlace(kernels: KernelGroup[], facts: GraphFacts): KernelGroup[] {
  const owner = new Map<Node, number>();
  kernels.forEach((k, i) => k.nodes.forEach((n) => owner.set(n, i)));
  const readersOf = (t: Value) => new Set(facts.usesOf(t).map((u) => owner.get(u.node)!));
  const deps = kernels.map((k, i) => {
    const d = new Set<number>();
    for (const n of k.nodes) for (const u of n.inputs) {
      const p = u && facts.producer.get(facts.base(u));
      const o = p === undefined ? undefined : owner.get(p);
      if (o !== undefined && o !== i) d.add(o);
    }
    return d;
  });
  const dependsOn = (a: number, b: number, seen = new Set<number>()): boolean => {
    if (a === b) return true;
    if (seen.has(a)) return false;
    seen.add(a);
    return [...deps[a]].some((d) => dependsOn(d, b, seen));
  };
  const result = kernels.map((k, i) => {
    const inPlace = new Map<Value, Value>();
    for (const [v, t] of k.inPlace) {
      const readers = [...readersOf(t)].filter((r) => r !== i);
      if (readers.some((r) => dependsOn(r, i))) continue;
      readers.forEach((r) => deps[i].add(r));
      inPlace.set(v, t);
    }
    return { ...k, inPlace };
  });
  // Kahn's algorithm, always taking the earliest ready kernel.
  const done = new Set<number>(), order: KernelGroup[] = [];
  while (order.length < result.length) {
    const next = result.findIndex((_, i) => !done.has(i) && [...deps[i]].every((d) => done.has(d)));
    if (next < 0) throw new KilnError('BACKEND', 'fusion produced a cycle between kernels');
    done.add(next);
    order.push(result[next]);
  }
  return order;
}

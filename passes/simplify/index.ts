// Algebraic simplification: one forward walk over the nodes, driven by the rule table below. Each node
// (inputs rewritten so far) is offered to the rules that name its op; the first that applies wins. A rule
// that rewrites the node into another node is applied again to the result (so Transpose∘Transpose that
// composes to the identity disappears in one walk); a rule that equates the output with an existing value
// drops the node through Substitution, which keeps graph outputs' and update sources' identity (or refuses,
// and the node stays). Nodes left unused are removed by DCE. Every rule's counter is kept for reporting.
import { KilnError } from '../../ir/errors.ts';
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import { frozenReader } from '../frozen.ts';
import type { Analysis, Pass } from '../pass.ts';
import { Substitution } from '../substitution.ts';
import { identityView } from './identity-view.ts';
import { neutralOperand } from './neutral-operand.ts';
import { reshapeChain } from './reshape-chain.ts';
import type { RuleContext, SimplifyRule } from './rule.ts';
import { transposeChain } from './transpose-chain.ts';

export const SIMPLIFY_RULES: readonly SimplifyRule[] = [neutralOperand, identityView, transposeChain, reshapeChain];

const MAX_REWRITES_PER_NODE = 16;

/** How often each rule fired in one run. */
export class SimplifyReport implements Analysis {
  readonly fired = new Map<string, number>();
  count(rule: string): void {
    this.fired.set(rule, (this.fired.get(rule) ?? 0) + 1);
  }
  print(): string {
    return [...this.fired].map(([r, k]) => `${r}: ${k}`).join('\n') || 'no rewrites';
  }
}

function rulesByOp(rules: readonly SimplifyRule[]): Map<OpName, SimplifyRule[]> {
  const m = new Map<OpName, SimplifyRule[]>();
  for (const r of rules) for (const op of r.ops) m.set(op, [...(m.get(op) ?? []), r]);
  return m;
}

export function simplifyGraph(g: Graph, rules: readonly SimplifyRule[] = SIMPLIFY_RULES): SimplifyReport {
  const table = rulesByOp(rules);
  const report = new SimplifyReport();
  const sub = new Substitution(g);
  const producers = new Map<Value, Node>();
  const cx: RuleContext = { graph: g, producer: (v) => (v ? producers.get(v) : undefined), frozen: frozenReader(g) };
  const kept: Node[] = [];
  for (const old of g.nodes) {
    let n = sub.inputsOf(old);
    let dropped = false;
    for (let round = 0; ; round++) {
      if (round > MAX_REWRITES_PER_NODE) throw new KilnError('VERIFY', 'simplification does not terminate', { node: n.name, op: n.op });
      const hit = (table.get(n.op) ?? []).map((r) => [r, r.apply(n, cx)] as const).find(([, rw]) => rw);
      if (!hit) break;
      const [rule, rw] = hit;
      if (rw && 'node' in rw) {
        n = rw.node;
        report.count(rule.name);
        continue;
      }
      if (rw && sub.replace(n.outputs, [rw.value])) {
        report.count(rule.name);
        const r = sub.resolve(rw.value);
        const p = producers.get(rw.value);
        if (p && r !== rw.value) producers.set(r, p);
        dropped = true;
      }
      break;
    }
    if (dropped) continue;
    sub.define(n);
    for (const v of n.outputs) producers.set(v, n);
    kept.push(n);
  }
  sub.finish(g, kept);
  return report;
}

export const simplify: Pass = { name: 'simplify', run: (g) => simplifyGraph(g) };

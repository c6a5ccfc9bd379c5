// Constant folding. One forward walk: a node whose present inputs are all frozen constants (not
// parameters, not updated state; see frozen.ts) is evaluated once at compile time and its outputs become
// constants (the same Values, so names and readers stay). Skipped: nodes without inputs, ops that draw
// random numbers, nodes whose outputs are graph outputs or update sources (they stay computed), and
// results larger than FOLD_MAX_ELEMENTS (a big constant costs more to ship than to compute).
// passes/ may not import runtime/, so the evaluator is a parameter: the compiler passes the CPU kernels.
import { KilnError } from '../ir/errors.ts';
import type { Graph, Node } from '../ir/graph.ts';
import { numel } from '../ir/shape.ts';
import type { Tensor } from '../ir/tensor.ts';
import { frozenReader } from './frozen.ts';
import { IMPURE_OPS } from './impure.ts';
import type { Pass } from './pass.ts';

/** Computes a node's outputs from concrete inputs (the CPU interpreter's evalNode). */
export type Evaluator = (node: Node, inputs: readonly (Tensor | undefined)[]) => Tensor[];

export const FOLD_MAX_ELEMENTS = 1 << 20;

export function constantFolding(evaluate: Evaluator, maxElements = FOLD_MAX_ELEMENTS): Pass {
  return {
    name: 'constant-folding',
    run(g: Graph) {
      const frozen = frozenReader(g);
      const pinned = new Set([...g.outputs, ...g.updates.values()]);
      const foldable = (n: Node): boolean => {
        const present = n.inputs.filter((v) => v !== undefined);
        return present.length > 0 && !IMPURE_OPS.has(n.op) && present.every((v) => frozen(v) !== undefined)
          && !n.outputs.some((v) => pinned.has(v)) && n.outputs.reduce((s, v) => s + numel(v.type.shape), 0) <= maxElements;
      };
      g.nodes = g.nodes.filter((n) => {
        if (!foldable(n)) return true;
        const results = evaluate(n, n.inputs.map((v) => (v ? g.constants.get(v) : undefined)));
        if (results.length !== n.outputs.length) {
          throw new KilnError('VERIFY', `constant folding: the evaluator gave ${results.length} results for ${n.outputs.length} outputs`, { node: n.name, op: n.op });
        }
        n.outputs.forEach((v, i) => g.constants.set(v, results[i]));
        return false;
      });
    },
  };
}

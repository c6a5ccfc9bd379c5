// A simplification rule looks at one node (inputs already rewritten) and the producers of its inputs, and
// either leaves it (undefined), replaces it by a node that defines the same outputs (`node`), or says that
// its single output equals an existing value (`value`), so the node can go.
import type { Graph, Node, Value } from '../../ir/graph.ts';
import type { OpName } from '../../ir/ops/index.ts';
import type { FrozenReader } from '../frozen.ts';

export type Rewrite = { readonly node: Node } | { readonly value: Value };

export interface RuleContext {
  readonly graph: Graph;
  /** The node defining `v` in the rewritten graph, if a node does. */
  producer(v: Value | undefined): Node | undefined;
  /** The value of a constant that can never change (not a parameter, not updated state). */
  readonly frozen: FrozenReader;
}

export interface SimplifyRule {
  readonly name: string;
  /** Ops the rule looks at. */
  readonly ops: readonly OpName[];
  apply(n: Node, cx: RuleContext): Rewrite | undefined;
}

/** Ops that only reinterpret the shape of their single input (row-major order kept). */
export const RESHAPE_LIKE: readonly OpName[] = ['Reshape', 'Squeeze', 'Unsqueeze', 'Flatten'];

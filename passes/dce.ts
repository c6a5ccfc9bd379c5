// Dead-code elimination: walk back from the graph outputs, keep the nodes and constants they reach.
import type { Graph, Value } from '../ir/graph.ts';
import type { Pass } from './pass.ts';

export const deadCodeElimination: Pass = {
  name: 'dce',
  run(g: Graph) {
    const live = new Set<Value>([...g.outputs, ...g.updates.keys(), ...g.updates.values()]);
    const kept = [];
    for (let i = g.nodes.length - 1; i >= 0; i--) {
      const n = g.nodes[i];
      if (!n.outputs.some((v) => live.has(v))) continue;
      kept.push(n);
      for (const v of n.inputs) if (v) live.add(v);
    }
    g.nodes = kept.reverse();
    for (const v of [...g.constants.keys()]) if (!live.has(v)) g.constants.delete(v);
    for (const [name, v] of [...g.params]) if (!live.has(v)) g.params.delete(name);
  },
};

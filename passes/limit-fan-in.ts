// Limits kernel fan-in: WebGPU guarantees only 8 storage buffers per shader stage, and each kernel input
// is one binding, so a variadic Sum/Max/Min/Mean over more than 7 inputs becomes a tree of nodes of at
// most 7 inputs. The last node of a tree defines the original output value. A wide Concat stays one node:
// codegen writes it in chunks of 7 inputs into windows of its output (compiler/wgsl/concat-window.ts),
// which needs neither intermediate buffers nor a kernel per tree level.
import type { Graph, Node, Value } from '../ir/graph.ts';
import { scalar } from '../ir/tensor.ts';
import type { Pass } from './pass.ts';

export const MAX_KERNEL_INPUTS = 7;

const ASSOCIATIVE = new Set(['Sum', 'Max', 'Min']);

/** Groups `vals` into at most MAX_KERNEL_INPUTS nodes of `op`, recursively, and returns the group results. */
function reduceWidth(g: Graph, node: Node, op: Node['op'], vals: readonly Value[]): Value[] {
  if (vals.length <= MAX_KERNEL_INPUTS) return [...vals];
  const size = Math.ceil(vals.length / Math.ceil(vals.length / MAX_KERNEL_INPUTS));
  const groups: Value[] = [];
  for (let k = 0; k < vals.length; k += size) {
    const part = vals.slice(k, k + size);
    groups.push(part.length === 1 ? part[0] : g.addNode(op, part, node.attrs, `${node.name}/part_${groups.length}`)[0]);
  }
  return reduceWidth(g, node, op, groups);
}

export const limitFanIn: Pass = {
  name: 'limit-fan-in',
  run(g: Graph) {
    const old = g.nodes;
    g.nodes = [];
    for (const node of old) {
      const ins = node.inputs.filter((v): v is Value => v !== undefined);
      const wide = ins.length > MAX_KERNEL_INPUTS;
      if (wide && ASSOCIATIVE.has(node.op)) {
        g.nodes.push({ ...node, inputs: reduceWidth(g, node, node.op, ins) });
      } else if (wide && node.op === 'Mean') {
        const sum = reduceWidth(g, node, 'Sum', ins);
        const total = sum.length === 1 ? sum[0] : g.addNode('Sum', sum, {}, `${node.name}/sum`)[0];
        const n = g.addConstant(scalar(node.outputs[0].type.dtype, ins.length), `${node.name}/count`);
        g.nodes.push({ ...node, op: 'Div', inputs: [total, n], attrs: {} });
      } else {
        g.nodes.push(node);
      }
    }
  },
};

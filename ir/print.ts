// A stable text form of a graph, for dumps (KILN_DUMP), pass tests and debugging:
//   graph main(%x: f32[2,3]) {
//     const @w: f32[3,4]
//     %y = MatMul(%x, @w) : f32[2,4]
//     return %y
//   }
import type { Graph, Value } from './graph.ts';
import type { AttrValue } from './op.ts';
import { fmtType } from './tensor.ts';

function fmtAttr(v: AttrValue): string {
  if (Array.isArray(v)) return `[${v.map((x) => fmtAttr(x as AttrValue)).join(',')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

export function printGraph(g: Graph): string {
  const ref = (v: Value | undefined) => (v === undefined ? '_' : `${g.constants.has(v) ? '@' : '%'}${v.name}`);
  const lines = [`graph ${g.name}(${g.inputs.map((v) => `%${v.name}: ${fmtType(v.type)}`).join(', ')}) {`];
  for (const v of g.constants.keys()) lines.push(`  const @${v.name}: ${fmtType(v.type)}`);
  for (const n of g.nodes) {
    const attrs = Object.keys(n.attrs).sort().map((k) => `${k}=${fmtAttr(n.attrs[k])}`);
    const outs = n.outputs.map(ref).join(', ');
    const types = n.outputs.map((v) => fmtType(v.type)).join(', ');
    lines.push(`  ${outs} = ${n.op}(${n.inputs.map(ref).join(', ')})${attrs.length ? ` {${attrs.join(', ')}}` : ''} : ${types}`);
  }
  lines.push(`  return ${g.outputs.map(ref).join(', ')}`, '}');
  return lines.join('\n');
}

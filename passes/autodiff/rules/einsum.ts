// Einsum's gradient: each operand's gradient is the einsum of dY with the other operands onto the operand's
// distinct labels, then laid back over its dims: labels only it has were summed (broadcast back), dims it
// broadcast are summed. A label repeated within the operand (a diagonal, 'ii->i', 'bii->bi') reads only the
// elements whose repeated coordinates agree: the gradient is spread along the repeats and masked to that
// diagonal (a constant 0/1 tensor of the operand's shape).
import type { Value } from '../../../ir/graph.ts';
import { parseEinsum } from '../../../ir/ops/einsum.ts';
import { numel, type Shape, stridesOf } from '../../../ir/shape.ts';
import { tensor } from '../../../ir/tensor.ts';
import type { GradBuilder } from '../rule.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 1 where every repeated label's coordinates agree, else 0, over `shape` (labels per dim). */
export function diagonalMask(labels: readonly number[], shape: Shape): number[] {
  const st = stridesOf(shape);
  return Array.from({ length: numel(shape) }, (_, p) => {
    const seen = new Map<number, number>();
    return labels.every((l, k) => {
      const c = Math.floor(p / st[k]) % shape[k];
      if (!seen.has(l)) seen.set(l, c);
      return seen.get(l) === c;
    }) ? 1 : 0;
  });
}

export function einsumGrad(g: GradBuilder, i: number): Value {
  const ops = g.node.inputs.map((v) => v!);
  const spec = parseEinsum(g.attrs.equation as string, ops.map((v) => v.type.shape));
  const own = spec.inputs[i], distinct = [...new Set(own)];
  const letters = new Map<number, string>();
  const L = (l: number) => {
    if (!letters.has(l)) letters.set(l, LETTERS[letters.size]);
    return letters.get(l)!;
  };
  const terms = [spec.output, ...spec.inputs.filter((_, k) => k !== i)];
  const operands = [g.dy(), ...ops.filter((_, k) => k !== i)];
  const seen = new Set(terms.flat());
  const kept = distinct.filter((l) => seen.has(l));
  const eq = `${terms.map((t) => t.map(L).join('')).join(',')}->${kept.map(L).join('')}`;
  const r = g.op1('Einsum', operands, { equation: eq });
  // Back to the operand's dims: r's dims at each label's first position, size 1 elsewhere; then sum the
  // dims the operand broadcast, expand to its shape, and keep only its diagonal.
  const target = g.x(i).type.shape;
  const first = (l: number, k: number) => own.indexOf(l) === k;
  let v = g.reshape(r, own.map((l, k) => (seen.has(l) && first(l, k) ? r.type.shape[kept.indexOf(l)] : 1)));
  v = g.sumKeep(v, target.flatMap((d, k) => (d === 1 && v.type.shape[k] !== 1 ? [k] : [])));
  v = g.expand(v, target);
  if (distinct.length === own.length) return v;
  return g.mul(v, g.constant(tensor(v.type.dtype, target, diagonalMask(own, target)), 'diagonal'));
}

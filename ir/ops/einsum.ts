// Einsum equation parsing shared by the shape rule and the CPU kernel: each operand's dims become label ids
// (letters, plus one id per ellipsis dim, right-aligned), and the output's labels are made explicit.
import { shapeFail } from '../errors.ts';
import type { Shape } from '../shape.ts';

export interface EinsumSpec {
  /** Label id of every dim of every operand. */
  readonly inputs: readonly (readonly number[])[];
  /** Label ids of the output dims. */
  readonly output: readonly number[];
  /** Size of each label id (broadcast over operands); index = label id. */
  readonly sizes: readonly number[];
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ELL = LETTERS.length;

/** Splits one side of the equation into letter ids, with -1 standing for the ellipsis. */
function terms(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith('...', i)) { out.push(-1); i += 2; continue; }
    const id = LETTERS.indexOf(s[i]);
    if (id < 0) shapeFail(`einsum equation has invalid character '${s[i]}'`);
    out.push(id);
  }
  if (out.filter((x) => x === -1).length > 1) shapeFail(`einsum term '${s}' has more than one ellipsis`);
  return out;
}

export function parseEinsum(equation: string, shapes: readonly Shape[]): EinsumSpec {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->');
  const ins = lhs.split(',').map(terms);
  if (ins.length !== shapes.length) shapeFail(`einsum '${equation}' names ${ins.length} operands, got ${shapes.length}`);
  // Number of dims the ellipsis covers in each operand; the output gets the largest.
  const ellRank = ins.map((t, i) => {
    const explicit = t.filter((x) => x >= 0).length;
    const e = shapes[i].length - explicit;
    if (e < 0 || (e > 0 && !t.includes(-1))) shapeFail(`einsum term ${i} has ${t.length} labels for rank ${shapes[i].length}`);
    return e;
  });
  const E = Math.max(0, ...ellRank);
  const expand = (t: number[], e: number) => t.flatMap((x) => (x === -1 ? Array.from({ length: e }, (_, j) => ELL + E - e + j) : [x]));
  const inputs = ins.map((t, i) => expand(t, ellRank[i]));
  const sizes: number[] = new Array<number>(ELL + E).fill(-1);
  inputs.forEach((labels, i) => labels.forEach((l, d) => {
    const n = shapes[i][d];
    if (sizes[l] === -1 || sizes[l] === 1) sizes[l] = n;
    else if (n !== 1 && n !== sizes[l]) shapeFail(`einsum '${equation}': label size mismatch ${sizes[l]} vs ${n} (shapes ${shapes.map((s) => `[${s}]`).join(' ')})`);
  }));
  let output: number[];
  if (rhs === undefined) {
    const count = new Map<number, number>();
    for (const l of inputs.flat()) count.set(l, (count.get(l) ?? 0) + 1);
    const once = [...count].filter(([l, c]) => c === 1 && l < ELL).map(([l]) => l).sort((a, b) => a - b);
    output = [...Array.from({ length: E }, (_, j) => ELL + j), ...once];
  } else {
    output = expand(terms(rhs), E);
    if (new Set(output).size !== output.length) shapeFail(`einsum output '${rhs}' repeats a label`);
    for (const l of output) if (sizes[l] === -1) shapeFail(`einsum output label '${LETTERS[l] ?? '...'}' is not in any input`);
  }
  return { inputs, output, sizes: sizes.map((s) => Math.max(s, 0)) };
}

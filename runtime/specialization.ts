// The specializations of an artifact (e.g. batch 1 and batch 8 of one model) as whole programs, and which
// one a run takes: the first whose every input has the length of the typed array given for it. The
// manifest stores one kernel table for all of them; each program here keeps only the kernels it uses.
import type { TypedArray } from '../ir/dtype.ts';
import { KilnError } from '../ir/errors.ts';
import type { Manifest, SerializedGraph } from './artifact-format.ts';
import type { IoDecl, Program } from './program.ts';

export interface Specialized {
  readonly program: Program;
  readonly graph: SerializedGraph;
}

/** `program` with only the kernels its dispatches use, renumbered in first-use order. */
export function usedKernels(program: Program): Program {
  const index = new Map<number, number>();
  for (const d of program.dispatches) if (!index.has(d.kernel)) index.set(d.kernel, index.size);
  if (index.size === program.kernels.length && [...index].every(([k, i]) => k === i)) return program;
  return {
    ...program,
    kernels: [...index.keys()].map((k) => program.kernels[k]),
    dispatches: program.dispatches.map((d) => ({ ...d, kernel: index.get(d.kernel)! })),
  };
}

/** Every program of the manifest (the main one first) with the graph it came from. */
export function specializations(m: Manifest): Specialized[] {
  const { format: _f, name: _n, weights: _w, graph, digest: _d, specializations: more = [], tuning: _t, ...main } = m;
  return [
    { program: usedKernels(main), graph },
    ...more.map(({ graph: g, ...s }) => ({ program: usedKernels({ ...s, version: m.version, kernels: m.kernels }), graph: g })),
  ];
}

const elements = (io: IoDecl): number => io.shape.reduce((a, b) => a * b, 1);
const describe = (p: Program): string => p.inputs.map((io) => `${io.name}: ${io.dtype}[${io.shape}]`).join(', ');

/** Index of the first program whose inputs all have the given arrays' lengths; a KilnError listing the shapes otherwise. */
export function pickSpecialization(programs: readonly Pick<Program, 'inputs'>[], inputs: { readonly [name: string]: TypedArray }): number {
  if (programs.length === 1) return 0;
  const i = programs.findIndex((p) => p.inputs.every((io) => inputs[io.name]?.length === elements(io)));
  if (i >= 0) return i;
  const given = Object.entries(inputs).map(([k, v]) => `${k}: ${v?.length} elements`).join(', ');
  throw new KilnError('INPUT', `no specialization of this model takes inputs of these sizes (${given}); it has ${programs.map((p) => `(${describe(p as Program)})`).join(', ')}`);
}

// The fused schedule: which nodes each kernel computes, in execution order. Data only — the fusion pass
// (passes/fuse.ts) builds it, codegen emits one kernel per group, `kiln inspect` and KILN_DUMP print it.
//
// A group's members are evaluated by flat index: `anchor` (a reduction or contraction) drives the kernel
// and the elementwise members after it form its epilogue, evaluated at the anchor's output index; the
// `inline` members (a prologue) are recomputed wherever they are read and never written. A pointwise
// group has no anchor: one invocation per element of its outputs. A row group runs one workgroup per row:
// its reductions fold the row in phases, its other members are per-element or per-row values.
import type { Node, Value } from './graph.ts';
import type { Shape } from './shape.ts';

export type GroupKind = 'pointwise' | 'reduce' | 'row' | 'contraction' | 'single';

export interface KernelGroup {
  readonly kind: GroupKind;
  /** The node whose lowering drives the kernel; pointwise groups have none. */
  readonly anchor?: Node;
  /** Contractions of the anchor's A operand computed in the same kernel, each with its own epilogue. */
  readonly siblings?: readonly Node[];
  /** Every (non-view) node the kernel computes, in topological order. */
  readonly nodes: readonly Node[];
  /** Members recomputed where they are read (never outputs): a prologue, or values read through a view. */
  readonly inline: ReadonlySet<Node>;
  /** The element count every non-inline member shares (one flat index space); a row group's row values. */
  readonly shape: Shape;
  /**
   * Row groups (softmax, normalization): one workgroup per row. Their reductions all fold `axes` of values
   * of shape `full`; members are full-row values (shape `full`) or row values (one per row, `shape`).
   */
  readonly row?: { readonly full: Shape; readonly axes: readonly number[] };
  /** Values the kernel writes: read by later kernels, graph outputs, or state updates. */
  readonly outputs: readonly Value[];
  /** Outputs written straight into the buffer of the state they update (optimizer steps in place). */
  readonly inPlace: ReadonlyMap<Value, Value>;
}

export interface Schedule {
  readonly groups: readonly KernelGroup[];
}

/** One line per group: kind, anchor, members and outputs. */
export function printSchedule(s: Schedule): string {
  const lines = [`schedule: ${s.groups.length} kernels`];
  s.groups.forEach((gr, i) => {
    const members = gr.nodes.map((n) => `${n.op}:${n.name}${gr.inline.has(n) ? '(inline)' : ''}`).join(', ');
    const outs = gr.outputs.map((v) => (gr.inPlace.has(v) ? `%${v.name}->@${gr.inPlace.get(v)!.name}` : `%${v.name}`)).join(', ');
    const row = gr.row ? ` rows of [${gr.row.full}] over axes [${gr.row.axes}]` : '';
    const anchors = [gr.anchor, ...(gr.siblings ?? [])].filter((n) => n !== undefined).map((n) => ` @${n.name}`).join('');
    lines.push(`  k${i} ${gr.kind}${anchors} [${gr.shape}]${row} {${members}} -> ${outs}`);
  });
  return lines.join('\n');
}

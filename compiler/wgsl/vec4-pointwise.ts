// Whether a pointwise group runs one vec4 per invocation (a quarter of the invocations), and which buffers it
// then binds as array<vec4<f32>>. It may when every member is an f32 op of the elementwise table computing
// the group's shape, of a multiple of 4 elements (or a single element: a scalar member, computed as a scalar and
// splat), and every operand is read at the member's own flat index (another member, or a whole contiguous
// buffer of that many elements: bound wide) or is one element (a literal, a scalar member, or a scalar read
// per component) and splat. Flat index i then addresses the same element of
// every wide operand and output, so vec4 i of each lines up. A buffer bound wide is read only as whole
// vec4s or per component (bufferRef's load on a wide binding), never as a scalar array. Arena offsets stay
// legal: the memory plan places buffers at its (at least 16-byte) offset alignment.
import type { Node, Value } from '../../ir/graph.ts';
import type { KernelGroup } from '../../ir/schedule.ts';
import { numel } from '../../ir/shape.ts';
import { contiguous, isContiguous } from '../../ir/view.ts';
import type { ViewChains } from '../../ir/view-rules.ts';
import type { Codegen } from './codegen.ts';
import { wideAligned } from './kernel.ts';
import { hasPointwiseValue } from './lower/elementwise.ts';

/** How a vec4 pointwise kernel reads one operand. */
export type Vec4Operand = 'member' | 'wide' | 'scalar';

export interface Vec4Plan {
  /** Buffers the kernel binds wide: its outputs and the operands read at its own index. */
  readonly wide: ReadonlySet<number>;
}

/** The vec4 plan of a pointwise group, or undefined when it must run one element per invocation. */
export function vec4Plan(cg: Codegen, gr: KernelGroup, vc: ViewChains, outBuffers: readonly number[]): Vec4Plan | undefined {
  const n = numel(gr.shape);
  if (gr.kind !== 'pointwise' || n === 0 || n % 4 !== 0) return undefined;
  const members = new Set(gr.nodes);
  const producer = new Map(gr.nodes.flatMap((m) => m.outputs.map((o) => [o, m] as const)));
  const wide = new Set(outBuffers);
  const whole = (buffer: number) => numel(cg.b.buffers[buffer].shape) === n;
  if (!gr.outputs.every((v, j) => v.type.dtype === 'f32' && numel(v.type.shape) === n && whole(outBuffers[j]))) return undefined;
  for (const m of gr.nodes) {
    const size = numel(m.outputs[0].type.shape);
    if (!hasPointwiseValue(m) || m.outputs[0].type.dtype !== 'f32' || (size !== n && size !== 1)) return undefined;
    for (const u of m.inputs) {
      const how = u && operandKind(cg, vc, producer, members, u, n);
      if (!how) return undefined;
      if (how === 'wide') wide.add(cg.tryLocOf(u)!.buffer);
    }
  }
  return { wide };
}

/** How operand `u` of a member is read in a vec4 kernel over `n` elements; undefined: it cannot be. */
export function operandKind(cg: Codegen, vc: ViewChains, producer: ReadonlyMap<Value, Node>, members: ReadonlySet<Node>, u: Value, n: number): Vec4Operand | undefined {
  if (u.type.dtype !== 'f32') return undefined;
  const b = vc.base(u);
  const p = producer.get(b);
  if (p && members.has(p)) {
    if (numel(u.type.shape) === 1) return 'scalar';
    const view = vc.view(u);
    return view && numel(u.type.shape) === n && isContiguous(view) ? 'member' : undefined;
  }
  if (numel(u.type.shape) === 1) return cg.isLiteral(b) || cg.tryLocOf(u) ? 'scalar' : undefined;
  const l = cg.tryLocOf(u);
  if (!l || numel(u.type.shape) !== n || !isContiguous(l.view)) return undefined;
  // A contiguous view from element 0 reads the buffer flat: aligned when the whole buffer is n elements.
  return wideAligned('f32', contiguous([n]), numel(cg.b.buffers[l.buffer].shape)) ? 'wide' : undefined;
}

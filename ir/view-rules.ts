// The view ops (kind 'view' in the op table) as rules on strided views: codegen turns them into views of
// their input's buffer (no kernel, no copy), and fusion composes them to see how a kernel reads a value.
import type { Node, Value } from './graph.ts';
import type { OpName } from './ops/index.ts';
import { sliceDims, transposePerm } from './ops/movement.ts';
import { broadcastView, contiguous, permuteView, reshapeView, sliceView, type View } from './view.ts';

/** The output view from the input view; undefined means the view cannot express it (codegen copies first). */
type ViewRule = (input: View, node: Node) => View | undefined;

const reshape: ViewRule = (v, n) => reshapeView(v, n.outputs[0].type.shape);

export const VIEW_RULES: Partial<Record<OpName, ViewRule>> = {
  Reshape: reshape,
  Squeeze: reshape,
  Unsqueeze: reshape,
  Flatten: reshape,
  Transpose: (v, n) => permuteView(v, transposePerm(v.shape.length, n.attrs.perm as readonly number[])),
  Expand: (v, n) => broadcastView(v, n.outputs[0].type.shape),
  Slice: (v, n) => {
    const dims = sliceDims(v.shape, n.attrs);
    return sliceView(v, dims.map((d) => d.start), dims.map((d) => d.step), dims.map((d) => d.count));
  },
};

/** Chains of view ops: the value each chain starts from, and the view it composes over that value. */
export class ViewChains {
  private readonly views = new Map<Value, View | undefined>();

  constructor(private readonly producer: ReadonlyMap<Value, Node>) {}

  /** The view node computing `v`, if it is one. */
  viewNode(v: Value): Node | undefined {
    const p = this.producer.get(v);
    return p && VIEW_RULES[p.op] ? p : undefined;
  }

  /** The value a chain of view ops starts from (the value itself when it is not a view). */
  base(v: Value): Value {
    for (let p = this.viewNode(v); p; p = this.viewNode(v)) v = p.inputs[0]!;
    return v;
  }

  /** The view of `v` over its base's contiguous elements; undefined when a view rule cannot express it. */
  view(v: Value): View | undefined {
    if (this.views.has(v)) return this.views.get(v);
    const p = this.viewNode(v);
    let view: View | undefined = contiguous(v.type.shape);
    if (p) {
      const inner = this.view(p.inputs[0]!);
      view = inner && VIEW_RULES[p.op]!(inner, p);
    }
    this.views.set(v, view);
    return view;
  }
}

// Movement ops that codegen turns into views of their input's buffer: no kernel, no copy.
import type { Node } from './graph.ts';
import type { OpName } from './ops/index.ts';
import { sliceDims, transposePerm } from './ops/movement.ts';
import { broadcastView, permuteView, reshapeView, sliceView, type View } from './view.ts';

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

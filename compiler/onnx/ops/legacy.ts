// The forms of ops that opsets before 7 define and older exporters (PyTorch's opset-6 era, Caffe2) still
// emit, rewritten into the node of opset 7 on, which the op's own converter then takes:
// - binary ops and Gemm broadcast only with `broadcast=1`, aligning B's dims with A's from `axis` (default:
//   the trailing dims), never numpy-style in both directions; with `broadcast=0` the shapes must be equal;
// - PRelu's slope of shape [C] is per channel (axis 1), not numpy-broadcast against the last axis.
import type { Value } from '../../../ir/graph.ts';
import { fmt, sameShape } from '../../../ir/shape.ts';
import { attrOr, fail, type ImportContext, type OnnxNode } from '../context.ts';

/** Rewrites an old-opset node into the opset-7 node with the same meaning. */
type Modernize = (ctx: ImportContext, n: OnnxNode) => OnnxNode;

interface LegacyForm {
  /** The first opset whose form the op's converter takes. */
  readonly since: number;
  readonly modernize: Modernize;
}

const withoutAttrs = (n: OnnxNode, keys: readonly string[]): OnnxNode['attrs'] =>
  Object.fromEntries(Object.entries(n.attrs).filter(([k]) => !keys.includes(k)));

/** B reshaped to A's rank with its dims at `at`, ones elsewhere (the IR broadcasts those). */
function alignAt(ctx: ImportContext, b: Value, rank: number, at: number): Value {
  const shape = b.type.shape;
  if (shape.length === rank) return b;
  return ctx.emit1('Reshape', [b], { shape: [...Array<number>(at).fill(1), ...shape, ...Array<number>(rank - at - shape.length).fill(1)] });
}

/**
 * `broadcast` and `axis` on a binary op (input 1, B, onto A) or on Gemm (input 2, C, onto the [M, N]
 * product): input bi's dims must equal the target's from `axis` on, or be 1.
 */
function unidirectional(bi: number, target: (n: OnnxNode) => readonly number[]): Modernize {
  return (ctx, n) => {
    const b = n.inputs[bi];
    if (!b || n.inputs.slice(0, bi).some((v) => !v)) return n; // the op's converter names what is missing
    const want = target(n), got = b.type.shape;
    const attrs = withoutAttrs(n, ['broadcast', 'axis']);
    if (attrOr<number>(n, 'broadcast', 0) !== 1) {
      if (!sameShape(want, got)) fail(n, `input ${bi} has shape ${fmt(got)}, not ${fmt(want)}, and broadcast=0: before opset 7 only broadcast=1 lets shapes differ (opset ${ctx.opset})`);
      return { ...n, attrs };
    }
    const axis = attrOr<number>(n, 'axis', want.length - got.length);
    const at = axis < 0 ? axis + want.length : axis;
    const fits = at >= 0 && at + got.length <= want.length && got.every((d, i) => d === 1 || d === want[at + i]);
    if (!fits) fail(n, `input ${bi} of shape ${fmt(got)} does not broadcast onto ${fmt(want)} from axis ${axis} (opset ${ctx.opset} broadcast=1)`);
    const inputs = [...n.inputs];
    inputs[bi] = alignAt(ctx, b, want.length, at);
    return { ...n, inputs, attrs };
  };
}

const shapeOf = (i: number) => (n: OnnxNode): readonly number[] => n.inputs[i]!.type.shape;

/** Gemm's [M, N]: A's rows (or columns with transA) by B's columns (or rows with transB). */
function gemmShape(n: OnnxNode): readonly number[] {
  const [a, b] = n.inputs as Value[];
  const m = attrOr(n, 'transA', 0) ? a.type.shape[1] : a.type.shape[0];
  const cols = attrOr(n, 'transB', 0) ? b.type.shape[0] : b.type.shape[1];
  return [m, cols];
}

/** PRelu before opset 7: a slope of shape [C] (C > 1) applies along the channel axis 1. */
const preluPerChannel: Modernize = (ctx, n) => {
  const [x, slope] = n.inputs;
  if (!x || !slope) return n;
  const rank = x.type.shape.length, s = slope.type.shape;
  if (rank < 3 || s.length !== 1 || s[0] === 1 || s[0] !== x.type.shape[1]) return n;
  return { ...n, inputs: [x, alignAt(ctx, slope, rank, 1)] };
};

const BROADCAST_ATTR_OPS = ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'And', 'Or', 'Xor', 'Equal', 'Greater', 'Less'];

export const LEGACY_FORMS: Readonly<Record<string, LegacyForm>> = {
  ...Object.fromEntries(BROADCAST_ATTR_OPS.map((op) => [op, { since: 7, modernize: unidirectional(1, shapeOf(0)) }])),
  Gemm: { since: 7, modernize: unidirectional(2, gemmShape) },
  PRelu: { since: 7, modernize: preluPerChannel },
};

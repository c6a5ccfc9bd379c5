// KilnError: every failure kiln reports to a user is one of these, with a stable code and the context
// (node, op, shapes, file) that lets the user find the cause without a stack trace.

export type KilnErrorCode =
  | 'ONNX_PARSE'        // bytes are not a valid ONNX model
  | 'ONNX_UNSUPPORTED'  // ops or features kiln does not import
  | 'ONNX_INVALID'      // a well-formed model that breaks the ONNX spec
  | 'STATIC_INPUT'      // a value that fixes a shape (axes, K, a target shape) is only known at run time
  | 'EXTERNAL_DATA'     // external tensor data missing or outside the model folder
  | 'SHAPE'             // a shape or dtype rule failed
  | 'ATTRIBUTE'         // an attribute is missing or malformed
  | 'INPUT'             // a run was given the wrong inputs
  | 'DTYPE'             // a value does not fit its dtype (int64 narrowing)
  | 'VERIFY'            // the graph violates an IR invariant
  | 'LIMIT'             // a size budget is exceeded (constant folding, tensors read at import)
  | 'GRADIENT'          // a gradient cannot be formed (non-differentiable op on the path, bad loss)
  | 'BACKEND'           // a backend cannot run something
  | 'CASE'              // a fixture case is malformed
  | 'ARTIFACT'          // a compiled artifact of another version, or with weights that do not match
  | 'NUMERIC'           // a checkFinite run found a NaN or Inf (names the kernel or node that produced it)
  | 'INDEX'             // a gather/scatter index or a class label out of range (names the node)
  | 'USAGE';            // command-line misuse

export interface KilnErrorContext {
  node?: string;
  op?: string;
  shapes?: readonly (readonly number[] | undefined)[];
  path?: string;
  /** The graph input a STATIC_INPUT error needs bound to a value. */
  input?: string;
  /** The graph inputs a STATIC_INPUT error's value is computed from: binding them all makes it constant. */
  inputs?: readonly string[];
}

export class KilnError extends Error {
  override name = 'KilnError';
  constructor(readonly code: KilnErrorCode, readonly detail: string, readonly context: KilnErrorContext = {}) {
    super(formatMessage(code, detail, context));
  }
}

function formatMessage(code: KilnErrorCode, detail: string, ctx: KilnErrorContext): string {
  const where: string[] = [];
  if (ctx.op) where.push(`op ${ctx.op}`);
  if (ctx.node) where.push(`node '${ctx.node}'`);
  if (ctx.shapes) where.push(`input shapes ${ctx.shapes.map((s) => (s ? `[${s.join(',')}]` : '-')).join(' ')}`);
  if (ctx.path) where.push(`file ${ctx.path}`);
  return `[${code}] ${detail}${where.length ? ` (${where.join(', ')})` : ''}`;
}

/** Thrown by shape rules; the caller adds node and op context and turns it into a KilnError. */
export class ShapeRuleError extends Error {}

export function shapeFail(message: string): never {
  throw new ShapeRuleError(message);
}

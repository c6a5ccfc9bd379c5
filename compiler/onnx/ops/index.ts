// Every ONNX op kiln imports, keyed by ONNX op type.
import type { OnnxConverter } from '../context.ts';
import { CONTRACTION_CONVERTERS } from './contraction.ts';
import { CONTROL_FLOW_CONVERTERS } from './control-flow.ts';
import { ELEMENTWISE_CONVERTERS } from './elementwise.ts';
import { LEGACY_FORMS } from './legacy.ts';
import { MOVEMENT_CONVERTERS } from './movement.ts';
import { NN_CONVERTERS } from './nn.ts';
import { QUANTIZED_CONVERTERS } from './quantized.ts';
import { RECURRENT_CONVERTERS } from './recurrent.ts';
import { REDUCE_CONVERTERS } from './reduce.ts';
import { SIGNAL_CONVERTERS } from './signal.ts';
import { TFIDF_CONVERTERS } from './tfidf.ts';
import { VISION_CONVERTERS } from './vision.ts';

const CURRENT_FORMS: Readonly<Record<string, OnnxConverter>> = {
  ...ELEMENTWISE_CONVERTERS,
  ...REDUCE_CONVERTERS,
  ...MOVEMENT_CONVERTERS,
  ...CONTRACTION_CONVERTERS,
  ...NN_CONVERTERS,
  ...RECURRENT_CONVERTERS,
  ...CONTROL_FLOW_CONVERTERS,
  ...SIGNAL_CONVERTERS,
  ...TFIDF_CONVERTERS,
  ...VISION_CONVERTERS,
  ...QUANTIZED_CONVERTERS,
};

/** An op's converter, taking its old-opset form (legacy.ts) too by rewriting it first. */
function withLegacyForm(op: string, convert: OnnxConverter): OnnxConverter {
  const legacy = LEGACY_FORMS[op];
  return legacy ? (ctx, n) => convert(ctx, ctx.opset < legacy.since ? legacy.modernize(ctx, n) : n) : convert;
}

export const CONVERTERS: Readonly<Record<string, OnnxConverter>> = Object.fromEntries(
  Object.entries(CURRENT_FORMS).map(([op, convert]) => [op, withLegacyForm(op, convert)]),
);

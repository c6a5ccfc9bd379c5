// Every IR op's ONNX export rule (or the reason it has none), keyed by IR op name; typed over all op
// names, so an op added to the IR without an entry here fails tsc.
import type { OpName } from '../../../ir/ops/index.ts';
import type { ExportEntry } from '../export-context.ts';
import { CONTRACTION_EXPORT } from './contraction.ts';
import { ELEMENTWISE_EXPORT } from './elementwise.ts';
import { GRAD_EXPORT } from './grad.ts';
import { MOVEMENT_EXPORT } from './movement.ts';
import { NN_EXPORT } from './nn.ts';
import { RECURRENT_EXPORT } from './recurrent.ts';
import { REDUCE_EXPORT } from './reduce.ts';
import { VISION_EXPORT } from './vision.ts';

export const EXPORTERS: { readonly [K in OpName]: ExportEntry } = {
  ...ELEMENTWISE_EXPORT,
  ...REDUCE_EXPORT,
  ...MOVEMENT_EXPORT,
  ...CONTRACTION_EXPORT,
  ...NN_EXPORT,
  ...RECURRENT_EXPORT,
  ...GRAD_EXPORT,
  ...VISION_EXPORT,
};

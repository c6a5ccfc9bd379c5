// The op table: every op kiln's IR knows, one entry each, merged from the family files.
import type { OpDef } from '../op.ts';
import { CONTRACTION_OPS } from './contraction.ts';
import { ELEMENTWISE_OPS } from './elementwise.ts';
import { GRAD_OPS } from './grad.ts';
import { MOVEMENT_OPS } from './movement.ts';
import { NN_OPS } from './nn.ts';
import { RECURRENT_OPS } from './recurrent.ts';
import { REDUCE_OPS } from './reduce.ts';
import { VISION_OPS } from './vision.ts';

export const OPS = {
  ...ELEMENTWISE_OPS,
  ...REDUCE_OPS,
  ...MOVEMENT_OPS,
  ...CONTRACTION_OPS,
  ...NN_OPS,
  ...RECURRENT_OPS,
  ...GRAD_OPS,
  ...VISION_OPS,
} as const satisfies Record<string, OpDef>;

export type OpName = keyof typeof OPS;
export type ElementwiseOpName = keyof typeof ELEMENTWISE_OPS;
export type ReduceOpName = keyof typeof REDUCE_OPS;
export type MovementOpName = keyof typeof MOVEMENT_OPS;
export type ContractionOpName = keyof typeof CONTRACTION_OPS;
export type NnOpName = keyof typeof NN_OPS;
export type RecurrentOpName = keyof typeof RECURRENT_OPS;
export type GradOpName = keyof typeof GRAD_OPS;
export type VisionOpName = keyof typeof VISION_OPS;

export const isOpName = (s: string): s is OpName => Object.prototype.hasOwnProperty.call(OPS, s);

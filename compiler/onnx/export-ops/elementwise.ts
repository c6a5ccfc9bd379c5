// Elementwise ops to ONNX: nearly all share name, inputs and attributes; Clip's bounds become inputs,
// StopGradient is an Identity (gradients are kiln's concern), and the training mask has no ONNX form.
import { isFloat } from '../../../ir/dtype.ts';
import type { ElementwiseOpName } from '../../../ir/ops/index.ts';
import type { ExportRule, ExportTable } from '../export-context.ts';
import { direct, ins, outs } from './util.ts';

/** Clip(min, max) attributes to optional scalar inputs of x's dtype; an infinite bound is left out. */
const clip: ExportRule = (ctx, n) => {
  const x = n.inputs[0]!, dtype = x.type.dtype;
  const bound = (k: 'min' | 'max'): string => {
    const v = n.attrs[k] as number;
    if (!Number.isFinite(v)) return '';
    if (!isFloat(dtype) && !Number.isInteger(v)) ctx.fail(`Clip ${k} ${v} is not an integer, but the input is ${dtype}`);
    return ctx.scalar(v, dtype, k);
  };
  ctx.emit('Clip', [ctx.name(x), bound('min'), bound('max')], outs(ctx, n));
};

export const ELEMENTWISE_EXPORT: ExportTable<ElementwiseOpName> = {
  Abs: direct(), Neg: direct(), Sign: direct(),
  Exp: direct(), Log: direct(), Sqrt: direct(), Reciprocal: direct(),
  Sin: direct(), Cos: direct(), Tan: direct(), Asin: direct(), Acos: direct(), Atan: direct(),
  Sinh: direct(), Cosh: direct(), Asinh: direct(), Acosh: direct(), Atanh: direct(),
  Floor: direct(), Ceil: direct(), Round: direct(), Erf: direct(),
  Relu: direct(), Sigmoid: direct(), Tanh: direct(), Softplus: direct(), Softsign: direct(),
  LeakyRelu: direct(), Elu: direct(), Celu: direct(), Selu: direct(), HardSigmoid: direct(), HardSwish: direct(),
  ThresholdedRelu: direct(), Shrink: direct(), Gelu: direct(), Mish: direct(),
  StopGradient: (ctx, n) => ctx.emit('Identity', ins(ctx, n), outs(ctx, n)),
  Not: direct(), IsNaN: direct(), IsInf: direct(),
  Clip: clip,
  Cast: direct(),
  Add: direct(), Sub: direct(), Mul: direct(), Div: direct(), Pow: direct(), Mod: direct(),
  Max: direct(), Min: direct(), Sum: direct(), Mean: direct(), PRelu: direct(),
  And: direct(), Or: direct(), Xor: direct(),
  Equal: direct(), Less: direct(), LessOrEqual: direct(), Greater: direct(), GreaterOrEqual: direct(),
  DropoutMask: { unsupported: 'DropoutMask is the random keep mask of a training step (trace the model in eval mode to export it)' },
  Where: direct(),
};

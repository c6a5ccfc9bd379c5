// Einsum in WGSL: one invocation per output element loops over every summed label and adds the product of
// the operands, each read through its view at the labels' coordinates (a repeated label is a diagonal,
// a size-1 dim against a larger label broadcasts).
import { parseEinsum } from '../../../ir/ops/einsum.ts';
import { numel } from '../../../ir/shape.ts';
import type { Lowering, TensorRef } from '../kernel.ts';
import { coords, lit } from '../wgsl.ts';

export const einsumLowering: Lowering = (ctx) => {
  const ins = ctx.inputs as TensorRef[];
  const out = ctx.outputs[0];
  const T = out.elem;
  const spec = parseEinsum(ctx.node.attrs.equation as string, ins.map((r) => r.view.shape));
  const summed = [...new Set(spec.inputs.flat())].filter((l) => !spec.output.includes(l));
  // Each label becomes a WGSL variable: output labels come from the linear index, summed ones from loops.
  const name = new Map<number, string>([...spec.output.map((l, i) => [l, `c${i}`] as const), ...summed.map((l, i) => [l, `s${i}`] as const)]);
  const read = (r: TensorRef, i: number) => {
    const terms = spec.inputs[i].flatMap((l, d) => {
      const st = r.view.strides[d];
      return st === 0 || r.view.shape[d] === 1 ? [] : [st === 1 ? name.get(l)! : `${name.get(l)} * ${st}`];
    });
    return `${r.load([String(r.view.offset), ...terms].join(' + '))}`;
  };
  const product = ins.map(read).join(' * ');
  const open = summed.map((l, i) => `for (var s${i} = 0; s${i} < ${spec.sizes[l]}; s${i}++) {`).join(' ');
  const body = `// Einsum '${ctx.node.attrs.equation as string}': sum of products over the summed labels.
  ${coords('idx', spec.output.map((l) => spec.sizes[l]))}
  var acc = ${lit(0, T)};
  ${open} acc += ${product}; ${'}'.repeat(summed.length)}
  ${out.store('idx', 'acc')}`;
  return { body, invocations: numel(out.view.shape) };
};

// WGSL of DropoutMask: the counter-based generator of runtime/cpu/kernels/dropout.ts written out in u32
// ops (u32 arithmetic wraps like Math.imul / >>> 0), so a mask is bit-identical to the CPU interpreter's.
import type { Lowering } from '../kernel.ts';
import { offsetExpr, wgslType } from '../wgsl.ts';
import { dropThreshold, keepScale } from '../../../runtime/cpu/kernels/dropout.ts';

const MIX32 = `
fn kiln_mix32(v: u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}`;

/** The step counter read as a u32, converted as stepU32 does on the CPU. */
function stepExpr(read: string, dtype: string): string {
  if (dtype === 'f32' || dtype === 'f16') return `u32(clamp(trunc(${read}), 0.0, 4294967040.0))`;
  return wgslType(dtype as 'i32') === 'i32' ? `bitcast<u32>(${read})` : read;
}

/** The f32 bit pattern of a number, so the kept value is exact (no decimal round trip). */
const f32Bits = (v: number): number => new Uint32Array(new Float32Array([v]).buffer)[0];

export const dropoutMaskLowering: Lowering = (ctx) => {
  const step = ctx.inputs[0]!, out = ctx.outputs[0];
  const a = ctx.node.attrs, ratio = a.ratio as number;
  const read = `${step.load(offsetExpr(step.view, step.view.shape.map(() => '0')))}`;
  return {
    decls: MIX32,
    body: [
      '// dropout mask: keep element idx when its 24-bit hash draw is >= ratio * 2^24',
      `let key = kiln_mix32(${(a.seed as number) >>> 0}u ^ kiln_mix32(${stepExpr(read, step.dtype)}));`,
      'let draw = kiln_mix32(kiln_mix32(u32(idx)) + key) >> 8u;',
      `${out.name}[idx] = select(0.0, bitcast<f32>(${f32Bits(keepScale(ratio))}u), draw >= ${dropThreshold(ratio)}u);`,
    ].join('\n  '),
    invocations: out.view.shape.reduce((x, y) => x * y, 1),
  };
};

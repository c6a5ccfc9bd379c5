// WGSL for the elementwise ops: one expression per op over its (broadcast) operands. Every op computes
// in the WGSL type of its first input; results convert to the output's storage type (bool as 0/1 u32).
import type { DType } from '../../../ir/dtype.ts';
import { KilnError } from '../../../ir/errors.ts';
import type { Node } from '../../../ir/graph.ts';
import type { ElementwiseOpName } from '../../../ir/ops/index.ts';
import type { Shape } from '../../../ir/shape.ts';
import type { Attrs } from '../../../ir/op.ts';
import type { Lowering, LowerContext, TensorRef } from '../kernel.ts';
import { cast, coordNames, coords, lit, offsetExpr, wgslType, type WgslScalar } from '../wgsl.ts';
import { broadcastView } from '../../../ir/view.ts';
import { dropoutMaskLowering } from './dropout.ts';

type Expr = (args: string[], a: Attrs, t: WgslScalar) => string;

const num = (a: Attrs, k: string, t: WgslScalar = 'f32') => lit(a[k] as number, t);
const bool = (cond: string) => `select(0u, 1u, ${cond})`;
const f1 = (fn: string): Expr => ([x]) => `${fn}(${x})`;
const bin = (op: string): Expr => ([x, y]) => `(${x} ${op} ${y})`;
const cmp = (op: string): Expr => ([x, y]) => bool(`${x} ${op} ${y}`);
const fold = (fn: (x: string, y: string) => string): Expr => (args) => args.reduce((acc, v) => fn(acc, v));

/** Every pointwise op; DropoutMask (which reads the element position) has its own lowering. */
const EXPRS: { [K in Exclude<ElementwiseOpName, 'DropoutMask'>]: Expr } = {
  Abs: f1('abs'), Neg: ([x]) => `(-${x})`, Sign: ([x], _a, t) => (t === 'f32' ? `kiln_sign(${x})` : `sign(${x})`),
  Exp: f1('kiln_exp'), Log: f1('log'), Sqrt: f1('sqrt'), Reciprocal: ([x]) => `(1.0 / ${x})`,
  Sin: f1('sin'), Cos: f1('cos'), Tan: f1('tan'), // asin/acos via atan2: the builtins may err by 7e-5 absolute (WGSL spec), lavapipe by more.
  Asin: ([x]) => `atan2(${x}, sqrt(1.0 - ${x} * ${x}))`, Acos: ([x]) => `atan2(sqrt(1.0 - ${x} * ${x}), ${x})`, Atan: f1('atan'),
  Sinh: f1('sinh'), Cosh: f1('cosh'), Asinh: f1('kiln_asinh'), Acosh: f1('kiln_acosh'), Atanh: f1('atanh'),
  Floor: f1('floor'), Ceil: f1('ceil'), Round: f1('round'), Erf: f1('kiln_erf'),
  Relu: ([x], _a, t) => `max(${x}, ${lit(0, t)})`,
  Sigmoid: f1('kiln_sigmoid'), Tanh: f1('kiln_tanh'), Softplus: f1('kiln_softplus'),
  Softsign: ([x]) => `(${x} / (1.0 + abs(${x})))`,
  LeakyRelu: ([x], a) => `select(${num(a, 'alpha')} * ${x}, ${x}, ${x} >= 0.0)`,
  Elu: ([x], a) => `select(${num(a, 'alpha')} * (exp(${x}) - 1.0), ${x}, ${x} >= 0.0)`,
  Celu: ([x], a) => `kiln_keep_nan(${x}, max(0.0, ${x}) + min(0.0, ${num(a, 'alpha')} * (exp(${x} / ${num(a, 'alpha')}) - 1.0)))`,
  Selu: ([x], a) => `(${num(a, 'gamma')} * select(${num(a, 'alpha')} * (exp(${x}) - 1.0), ${x}, ${x} > 0.0))`,
  HardSigmoid: ([x], a) => `kiln_keep_nan(${x}, clamp(${num(a, 'alpha')} * ${x} + ${num(a, 'beta')}, 0.0, 1.0))`,
  HardSwish: ([x]) => `(${x} * clamp(${x} / 6.0 + 0.5, 0.0, 1.0))`,
  ThresholdedRelu: ([x], a) => `select(0.0, ${x}, ${x} > ${num(a, 'alpha')})`,
  Shrink: ([x], a, t) =>
    `select(select(${lit(0, t)}, ${x} - ${num(a, 'bias', t)}, ${x} > ${num(a, 'lambd', t)}), ${x} + ${num(a, 'bias', t)}, ${x} < -${num(a, 'lambd', t)})`,
  Gelu: ([x], a) =>
    a.approximate === 'tanh'
      ? `(0.5 * ${x} * (1.0 + kiln_tanh(0.7978845608028654 * (${x} + 0.044715 * ${x} * ${x} * ${x}))))`
      : `(0.5 * ${x} * (1.0 + kiln_erf(${x} * 0.7071067811865476)))`,
  Mish: ([x]) => `(${x} * kiln_tanh(kiln_softplus(${x})))`,
  StopGradient: ([x]) => x,
  Not: ([x]) => `(1u - ${x})`,
  IsNaN: ([x]) => bool(`kiln_isnan(${x})`),
  IsInf: ([x], a) => bool(`(${a.detect_positive ? `bitcast<u32>(${x}) == 0x7f800000u` : 'false'}) || (${a.detect_negative ? `bitcast<u32>(${x}) == 0xff800000u` : 'false'})`),
  Clip: ([x], a, t) => {
    const lo = a.min as number, hi = a.max as number;
    const parts = [x];
    if (lo !== -Infinity) parts[0] = `max(${parts[0]}, ${t === 'f32' ? lit(lo, t) : lit(Math.ceil(lo), t)})`;
    if (hi !== Infinity) parts[0] = `min(${parts[0]}, ${t === 'f32' ? lit(hi, t) : lit(Math.floor(hi), t)})`;
    return parts[0];
  },
  Cast: ([x], a, t) => {
    const to = a.to as Parameters<typeof wgslType>[0];
    if (to === 'bool') return bool(`${x} != ${lit(0, t)}`);
    // 8-bit targets wrap modulo 2^8, as the CPU's typed-array stores do.
    const whole = t === 'f32' ? `i32(trunc(${x}))` : `i32(${x})`;
    if (to === 'i8') return `((${whole} << 24u) >> 24u)`;
    if (to === 'u8') return `u32(${whole} & 255)`;
    return t === 'f32' && wgslType(to) !== 'f32' ? `${wgslType(to)}(trunc(${x}))` : cast(x, t, wgslType(to));
  },
  Add: bin('+'), Sub: bin('-'), Mul: bin('*'),
  Div: ([x, y], _a, t) => (t === 'f32' ? `(${x} / ${y})` : `kiln_idiv_${t}(${x}, ${y})`),
  Pow: ([x, y], _a, t) => (t === 'f32' ? `kiln_pow(${x}, ${y})` : `${t}(round(kiln_pow(f32(${x}), f32(${y}))))`),
  Mod: ([x, y], a, t) => (a.fmod ? `kiln_fmod_${t}(${x}, ${y})` : `kiln_mod_${t}(${x}, ${y})`),
  // f32 Max/Min propagate NaN, as the CPU does (WGSL's max/min may return the other operand).
  Max: (args, a, t) => fold((x, y) => (t === 'f32' ? `kiln_fmax(${x}, ${y})` : `max(${x}, ${y})`))(args, a, t),
  Min: (args, a, t) => fold((x, y) => (t === 'f32' ? `kiln_fmin(${x}, ${y})` : `min(${x}, ${y})`))(args, a, t),
  Sum: fold((x, y) => `(${x} + ${y})`), Mean: (args) => `(${args.join(' + ')}) / ${lit(args.length, 'f32')}`,
  PRelu: ([x, s], _a, t) => `select(${x}, ${s} * ${x}, ${x} < ${lit(0, t)})`,
  And: bin('&'), Or: bin('|'), Xor: bin('^'),
  Equal: cmp('=='), Less: cmp('<'), LessOrEqual: cmp('<='), Greater: cmp('>'), GreaterOrEqual: cmp('>='),
  Where: ([c, x, y]) => `select(${y}, ${x}, ${c} != 0u)`,
};

/** Math the WGSL builtins lack or define loosely (tanh/exp overflow, erf, float mod, integer division). */
export const ELEMENTWISE_PRELUDE = `
// exp to about 1 ulp (builtins may err by 3 + 2|x| ulp): x = n ln2 + r, |r| <= ln2/2, then e^r by Taylor.
fn kiln_exp(x: f32) -> f32 {
  if (x > 88.72284) { return bitcast<f32>(kiln_inf_bits); }
  if (x < -103.97208) { return 0.0; }
  let n = round(x * 1.442695041);
  let r = (x - n * 0.693145752) - n * 1.42860677e-6;
  let p = 1.0 + r * (1.0 + r * (0.5 + r * (0.16666667 + r * (0.041666668 + r * (0.008333334 + r * (0.0013888889 + r * 0.0001984127))))));
  let k = i32(n);
  if (k < -125) { return ldexp(p, k + 60) * 8.6736174e-19; }
  return ldexp(p, k);
}
fn kiln_sigmoid(x: f32) -> f32 { if (x >= 0.0) { return 1.0 / (1.0 + exp(-x)); } let e = exp(x); return e / (1.0 + e); }
fn kiln_tanh(x: f32) -> f32 { if (kiln_isnan(x)) { return x; } let c = clamp(x, -15.0, 15.0); let e = exp(2.0 * c); return (e - 1.0) / (e + 1.0); }
fn kiln_softplus(x: f32) -> f32 { if (x > 20.0) { return x; } return log(1.0 + exp(x)); }
fn kiln_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
// NaN in, NaN out, for formulas whose max/min/clamp would drop it.
fn kiln_keep_nan(x: f32, v: f32) -> f32 { return select(v, x, kiln_isnan(x)); }
fn kiln_sign(x: f32) -> f32 { return kiln_keep_nan(x, sign(x)); }
fn kiln_fmax(a: f32, b: f32) -> f32 { if (kiln_isnan(a) || kiln_isnan(b)) { return bitcast<f32>(kiln_nan_bits); } return max(a, b); }
fn kiln_fmin(a: f32, b: f32) -> f32 { if (kiln_isnan(a) || kiln_isnan(b)) { return bitcast<f32>(kiln_nan_bits); } return min(a, b); }
// asinh/acosh through log(2|x|) where x*x would overflow; acosh below 1 is NaN.
fn kiln_asinh(x: f32) -> f32 { if (abs(x) > 1e18) { return sign(x) * (log(abs(x)) + 0.6931472); } return asinh(x); }
fn kiln_acosh(x: f32) -> f32 { if (x < 1.0) { return bitcast<f32>(kiln_nan_bits); } if (x > 1e18) { return log(x) + 0.6931472; } return acosh(x); }
fn kiln_erf(x: f32) -> f32 {
  // Abramowitz-Stegun 7.1.26 refined: max error 1.5e-7.
  let a = abs(x); let t = 1.0 / (1.0 + 0.3275911 * a);
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-a * a);
  return select(-y, y, x >= 0.0);
}
// pow with the CPU's (ECMAScript/IEEE) special cases: WGSL's pow is exp2(y log2 x), undefined for x <= 0.
fn kiln_pow(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (kiln_isnan(x) || kiln_isnan(y)) { return bitcast<f32>(kiln_nan_bits); }
  let inf = bitcast<f32>(kiln_inf_bits);
  let odd = abs(y) < 16777216.0 && y == floor(y) && (i32(y) & 1) == 1;
  if (abs(y) == inf) {
    if (abs(x) == 1.0) { return bitcast<f32>(kiln_nan_bits); }
    return select(0.0, inf, (abs(x) > 1.0) == (y > 0.0));
  }
  if (x == 0.0 || abs(x) == inf) {
    // 0 and infinity: the magnitude is 0 or infinity, negative only for a negative base and an odd y.
    let big = (x == 0.0) == (y < 0.0);
    let m = select(0.0, inf, big);
    return select(m, -m, odd && (x < 0.0 || bitcast<u32>(x) == 0x80000000u));
  }
  if (x < 0.0) {
    if (y != floor(y)) { return bitcast<f32>(kiln_nan_bits); }
    let m = pow(-x, y);
    return select(m, -m, odd);
  }
  return pow(x, y);
}
// A finite x over an infinite y leaves x (x - y * trunc(x / y) would be NaN).
fn kiln_fmod_f32(x: f32, y: f32) -> f32 { if (abs(y) == bitcast<f32>(kiln_inf_bits) && abs(x) < abs(y)) { return x; } return x - y * trunc(x / y); }
fn kiln_mod_f32(x: f32, y: f32) -> f32 { let r = kiln_fmod_f32(x, y); return select(r, r + y, r != 0.0 && ((r < 0.0) != (y < 0.0))); }
fn kiln_fmod_i32(x: i32, y: i32) -> i32 { if (y == 0) { return 0; } return x % y; }
fn kiln_mod_i32(x: i32, y: i32) -> i32 { if (y == 0) { return 0; } let r = x % y; return select(r, r + y, r != 0 && ((r < 0) != (y < 0))); }
fn kiln_fmod_u32(x: u32, y: u32) -> u32 { if (y == 0u) { return 0u; } return x % y; }
fn kiln_mod_u32(x: u32, y: u32) -> u32 { if (y == 0u) { return 0u; } return x % y; }
fn kiln_idiv_i32(x: i32, y: i32) -> i32 { if (y == 0) { return 0; } return x / y; }
fn kiln_idiv_u32(x: u32, y: u32) -> u32 { if (y == 0u) { return 0u; } return x / y; }
`;

/**
 * The value of an elementwise node at coordinates `cs` of its output `shape`, each input read through its view
 * broadcast to that shape; the result is in the output's storage type. Codegen calls it for fused members too.
 */
export function pointwiseValue(node: Node, ins: readonly TensorRef[], out: { dtype: DType; elem: WgslScalar }, shape: Shape, cs: readonly string[]): string {
  const expr = EXPRS[node.op as keyof typeof EXPRS];
  if (!expr) throw new KilnError('BACKEND', 'not a pointwise op', { node: node.name, op: node.op });
  // Compute in the type of the data operands (Where's condition is a bool).
  const t = (node.op === 'Where' ? ins[1] : ins[0]).elem;
  const args = ins.map((r) => cast(r.load(offsetExpr(broadcastView(r.view, shape), cs)), r.elem, r.elem === 'u32' && r.dtype === 'bool' ? 'u32' : t));
  const value = expr(args, node.attrs, t);
  const resultType: WgslScalar = out.dtype === 'bool' ? 'u32' : node.op === 'Cast' ? out.elem : t;
  return wrap8(cast(value, resultType, out.elem), out.dtype);
}

/** An i8/u8 result (held widened in i32/u32) wrapped modulo 2^8, as the CPU's 8-bit typed arrays store it. */
const wrap8 = (v: string, d: DType): string => (d === 'i8' ? `((${v} << 24u) >> 24u)` : d === 'u8' ? `(${v} & 255u)` : v);

/** Ops whose expression, as written in EXPRS for f32, is valid WGSL on vec4<f32> operands too. */
const VECTOR_SAFE: ReadonlySet<string> = new Set<keyof typeof EXPRS>(['Add', 'Sub', 'Mul', 'Div', 'Neg', 'Abs', 'Sqrt', 'Reciprocal', 'Floor', 'Ceil', 'StopGradient', 'Sum', 'Mean']);

/** Whether `pointwiseValue4` computes `node`: an op of the table (not DropoutMask). */
export const hasPointwiseValue = (node: Node): boolean => node.op in EXPRS;

/**
 * The vec4<f32> value of an f32 elementwise node whose operands are the vec4<f32> expressions `args`
 * (names: each is read more than once). Ops of VECTOR_SAFE apply to the vectors; the others run their
 * scalar expression per component.
 */
export function pointwiseValue4(node: Node, args: readonly string[]): string {
  const expr = EXPRS[node.op as keyof typeof EXPRS];
  if (!expr) throw new KilnError('BACKEND', 'not a pointwise op', { node: node.name, op: node.op });
  if (VECTOR_SAFE.has(node.op)) return expr([...args], node.attrs, 'f32');
  return `vec4<f32>(${[...'xyzw'].map((c) => expr(args.map((a) => `${a}.${c}`), node.attrs, 'f32')).join(', ')})`;
}

/** One invocation per output element; each input is read through its view broadcast to the output. */
const elementwise: Lowering = (ctx: LowerContext) => {
  const out = ctx.outputs[0];
  const shape = out.view.shape;
  const ins = ctx.inputs.filter((r) => r !== undefined);
  const value = pointwiseValue(ctx.node, ins, out, shape, coordNames(shape.length));
  return {
    decls: ELEMENTWISE_PRELUDE,
    body: `${coords('idx', shape)}\n  ${out.store('idx', value)}`,
    invocations: shape.reduce((a, b) => a * b, 1),
  };
};

export const ELEMENTWISE_LOWERINGS = {
  ...(Object.fromEntries(Object.keys(EXPRS).map((op) => [op, elementwise])) as { [K in keyof typeof EXPRS]: Lowering }),
  DropoutMask: dropoutMaskLowering,
} satisfies { [K in ElementwiseOpName]: Lowering };

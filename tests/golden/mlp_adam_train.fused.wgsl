// ===== kernel 0: fused_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_11
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_11
@group(0) @binding(0) var<storage, read_write> in0: array<i32>;
@group(0) @binding(1) var<storage, read_write> out0: array<i32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Sub train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_11
fn kf0(i: i32) -> i32 {
  var c_rest = i;
  let c0 = c_rest;
  return (in0[c0] - 10i);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16) { return; }
  {
    let e_i = idx;
    let o0 = kf0(e_i);
    out0[e_i] = o0;
  }
}

// ===== kernel 1: Gather_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Gather_12
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Gather_12
@group(0) @binding(0) var<storage, read_write> in0: array<i32>;
@group(0) @binding(1) var<storage, read_write> in1: array<i32>;
@group(0) @binding(2) var<storage, read_write> in2: array<u32>;
@group(0) @binding(3) var<storage, read_write> out0: array<i32>;
struct KilnParams { o: array<vec4<i32>, 1> }
@group(1) @binding(0) var<uniform> kp: KilnParams;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;
fn kiln_index(i: i32, n: i32) -> i32 { return clamp(select(i, i + n, i < 0), 0, n - 1); }
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  let j_raw = in1[c0];
  if (j_raw < -10 || j_raw >= 10) { in2[kp.o[0].x] = 1u; }
  let j = kiln_index(j_raw, 10);
  out0[idx] = in0[j];
}

// ===== kernel 2: Gather_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Gather_9
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Gather_9, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Add_13, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Add_14
@group(0) @binding(0) var<storage, read_write> in0: array<i32>;
@group(0) @binding(1) var<storage, read_write> in1: array<i32>;
@group(0) @binding(2) var<storage, read_write> in2: array<i32>;
@group(0) @binding(3) var<storage, read_write> in3: array<u32>;
@group(0) @binding(4) var<storage, read_write> out0: array<i32>;
struct KilnParams { o: array<vec4<i32>, 1> }
@group(1) @binding(0) var<uniform> kp: KilnParams;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Add train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Add_13
fn kf1(i: i32, acc: i32) -> i32 {
  var c_rest = i;
  let c0 = c_rest;
  return (acc + in0[c0]);
}
// Add train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Add_14
fn kf2(i: i32, acc: i32) -> i32 {
  var c_rest = i;
  let c0 = c_rest;
  return (in1[c0] + kf1(c0, acc));
}
fn kiln_index(i: i32, n: i32) -> i32 { return clamp(select(i, i + n, i < 0), 0, n - 1); }
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  let j_raw = in1[c0];
  if (j_raw < -10 || j_raw >= 10) { in3[kp.o[0].x] = 1u; }
  let j = kiln_index(j_raw, 10);
  {
    let e_i = idx; let e_a = in2[j];
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  }
}

// ===== kernel 3: Gemm_/layers.0/Gemm
// kiln kernel: /layers.0/Gemm, /Relu, grad//Relu/Greater_0
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
@group(0) @binding(4) var<storage, read_write> out1: array<u32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Relu /Relu
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return max(acc, 0.0);
}
// Greater grad//Relu/Greater_0
fn kf2(i: i32, acc: f32) -> u32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return select(0u, 1u, acc > 0.0);
}

const M = 16; const N = 128; const K = 784;
const WG_X = 8; const WG_Y = 4; const KT = 32;
const TILE_M = 16; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

fn kahan4(sum: ptr<function, vec4<f32>>, comp: ptr<function, vec4<f32>>, x: vec4<f32>) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}
// Vec4 matmul: 16x32 tile of C per workgroup, 4x4 registers per invocation, A k, B k.
@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 4) { return; }
  let col0 = (tile % 4) * TILE_N;
  let row0 = ((tile / 4) % 1) * TILE_M;
  let batch = tile / 4;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty * 4 + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty * 4 + 1; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty * 4 + 2; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty * 4 + 3; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx * 4 + 0; let cb0 = min(c0, N - 1);
  let c1 = col0 + tx * 4 + 1; let cb1 = min(c1, N - 1);
  let c2 = col0 + tx * 4 + 2; let cb2 = min(c2, N - 1);
  let c3 = col0 + tx * 4 + 3; let cb3 = min(c3, N - 1);
  var acc0_0 = f32(0.0); var comp0_0 = f32(0.0);
  var acc0_1 = f32(0.0); var comp0_1 = f32(0.0);
  var acc0_2 = f32(0.0); var comp0_2 = f32(0.0);
  var acc0_3 = f32(0.0); var comp0_3 = f32(0.0);
  var acc1_0 = f32(0.0); var comp1_0 = f32(0.0);
  var acc1_1 = f32(0.0); var comp1_1 = f32(0.0);
  var acc1_2 = f32(0.0); var comp1_2 = f32(0.0);
  var acc1_3 = f32(0.0); var comp1_3 = f32(0.0);
  var acc2_0 = f32(0.0); var comp2_0 = f32(0.0);
  var acc2_1 = f32(0.0); var comp2_1 = f32(0.0);
  var acc2_2 = f32(0.0); var comp2_2 = f32(0.0);
  var acc2_3 = f32(0.0); var comp2_3 = f32(0.0);
  var acc3_0 = f32(0.0); var comp3_0 = f32(0.0);
  var acc3_1 = f32(0.0); var comp3_1 = f32(0.0);
  var acc3_2 = f32(0.0); var comp3_2 = f32(0.0);
  var acc3_3 = f32(0.0); var comp3_3 = f32(0.0);
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part0_0 = f32(0.0); var part0_1 = f32(0.0); var part0_2 = f32(0.0); var part0_3 = f32(0.0); var part1_0 = f32(0.0); var part1_1 = f32(0.0); var part1_2 = f32(0.0); var part1_3 = f32(0.0); var part2_0 = f32(0.0); var part2_1 = f32(0.0); var part2_2 = f32(0.0); var part2_3 = f32(0.0); var part3_0 = f32(0.0); var part3_1 = f32(0.0); var part3_2 = f32(0.0); var part3_3 = f32(0.0);
    for (var k = k0; k < kEnd; k += 4) {
      let av0 = in0[(aBase + ra0 * 784 + k) >> 2];
      let av1 = in0[(aBase + ra1 * 784 + k) >> 2];
      let av2 = in0[(aBase + ra2 * 784 + k) >> 2];
      let av3 = in0[(aBase + ra3 * 784 + k) >> 2];
      let bk0 = in1[(bBase + k + cb0 * 784) >> 2];
      let bk1 = in1[(bBase + k + cb1 * 784) >> 2];
      let bk2 = in1[(bBase + k + cb2 * 784) >> 2];
      let bk3 = in1[(bBase + k + cb3 * 784) >> 2];
      part0_0 += dot(av0, bk0);
      part0_1 += dot(av0, bk1);
      part0_2 += dot(av0, bk2);
      part0_3 += dot(av0, bk3);
      part1_0 += dot(av1, bk0);
      part1_1 += dot(av1, bk1);
      part1_2 += dot(av1, bk2);
      part1_3 += dot(av1, bk3);
      part2_0 += dot(av2, bk0);
      part2_1 += dot(av2, bk1);
      part2_2 += dot(av2, bk2);
      part2_3 += dot(av2, bk3);
      part3_0 += dot(av3, bk0);
      part3_1 += dot(av3, bk1);
      part3_2 += dot(av3, bk2);
      part3_3 += dot(av3, bk3);
    }
    kahan(&acc0_0, &comp0_0, part0_0);
    kahan(&acc0_1, &comp0_1, part0_1);
    kahan(&acc0_2, &comp0_2, part0_2);
    kahan(&acc0_3, &comp0_3, part0_3);
    kahan(&acc1_0, &comp1_0, part1_0);
    kahan(&acc1_1, &comp1_1, part1_1);
    kahan(&acc1_2, &comp1_2, part1_2);
    kahan(&acc1_3, &comp1_3, part1_3);
    kahan(&acc2_0, &comp2_0, part2_0);
    kahan(&acc2_1, &comp2_1, part2_1);
    kahan(&acc2_2, &comp2_2, part2_2);
    kahan(&acc2_3, &comp2_3, part2_3);
    kahan(&acc3_0, &comp3_0, part3_0);
    kahan(&acc3_1, &comp3_1, part3_1);
    kahan(&acc3_2, &comp3_2, part3_2);
    kahan(&acc3_3, &comp3_3, part3_3);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 128 + c0; let e_a = acc0_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 128 + c1; let e_a = acc0_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 128 + c2; let e_a = acc0_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 128 + c3; let e_a = acc0_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 128 + c0; let e_a = acc1_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 128 + c1; let e_a = acc1_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 128 + c2; let e_a = acc1_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 128 + c3; let e_a = acc1_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 128 + c0; let e_a = acc2_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 128 + c1; let e_a = acc2_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 128 + c2; let e_a = acc2_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 128 + c3; let e_a = acc2_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 128 + c0; let e_a = acc3_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 128 + c1; let e_a = acc3_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 128 + c2; let e_a = acc3_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 128 + c3; let e_a = acc3_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
}

// ===== kernel 4: Gemm_/layers.1/Gemm
// kiln kernel: /layers.1/Gemm, /Relu_1, grad//Relu_1/Greater_0
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
@group(0) @binding(4) var<storage, read_write> out1: array<u32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Relu /Relu_1
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return max(acc, 0.0);
}
// Greater grad//Relu_1/Greater_0
fn kf2(i: i32, acc: f32) -> u32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return select(0u, 1u, acc > 0.0);
}

const M = 16; const N = 64; const K = 128;
const WG_X = 8; const WG_Y = 4; const KT = 32;
const TILE_M = 16; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

fn kahan4(sum: ptr<function, vec4<f32>>, comp: ptr<function, vec4<f32>>, x: vec4<f32>) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}
// Vec4 matmul: 16x32 tile of C per workgroup, 4x4 registers per invocation, A k, B k.
@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 2) { return; }
  let col0 = (tile % 2) * TILE_N;
  let row0 = ((tile / 2) % 1) * TILE_M;
  let batch = tile / 2;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty * 4 + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty * 4 + 1; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty * 4 + 2; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty * 4 + 3; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx * 4 + 0; let cb0 = min(c0, N - 1);
  let c1 = col0 + tx * 4 + 1; let cb1 = min(c1, N - 1);
  let c2 = col0 + tx * 4 + 2; let cb2 = min(c2, N - 1);
  let c3 = col0 + tx * 4 + 3; let cb3 = min(c3, N - 1);
  var acc0_0 = f32(0.0); var comp0_0 = f32(0.0);
  var acc0_1 = f32(0.0); var comp0_1 = f32(0.0);
  var acc0_2 = f32(0.0); var comp0_2 = f32(0.0);
  var acc0_3 = f32(0.0); var comp0_3 = f32(0.0);
  var acc1_0 = f32(0.0); var comp1_0 = f32(0.0);
  var acc1_1 = f32(0.0); var comp1_1 = f32(0.0);
  var acc1_2 = f32(0.0); var comp1_2 = f32(0.0);
  var acc1_3 = f32(0.0); var comp1_3 = f32(0.0);
  var acc2_0 = f32(0.0); var comp2_0 = f32(0.0);
  var acc2_1 = f32(0.0); var comp2_1 = f32(0.0);
  var acc2_2 = f32(0.0); var comp2_2 = f32(0.0);
  var acc2_3 = f32(0.0); var comp2_3 = f32(0.0);
  var acc3_0 = f32(0.0); var comp3_0 = f32(0.0);
  var acc3_1 = f32(0.0); var comp3_1 = f32(0.0);
  var acc3_2 = f32(0.0); var comp3_2 = f32(0.0);
  var acc3_3 = f32(0.0); var comp3_3 = f32(0.0);
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part0_0 = f32(0.0); var part0_1 = f32(0.0); var part0_2 = f32(0.0); var part0_3 = f32(0.0); var part1_0 = f32(0.0); var part1_1 = f32(0.0); var part1_2 = f32(0.0); var part1_3 = f32(0.0); var part2_0 = f32(0.0); var part2_1 = f32(0.0); var part2_2 = f32(0.0); var part2_3 = f32(0.0); var part3_0 = f32(0.0); var part3_1 = f32(0.0); var part3_2 = f32(0.0); var part3_3 = f32(0.0);
    for (var k = k0; k < kEnd; k += 4) {
      let av0 = in0[(aBase + ra0 * 128 + k) >> 2];
      let av1 = in0[(aBase + ra1 * 128 + k) >> 2];
      let av2 = in0[(aBase + ra2 * 128 + k) >> 2];
      let av3 = in0[(aBase + ra3 * 128 + k) >> 2];
      let bk0 = in1[(bBase + k + cb0 * 128) >> 2];
      let bk1 = in1[(bBase + k + cb1 * 128) >> 2];
      let bk2 = in1[(bBase + k + cb2 * 128) >> 2];
      let bk3 = in1[(bBase + k + cb3 * 128) >> 2];
      part0_0 += dot(av0, bk0);
      part0_1 += dot(av0, bk1);
      part0_2 += dot(av0, bk2);
      part0_3 += dot(av0, bk3);
      part1_0 += dot(av1, bk0);
      part1_1 += dot(av1, bk1);
      part1_2 += dot(av1, bk2);
      part1_3 += dot(av1, bk3);
      part2_0 += dot(av2, bk0);
      part2_1 += dot(av2, bk1);
      part2_2 += dot(av2, bk2);
      part2_3 += dot(av2, bk3);
      part3_0 += dot(av3, bk0);
      part3_1 += dot(av3, bk1);
      part3_2 += dot(av3, bk2);
      part3_3 += dot(av3, bk3);
    }
    kahan(&acc0_0, &comp0_0, part0_0);
    kahan(&acc0_1, &comp0_1, part0_1);
    kahan(&acc0_2, &comp0_2, part0_2);
    kahan(&acc0_3, &comp0_3, part0_3);
    kahan(&acc1_0, &comp1_0, part1_0);
    kahan(&acc1_1, &comp1_1, part1_1);
    kahan(&acc1_2, &comp1_2, part1_2);
    kahan(&acc1_3, &comp1_3, part1_3);
    kahan(&acc2_0, &comp2_0, part2_0);
    kahan(&acc2_1, &comp2_1, part2_1);
    kahan(&acc2_2, &comp2_2, part2_2);
    kahan(&acc2_3, &comp2_3, part2_3);
    kahan(&acc3_0, &comp3_0, part3_0);
    kahan(&acc3_1, &comp3_1, part3_1);
    kahan(&acc3_2, &comp3_2, part3_2);
    kahan(&acc3_3, &comp3_3, part3_3);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 64 + c0; let e_a = acc0_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 64 + c1; let e_a = acc0_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 64 + c2; let e_a = acc0_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 64 + c3; let e_a = acc0_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 64 + c0; let e_a = acc1_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 64 + c1; let e_a = acc1_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 64 + c2; let e_a = acc1_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 64 + c3; let e_a = acc1_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 64 + c0; let e_a = acc2_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 64 + c1; let e_a = acc2_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 64 + c2; let e_a = acc2_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 64 + c3; let e_a = acc2_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 64 + c0; let e_a = acc3_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 64 + c1; let e_a = acc3_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 64 + c2; let e_a = acc3_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 64 + c3; let e_a = acc3_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a); let o1 = kf2(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1;
  } }
}

// ===== kernel 5: Gemm_/layers.2/Gemm
// kiln kernel: /layers.2/Gemm
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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


const M = 16; const N = 10; const K = 64;
const WG_X = 8; const WG_Y = 4; const KT = 32;
const TILE_M = 16; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

fn kahan4(sum: ptr<function, vec4<f32>>, comp: ptr<function, vec4<f32>>, x: vec4<f32>) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}
// Vec4 matmul: 16x32 tile of C per workgroup, 4x4 registers per invocation, A k, B k.
@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 1) { return; }
  let col0 = (tile % 1) * TILE_N;
  let row0 = ((tile / 1) % 1) * TILE_M;
  let batch = tile / 1;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty * 4 + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty * 4 + 1; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty * 4 + 2; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty * 4 + 3; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx * 4 + 0; let cb0 = min(c0, N - 1);
  let c1 = col0 + tx * 4 + 1; let cb1 = min(c1, N - 1);
  let c2 = col0 + tx * 4 + 2; let cb2 = min(c2, N - 1);
  let c3 = col0 + tx * 4 + 3; let cb3 = min(c3, N - 1);
  var acc0_0 = f32(0.0); var comp0_0 = f32(0.0);
  var acc0_1 = f32(0.0); var comp0_1 = f32(0.0);
  var acc0_2 = f32(0.0); var comp0_2 = f32(0.0);
  var acc0_3 = f32(0.0); var comp0_3 = f32(0.0);
  var acc1_0 = f32(0.0); var comp1_0 = f32(0.0);
  var acc1_1 = f32(0.0); var comp1_1 = f32(0.0);
  var acc1_2 = f32(0.0); var comp1_2 = f32(0.0);
  var acc1_3 = f32(0.0); var comp1_3 = f32(0.0);
  var acc2_0 = f32(0.0); var comp2_0 = f32(0.0);
  var acc2_1 = f32(0.0); var comp2_1 = f32(0.0);
  var acc2_2 = f32(0.0); var comp2_2 = f32(0.0);
  var acc2_3 = f32(0.0); var comp2_3 = f32(0.0);
  var acc3_0 = f32(0.0); var comp3_0 = f32(0.0);
  var acc3_1 = f32(0.0); var comp3_1 = f32(0.0);
  var acc3_2 = f32(0.0); var comp3_2 = f32(0.0);
  var acc3_3 = f32(0.0); var comp3_3 = f32(0.0);
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part0_0 = f32(0.0); var part0_1 = f32(0.0); var part0_2 = f32(0.0); var part0_3 = f32(0.0); var part1_0 = f32(0.0); var part1_1 = f32(0.0); var part1_2 = f32(0.0); var part1_3 = f32(0.0); var part2_0 = f32(0.0); var part2_1 = f32(0.0); var part2_2 = f32(0.0); var part2_3 = f32(0.0); var part3_0 = f32(0.0); var part3_1 = f32(0.0); var part3_2 = f32(0.0); var part3_3 = f32(0.0);
    for (var k = k0; k < kEnd; k += 4) {
      let av0 = in0[(aBase + ra0 * 64 + k) >> 2];
      let av1 = in0[(aBase + ra1 * 64 + k) >> 2];
      let av2 = in0[(aBase + ra2 * 64 + k) >> 2];
      let av3 = in0[(aBase + ra3 * 64 + k) >> 2];
      let bk0 = in1[(bBase + k + cb0 * 64) >> 2];
      let bk1 = in1[(bBase + k + cb1 * 64) >> 2];
      let bk2 = in1[(bBase + k + cb2 * 64) >> 2];
      let bk3 = in1[(bBase + k + cb3 * 64) >> 2];
      part0_0 += dot(av0, bk0);
      part0_1 += dot(av0, bk1);
      part0_2 += dot(av0, bk2);
      part0_3 += dot(av0, bk3);
      part1_0 += dot(av1, bk0);
      part1_1 += dot(av1, bk1);
      part1_2 += dot(av1, bk2);
      part1_3 += dot(av1, bk3);
      part2_0 += dot(av2, bk0);
      part2_1 += dot(av2, bk1);
      part2_2 += dot(av2, bk2);
      part2_3 += dot(av2, bk3);
      part3_0 += dot(av3, bk0);
      part3_1 += dot(av3, bk1);
      part3_2 += dot(av3, bk2);
      part3_3 += dot(av3, bk3);
    }
    kahan(&acc0_0, &comp0_0, part0_0);
    kahan(&acc0_1, &comp0_1, part0_1);
    kahan(&acc0_2, &comp0_2, part0_2);
    kahan(&acc0_3, &comp0_3, part0_3);
    kahan(&acc1_0, &comp1_0, part1_0);
    kahan(&acc1_1, &comp1_1, part1_1);
    kahan(&acc1_2, &comp1_2, part1_2);
    kahan(&acc1_3, &comp1_3, part1_3);
    kahan(&acc2_0, &comp2_0, part2_0);
    kahan(&acc2_1, &comp2_1, part2_1);
    kahan(&acc2_2, &comp2_2, part2_2);
    kahan(&acc2_3, &comp2_3, part2_3);
    kahan(&acc3_0, &comp3_0, part3_0);
    kahan(&acc3_1, &comp3_1, part3_1);
    kahan(&acc3_2, &comp3_2, part3_2);
    kahan(&acc3_3, &comp3_3, part3_3);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 10 + c0; let e_a = acc0_0 + in2[0 + c0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 10 + c1; let e_a = acc0_1 + in2[0 + c1];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 10 + c2; let e_a = acc0_2 + in2[0 + c2];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 10 + c3; let e_a = acc0_3 + in2[0 + c3];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 10 + c0; let e_a = acc1_0 + in2[0 + c0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 10 + c1; let e_a = acc1_1 + in2[0 + c1];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 10 + c2; let e_a = acc1_2 + in2[0 + c2];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 10 + c3; let e_a = acc1_3 + in2[0 + c3];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 10 + c0; let e_a = acc2_0 + in2[0 + c0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 10 + c1; let e_a = acc2_1 + in2[0 + c1];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 10 + c2; let e_a = acc2_2 + in2[0 + c2];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 10 + c3; let e_a = acc2_3 + in2[0 + c3];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 10 + c0; let e_a = acc3_0 + in2[0 + c0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 10 + c1; let e_a = acc3_1 + in2[0 + c1];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 10 + c2; let e_a = acc3_2 + in2[0 + c2];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 10 + c3; let e_a = acc3_3 + in2[0 + c3];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
}

// ===== kernel 6: ReduceMax_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceMax_0
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceMax_0, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/StopGradient_1, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_2, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_4, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Log_5, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Equal_16, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Where_18, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_19, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Neg_20, grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Where_18/Where_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<i32>;
@group(0) @binding(2) var<storage, read_write> in2: array<i32>;
@group(0) @binding(3) var<storage, read_write> in3: array<f32>;
@group(0) @binding(4) var<storage, read_write> out0: array<f32>;
@group(0) @binding(5) var<storage, read_write> out1: array<f32>;
@group(0) @binding(6) var<storage, read_write> out2: array<f32>;
@group(0) @binding(7) var<storage, read_write> out3: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// StopGradient train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/StopGradient_1
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 1; c_rest = c_rest / 1;
  let c0 = c_rest;
  return kr0;
}
// Sub train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_2
fn kf2(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return (in0[c0 * 10 + c1] - kf1(c0));
}
// Exp train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3
fn kf3(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return kiln_exp(kf2(c0 * 10 + c1));
}
// Log train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Log_5
fn kf5(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 1; c_rest = c_rest / 1;
  let c0 = c_rest;
  return log(kr4);
}
// Sub train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6
fn kf6(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return (kf2(c0 * 10 + c1) - kf5(c0));
}
// Equal train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Equal_16
fn kf7(i: i32) -> u32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return select(0u, 1u, in1[c1] == in2[c0]);
}
// Where train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Where_18
fn kf8(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return select(0.0, kf6(c0 * 10 + c1), kf7(c0 * 10 + c1) != 0u);
}
// Neg train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Neg_20
fn kf10(i: i32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (-kr9);
}
// Where grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Where_18/Where_0
fn kf11(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return select(0.0, in3[c0 * 10 + c1], kf7(c0 * 10 + c1) != 0u);
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

var<private> kr0: f32;
var<private> kr4: f32;
var<private> kr9: f32;
fn kiln_row_flat(r: i32, e: i32) -> i32 {
  var k_rest = r;
  let k0 = k_rest;
  var q_rest = e;
  let q0 = q_rest;
  return k0 * 10 + q0 * 1;
}
fn kiln_row_in0(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return in0[c0 * 10 + c1];
}
fn kiln_row_in4(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return kf3(c0 * 10 + c1);
}
fn kiln_row_in9(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return kf8(c0 * 10 + c1);
}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16) { return; }
  // Row kernel: one invocation per row of 10 elements, 3 reduction phase(s), folded serially.
  let row = idx;
  { // phase: ReduceMax train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceMax_0
    var acc: f32 = (-bitcast<f32>(kiln_inf_bits));
    for (var e = 0; e < 10; e++) {
      let x = kiln_row_in0(kiln_row_flat(row, e));
      acc = kiln_max_nan(acc, x);
    }
    kr0 = acc;
  }
  { // phase: ReduceSum train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_4
    var acc: f32 = 0.0;
    for (var e = 0; e < 10; e++) {
      let x = kiln_row_in4(kiln_row_flat(row, e));
      acc = acc + x;
    }
    kr4 = acc;
  }
  { // phase: ReduceSum train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_19
    var acc: f32 = 0.0;
    for (var e = 0; e < 10; e++) {
      let x = kiln_row_in9(kiln_row_flat(row, e));
      acc = acc + x;
    }
    kr9 = acc;
  }
  out1[row] = kr4; out2[row] = kf10(row);
  for (var e = 0; e < 10; e++) {
    let i = kiln_row_flat(row, e);
    out0[i] = kf3(i); out3[i] = kf11(i);
  }
}

// ===== kernel 7: ReduceSum_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_21
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_21, train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Div_23
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Div train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Div_23
fn kf1(i: i32, acc: f32) -> f32 {
  
  return (acc / 16.0);
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 1) { return; }
  // ReduceSum: one invocation per output element folds its 16 reduced elements.
  let base = 0;
  var acc: f32 = 0.0;
  for (var r = 0; r < 16; r += 1) {
    let roff = r;
    acc = acc + in0[base + roff];
  }
  {
    let e_i = idx; let e_a = acc;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  }
}

// ===== kernel 8: ReduceSum_grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6/ReduceSum_1
// kiln kernel: grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6/Neg_0, grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6/ReduceSum_1, grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Log_5/Div_0, grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3/Mul_0, grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3/accumulate
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Neg grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6/Neg_0
fn kf0(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return (-in0[c0 * 10 + c1]);
}
// Div grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Log_5/Div_0
fn kf2(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 1; c_rest = c_rest / 1;
  let c0 = c_rest;
  return (kr1 / in1[c0]);
}
// Mul grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3/Mul_0
fn kf3(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return (kf2(c0) * in2[c0 * 10 + c1]);
}
// Add grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3/accumulate
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return (in0[c0 * 10 + c1] + kf3(c0 * 10 + c1));
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

var<private> kr1: f32;
fn kiln_row_flat(r: i32, e: i32) -> i32 {
  var k_rest = r;
  let k0 = k_rest;
  var q_rest = e;
  let q0 = q_rest;
  return k0 * 10 + q0 * 1;
}
fn kiln_row_in1(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return kf0(c0 * 10 + c1);
}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16) { return; }
  // Row kernel: one invocation per row of 10 elements, 1 reduction phase(s), folded serially.
  let row = idx;
  { // phase: ReduceSum grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6/ReduceSum_1
    var acc: f32 = 0.0;
    for (var e = 0; e < 10; e++) {
      let x = kiln_row_in1(kiln_row_flat(row, e));
      acc = acc + x;
    }
    kr1 = acc;
  }
  
  for (var e = 0; e < 10; e++) {
    let i = kiln_row_flat(row, e);
    out0[i] = kf4(i);
  }
}

// ===== kernel 9: Gemm_grad//layers.2/Gemm/Gemm_0
// kiln kernel: grad//layers.2/Gemm/Gemm_0, grad//Relu_1/Where_1
@group(0) @binding(0) var<storage, read_write> in0: array<u32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Where grad//Relu_1/Where_1
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return select(0.0, acc, in0[c0 * 64 + c1] != 0u);
}

const M = 16; const N = 64; const K = 10;
const WG_X = 8; const WG_Y = 4; const KT = 32;
const TILE_M = 16; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Register-blocked matmul: 16x32 tile of C per workgroup, 4x4 registers per invocation, no workgroup memory.
@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 2) { return; }
  let col0 = (tile % 2) * TILE_N;
  let row0 = ((tile / 2) % 1) * TILE_M;
  let batch = tile / 2;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty + 4; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty + 8; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty + 12; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx + 0; let cb0 = min(c0, N - 1);
  let c1 = col0 + tx + 8; let cb1 = min(c1, N - 1);
  let c2 = col0 + tx + 16; let cb2 = min(c2, N - 1);
  let c3 = col0 + tx + 24; let cb3 = min(c3, N - 1);
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0; var acc02 = 0.0; var comp02 = 0.0; var acc03 = 0.0; var comp03 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0; var acc12 = 0.0; var comp12 = 0.0; var acc13 = 0.0; var comp13 = 0.0;
  var acc20 = 0.0; var comp20 = 0.0; var acc21 = 0.0; var comp21 = 0.0; var acc22 = 0.0; var comp22 = 0.0; var acc23 = 0.0; var comp23 = 0.0;
  var acc30 = 0.0; var comp30 = 0.0; var acc31 = 0.0; var comp31 = 0.0; var acc32 = 0.0; var comp32 = 0.0; var acc33 = 0.0; var comp33 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part00 = 0.0; var part01 = 0.0; var part02 = 0.0; var part03 = 0.0;
    var part10 = 0.0; var part11 = 0.0; var part12 = 0.0; var part13 = 0.0;
    var part20 = 0.0; var part21 = 0.0; var part22 = 0.0; var part23 = 0.0;
    var part30 = 0.0; var part31 = 0.0; var part32 = 0.0; var part33 = 0.0;
    for (var k = k0; k < kEnd; k++) {
      let a0 = in1[aBase + ra0 * 10 + k]; let a1 = in1[aBase + ra1 * 10 + k]; let a2 = in1[aBase + ra2 * 10 + k]; let a3 = in1[aBase + ra3 * 10 + k];
      let b0 = in2[(bBase + k * 64 + cb0) >> 2][(bBase + k * 64 + cb0) & 3];
      let b1 = in2[(bBase + k * 64 + cb1) >> 2][(bBase + k * 64 + cb1) & 3];
      let b2 = in2[(bBase + k * 64 + cb2) >> 2][(bBase + k * 64 + cb2) & 3];
      let b3 = in2[(bBase + k * 64 + cb3) >> 2][(bBase + k * 64 + cb3) & 3];
      part00 += a0 * b0; part01 += a0 * b1; part02 += a0 * b2; part03 += a0 * b3;
      part10 += a1 * b0; part11 += a1 * b1; part12 += a1 * b2; part13 += a1 * b3;
      part20 += a2 * b0; part21 += a2 * b1; part22 += a2 * b2; part23 += a2 * b3;
      part30 += a3 * b0; part31 += a3 * b1; part32 += a3 * b2; part33 += a3 * b3;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01); kahan(&acc02, &comp02, part02); kahan(&acc03, &comp03, part03);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11); kahan(&acc12, &comp12, part12); kahan(&acc13, &comp13, part13);
    kahan(&acc20, &comp20, part20); kahan(&acc21, &comp21, part21); kahan(&acc22, &comp22, part22); kahan(&acc23, &comp23, part23);
    kahan(&acc30, &comp30, part30); kahan(&acc31, &comp31, part31); kahan(&acc32, &comp32, part32); kahan(&acc33, &comp33, part33);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 64 + c0; let e_a = acc00;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 64 + c1; let e_a = acc01;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 64 + c2; let e_a = acc02;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 64 + c3; let e_a = acc03;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 64 + c0; let e_a = acc10;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 64 + c1; let e_a = acc11;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 64 + c2; let e_a = acc12;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 64 + c3; let e_a = acc13;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 64 + c0; let e_a = acc20;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 64 + c1; let e_a = acc21;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 64 + c2; let e_a = acc22;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 64 + c3; let e_a = acc23;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 64 + c0; let e_a = acc30;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 64 + c1; let e_a = acc31;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 64 + c2; let e_a = acc32;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 64 + c3; let e_a = acc33;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 10: Gemm_grad//layers.1/Gemm/Gemm_0
// kiln kernel: grad//layers.1/Gemm/Gemm_0, grad//Relu/Where_1
@group(0) @binding(0) var<storage, read_write> in0: array<u32>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> in2: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Where grad//Relu/Where_1
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return select(0.0, acc, in0[c0 * 128 + c1] != 0u);
}

const M = 16; const N = 128; const K = 64;
const WG_X = 8; const WG_Y = 4; const KT = 32;
const TILE_M = 16; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

fn kahan4(sum: ptr<function, vec4<f32>>, comp: ptr<function, vec4<f32>>, x: vec4<f32>) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}
// Vec4 matmul: 16x32 tile of C per workgroup, 4x4 registers per invocation, A k, B col.
@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 4) { return; }
  let col0 = (tile % 4) * TILE_N;
  let row0 = ((tile / 4) % 1) * TILE_M;
  let batch = tile / 4;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty * 4 + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty * 4 + 1; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty * 4 + 2; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty * 4 + 3; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx * 4 + 0; let cb0 = min(c0, N - 1);
  let c1 = col0 + tx * 4 + 1; let cb1 = min(c1, N - 1);
  let c2 = col0 + tx * 4 + 2; let cb2 = min(c2, N - 1);
  let c3 = col0 + tx * 4 + 3; let cb3 = min(c3, N - 1);
  let cb4_0 = min(c0, N - 4);
  var acc0_0 = vec4<f32>(0.0); var comp0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0); var comp1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0); var comp2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0); var comp3_0 = vec4<f32>(0.0);
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part0_0 = vec4<f32>(0.0); var part1_0 = vec4<f32>(0.0); var part2_0 = vec4<f32>(0.0); var part3_0 = vec4<f32>(0.0);
    for (var k = k0; k < kEnd; k += 4) {
      let av0 = in1[(aBase + ra0 * 64 + k) >> 2];
      let av1 = in1[(aBase + ra1 * 64 + k) >> 2];
      let av2 = in1[(aBase + ra2 * 64 + k) >> 2];
      let av3 = in1[(aBase + ra3 * 64 + k) >> 2];
      let b0_0 = in2[(bBase + (k + 0) * 128 + cb4_0) >> 2];
      let b1_0 = in2[(bBase + (k + 1) * 128 + cb4_0) >> 2];
      let b2_0 = in2[(bBase + (k + 2) * 128 + cb4_0) >> 2];
      let b3_0 = in2[(bBase + (k + 3) * 128 + cb4_0) >> 2];
      part0_0 += av0.x * b0_0 + av0.y * b1_0 + av0.z * b2_0 + av0.w * b3_0;
      part1_0 += av1.x * b0_0 + av1.y * b1_0 + av1.z * b2_0 + av1.w * b3_0;
      part2_0 += av2.x * b0_0 + av2.y * b1_0 + av2.z * b2_0 + av2.w * b3_0;
      part3_0 += av3.x * b0_0 + av3.y * b1_0 + av3.z * b2_0 + av3.w * b3_0;
    }
    kahan4(&acc0_0, &comp0_0, part0_0);
    kahan4(&acc1_0, &comp1_0, part1_0);
    kahan4(&acc2_0, &comp2_0, part2_0);
    kahan4(&acc3_0, &comp3_0, part3_0);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 128 + c0; let e_a = acc0_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 128 + c1; let e_a = acc0_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 128 + c2; let e_a = acc0_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 128 + c3; let e_a = acc0_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 128 + c0; let e_a = acc1_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 128 + c1; let e_a = acc1_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 128 + c2; let e_a = acc1_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 128 + c3; let e_a = acc1_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 128 + c0; let e_a = acc2_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 128 + c1; let e_a = acc2_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 128 + c2; let e_a = acc2_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 128 + c3; let e_a = acc2_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 128 + c0; let e_a = acc3_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 128 + c1; let e_a = acc3_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 128 + c2; let e_a = acc3_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 128 + c3; let e_a = acc3_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 11: fused_update/Sqrt_12
// kiln kernel: update/Sqrt_12
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Sqrt update/Sqrt_12
fn kf0(i: i32) -> f32 {
  
  return sqrt(in0[0]);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 1) { return; }
  {
    let e_i = idx;
    let o0 = kf0(e_i);
    out0[e_i] = o0;
  }
}

// ===== kernel 12: fused_update/Div_16
// kiln kernel: update/Div_16
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Div update/Div_16
fn kf0(i: i32) -> f32 {
  
  return (in0[0] / in1[0]);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 1) { return; }
  {
    let e_i = idx;
    let o0 = kf0(e_i);
    out0[e_i] = o0;
  }
}

// ===== kernel 13: Gemm_grad//layers.0/Gemm/Gemm_0
// kiln kernel: grad//layers.0/Gemm/Gemm_0, update/Mul_1, update/Mul_3, update/Add_4, update/Mul_6, update/Mul_8, update/Mul_9, update/Add_10, update/Sqrt_11, update/Div_13, update/Add_15, update/Div_17, update/Mul_18, update/Sub_19
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> in3: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> out0: array<f32>;
@group(0) @binding(5) var<storage, read_write> out1: array<f32>;
@group(0) @binding(6) var<storage, read_write> out2: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Mul update/Mul_1
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (f32(0.8999999761581421) * out0[c0 * 784 + c1]);
}
// Mul update/Mul_3
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (f32(0.10000000149011612) * acc);
}
// Add update/Add_4
fn kf3(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (kf1(c0 * 784 + c1) + kf2(c0 * 784 + c1, acc));
}
// Mul update/Mul_6
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (f32(0.9990000128746033) * out1[c0 * 784 + c1]);
}
// Mul update/Mul_8
fn kf5(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (acc * acc);
}
// Mul update/Mul_9
fn kf6(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (f32(0.0010000000474974513) * kf5(c0 * 784 + c1, acc));
}
// Add update/Add_10
fn kf7(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (kf4(c0 * 784 + c1) + kf6(c0 * 784 + c1, acc));
}
// Sqrt update/Sqrt_11
fn kf8(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return sqrt(kf7(c0 * 784 + c1, acc));
}
// Div update/Div_13
fn kf9(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (kf8(c0 * 784 + c1, acc) / in0[0]);
}
// Add update/Add_15
fn kf10(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (kf9(c0 * 784 + c1, acc) + f32(9.99999993922529e-9));
}
// Div update/Div_17
fn kf11(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (kf3(c0 * 784 + c1, acc) / kf10(c0 * 784 + c1, acc));
}
// Mul update/Mul_18
fn kf12(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (in1[0] * kf11(c0 * 784 + c1, acc));
}
// Sub update/Sub_19
fn kf13(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  return (out2[c0 * 784 + c1] - kf12(c0 * 784 + c1, acc));
}

const M = 128; const N = 784; const K = 16;
const WG_X = 8; const WG_Y = 8; const KT = 32;
const TILE_M = 32; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

fn kahan4(sum: ptr<function, vec4<f32>>, comp: ptr<function, vec4<f32>>, x: vec4<f32>) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}
// Vec4 matmul: 32x32 tile of C per workgroup, 4x4 registers per invocation, A row, B col.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 100) { return; }
  let col0 = (tile % 25) * TILE_N;
  let row0 = ((tile / 25) % 4) * TILE_M;
  let batch = tile / 100;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty * 4 + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty * 4 + 1; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty * 4 + 2; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty * 4 + 3; let ra3 = min(r3, M - 1);
  let ra4_0 = min(r0, M - 4);
  let c0 = col0 + tx * 4 + 0; let cb0 = min(c0, N - 1);
  let c1 = col0 + tx * 4 + 1; let cb1 = min(c1, N - 1);
  let c2 = col0 + tx * 4 + 2; let cb2 = min(c2, N - 1);
  let c3 = col0 + tx * 4 + 3; let cb3 = min(c3, N - 1);
  let cb4_0 = min(c0, N - 4);
  var acc0_0 = vec4<f32>(0.0); var comp0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0); var comp1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0); var comp2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0); var comp3_0 = vec4<f32>(0.0);
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part0_0 = vec4<f32>(0.0); var part1_0 = vec4<f32>(0.0); var part2_0 = vec4<f32>(0.0); var part3_0 = vec4<f32>(0.0);
    for (var k = k0; k < kEnd; k += 4) {
      let ar0_0 = in2[(aBase + ra4_0 + (k + 0) * 128) >> 2];
      let ar0_1 = in2[(aBase + ra4_0 + (k + 1) * 128) >> 2];
      let ar0_2 = in2[(aBase + ra4_0 + (k + 2) * 128) >> 2];
      let ar0_3 = in2[(aBase + ra4_0 + (k + 3) * 128) >> 2];
      let b0_0 = in3[(bBase + (k + 0) * 784 + cb4_0) >> 2];
      let b1_0 = in3[(bBase + (k + 1) * 784 + cb4_0) >> 2];
      let b2_0 = in3[(bBase + (k + 2) * 784 + cb4_0) >> 2];
      let b3_0 = in3[(bBase + (k + 3) * 784 + cb4_0) >> 2];
      part0_0 += ar0_0.x * b0_0 + ar0_1.x * b1_0 + ar0_2.x * b2_0 + ar0_3.x * b3_0;
      part1_0 += ar0_0.y * b0_0 + ar0_1.y * b1_0 + ar0_2.y * b2_0 + ar0_3.y * b3_0;
      part2_0 += ar0_0.z * b0_0 + ar0_1.z * b1_0 + ar0_2.z * b2_0 + ar0_3.z * b3_0;
      part3_0 += ar0_0.w * b0_0 + ar0_1.w * b1_0 + ar0_2.w * b2_0 + ar0_3.w * b3_0;
    }
    kahan4(&acc0_0, &comp0_0, part0_0);
    kahan4(&acc1_0, &comp1_0, part1_0);
    kahan4(&acc2_0, &comp2_0, part2_0);
    kahan4(&acc3_0, &comp3_0, part3_0);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 784 + c0; let e_a = acc0_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 784 + c1; let e_a = acc0_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 784 + c2; let e_a = acc0_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 784 + c3; let e_a = acc0_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 784 + c0; let e_a = acc1_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 784 + c1; let e_a = acc1_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 784 + c2; let e_a = acc1_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 784 + c3; let e_a = acc1_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 784 + c0; let e_a = acc2_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 784 + c1; let e_a = acc2_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 784 + c2; let e_a = acc2_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 784 + c3; let e_a = acc2_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 784 + c0; let e_a = acc3_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 784 + c1; let e_a = acc3_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 784 + c2; let e_a = acc3_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 784 + c3; let e_a = acc3_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
}

// ===== kernel 14: ReduceSum_grad//layers.0/Gemm/ReduceSum_1
// kiln kernel: grad//layers.0/Gemm/ReduceSum_1, update/Mul_21, update/Mul_23, update/Add_24, update/Mul_26, update/Mul_28, update/Mul_29, update/Add_30, update/Sqrt_31, update/Div_33, update/Add_35, update/Div_37, update/Mul_38, update/Sub_39
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
@group(0) @binding(4) var<storage, read_write> out1: array<f32>;
@group(0) @binding(5) var<storage, read_write> out2: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Mul update/Mul_21
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.8999999761581421) * out0[c0]);
}
// Mul update/Mul_23
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.10000000149011612) * acc);
}
// Add update/Add_24
fn kf3(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf1(c0) + kf2(c0, acc));
}
// Mul update/Mul_26
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.9990000128746033) * out1[c0]);
}
// Mul update/Mul_28
fn kf5(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (acc * acc);
}
// Mul update/Mul_29
fn kf6(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.0010000000474974513) * kf5(c0, acc));
}
// Add update/Add_30
fn kf7(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf4(c0) + kf6(c0, acc));
}
// Sqrt update/Sqrt_31
fn kf8(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return sqrt(kf7(c0, acc));
}
// Div update/Div_33
fn kf9(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf8(c0, acc) / in0[0]);
}
// Add update/Add_35
fn kf10(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf9(c0, acc) + f32(9.99999993922529e-9));
}
// Div update/Div_37
fn kf11(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf3(c0, acc) / kf10(c0, acc));
}
// Mul update/Mul_38
fn kf12(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (in1[0] * kf11(c0, acc));
}
// Sub update/Sub_39
fn kf13(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (out2[c0] - kf12(c0, acc));
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 128) { return; }
  // ReduceSum: one invocation per output element folds its 16 reduced elements.
  let base = idx;
  var acc: f32 = 0.0;
  for (var r = 0; r < 16; r += 1) {
    let roff = r * 128;
    acc = acc + in2[base + roff];
  }
  {
    let e_i = idx; let e_a = acc;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  }
}

// ===== kernel 15: Gemm_grad//layers.1/Gemm/Gemm_1
// kiln kernel: grad//layers.1/Gemm/Gemm_1, update/Mul_41, update/Mul_43, update/Add_44, update/Mul_46, update/Mul_48, update/Mul_49, update/Add_50, update/Sqrt_51, update/Div_53, update/Add_55, update/Div_57, update/Mul_58, update/Sub_59
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> in3: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> out0: array<f32>;
@group(0) @binding(5) var<storage, read_write> out1: array<f32>;
@group(0) @binding(6) var<storage, read_write> out2: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Mul update/Mul_41
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (f32(0.8999999761581421) * out0[c0 * 128 + c1]);
}
// Mul update/Mul_43
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (f32(0.10000000149011612) * acc);
}
// Add update/Add_44
fn kf3(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (kf1(c0 * 128 + c1) + kf2(c0 * 128 + c1, acc));
}
// Mul update/Mul_46
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (f32(0.9990000128746033) * out1[c0 * 128 + c1]);
}
// Mul update/Mul_48
fn kf5(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (acc * acc);
}
// Mul update/Mul_49
fn kf6(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (f32(0.0010000000474974513) * kf5(c0 * 128 + c1, acc));
}
// Add update/Add_50
fn kf7(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (kf4(c0 * 128 + c1) + kf6(c0 * 128 + c1, acc));
}
// Sqrt update/Sqrt_51
fn kf8(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return sqrt(kf7(c0 * 128 + c1, acc));
}
// Div update/Div_53
fn kf9(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (kf8(c0 * 128 + c1, acc) / in0[0]);
}
// Add update/Add_55
fn kf10(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (kf9(c0 * 128 + c1, acc) + f32(9.99999993922529e-9));
}
// Div update/Div_57
fn kf11(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (kf3(c0 * 128 + c1, acc) / kf10(c0 * 128 + c1, acc));
}
// Mul update/Mul_58
fn kf12(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (in1[0] * kf11(c0 * 128 + c1, acc));
}
// Sub update/Sub_59
fn kf13(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return (out2[c0 * 128 + c1] - kf12(c0 * 128 + c1, acc));
}

const M = 64; const N = 128; const K = 16;
const WG_X = 8; const WG_Y = 4; const KT = 32;
const TILE_M = 16; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

fn kahan4(sum: ptr<function, vec4<f32>>, comp: ptr<function, vec4<f32>>, x: vec4<f32>) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}
// Vec4 matmul: 16x32 tile of C per workgroup, 4x4 registers per invocation, A row, B col.
@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 16) { return; }
  let col0 = (tile % 4) * TILE_N;
  let row0 = ((tile / 4) % 4) * TILE_M;
  let batch = tile / 16;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty * 4 + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty * 4 + 1; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty * 4 + 2; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty * 4 + 3; let ra3 = min(r3, M - 1);
  let ra4_0 = min(r0, M - 4);
  let c0 = col0 + tx * 4 + 0; let cb0 = min(c0, N - 1);
  let c1 = col0 + tx * 4 + 1; let cb1 = min(c1, N - 1);
  let c2 = col0 + tx * 4 + 2; let cb2 = min(c2, N - 1);
  let c3 = col0 + tx * 4 + 3; let cb3 = min(c3, N - 1);
  let cb4_0 = min(c0, N - 4);
  var acc0_0 = vec4<f32>(0.0); var comp0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0); var comp1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0); var comp2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0); var comp3_0 = vec4<f32>(0.0);
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part0_0 = vec4<f32>(0.0); var part1_0 = vec4<f32>(0.0); var part2_0 = vec4<f32>(0.0); var part3_0 = vec4<f32>(0.0);
    for (var k = k0; k < kEnd; k += 4) {
      let ar0_0 = in2[(aBase + ra4_0 + (k + 0) * 64) >> 2];
      let ar0_1 = in2[(aBase + ra4_0 + (k + 1) * 64) >> 2];
      let ar0_2 = in2[(aBase + ra4_0 + (k + 2) * 64) >> 2];
      let ar0_3 = in2[(aBase + ra4_0 + (k + 3) * 64) >> 2];
      let b0_0 = in3[(bBase + (k + 0) * 128 + cb4_0) >> 2];
      let b1_0 = in3[(bBase + (k + 1) * 128 + cb4_0) >> 2];
      let b2_0 = in3[(bBase + (k + 2) * 128 + cb4_0) >> 2];
      let b3_0 = in3[(bBase + (k + 3) * 128 + cb4_0) >> 2];
      part0_0 += ar0_0.x * b0_0 + ar0_1.x * b1_0 + ar0_2.x * b2_0 + ar0_3.x * b3_0;
      part1_0 += ar0_0.y * b0_0 + ar0_1.y * b1_0 + ar0_2.y * b2_0 + ar0_3.y * b3_0;
      part2_0 += ar0_0.z * b0_0 + ar0_1.z * b1_0 + ar0_2.z * b2_0 + ar0_3.z * b3_0;
      part3_0 += ar0_0.w * b0_0 + ar0_1.w * b1_0 + ar0_2.w * b2_0 + ar0_3.w * b3_0;
    }
    kahan4(&acc0_0, &comp0_0, part0_0);
    kahan4(&acc1_0, &comp1_0, part1_0);
    kahan4(&acc2_0, &comp2_0, part2_0);
    kahan4(&acc3_0, &comp3_0, part3_0);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 128 + c0; let e_a = acc0_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 128 + c1; let e_a = acc0_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 128 + c2; let e_a = acc0_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 128 + c3; let e_a = acc0_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 128 + c0; let e_a = acc1_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 128 + c1; let e_a = acc1_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 128 + c2; let e_a = acc1_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 128 + c3; let e_a = acc1_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 128 + c0; let e_a = acc2_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 128 + c1; let e_a = acc2_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 128 + c2; let e_a = acc2_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 128 + c3; let e_a = acc2_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 128 + c0; let e_a = acc3_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 128 + c1; let e_a = acc3_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 128 + c2; let e_a = acc3_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 128 + c3; let e_a = acc3_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
}

// ===== kernel 16: ReduceSum_grad//layers.1/Gemm/ReduceSum_2
// kiln kernel: grad//layers.1/Gemm/ReduceSum_2, update/Mul_61, update/Mul_63, update/Add_64, update/Mul_66, update/Mul_68, update/Mul_69, update/Add_70, update/Sqrt_71, update/Div_73, update/Add_75, update/Div_77, update/Mul_78, update/Sub_79
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
@group(0) @binding(4) var<storage, read_write> out1: array<f32>;
@group(0) @binding(5) var<storage, read_write> out2: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Mul update/Mul_61
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.8999999761581421) * out0[c0]);
}
// Mul update/Mul_63
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.10000000149011612) * acc);
}
// Add update/Add_64
fn kf3(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf1(c0) + kf2(c0, acc));
}
// Mul update/Mul_66
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.9990000128746033) * out1[c0]);
}
// Mul update/Mul_68
fn kf5(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (acc * acc);
}
// Mul update/Mul_69
fn kf6(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.0010000000474974513) * kf5(c0, acc));
}
// Add update/Add_70
fn kf7(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf4(c0) + kf6(c0, acc));
}
// Sqrt update/Sqrt_71
fn kf8(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return sqrt(kf7(c0, acc));
}
// Div update/Div_73
fn kf9(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf8(c0, acc) / in0[0]);
}
// Add update/Add_75
fn kf10(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf9(c0, acc) + f32(9.99999993922529e-9));
}
// Div update/Div_77
fn kf11(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf3(c0, acc) / kf10(c0, acc));
}
// Mul update/Mul_78
fn kf12(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (in1[0] * kf11(c0, acc));
}
// Sub update/Sub_79
fn kf13(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (out2[c0] - kf12(c0, acc));
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 64) { return; }
  // ReduceSum: one invocation per output element folds its 16 reduced elements.
  let base = idx;
  var acc: f32 = 0.0;
  for (var r = 0; r < 16; r += 1) {
    let roff = r * 64;
    acc = acc + in2[base + roff];
  }
  {
    let e_i = idx; let e_a = acc;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  }
}

// ===== kernel 17: Gemm_grad//layers.2/Gemm/Gemm_1
// kiln kernel: grad//layers.2/Gemm/Gemm_1, update/Mul_81, update/Mul_83, update/Add_84, update/Mul_86, update/Mul_88, update/Mul_89, update/Add_90, update/Sqrt_91, update/Div_93, update/Add_95, update/Div_97, update/Mul_98, update/Sub_99
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> in3: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> out0: array<f32>;
@group(0) @binding(5) var<storage, read_write> out1: array<f32>;
@group(0) @binding(6) var<storage, read_write> out2: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Mul update/Mul_81
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (f32(0.8999999761581421) * out0[c0 * 64 + c1]);
}
// Mul update/Mul_83
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (f32(0.10000000149011612) * acc);
}
// Add update/Add_84
fn kf3(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (kf1(c0 * 64 + c1) + kf2(c0 * 64 + c1, acc));
}
// Mul update/Mul_86
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (f32(0.9990000128746033) * out1[c0 * 64 + c1]);
}
// Mul update/Mul_88
fn kf5(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (acc * acc);
}
// Mul update/Mul_89
fn kf6(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (f32(0.0010000000474974513) * kf5(c0 * 64 + c1, acc));
}
// Add update/Add_90
fn kf7(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (kf4(c0 * 64 + c1) + kf6(c0 * 64 + c1, acc));
}
// Sqrt update/Sqrt_91
fn kf8(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return sqrt(kf7(c0 * 64 + c1, acc));
}
// Div update/Div_93
fn kf9(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (kf8(c0 * 64 + c1, acc) / in0[0]);
}
// Add update/Add_95
fn kf10(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (kf9(c0 * 64 + c1, acc) + f32(9.99999993922529e-9));
}
// Div update/Div_97
fn kf11(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (kf3(c0 * 64 + c1, acc) / kf10(c0 * 64 + c1, acc));
}
// Mul update/Mul_98
fn kf12(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (in1[0] * kf11(c0 * 64 + c1, acc));
}
// Sub update/Sub_99
fn kf13(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return (out2[c0 * 64 + c1] - kf12(c0 * 64 + c1, acc));
}

const M = 10; const N = 64; const K = 16;
const WG_X = 8; const WG_Y = 4; const KT = 32;
const TILE_M = 16; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

fn kahan4(sum: ptr<function, vec4<f32>>, comp: ptr<function, vec4<f32>>, x: vec4<f32>) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}
// Vec4 matmul: 16x32 tile of C per workgroup, 4x4 registers per invocation, A scalar, B col.
@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 2) { return; }
  let col0 = (tile % 2) * TILE_N;
  let row0 = ((tile / 2) % 1) * TILE_M;
  let batch = tile / 2;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty * 4 + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty * 4 + 1; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty * 4 + 2; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty * 4 + 3; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx * 4 + 0; let cb0 = min(c0, N - 1);
  let c1 = col0 + tx * 4 + 1; let cb1 = min(c1, N - 1);
  let c2 = col0 + tx * 4 + 2; let cb2 = min(c2, N - 1);
  let c3 = col0 + tx * 4 + 3; let cb3 = min(c3, N - 1);
  let cb4_0 = min(c0, N - 4);
  var acc0_0 = vec4<f32>(0.0); var comp0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0); var comp1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0); var comp2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0); var comp3_0 = vec4<f32>(0.0);
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part0_0 = vec4<f32>(0.0); var part1_0 = vec4<f32>(0.0); var part2_0 = vec4<f32>(0.0); var part3_0 = vec4<f32>(0.0);
    for (var k = k0; k < kEnd; k += 4) {
      let a0_0 = in2[aBase + ra0 + (k + 0) * 10];
      let a0_1 = in2[aBase + ra0 + (k + 1) * 10];
      let a0_2 = in2[aBase + ra0 + (k + 2) * 10];
      let a0_3 = in2[aBase + ra0 + (k + 3) * 10];
      let a1_0 = in2[aBase + ra1 + (k + 0) * 10];
      let a1_1 = in2[aBase + ra1 + (k + 1) * 10];
      let a1_2 = in2[aBase + ra1 + (k + 2) * 10];
      let a1_3 = in2[aBase + ra1 + (k + 3) * 10];
      let a2_0 = in2[aBase + ra2 + (k + 0) * 10];
      let a2_1 = in2[aBase + ra2 + (k + 1) * 10];
      let a2_2 = in2[aBase + ra2 + (k + 2) * 10];
      let a2_3 = in2[aBase + ra2 + (k + 3) * 10];
      let a3_0 = in2[aBase + ra3 + (k + 0) * 10];
      let a3_1 = in2[aBase + ra3 + (k + 1) * 10];
      let a3_2 = in2[aBase + ra3 + (k + 2) * 10];
      let a3_3 = in2[aBase + ra3 + (k + 3) * 10];
      let b0_0 = in3[(bBase + (k + 0) * 64 + cb4_0) >> 2];
      let b1_0 = in3[(bBase + (k + 1) * 64 + cb4_0) >> 2];
      let b2_0 = in3[(bBase + (k + 2) * 64 + cb4_0) >> 2];
      let b3_0 = in3[(bBase + (k + 3) * 64 + cb4_0) >> 2];
      part0_0 += a0_0 * b0_0 + a0_1 * b1_0 + a0_2 * b2_0 + a0_3 * b3_0;
      part1_0 += a1_0 * b0_0 + a1_1 * b1_0 + a1_2 * b2_0 + a1_3 * b3_0;
      part2_0 += a2_0 * b0_0 + a2_1 * b1_0 + a2_2 * b2_0 + a2_3 * b3_0;
      part3_0 += a3_0 * b0_0 + a3_1 * b1_0 + a3_2 * b2_0 + a3_3 * b3_0;
    }
    kahan4(&acc0_0, &comp0_0, part0_0);
    kahan4(&acc1_0, &comp1_0, part1_0);
    kahan4(&acc2_0, &comp2_0, part2_0);
    kahan4(&acc3_0, &comp3_0, part3_0);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 64 + c0; let e_a = acc0_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 64 + c1; let e_a = acc0_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 64 + c2; let e_a = acc0_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 64 + c3; let e_a = acc0_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 64 + c0; let e_a = acc1_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 64 + c1; let e_a = acc1_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 64 + c2; let e_a = acc1_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 64 + c3; let e_a = acc1_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 64 + c0; let e_a = acc2_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 64 + c1; let e_a = acc2_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 64 + c2; let e_a = acc2_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 64 + c3; let e_a = acc2_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 64 + c0; let e_a = acc3_0.x;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 64 + c1; let e_a = acc3_0.y;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 64 + c2; let e_a = acc3_0.z;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 64 + c3; let e_a = acc3_0.w;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  } }
}

// ===== kernel 18: ReduceSum_grad//layers.2/Gemm/ReduceSum_2
// kiln kernel: grad//layers.2/Gemm/ReduceSum_2, update/Mul_101, update/Mul_103, update/Add_104, update/Mul_106, update/Mul_108, update/Mul_109, update/Add_110, update/Sqrt_111, update/Div_113, update/Add_115, update/Div_117, update/Mul_118, update/Sub_119
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
@group(0) @binding(4) var<storage, read_write> out1: array<f32>;
@group(0) @binding(5) var<storage, read_write> out2: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// Mul update/Mul_101
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.8999999761581421) * out0[c0]);
}
// Mul update/Mul_103
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.10000000149011612) * acc);
}
// Add update/Add_104
fn kf3(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf1(c0) + kf2(c0, acc));
}
// Mul update/Mul_106
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.9990000128746033) * out1[c0]);
}
// Mul update/Mul_108
fn kf5(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (acc * acc);
}
// Mul update/Mul_109
fn kf6(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (f32(0.0010000000474974513) * kf5(c0, acc));
}
// Add update/Add_110
fn kf7(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf4(c0) + kf6(c0, acc));
}
// Sqrt update/Sqrt_111
fn kf8(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return sqrt(kf7(c0, acc));
}
// Div update/Div_113
fn kf9(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf8(c0, acc) / in0[0]);
}
// Add update/Add_115
fn kf10(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf9(c0, acc) + f32(9.99999993922529e-9));
}
// Div update/Div_117
fn kf11(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (kf3(c0, acc) / kf10(c0, acc));
}
// Mul update/Mul_118
fn kf12(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (in1[0] * kf11(c0, acc));
}
// Sub update/Sub_119
fn kf13(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c0 = c_rest;
  return (out2[c0] - kf12(c0, acc));
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 10) { return; }
  // ReduceSum: one invocation per output element folds its 16 reduced elements.
  let base = idx;
  var acc: f32 = 0.0;
  for (var r = 0; r < 16; r += 1) {
    let roff = r * 10;
    acc = acc + in2[base + roff];
  }
  {
    let e_i = idx; let e_a = acc;
    let o0 = kf3(e_i, e_a); let o1 = kf7(e_i, e_a); let o2 = kf13(e_i, e_a);
    out0[e_i] = o0; out1[e_i] = o1; out2[e_i] = o2;
  }
}

// ===== dispatches
0 [1, 27] (1, 1, 1)
1 [25, 27, 29, 28] (1, 1, 1) params [0]
2 [28, 1, 25, 29, 30] (1, 1, 1) params [1]
3 [0, 6, 7, 31, 32] (4, 1, 1)
4 [31, 8, 9, 33, 34] (2, 1, 1)
5 [33, 10, 11, 35] (1, 1, 1)
6 [35, 12, 30, 26, 36, 37, 38, 39] (1, 1, 1)
7 [38, 40] (1, 1, 1)
8 [39, 37, 36, 41] (1, 1, 1)
9 [34, 41, 10, 42] (2, 1, 1)
10 [32, 42, 8, 43] (4, 1, 1)
11 [5, 44] (1, 1, 1)
12 [2, 4, 45] (1, 1, 1)
13 [44, 45, 43, 0, 13, 14, 6] (100, 1, 1)
14 [44, 45, 43, 15, 16, 7] (2, 1, 1)
15 [44, 45, 42, 31, 17, 18, 8] (16, 1, 1)
16 [44, 45, 42, 19, 20, 9] (1, 1, 1)
17 [44, 45, 41, 33, 21, 22, 10] (2, 1, 1)
18 [44, 45, 41, 23, 24, 11] (1, 1, 1)

// ===== kernel 0: Gemm_/layers.0/Gemm
// kiln kernel: /layers.0/Gemm, /Relu
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

// Relu /Relu
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  return max(acc, 0.0);
}

const M = 8; const N = 128; const K = 784;
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
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 128 + c1; let e_a = acc0_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 128 + c2; let e_a = acc0_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 128 + c3; let e_a = acc0_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 128 + c0; let e_a = acc1_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 128 + c1; let e_a = acc1_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 128 + c2; let e_a = acc1_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 128 + c3; let e_a = acc1_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 128 + c0; let e_a = acc2_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 128 + c1; let e_a = acc2_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 128 + c2; let e_a = acc2_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 128 + c3; let e_a = acc2_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 128 + c0; let e_a = acc3_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 128 + c1; let e_a = acc3_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 128 + c2; let e_a = acc3_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 128 + c3; let e_a = acc3_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 1: Gemm_/layers.1/Gemm
// kiln kernel: /layers.1/Gemm, /Relu_1
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

// Relu /Relu_1
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  return max(acc, 0.0);
}

const M = 8; const N = 64; const K = 128;
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
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 64 + c1; let e_a = acc0_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 64 + c2; let e_a = acc0_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 64 + c3; let e_a = acc0_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 64 + c0; let e_a = acc1_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 64 + c1; let e_a = acc1_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 64 + c2; let e_a = acc1_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 64 + c3; let e_a = acc1_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 64 + c0; let e_a = acc2_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 64 + c1; let e_a = acc2_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 64 + c2; let e_a = acc2_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 64 + c3; let e_a = acc2_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 64 + c0; let e_a = acc3_0 + in2[0 + c0];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 64 + c1; let e_a = acc3_1 + in2[0 + c1];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 64 + c2; let e_a = acc3_2 + in2[0 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 64 + c3; let e_a = acc3_3 + in2[0 + c3];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 2: Gemm_/layers.2/Gemm
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


const M = 8; const N = 10; const K = 64;
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

// ===== kernel 3: ReduceMax_/Softmax/ReduceMax_0
// kiln kernel: /Softmax/ReduceMax_0, /Softmax/StopGradient_1, /Softmax/Sub_2, /Softmax/Exp_3, /Softmax/ReduceSum_4, /Softmax/Div_5
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

// StopGradient /Softmax/StopGradient_1
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 1; c_rest = c_rest / 1;
  let c0 = c_rest;
  return kr0;
}
// Sub /Softmax/Sub_2
fn kf2(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return (in0[c0 * 10 + c1] - kf1(c0));
}
// Exp /Softmax/Exp_3
fn kf3(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return kiln_exp(kf2(c0 * 10 + c1));
}
// Div /Softmax/Div_5
fn kf5(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  return (kf3(c0 * 10 + c1) / kr4);
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

var<private> kr0: f32;
var<private> kr4: f32;
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
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 8) { return; }
  // Row kernel: one invocation per row of 10 elements, 2 reduction phase(s), folded serially.
  let row = idx;
  { // phase: ReduceMax /Softmax/ReduceMax_0
    var acc: f32 = (-bitcast<f32>(kiln_inf_bits));
    for (var e = 0; e < 10; e++) {
      let x = kiln_row_in0(kiln_row_flat(row, e));
      acc = kiln_max_nan(acc, x);
    }
    kr0 = acc;
  }
  { // phase: ReduceSum /Softmax/ReduceSum_4
    var acc: f32 = 0.0;
    for (var e = 0; e < 10; e++) {
      let x = kiln_row_in4(kiln_row_flat(row, e));
      acc = acc + x;
    }
    kr4 = acc;
  }
  
  for (var e = 0; e < 10; e++) {
    let i = kiln_row_flat(row, e);
    out0[i] = kf5(i);
  }
}

// ===== dispatches
0 [0, 1, 2, 7] (4, 1, 1)
1 [7, 3, 4, 8] (2, 1, 1)
2 [8, 5, 6, 9] (1, 1, 1)
3 [9, 10] (1, 1, 1)

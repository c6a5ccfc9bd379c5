// ===== kernel 0: MatMul_/lstm/LSTM/MatMul_3
// kiln kernel: /lstm/LSTM/MatMul_3, /lstm/LSTM/Add_7, /lstm/LSTM/Add_8
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
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

// Add /lstm/LSTM/Add_7
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 200; c_rest = c_rest / 200;
  let c0 = c_rest;
  return (in0[c1 + kp.o[0].x] + in0[c1 + kp.o[0].y]);
}
// Add /lstm/LSTM/Add_8
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 200; c_rest = c_rest / 200;
  let c1 = c_rest % 80; c_rest = c_rest / 80;
  let c0 = c_rest;
  return (acc + kf1(c2));
}
fn kremap0(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 1; c_rest = c_rest / 1;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return in1[c0 + c1 * 20];
}

const M = 80; const N = 200; const K = 1;
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
  if (tile >= 35) { return; }
  let col0 = (tile % 7) * TILE_N;
  let row0 = ((tile / 7) % 5) * TILE_M;
  let batch = tile / 35;
  var bt_rest = batch;
  let bt0 = bt_rest;
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
      let a0 = kremap0(aBase + ra0); let a1 = kremap0(aBase + ra1); let a2 = kremap0(aBase + ra2); let a3 = kremap0(aBase + ra3);
      let b0 = in2[(bBase + cb0) >> 2][(bBase + cb0) & 3];
      let b1 = in2[(bBase + cb1) >> 2][(bBase + cb1) & 3];
      let b2 = in2[(bBase + cb2) >> 2][(bBase + cb2) & 3];
      let b3 = in2[(bBase + cb3) >> 2][(bBase + cb3) & 3];
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
    let e_i = (batch * 80 + r0) * 200 + c0; let e_a = acc00;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = (batch * 80 + r0) * 200 + c1; let e_a = acc01;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = (batch * 80 + r0) * 200 + c2; let e_a = acc02;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = (batch * 80 + r0) * 200 + c3; let e_a = acc03;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = (batch * 80 + r1) * 200 + c0; let e_a = acc10;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = (batch * 80 + r1) * 200 + c1; let e_a = acc11;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = (batch * 80 + r1) * 200 + c2; let e_a = acc12;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = (batch * 80 + r1) * 200 + c3; let e_a = acc13;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = (batch * 80 + r2) * 200 + c0; let e_a = acc20;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = (batch * 80 + r2) * 200 + c1; let e_a = acc21;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = (batch * 80 + r2) * 200 + c2; let e_a = acc22;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = (batch * 80 + r2) * 200 + c3; let e_a = acc23;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = (batch * 80 + r3) * 200 + c0; let e_a = acc30;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = (batch * 80 + r3) * 200 + c1; let e_a = acc31;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = (batch * 80 + r3) * 200 + c2; let e_a = acc32;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = (batch * 80 + r3) * 200 + c3; let e_a = acc33;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 1: MatMul_/lstm/LSTM/MatMul_17
// kiln kernel: /lstm/LSTM/MatMul_17, /lstm/LSTM/Add_18
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
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

// Add /lstm/LSTM/Add_18
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 200; c_rest = c_rest / 200;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (in0[c1 * 200 + c2 + kp.o[0].x] + acc);
}

const M = 4; const N = 200; const K = 50;
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
  if (tile >= 7) { return; }
  let col0 = (tile % 7) * TILE_N;
  let row0 = ((tile / 7) % 1) * TILE_M;
  let batch = tile / 7;
  var bt_rest = batch;
  let bt0 = bt_rest;
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
      let a0 = in1[aBase + ra0 * 50 + k]; let a1 = in1[aBase + ra1 * 50 + k]; let a2 = in1[aBase + ra2 * 50 + k]; let a3 = in1[aBase + ra3 * 50 + k];
      let b0 = in2[bBase + k + cb0 * 50];
      let b1 = in2[bBase + k + cb1 * 50];
      let b2 = in2[bBase + k + cb2 * 50];
      let b3 = in2[bBase + k + cb3 * 50];
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
    let e_i = (batch * 4 + r0) * 200 + c0; let e_a = acc00;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = (batch * 4 + r0) * 200 + c1; let e_a = acc01;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = (batch * 4 + r0) * 200 + c2; let e_a = acc02;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = (batch * 4 + r0) * 200 + c3; let e_a = acc03;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = (batch * 4 + r1) * 200 + c0; let e_a = acc10;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = (batch * 4 + r1) * 200 + c1; let e_a = acc11;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = (batch * 4 + r1) * 200 + c2; let e_a = acc12;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = (batch * 4 + r1) * 200 + c3; let e_a = acc13;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = (batch * 4 + r2) * 200 + c0; let e_a = acc20;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = (batch * 4 + r2) * 200 + c1; let e_a = acc21;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = (batch * 4 + r2) * 200 + c2; let e_a = acc22;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = (batch * 4 + r2) * 200 + c3; let e_a = acc23;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = (batch * 4 + r3) * 200 + c0; let e_a = acc30;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = (batch * 4 + r3) * 200 + c1; let e_a = acc31;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = (batch * 4 + r3) * 200 + c2; let e_a = acc32;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = (batch * 4 + r3) * 200 + c3; let e_a = acc33;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 2: fused_/lstm/LSTM/Sigmoid_20
// kiln kernel: /lstm/LSTM/Sigmoid_20, /lstm/LSTM/Sigmoid_22, /lstm/LSTM/Tanh_24, /lstm/LSTM/Mul_25, /lstm/LSTM/Mul_26, /lstm/LSTM/Add_27, /lstm/LSTM/Sigmoid_29, /lstm/LSTM/Tanh_30, /lstm/LSTM/Mul_31
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
@group(0) @binding(3) var<storage, read_write> out1: array<f32>;
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

// Sigmoid /lstm/LSTM/Sigmoid_20
fn kf0(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_sigmoid(in0[c1 * 200 + c2 + kp.o[0].x]);
}
// Sigmoid /lstm/LSTM/Sigmoid_22
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_sigmoid(in0[c1 * 200 + c2 + kp.o[0].y]);
}
// Tanh /lstm/LSTM/Tanh_24
fn kf2(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_tanh(in0[c1 * 200 + c2 + kp.o[0].z]);
}
// Mul /lstm/LSTM/Mul_25
fn kf3(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf1(c1 * 50 + c2) * in1[c1 * 50 + c2]);
}
// Mul /lstm/LSTM/Mul_26
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf0(c1 * 50 + c2) * kf2(c1 * 50 + c2));
}
// Add /lstm/LSTM/Add_27
fn kf5(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf3(c1 * 50 + c2) + kf4(c1 * 50 + c2));
}
// Sigmoid /lstm/LSTM/Sigmoid_29
fn kf6(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_sigmoid(in0[c1 * 200 + c2 + kp.o[0].w]);
}
// Tanh /lstm/LSTM/Tanh_30
fn kf7(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_tanh(kf5(c1 * 50 + c2));
}
// Mul /lstm/LSTM/Mul_31
fn kf8(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf6(c1 * 50 + c2) * kf7(c1 * 50 + c2));
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  {
    let e_i = idx;
    let o0 = kf5(e_i); let o1 = kf8(e_i);
    out0[e_i] = o0; out1[e_i] = o1;
  }
}

// ===== kernel 3: fused_/lstm/LSTM/Sigmoid_343
// kiln kernel: /lstm/LSTM/Sigmoid_343, /lstm/LSTM/Sigmoid_345, /lstm/LSTM/Tanh_347, /lstm/LSTM/Mul_348, /lstm/LSTM/Mul_349, /lstm/LSTM/Add_350, /lstm/LSTM/Sigmoid_352, /lstm/LSTM/Tanh_353, /lstm/LSTM/Mul_354
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
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

// Sigmoid /lstm/LSTM/Sigmoid_343
fn kf0(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_sigmoid(in0[c1 * 200 + c2 + kp.o[0].x]);
}
// Sigmoid /lstm/LSTM/Sigmoid_345
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_sigmoid(in0[c1 * 200 + c2 + kp.o[0].y]);
}
// Tanh /lstm/LSTM/Tanh_347
fn kf2(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_tanh(in0[c1 * 200 + c2 + kp.o[0].z]);
}
// Mul /lstm/LSTM/Mul_348
fn kf3(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf1(c1 * 50 + c2) * in1[c1 * 50 + c2]);
}
// Mul /lstm/LSTM/Mul_349
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf0(c1 * 50 + c2) * kf2(c1 * 50 + c2));
}
// Add /lstm/LSTM/Add_350
fn kf5(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf3(c1 * 50 + c2) + kf4(c1 * 50 + c2));
}
// Sigmoid /lstm/LSTM/Sigmoid_352
fn kf6(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_sigmoid(in0[c1 * 200 + c2 + kp.o[0].w]);
}
// Tanh /lstm/LSTM/Tanh_353
fn kf7(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_tanh(kf5(c1 * 50 + c2));
}
// Mul /lstm/LSTM/Mul_354
fn kf8(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf6(c1 * 50 + c2) * kf7(c1 * 50 + c2));
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  {
    let e_i = idx;
    let o0 = kf8(e_i);
    out0[e_i] = o0;
  }
}

// ===== kernel 4: Concat_/lstm/LSTM/Concat_355_0
// kiln kernel: /lstm/LSTM/Concat_355
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> in3: array<f32>;
@group(0) @binding(4) var<storage, read_write> in4: array<f32>;
@group(0) @binding(5) var<storage, read_write> in5: array<f32>;
@group(0) @binding(6) var<storage, read_write> in6: array<f32>;
@group(0) @binding(7) var<storage, read_write> out0: array<f32>;
struct KilnParams { o: array<vec4<i32>, 1> }
@group(1) @binding(0) var<uniform> kp: KilnParams;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 1400) { return; }
  // concat: pick the input that holds this output coordinate
  var c_rest = idx;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  if (c0 < 1) { out0[idx + kp.o[0].x] = in0[c1 * 50 + c2]; return; }
  if (c0 < 2) { out0[idx + kp.o[0].x] = in1[c1 * 50 + c2]; return; }
  if (c0 < 3) { out0[idx + kp.o[0].x] = in2[c1 * 50 + c2]; return; }
  if (c0 < 4) { out0[idx + kp.o[0].x] = in3[c1 * 50 + c2]; return; }
  if (c0 < 5) { out0[idx + kp.o[0].x] = in4[c1 * 50 + c2]; return; }
  if (c0 < 6) { out0[idx + kp.o[0].x] = in5[c1 * 50 + c2]; return; }
  if (c0 < 7) { out0[idx + kp.o[0].x] = in6[c1 * 50 + c2]; return; }
}

// ===== kernel 5: Concat_/lstm/LSTM/Concat_355_2
// kiln kernel: /lstm/LSTM/Concat_355
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> in3: array<f32>;
@group(0) @binding(4) var<storage, read_write> in4: array<f32>;
@group(0) @binding(5) var<storage, read_write> in5: array<f32>;
@group(0) @binding(6) var<storage, read_write> out0: array<f32>;
struct KilnParams { o: array<vec4<i32>, 1> }
@group(1) @binding(0) var<uniform> kp: KilnParams;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 1200) { return; }
  // concat: pick the input that holds this output coordinate
  var c_rest = idx;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  if (c0 < 1) { out0[idx + kp.o[0].x] = in0[c1 * 50 + c2]; return; }
  if (c0 < 2) { out0[idx + kp.o[0].x] = in1[c1 * 50 + c2]; return; }
  if (c0 < 3) { out0[idx + kp.o[0].x] = in2[c1 * 50 + c2]; return; }
  if (c0 < 4) { out0[idx + kp.o[0].x] = in3[c1 * 50 + c2]; return; }
  if (c0 < 5) { out0[idx + kp.o[0].x] = in4[c1 * 50 + c2]; return; }
  if (c0 < 6) { out0[idx + kp.o[0].x] = in5[c1 * 50 + c2]; return; }
}

// ===== kernel 6: Gather_/Gather
// kiln kernel: /Gather
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<i32>;
@group(0) @binding(2) var<storage, read_write> in2: array<u32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
struct KilnParams { o: array<vec4<i32>, 1> }
@group(1) @binding(0) var<uniform> kp: KilnParams;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;
fn kiln_index(i: i32, n: i32) -> i32 { return clamp(select(i, i + n, i < 0), 0, n - 1); }
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  var c_rest = idx;
  let c1 = c_rest % 50; c_rest = c_rest / 50;
  let c0 = c_rest;
  let j_raw = in1[0];
  if (j_raw < -20 || j_raw >= 20) { in2[kp.o[0].x] = 1u; }
  let j = kiln_index(j_raw, 20);
  out0[idx] = in0[c0 * 50 + j * 200 + c1];
}

// ===== kernel 7: Gemm_/fc/Gemm
// kiln kernel: /fc/Gemm
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


const M = 4; const N = 1; const K = 50;
const WG_X = 1; const WG_Y = 64; const KT = 32;
const TILE_M = 256; const TILE_N = 1;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Register-blocked matmul: 256x1 tile of C per workgroup, 4x1 registers per invocation, no workgroup memory.
@compute @workgroup_size(64)
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
  let r0 = row0 + ty + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty + 64; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty + 128; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty + 192; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx + 0; let cb0 = min(c0, N - 1);
  var acc00 = 0.0; var comp00 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0;
  var acc20 = 0.0; var comp20 = 0.0;
  var acc30 = 0.0; var comp30 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part00 = 0.0;
    var part10 = 0.0;
    var part20 = 0.0;
    var part30 = 0.0;
    for (var k = k0; k < kEnd; k++) {
      let a0 = in0[aBase + ra0 * 50 + k]; let a1 = in0[aBase + ra1 * 50 + k]; let a2 = in0[aBase + ra2 * 50 + k]; let a3 = in0[aBase + ra3 * 50 + k];
      let b0 = in1[bBase + k];
      part00 += a0 * b0;
      part10 += a1 * b0;
      part20 += a2 * b0;
      part30 += a3 * b0;
    }
    kahan(&acc00, &comp00, part00);
    kahan(&acc10, &comp10, part10);
    kahan(&acc20, &comp20, part20);
    kahan(&acc30, &comp30, part30);
  }
  if (r0 < M && c0 < N) { {
    let e_i = r0 * 1 + c0; let e_a = acc00 + in2[0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 1 + c0; let e_a = acc10 + in2[0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 1 + c0; let e_a = acc20 + in2[0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 1 + c0; let e_a = acc30 + in2[0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
}

// ===== dispatches
0 [5, 0, 3, 8] (35, 1, 1) params [0, 200]
1 [8, 6, 4, 9] (7, 1, 1) params [0]
2 [9, 7, 10, 11] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 11, 4, 12] (7, 1, 1) params [800]
2 [12, 10, 13, 14] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 14, 4, 15] (7, 1, 1) params [1600]
2 [15, 13, 16, 17] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 17, 4, 18] (7, 1, 1) params [2400]
2 [18, 16, 19, 20] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 20, 4, 21] (7, 1, 1) params [3200]
2 [21, 19, 22, 23] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 23, 4, 24] (7, 1, 1) params [4000]
2 [24, 22, 25, 26] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 26, 4, 27] (7, 1, 1) params [4800]
2 [27, 25, 28, 29] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 29, 4, 30] (7, 1, 1) params [5600]
2 [30, 28, 31, 32] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 32, 4, 33] (7, 1, 1) params [6400]
2 [33, 31, 34, 35] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 35, 4, 36] (7, 1, 1) params [7200]
2 [36, 34, 37, 38] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 38, 4, 39] (7, 1, 1) params [8000]
2 [39, 37, 40, 41] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 41, 4, 42] (7, 1, 1) params [8800]
2 [42, 40, 43, 44] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 44, 4, 45] (7, 1, 1) params [9600]
2 [45, 43, 46, 47] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 47, 4, 48] (7, 1, 1) params [10400]
2 [48, 46, 49, 50] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 50, 4, 51] (7, 1, 1) params [11200]
2 [51, 49, 52, 53] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 53, 4, 54] (7, 1, 1) params [12000]
2 [54, 52, 55, 56] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 56, 4, 57] (7, 1, 1) params [12800]
2 [57, 55, 58, 59] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 59, 4, 60] (7, 1, 1) params [13600]
2 [60, 58, 61, 62] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 62, 4, 63] (7, 1, 1) params [14400]
2 [63, 61, 64, 65] (4, 1, 1) params [0, 100, 150, 50]
1 [8, 65, 4, 66] (7, 1, 1) params [15200]
3 [66, 64, 67] (4, 1, 1) params [0, 100, 150, 50]
4 [11, 14, 17, 20, 23, 26, 29, 68] (22, 1, 1) params [0]
4 [32, 35, 38, 41, 44, 47, 50, 68] (22, 1, 1) params [1400]
5 [53, 56, 59, 62, 65, 67, 68] (19, 1, 1) params [2800]
6 [68, 69, 71, 70] (4, 1, 1) params [0]
7 [70, 1, 2, 72] (1, 1, 1)

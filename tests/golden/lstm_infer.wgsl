// ===== kernel 0: copy_/lstm/LSTM/Reshape_0
// kiln kernel: /lstm/LSTM/Reshape_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 80) { return; }
  var c_rest = idx;
  let c2 = c_rest % 1; c_rest = c_rest / 1;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  out0[idx] = in0[c0 + c1 * 20];
}

// ===== kernel 1: MatMul_/lstm/LSTM/MatMul_3
// kiln kernel: /lstm/LSTM/MatMul_3
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
      let a0 = in0[aBase + ra0]; let a1 = in0[aBase + ra1]; let a2 = in0[aBase + ra2]; let a3 = in0[aBase + ra3];
      let b0 = in1[(bBase + cb0) >> 2][(bBase + cb0) & 3];
      let b1 = in1[(bBase + cb1) >> 2][(bBase + cb1) & 3];
      let b2 = in1[(bBase + cb2) >> 2][(bBase + cb2) & 3];
      let b3 = in1[(bBase + cb3) >> 2][(bBase + cb3) & 3];
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
  if (r0 < M && c0 < N) { out0[(batch * 80 + r0) * 200 + c0] = acc00; }
  if (r0 < M && c1 < N) { out0[(batch * 80 + r0) * 200 + c1] = acc01; }
  if (r0 < M && c2 < N) { out0[(batch * 80 + r0) * 200 + c2] = acc02; }
  if (r0 < M && c3 < N) { out0[(batch * 80 + r0) * 200 + c3] = acc03; }
  if (r1 < M && c0 < N) { out0[(batch * 80 + r1) * 200 + c0] = acc10; }
  if (r1 < M && c1 < N) { out0[(batch * 80 + r1) * 200 + c1] = acc11; }
  if (r1 < M && c2 < N) { out0[(batch * 80 + r1) * 200 + c2] = acc12; }
  if (r1 < M && c3 < N) { out0[(batch * 80 + r1) * 200 + c3] = acc13; }
  if (r2 < M && c0 < N) { out0[(batch * 80 + r2) * 200 + c0] = acc20; }
  if (r2 < M && c1 < N) { out0[(batch * 80 + r2) * 200 + c1] = acc21; }
  if (r2 < M && c2 < N) { out0[(batch * 80 + r2) * 200 + c2] = acc22; }
  if (r2 < M && c3 < N) { out0[(batch * 80 + r2) * 200 + c3] = acc23; }
  if (r3 < M && c0 < N) { out0[(batch * 80 + r3) * 200 + c0] = acc30; }
  if (r3 < M && c1 < N) { out0[(batch * 80 + r3) * 200 + c1] = acc31; }
  if (r3 < M && c2 < N) { out0[(batch * 80 + r3) * 200 + c2] = acc32; }
  if (r3 < M && c3 < N) { out0[(batch * 80 + r3) * 200 + c3] = acc33; }
}

// ===== kernel 2: Add_/lstm/LSTM/Add_7
// kiln kernel: /lstm/LSTM/Add_7
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  var c_rest = idx;
  let c1 = c_rest % 200; c_rest = c_rest / 200;
  let c0 = c_rest;
  out0[idx] = (in0[c1 + kp.o[0].x] + in0[c1 + kp.o[0].y]);
}

// ===== kernel 3: Add_/lstm/LSTM/Add_8
// kiln kernel: /lstm/LSTM/Add_8
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16000) { return; }
  var c_rest = idx;
  let c2 = c_rest % 200; c_rest = c_rest / 200;
  let c1 = c_rest % 80; c_rest = c_rest / 80;
  let c0 = c_rest;
  out0[idx] = (in0[c1 * 200 + c2] + in1[c2]);
}

// ===== kernel 4: MatMul_/lstm/LSTM/MatMul_17
// kiln kernel: /lstm/LSTM/MatMul_17
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
      let a0 = in0[aBase + ra0 * 50 + k]; let a1 = in0[aBase + ra1 * 50 + k]; let a2 = in0[aBase + ra2 * 50 + k]; let a3 = in0[aBase + ra3 * 50 + k];
      let b0 = in1[bBase + k + cb0 * 50];
      let b1 = in1[bBase + k + cb1 * 50];
      let b2 = in1[bBase + k + cb2 * 50];
      let b3 = in1[bBase + k + cb3 * 50];
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
  if (r0 < M && c0 < N) { out0[(batch * 4 + r0) * 200 + c0] = acc00; }
  if (r0 < M && c1 < N) { out0[(batch * 4 + r0) * 200 + c1] = acc01; }
  if (r0 < M && c2 < N) { out0[(batch * 4 + r0) * 200 + c2] = acc02; }
  if (r0 < M && c3 < N) { out0[(batch * 4 + r0) * 200 + c3] = acc03; }
  if (r1 < M && c0 < N) { out0[(batch * 4 + r1) * 200 + c0] = acc10; }
  if (r1 < M && c1 < N) { out0[(batch * 4 + r1) * 200 + c1] = acc11; }
  if (r1 < M && c2 < N) { out0[(batch * 4 + r1) * 200 + c2] = acc12; }
  if (r1 < M && c3 < N) { out0[(batch * 4 + r1) * 200 + c3] = acc13; }
  if (r2 < M && c0 < N) { out0[(batch * 4 + r2) * 200 + c0] = acc20; }
  if (r2 < M && c1 < N) { out0[(batch * 4 + r2) * 200 + c1] = acc21; }
  if (r2 < M && c2 < N) { out0[(batch * 4 + r2) * 200 + c2] = acc22; }
  if (r2 < M && c3 < N) { out0[(batch * 4 + r2) * 200 + c3] = acc23; }
  if (r3 < M && c0 < N) { out0[(batch * 4 + r3) * 200 + c0] = acc30; }
  if (r3 < M && c1 < N) { out0[(batch * 4 + r3) * 200 + c1] = acc31; }
  if (r3 < M && c2 < N) { out0[(batch * 4 + r3) * 200 + c2] = acc32; }
  if (r3 < M && c3 < N) { out0[(batch * 4 + r3) * 200 + c3] = acc33; }
}

// ===== kernel 5: Add_/lstm/LSTM/Add_18
// kiln kernel: /lstm/LSTM/Add_18
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 800) { return; }
  var c_rest = idx;
  let c2 = c_rest % 200; c_rest = c_rest / 200;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  out0[idx] = (in0[c1 * 200 + c2 + kp.o[0].x] + in1[c1 * 200 + c2]);
}

// ===== kernel 6: Sigmoid_/lstm/LSTM/Sigmoid_20
// kiln kernel: /lstm/LSTM/Sigmoid_20
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  var c_rest = idx;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  out0[idx] = kiln_sigmoid(in0[c1 * 200 + c2 + kp.o[0].x]);
}

// ===== kernel 7: Tanh_/lstm/LSTM/Tanh_24
// kiln kernel: /lstm/LSTM/Tanh_24
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  var c_rest = idx;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  out0[idx] = kiln_tanh(in0[c1 * 200 + c2 + kp.o[0].x]);
}

// ===== kernel 8: Mul_/lstm/LSTM/Mul_25
// kiln kernel: /lstm/LSTM/Mul_25
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  var c_rest = idx;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  out0[idx] = (in0[c1 * 50 + c2] * in1[c1 * 50 + c2]);
}

// ===== kernel 9: Add_/lstm/LSTM/Add_27
// kiln kernel: /lstm/LSTM/Add_27
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  var c_rest = idx;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  out0[idx] = (in0[c1 * 50 + c2] + in1[c1 * 50 + c2]);
}

// ===== kernel 10: Tanh_/lstm/LSTM/Tanh_30
// kiln kernel: /lstm/LSTM/Tanh_30
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 200) { return; }
  var c_rest = idx;
  let c2 = c_rest % 50; c_rest = c_rest / 50;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  out0[idx] = kiln_tanh(in0[c1 * 50 + c2]);
}

// ===== kernel 11: Concat_/lstm/LSTM/Concat_355_0
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

// ===== kernel 12: Concat_/lstm/LSTM/Concat_355_2
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

// ===== kernel 13: Gather_/Gather
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

// ===== kernel 14: Gemm_/fc/Gemm
// kiln kernel: /fc/Gemm
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
  if (r0 < M && c0 < N) { out0[r0 * 1 + c0] = acc00 + in2[0]; }
  if (r1 < M && c0 < N) { out0[r1 * 1 + c0] = acc10 + in2[0]; }
  if (r2 < M && c0 < N) { out0[r2 * 1 + c0] = acc20 + in2[0]; }
  if (r3 < M && c0 < N) { out0[r3 * 1 + c0] = acc30 + in2[0]; }
}

// ===== dispatches
0 [0, 9] (2, 1, 1)
1 [9, 3, 10] (35, 1, 1)
2 [5, 11] (4, 1, 1) params [0, 200]
3 [10, 11, 12] (250, 1, 1)
4 [7, 4, 13] (7, 1, 1)
5 [12, 13, 14] (13, 1, 1) params [0]
6 [14, 15] (4, 1, 1) params [0]
6 [14, 16] (4, 1, 1) params [100]
7 [14, 17] (4, 1, 1) params [150]
8 [16, 8, 18] (4, 1, 1)
8 [15, 17, 19] (4, 1, 1)
9 [18, 19, 20] (4, 1, 1)
6 [14, 21] (4, 1, 1) params [50]
10 [20, 22] (4, 1, 1)
8 [21, 22, 23] (4, 1, 1)
4 [23, 4, 24] (7, 1, 1)
5 [12, 24, 25] (13, 1, 1) params [800]
6 [25, 26] (4, 1, 1) params [0]
6 [25, 27] (4, 1, 1) params [100]
7 [25, 28] (4, 1, 1) params [150]
8 [27, 20, 29] (4, 1, 1)
8 [26, 28, 30] (4, 1, 1)
9 [29, 30, 31] (4, 1, 1)
6 [25, 32] (4, 1, 1) params [50]
10 [31, 33] (4, 1, 1)
8 [32, 33, 34] (4, 1, 1)
4 [34, 4, 35] (7, 1, 1)
5 [12, 35, 36] (13, 1, 1) params [1600]
6 [36, 37] (4, 1, 1) params [0]
6 [36, 38] (4, 1, 1) params [100]
7 [36, 39] (4, 1, 1) params [150]
8 [38, 31, 40] (4, 1, 1)
8 [37, 39, 41] (4, 1, 1)
9 [40, 41, 42] (4, 1, 1)
6 [36, 43] (4, 1, 1) params [50]
10 [42, 44] (4, 1, 1)
8 [43, 44, 45] (4, 1, 1)
4 [45, 4, 46] (7, 1, 1)
5 [12, 46, 47] (13, 1, 1) params [2400]
6 [47, 48] (4, 1, 1) params [0]
6 [47, 49] (4, 1, 1) params [100]
7 [47, 50] (4, 1, 1) params [150]
8 [49, 42, 51] (4, 1, 1)
8 [48, 50, 52] (4, 1, 1)
9 [51, 52, 53] (4, 1, 1)
6 [47, 54] (4, 1, 1) params [50]
10 [53, 55] (4, 1, 1)
8 [54, 55, 56] (4, 1, 1)
4 [56, 4, 57] (7, 1, 1)
5 [12, 57, 58] (13, 1, 1) params [3200]
6 [58, 59] (4, 1, 1) params [0]
6 [58, 60] (4, 1, 1) params [100]
7 [58, 61] (4, 1, 1) params [150]
8 [60, 53, 62] (4, 1, 1)
8 [59, 61, 63] (4, 1, 1)
9 [62, 63, 64] (4, 1, 1)
6 [58, 65] (4, 1, 1) params [50]
10 [64, 66] (4, 1, 1)
8 [65, 66, 67] (4, 1, 1)
4 [67, 4, 68] (7, 1, 1)
5 [12, 68, 69] (13, 1, 1) params [4000]
6 [69, 70] (4, 1, 1) params [0]
6 [69, 71] (4, 1, 1) params [100]
7 [69, 72] (4, 1, 1) params [150]
8 [71, 64, 73] (4, 1, 1)
8 [70, 72, 74] (4, 1, 1)
9 [73, 74, 75] (4, 1, 1)
6 [69, 76] (4, 1, 1) params [50]
10 [75, 77] (4, 1, 1)
8 [76, 77, 78] (4, 1, 1)
4 [78, 4, 79] (7, 1, 1)
5 [12, 79, 80] (13, 1, 1) params [4800]
6 [80, 81] (4, 1, 1) params [0]
6 [80, 82] (4, 1, 1) params [100]
7 [80, 83] (4, 1, 1) params [150]
8 [82, 75, 84] (4, 1, 1)
8 [81, 83, 85] (4, 1, 1)
9 [84, 85, 86] (4, 1, 1)
6 [80, 87] (4, 1, 1) params [50]
10 [86, 88] (4, 1, 1)
8 [87, 88, 89] (4, 1, 1)
4 [89, 4, 90] (7, 1, 1)
5 [12, 90, 91] (13, 1, 1) params [5600]
6 [91, 92] (4, 1, 1) params [0]
6 [91, 93] (4, 1, 1) params [100]
7 [91, 94] (4, 1, 1) params [150]
8 [93, 86, 95] (4, 1, 1)
8 [92, 94, 96] (4, 1, 1)
9 [95, 96, 97] (4, 1, 1)
6 [91, 98] (4, 1, 1) params [50]
10 [97, 99] (4, 1, 1)
8 [98, 99, 100] (4, 1, 1)
4 [100, 4, 101] (7, 1, 1)
5 [12, 101, 102] (13, 1, 1) params [6400]
6 [102, 103] (4, 1, 1) params [0]
6 [102, 104] (4, 1, 1) params [100]
7 [102, 105] (4, 1, 1) params [150]
8 [104, 97, 106] (4, 1, 1)
8 [103, 105, 107] (4, 1, 1)
9 [106, 107, 108] (4, 1, 1)
6 [102, 109] (4, 1, 1) params [50]
10 [108, 110] (4, 1, 1)
8 [109, 110, 111] (4, 1, 1)
4 [111, 4, 112] (7, 1, 1)
5 [12, 112, 113] (13, 1, 1) params [7200]
6 [113, 114] (4, 1, 1) params [0]
6 [113, 115] (4, 1, 1) params [100]
7 [113, 116] (4, 1, 1) params [150]
8 [115, 108, 117] (4, 1, 1)
8 [114, 116, 118] (4, 1, 1)
9 [117, 118, 119] (4, 1, 1)
6 [113, 120] (4, 1, 1) params [50]
10 [119, 121] (4, 1, 1)
8 [120, 121, 122] (4, 1, 1)
4 [122, 4, 123] (7, 1, 1)
5 [12, 123, 124] (13, 1, 1) params [8000]
6 [124, 125] (4, 1, 1) params [0]
6 [124, 126] (4, 1, 1) params [100]
7 [124, 127] (4, 1, 1) params [150]
8 [126, 119, 128] (4, 1, 1)
8 [125, 127, 129] (4, 1, 1)
9 [128, 129, 130] (4, 1, 1)
6 [124, 131] (4, 1, 1) params [50]
10 [130, 132] (4, 1, 1)
8 [131, 132, 133] (4, 1, 1)
4 [133, 4, 134] (7, 1, 1)
5 [12, 134, 135] (13, 1, 1) params [8800]
6 [135, 136] (4, 1, 1) params [0]
6 [135, 137] (4, 1, 1) params [100]
7 [135, 138] (4, 1, 1) params [150]
8 [137, 130, 139] (4, 1, 1)
8 [136, 138, 140] (4, 1, 1)
9 [139, 140, 141] (4, 1, 1)
6 [135, 142] (4, 1, 1) params [50]
10 [141, 143] (4, 1, 1)
8 [142, 143, 144] (4, 1, 1)
4 [144, 4, 145] (7, 1, 1)
5 [12, 145, 146] (13, 1, 1) params [9600]
6 [146, 147] (4, 1, 1) params [0]
6 [146, 148] (4, 1, 1) params [100]
7 [146, 149] (4, 1, 1) params [150]
8 [148, 141, 150] (4, 1, 1)
8 [147, 149, 151] (4, 1, 1)
9 [150, 151, 152] (4, 1, 1)
6 [146, 153] (4, 1, 1) params [50]
10 [152, 154] (4, 1, 1)
8 [153, 154, 155] (4, 1, 1)
4 [155, 4, 156] (7, 1, 1)
5 [12, 156, 157] (13, 1, 1) params [10400]
6 [157, 158] (4, 1, 1) params [0]
6 [157, 159] (4, 1, 1) params [100]
7 [157, 160] (4, 1, 1) params [150]
8 [159, 152, 161] (4, 1, 1)
8 [158, 160, 162] (4, 1, 1)
9 [161, 162, 163] (4, 1, 1)
6 [157, 164] (4, 1, 1) params [50]
10 [163, 165] (4, 1, 1)
8 [164, 165, 166] (4, 1, 1)
4 [166, 4, 167] (7, 1, 1)
5 [12, 167, 168] (13, 1, 1) params [11200]
6 [168, 169] (4, 1, 1) params [0]
6 [168, 170] (4, 1, 1) params [100]
7 [168, 171] (4, 1, 1) params [150]
8 [170, 163, 172] (4, 1, 1)
8 [169, 171, 173] (4, 1, 1)
9 [172, 173, 174] (4, 1, 1)
6 [168, 175] (4, 1, 1) params [50]
10 [174, 176] (4, 1, 1)
8 [175, 176, 177] (4, 1, 1)
4 [177, 4, 178] (7, 1, 1)
5 [12, 178, 179] (13, 1, 1) params [12000]
6 [179, 180] (4, 1, 1) params [0]
6 [179, 181] (4, 1, 1) params [100]
7 [179, 182] (4, 1, 1) params [150]
8 [181, 174, 183] (4, 1, 1)
8 [180, 182, 184] (4, 1, 1)
9 [183, 184, 185] (4, 1, 1)
6 [179, 186] (4, 1, 1) params [50]
10 [185, 187] (4, 1, 1)
8 [186, 187, 188] (4, 1, 1)
4 [188, 4, 189] (7, 1, 1)
5 [12, 189, 190] (13, 1, 1) params [12800]
6 [190, 191] (4, 1, 1) params [0]
6 [190, 192] (4, 1, 1) params [100]
7 [190, 193] (4, 1, 1) params [150]
8 [192, 185, 194] (4, 1, 1)
8 [191, 193, 195] (4, 1, 1)
9 [194, 195, 196] (4, 1, 1)
6 [190, 197] (4, 1, 1) params [50]
10 [196, 198] (4, 1, 1)
8 [197, 198, 199] (4, 1, 1)
4 [199, 4, 200] (7, 1, 1)
5 [12, 200, 201] (13, 1, 1) params [13600]
6 [201, 202] (4, 1, 1) params [0]
6 [201, 203] (4, 1, 1) params [100]
7 [201, 204] (4, 1, 1) params [150]
8 [203, 196, 205] (4, 1, 1)
8 [202, 204, 206] (4, 1, 1)
9 [205, 206, 207] (4, 1, 1)
6 [201, 208] (4, 1, 1) params [50]
10 [207, 209] (4, 1, 1)
8 [208, 209, 210] (4, 1, 1)
4 [210, 4, 211] (7, 1, 1)
5 [12, 211, 212] (13, 1, 1) params [14400]
6 [212, 213] (4, 1, 1) params [0]
6 [212, 214] (4, 1, 1) params [100]
7 [212, 215] (4, 1, 1) params [150]
8 [214, 207, 216] (4, 1, 1)
8 [213, 215, 217] (4, 1, 1)
9 [216, 217, 218] (4, 1, 1)
6 [212, 219] (4, 1, 1) params [50]
10 [218, 220] (4, 1, 1)
8 [219, 220, 221] (4, 1, 1)
4 [221, 4, 222] (7, 1, 1)
5 [12, 222, 223] (13, 1, 1) params [15200]
6 [223, 224] (4, 1, 1) params [0]
6 [223, 225] (4, 1, 1) params [100]
7 [223, 226] (4, 1, 1) params [150]
8 [225, 218, 227] (4, 1, 1)
8 [224, 226, 228] (4, 1, 1)
9 [227, 228, 229] (4, 1, 1)
6 [223, 230] (4, 1, 1) params [50]
10 [229, 231] (4, 1, 1)
8 [230, 231, 232] (4, 1, 1)
11 [23, 34, 45, 56, 67, 78, 89, 233] (22, 1, 1) params [0]
11 [100, 111, 122, 133, 144, 155, 166, 233] (22, 1, 1) params [1400]
12 [177, 188, 199, 210, 221, 232, 233] (19, 1, 1) params [2800]
13 [233, 6, 235, 234] (4, 1, 1) params [0]
14 [234, 1, 2, 236] (1, 1, 1)

// ===== kernel 0: Gather_/emb/Gather
// kiln kernel: /emb/Gather, /Add
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<i32>;
@group(0) @binding(3) var<storage, read_write> in3: array<u32>;
@group(0) @binding(4) var<storage, read_write> out0: array<f32>;
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

// Add /Add
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (acc + in0[c1 * 32 + c2]);
}
fn kiln_index(i: i32, n: i32) -> i32 { return clamp(select(i, i + n, i < 0), 0, n - 1); }
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 512) { return; }
  var c_rest = idx;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  let j_raw = in2[c0 * 8 + c1];
  if (j_raw < -32 || j_raw >= 32) { in3[kp.o[0].x] = 1u; }
  let j = kiln_index(j_raw, 32);
  {
    let e_i = idx; let e_a = in1[j * 32 + c2];
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  }
}

// ===== kernel 1: MatMul_/layers.0/attn/q/MatMul
// kiln kernel: /layers.0/attn/q/MatMul, /layers.0/attn/q/Add, /layers.0/attn/k/MatMul
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> in3: array<f32>;
@group(0) @binding(4) var<storage, read_write> out0: array<f32>;
@group(0) @binding(5) var<storage, read_write> out1: array<f32>;
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

// Add /layers.0/attn/q/Add
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (in0[c2] + acc);
}

const M = 8; const N = 64; const K = 32;
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
  if (tile >= 4) { return; }
  let col0 = (tile % 2) * TILE_N;
  let row0 = ((tile / 2) % 1) * TILE_M;
  let batch = tile / 2;
  var bts0_rest = batch;
  let bts00 = bts0_rest;
  let aBases0 = 0 + bts00 * 256;
  let bBases0 = 0;
  var bts1_rest = batch;
  let bts10 = bts1_rest;
  let aBases1 = 0 + bts10 * 256;
  let bBases1 = 0;
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
      let a0 = in1[aBases0 + ra0 * 32 + k]; let a1 = in1[aBases0 + ra1 * 32 + k]; let a2 = in1[aBases0 + ra2 * 32 + k]; let a3 = in1[aBases0 + ra3 * 32 + k];
      var b0 = 0.0; if (cb0 < 32) { b0 = in2[bBases0 + k * 32 + cb0]; } else { b0 = in3[bBases1 + k * 32 + (cb0 - 32)]; }
      var b1 = 0.0; if (cb1 < 32) { b1 = in2[bBases0 + k * 32 + cb1]; } else { b1 = in3[bBases1 + k * 32 + (cb1 - 32)]; }
      var b2 = 0.0; if (cb2 < 32) { b2 = in2[bBases0 + k * 32 + cb2]; } else { b2 = in3[bBases1 + k * 32 + (cb2 - 32)]; }
      var b3 = 0.0; if (cb3 < 32) { b3 = in2[bBases0 + k * 32 + cb3]; } else { b3 = in3[bBases1 + k * 32 + (cb3 - 32)]; }
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
  if (r0 < M && c0 < N) { if (c0 < 32) { {
    let e_i = (batch * 8 + r0) * 32 + c0; let e_a = acc00;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r0) * 32 + (c0 - 32); let e_a = acc00;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r0 < M && c1 < N) { if (c1 < 32) { {
    let e_i = (batch * 8 + r0) * 32 + c1; let e_a = acc01;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r0) * 32 + (c1 - 32); let e_a = acc01;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r0 < M && c2 < N) { if (c2 < 32) { {
    let e_i = (batch * 8 + r0) * 32 + c2; let e_a = acc02;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r0) * 32 + (c2 - 32); let e_a = acc02;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r0 < M && c3 < N) { if (c3 < 32) { {
    let e_i = (batch * 8 + r0) * 32 + c3; let e_a = acc03;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r0) * 32 + (c3 - 32); let e_a = acc03;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r1 < M && c0 < N) { if (c0 < 32) { {
    let e_i = (batch * 8 + r1) * 32 + c0; let e_a = acc10;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r1) * 32 + (c0 - 32); let e_a = acc10;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r1 < M && c1 < N) { if (c1 < 32) { {
    let e_i = (batch * 8 + r1) * 32 + c1; let e_a = acc11;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r1) * 32 + (c1 - 32); let e_a = acc11;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r1 < M && c2 < N) { if (c2 < 32) { {
    let e_i = (batch * 8 + r1) * 32 + c2; let e_a = acc12;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r1) * 32 + (c2 - 32); let e_a = acc12;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r1 < M && c3 < N) { if (c3 < 32) { {
    let e_i = (batch * 8 + r1) * 32 + c3; let e_a = acc13;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r1) * 32 + (c3 - 32); let e_a = acc13;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r2 < M && c0 < N) { if (c0 < 32) { {
    let e_i = (batch * 8 + r2) * 32 + c0; let e_a = acc20;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r2) * 32 + (c0 - 32); let e_a = acc20;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r2 < M && c1 < N) { if (c1 < 32) { {
    let e_i = (batch * 8 + r2) * 32 + c1; let e_a = acc21;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r2) * 32 + (c1 - 32); let e_a = acc21;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r2 < M && c2 < N) { if (c2 < 32) { {
    let e_i = (batch * 8 + r2) * 32 + c2; let e_a = acc22;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r2) * 32 + (c2 - 32); let e_a = acc22;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r2 < M && c3 < N) { if (c3 < 32) { {
    let e_i = (batch * 8 + r2) * 32 + c3; let e_a = acc23;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r2) * 32 + (c3 - 32); let e_a = acc23;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r3 < M && c0 < N) { if (c0 < 32) { {
    let e_i = (batch * 8 + r3) * 32 + c0; let e_a = acc30;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r3) * 32 + (c0 - 32); let e_a = acc30;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r3 < M && c1 < N) { if (c1 < 32) { {
    let e_i = (batch * 8 + r3) * 32 + c1; let e_a = acc31;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r3) * 32 + (c1 - 32); let e_a = acc31;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r3 < M && c2 < N) { if (c2 < 32) { {
    let e_i = (batch * 8 + r3) * 32 + c2; let e_a = acc32;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r3) * 32 + (c2 - 32); let e_a = acc32;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
  if (r3 < M && c3 < N) { if (c3 < 32) { {
    let e_i = (batch * 8 + r3) * 32 + c3; let e_a = acc33;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } } else { {
    let e_i = (batch * 8 + r3) * 32 + (c3 - 32); let e_a = acc33;
    let o1 = e_a;
    out1[e_i] = o1;
  } } }
}

// ===== kernel 2: MatMul_/layers.0/attn/v/MatMul
// kiln kernel: /layers.0/attn/v/MatMul, /layers.0/attn/v/Add
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
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

// Add /layers.0/attn/v/Add
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (in0[c2] + acc);
}

const M = 8; const N = 32; const K = 32;
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
  if (tile >= 2) { return; }
  let col0 = (tile % 1) * TILE_N;
  let row0 = ((tile / 1) % 1) * TILE_M;
  let batch = tile / 1;
  var bt_rest = batch;
  let bt0 = bt_rest;
  let aBase = 0 + bt0 * 256;
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
      let av0 = in1[(aBase + ra0 * 32 + k) >> 2];
      let av1 = in1[(aBase + ra1 * 32 + k) >> 2];
      let av2 = in1[(aBase + ra2 * 32 + k) >> 2];
      let av3 = in1[(aBase + ra3 * 32 + k) >> 2];
      let b0_0 = in2[(bBase + (k + 0) * 32 + cb4_0) >> 2];
      let b1_0 = in2[(bBase + (k + 1) * 32 + cb4_0) >> 2];
      let b2_0 = in2[(bBase + (k + 2) * 32 + cb4_0) >> 2];
      let b3_0 = in2[(bBase + (k + 3) * 32 + cb4_0) >> 2];
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
    let e_i = (batch * 8 + r0) * 32 + c0; let e_a = acc0_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c1; let e_a = acc0_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c2; let e_a = acc0_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c3; let e_a = acc0_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c0; let e_a = acc1_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c1; let e_a = acc1_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c2; let e_a = acc1_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c3; let e_a = acc1_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c0; let e_a = acc2_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c1; let e_a = acc2_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c2; let e_a = acc2_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c3; let e_a = acc2_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c0; let e_a = acc3_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c1; let e_a = acc3_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c2; let e_a = acc3_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c3; let e_a = acc3_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 3: MatMul_/layers.0/attn/MatMul
// kiln kernel: /layers.0/attn/MatMul, /layers.0/attn/Mul
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
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

// Mul /layers.0/attn/Mul
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c3 = c_rest % 8; c_rest = c_rest / 8;
  let c2 = c_rest % 8; c_rest = c_rest / 8;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (acc * f32(0.3535533845424652));
}

const M = 8; const N = 8; const K = 8;
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
// Vec4 matmul: 16x32 tile of C per workgroup, 4x4 registers per invocation, A k, B scalar.
@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 8) { return; }
  let col0 = (tile % 1) * TILE_N;
  let row0 = ((tile / 1) % 1) * TILE_M;
  let batch = tile / 1;
  var bt_rest = batch;
  let bt1 = bt_rest % 4; bt_rest = bt_rest / 4;
  let bt0 = bt_rest;
  let aBase = 0 + bt0 * 256 + bt1 * 8;
  let bBase = 0 + bt0 * 256 + bt1 * 8;
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
  var acc0_0 = vec4<f32>(0.0); var comp0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0); var comp1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0); var comp2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0); var comp3_0 = vec4<f32>(0.0);
  for (var k0 = 0; k0 < K; k0 += KT) {
    let kEnd = min(k0 + KT, K);
    var part0_0 = vec4<f32>(0.0); var part1_0 = vec4<f32>(0.0); var part2_0 = vec4<f32>(0.0); var part3_0 = vec4<f32>(0.0);
    for (var k = k0; k < kEnd; k += 4) {
      let av0 = in0[(aBase + ra0 * 32 + k) >> 2];
      let av1 = in0[(aBase + ra1 * 32 + k) >> 2];
      let av2 = in0[(aBase + ra2 * 32 + k) >> 2];
      let av3 = in0[(aBase + ra3 * 32 + k) >> 2];
      let b0_0 = vec4<f32>(in1[bBase + (k + 0) + cb0 * 32], in1[bBase + (k + 0) + cb1 * 32], in1[bBase + (k + 0) + cb2 * 32], in1[bBase + (k + 0) + cb3 * 32]);
      let b1_0 = vec4<f32>(in1[bBase + (k + 1) + cb0 * 32], in1[bBase + (k + 1) + cb1 * 32], in1[bBase + (k + 1) + cb2 * 32], in1[bBase + (k + 1) + cb3 * 32]);
      let b2_0 = vec4<f32>(in1[bBase + (k + 2) + cb0 * 32], in1[bBase + (k + 2) + cb1 * 32], in1[bBase + (k + 2) + cb2 * 32], in1[bBase + (k + 2) + cb3 * 32]);
      let b3_0 = vec4<f32>(in1[bBase + (k + 3) + cb0 * 32], in1[bBase + (k + 3) + cb1 * 32], in1[bBase + (k + 3) + cb2 * 32], in1[bBase + (k + 3) + cb3 * 32]);
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
    let e_i = (batch * 8 + r0) * 8 + c0; let e_a = acc0_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = (batch * 8 + r0) * 8 + c1; let e_a = acc0_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = (batch * 8 + r0) * 8 + c2; let e_a = acc0_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = (batch * 8 + r0) * 8 + c3; let e_a = acc0_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = (batch * 8 + r1) * 8 + c0; let e_a = acc1_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = (batch * 8 + r1) * 8 + c1; let e_a = acc1_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = (batch * 8 + r1) * 8 + c2; let e_a = acc1_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = (batch * 8 + r1) * 8 + c3; let e_a = acc1_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = (batch * 8 + r2) * 8 + c0; let e_a = acc2_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = (batch * 8 + r2) * 8 + c1; let e_a = acc2_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = (batch * 8 + r2) * 8 + c2; let e_a = acc2_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = (batch * 8 + r2) * 8 + c3; let e_a = acc2_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = (batch * 8 + r3) * 8 + c0; let e_a = acc3_0.x;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = (batch * 8 + r3) * 8 + c1; let e_a = acc3_0.y;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = (batch * 8 + r3) * 8 + c2; let e_a = acc3_0.z;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = (batch * 8 + r3) * 8 + c3; let e_a = acc3_0.w;
    let o0 = kf1(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 4: ReduceMax_/layers.0/attn/Softmax/ReduceMax_0
// kiln kernel: /layers.0/attn/Softmax/ReduceMax_0, /layers.0/attn/Softmax/StopGradient_1, /layers.0/attn/Softmax/Sub_2, /layers.0/attn/Softmax/Exp_3, /layers.0/attn/Softmax/ReduceSum_4, /layers.0/attn/Softmax/Div_5
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

// StopGradient /layers.0/attn/Softmax/StopGradient_1
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c3 = c_rest % 1; c_rest = c_rest / 1;
  let c2 = c_rest % 8; c_rest = c_rest / 8;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kr0;
}
// Sub /layers.0/attn/Softmax/Sub_2
fn kf2(i: i32) -> f32 {
  var c_rest = i;
  let c3 = c_rest % 8; c_rest = c_rest / 8;
  let c2 = c_rest % 8; c_rest = c_rest / 8;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (in0[c0 * 256 + c1 * 64 + c2 * 8 + c3] - kf1(c0 * 32 + c1 * 8 + c2));
}
// Exp /layers.0/attn/Softmax/Exp_3
fn kf3(i: i32) -> f32 {
  var c_rest = i;
  let c3 = c_rest % 8; c_rest = c_rest / 8;
  let c2 = c_rest % 8; c_rest = c_rest / 8;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kiln_exp(kf2(c0 * 256 + c1 * 64 + c2 * 8 + c3));
}
// Div /layers.0/attn/Softmax/Div_5
fn kf5(i: i32) -> f32 {
  var c_rest = i;
  let c3 = c_rest % 8; c_rest = c_rest / 8;
  let c2 = c_rest % 8; c_rest = c_rest / 8;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return (kf3(c0 * 256 + c1 * 64 + c2 * 8 + c3) / kr4);
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

var<private> kr0: f32;
var<private> kr4: f32;
fn kiln_row_flat(r: i32, e: i32) -> i32 {
  var k_rest = r;
  let k2 = k_rest % 8; k_rest = k_rest / 8;
  let k1 = k_rest % 4; k_rest = k_rest / 4;
  let k0 = k_rest;
  var q_rest = e;
  let q0 = q_rest;
  return k0 * 256 + k1 * 64 + k2 * 8 + q0 * 1;
}
fn kiln_row_in0(i: i32) -> f32 {
  var c_rest = i;
  let c3 = c_rest % 8; c_rest = c_rest / 8;
  let c2 = c_rest % 8; c_rest = c_rest / 8;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return in0[c0 * 256 + c1 * 64 + c2 * 8 + c3];
}
fn kiln_row_in4(i: i32) -> f32 {
  var c_rest = i;
  let c3 = c_rest % 8; c_rest = c_rest / 8;
  let c2 = c_rest % 8; c_rest = c_rest / 8;
  let c1 = c_rest % 4; c_rest = c_rest / 4;
  let c0 = c_rest;
  return kf3(c0 * 256 + c1 * 64 + c2 * 8 + c3);
}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 64) { return; }
  // Row kernel: one invocation per row of 8 elements, 2 reduction phase(s), folded serially.
  let row = idx;
  { // phase: ReduceMax /layers.0/attn/Softmax/ReduceMax_0
    var acc: f32 = (-bitcast<f32>(kiln_inf_bits));
    for (var e = 0; e < 8; e++) {
      let x = kiln_row_in0(kiln_row_flat(row, e));
      acc = kiln_max_nan(acc, x);
    }
    kr0 = acc;
  }
  { // phase: ReduceSum /layers.0/attn/Softmax/ReduceSum_4
    var acc: f32 = 0.0;
    for (var e = 0; e < 8; e++) {
      let x = kiln_row_in4(kiln_row_flat(row, e));
      acc = acc + x;
    }
    kr4 = acc;
  }
  
  for (var e = 0; e < 8; e++) {
    let i = kiln_row_flat(row, e);
    out0[i] = kf5(i);
  }
}

// ===== kernel 5: MatMul_/layers.0/attn/MatMul_1
// kiln kernel: /layers.0/attn/MatMul_1
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
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


const M = 8; const N = 8; const K = 8;
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
  if (tile >= 8) { return; }
  let col0 = (tile % 1) * TILE_N;
  let row0 = ((tile / 1) % 1) * TILE_M;
  let batch = tile / 1;
  var bt_rest = batch;
  let bt1 = bt_rest % 4; bt_rest = bt_rest / 4;
  let bt0 = bt_rest;
  let aBase = 0 + bt0 * 256 + bt1 * 64;
  let bBase = 0 + bt0 * 256 + bt1 * 8;
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
      let av0 = in0[(aBase + ra0 * 8 + k) >> 2];
      let av1 = in0[(aBase + ra1 * 8 + k) >> 2];
      let av2 = in0[(aBase + ra2 * 8 + k) >> 2];
      let av3 = in0[(aBase + ra3 * 8 + k) >> 2];
      let b0_0 = in1[(bBase + (k + 0) * 32 + cb4_0) >> 2];
      let b1_0 = in1[(bBase + (k + 1) * 32 + cb4_0) >> 2];
      let b2_0 = in1[(bBase + (k + 2) * 32 + cb4_0) >> 2];
      let b3_0 = in1[(bBase + (k + 3) * 32 + cb4_0) >> 2];
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
    let e_i = (batch * 8 + r0) * 8 + c0; let e_a = acc0_0.x;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = (batch * 8 + r0) * 8 + c1; let e_a = acc0_0.y;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = (batch * 8 + r0) * 8 + c2; let e_a = acc0_0.z;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = (batch * 8 + r0) * 8 + c3; let e_a = acc0_0.w;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = (batch * 8 + r1) * 8 + c0; let e_a = acc1_0.x;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = (batch * 8 + r1) * 8 + c1; let e_a = acc1_0.y;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = (batch * 8 + r1) * 8 + c2; let e_a = acc1_0.z;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = (batch * 8 + r1) * 8 + c3; let e_a = acc1_0.w;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = (batch * 8 + r2) * 8 + c0; let e_a = acc2_0.x;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = (batch * 8 + r2) * 8 + c1; let e_a = acc2_0.y;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = (batch * 8 + r2) * 8 + c2; let e_a = acc2_0.z;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = (batch * 8 + r2) * 8 + c3; let e_a = acc2_0.w;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = (batch * 8 + r3) * 8 + c0; let e_a = acc3_0.x;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = (batch * 8 + r3) * 8 + c1; let e_a = acc3_0.y;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = (batch * 8 + r3) * 8 + c2; let e_a = acc3_0.z;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = (batch * 8 + r3) * 8 + c3; let e_a = acc3_0.w;
    let o0 = e_a;
    out0[e_i] = o0;
  } }
}

// ===== kernel 6: MatMul_/layers.0/attn/o/MatMul
// kiln kernel: /layers.0/attn/o/MatMul, /layers.0/attn/o/Add, /layers.0/Add
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> in3: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> out0: array<f32>;
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

// Add /layers.0/attn/o/Add
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (in0[c2] + acc);
}
// Add /layers.0/Add
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (in1[c0 * 256 + c1 * 32 + c2] + kf1(c0 * 256 + c1 * 32 + c2, acc));
}
fn kremap0(i: i32) -> f32 {
  var c_rest = i;
  let c3 = c_rest % 8; c_rest = c_rest / 8;
  let c2 = c_rest % 4; c_rest = c_rest / 4;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return in2[c0 * 256 + c1 * 8 + c2 * 64 + c3];
}

const M = 8; const N = 32; const K = 32;
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
  let col0 = (tile % 1) * TILE_N;
  let row0 = ((tile / 1) % 1) * TILE_M;
  let batch = tile / 1;
  var bt_rest = batch;
  let bt0 = bt_rest;
  let aBase = 0 + bt0 * 256;
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
      let a0_0 = kremap0(aBase + ra0 * 32 + (k + 0));
      let a0_1 = kremap0(aBase + ra0 * 32 + (k + 1));
      let a0_2 = kremap0(aBase + ra0 * 32 + (k + 2));
      let a0_3 = kremap0(aBase + ra0 * 32 + (k + 3));
      let a1_0 = kremap0(aBase + ra1 * 32 + (k + 0));
      let a1_1 = kremap0(aBase + ra1 * 32 + (k + 1));
      let a1_2 = kremap0(aBase + ra1 * 32 + (k + 2));
      let a1_3 = kremap0(aBase + ra1 * 32 + (k + 3));
      let a2_0 = kremap0(aBase + ra2 * 32 + (k + 0));
      let a2_1 = kremap0(aBase + ra2 * 32 + (k + 1));
      let a2_2 = kremap0(aBase + ra2 * 32 + (k + 2));
      let a2_3 = kremap0(aBase + ra2 * 32 + (k + 3));
      let a3_0 = kremap0(aBase + ra3 * 32 + (k + 0));
      let a3_1 = kremap0(aBase + ra3 * 32 + (k + 1));
      let a3_2 = kremap0(aBase + ra3 * 32 + (k + 2));
      let a3_3 = kremap0(aBase + ra3 * 32 + (k + 3));
      let b0_0 = in3[(bBase + (k + 0) * 32 + cb4_0) >> 2];
      let b1_0 = in3[(bBase + (k + 1) * 32 + cb4_0) >> 2];
      let b2_0 = in3[(bBase + (k + 2) * 32 + cb4_0) >> 2];
      let b3_0 = in3[(bBase + (k + 3) * 32 + cb4_0) >> 2];
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
    let e_i = (batch * 8 + r0) * 32 + c0; let e_a = acc0_0.x;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c1; let e_a = acc0_0.y;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c2; let e_a = acc0_0.z;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c3; let e_a = acc0_0.w;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c0; let e_a = acc1_0.x;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c1; let e_a = acc1_0.y;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c2; let e_a = acc1_0.z;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c3; let e_a = acc1_0.w;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c0; let e_a = acc2_0.x;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c1; let e_a = acc2_0.y;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c2; let e_a = acc2_0.z;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c3; let e_a = acc2_0.w;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c0; let e_a = acc3_0.x;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c1; let e_a = acc3_0.y;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c2; let e_a = acc3_0.z;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c3; let e_a = acc3_0.w;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 7: ReduceMean_/layers.0/ln1/LayerNormalization/ReduceMean_0
// kiln kernel: /layers.0/ln1/LayerNormalization/ReduceMean_0, /layers.0/ln1/LayerNormalization/Sub_1, /layers.0/ln1/LayerNormalization/Mul_2, /layers.0/ln1/LayerNormalization/ReduceMean_3, /layers.0/ln1/LayerNormalization/Add_5, /layers.0/ln1/LayerNormalization/Sqrt_6, /layers.0/ln1/LayerNormalization/Reciprocal_7, /layers.0/ln1/LayerNormalization/Mul_8, /layers.0/ln1/LayerNormalization/Mul_9, /layers.0/ln1/LayerNormalization/Add_10
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

// Sub /layers.0/ln1/LayerNormalization/Sub_1
fn kf1(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (in0[c0 * 256 + c1 * 32 + c2] - kr0);
}
// Mul /layers.0/ln1/LayerNormalization/Mul_2
fn kf2(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kf1(c0 * 256 + c1 * 32 + c2) * kf1(c0 * 256 + c1 * 32 + c2));
}
// Add /layers.0/ln1/LayerNormalization/Add_5
fn kf4(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 1; c_rest = c_rest / 1;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kr3 + f32(0.000009999999747378752));
}
// Sqrt /layers.0/ln1/LayerNormalization/Sqrt_6
fn kf5(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 1; c_rest = c_rest / 1;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return sqrt(kf4(c0 * 8 + c1));
}
// Reciprocal /layers.0/ln1/LayerNormalization/Reciprocal_7
fn kf6(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 1; c_rest = c_rest / 1;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (1.0 / kf5(c0 * 8 + c1));
}
// Mul /layers.0/ln1/LayerNormalization/Mul_8
fn kf7(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kf1(c0 * 256 + c1 * 32 + c2) * kf6(c0 * 8 + c1));
}
// Mul /layers.0/ln1/LayerNormalization/Mul_9
fn kf8(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kf7(c0 * 256 + c1 * 32 + c2) * in1[c2]);
}
// Add /layers.0/ln1/LayerNormalization/Add_10
fn kf9(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kf8(c0 * 256 + c1 * 32 + c2) + in2[c2]);
}

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

var<private> kr0: f32;
var<private> kr3: f32;
fn kiln_row_flat(r: i32, e: i32) -> i32 {
  var k_rest = r;
  let k1 = k_rest % 8; k_rest = k_rest / 8;
  let k0 = k_rest;
  var q_rest = e;
  let q0 = q_rest;
  return k0 * 256 + k1 * 32 + q0 * 1;
}
fn kiln_row_in0(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return in0[c0 * 256 + c1 * 32 + c2];
}
fn kiln_row_in3(i: i32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return kf2(c0 * 256 + c1 * 32 + c2);
}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16) { return; }
  // Row kernel: one invocation per row of 32 elements, 2 reduction phase(s), folded serially.
  let row = idx;
  { // phase: ReduceMean /layers.0/ln1/LayerNormalization/ReduceMean_0
    var acc: f32 = 0.0;
    for (var e = 0; e < 32; e++) {
      let x = kiln_row_in0(kiln_row_flat(row, e));
      acc = acc + x;
    }
    kr0 = acc / 32.0;
  }
  { // phase: ReduceMean /layers.0/ln1/LayerNormalization/ReduceMean_3
    var acc: f32 = 0.0;
    for (var e = 0; e < 32; e++) {
      let x = kiln_row_in3(kiln_row_flat(row, e));
      acc = acc + x;
    }
    kr3 = acc / 32.0;
  }
  
  for (var e = 0; e < 32; e++) {
    let i = kiln_row_flat(row, e);
    out0[i] = kf9(i);
  }
}

// ===== kernel 8: MatMul_/layers.0/ff1/MatMul
// kiln kernel: /layers.0/ff1/MatMul, /layers.0/ff1/Add, /layers.0/Div, /layers.0/Erf, /layers.0/Add_1, /layers.0/Mul, /layers.0/Mul_1
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
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

// Add /layers.0/ff1/Add
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 64; c_rest = c_rest / 64;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (in0[c2] + acc);
}
// Div /layers.0/Div
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 64; c_rest = c_rest / 64;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kf1(c0 * 512 + c1 * 64 + c2, acc) / f32(1.4142135381698608));
}
// Erf /layers.0/Erf
fn kf3(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 64; c_rest = c_rest / 64;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return kiln_erf(kf2(c0 * 512 + c1 * 64 + c2, acc));
}
// Add /layers.0/Add_1
fn kf4(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 64; c_rest = c_rest / 64;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kf3(c0 * 512 + c1 * 64 + c2, acc) + 1.0);
}
// Mul /layers.0/Mul
fn kf5(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 64; c_rest = c_rest / 64;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kf1(c0 * 512 + c1 * 64 + c2, acc) * kf4(c0 * 512 + c1 * 64 + c2, acc));
}
// Mul /layers.0/Mul_1
fn kf6(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 64; c_rest = c_rest / 64;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (kf5(c0 * 512 + c1 * 64 + c2, acc) * f32(0.5));
}

const M = 8; const N = 64; const K = 32;
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
  let col0 = (tile % 2) * TILE_N;
  let row0 = ((tile / 2) % 1) * TILE_M;
  let batch = tile / 2;
  var bt_rest = batch;
  let bt0 = bt_rest;
  let aBase = 0 + bt0 * 256;
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
      let av0 = in1[(aBase + ra0 * 32 + k) >> 2];
      let av1 = in1[(aBase + ra1 * 32 + k) >> 2];
      let av2 = in1[(aBase + ra2 * 32 + k) >> 2];
      let av3 = in1[(aBase + ra3 * 32 + k) >> 2];
      let b0_0 = in2[(bBase + (k + 0) * 64 + cb4_0) >> 2];
      let b1_0 = in2[(bBase + (k + 1) * 64 + cb4_0) >> 2];
      let b2_0 = in2[(bBase + (k + 2) * 64 + cb4_0) >> 2];
      let b3_0 = in2[(bBase + (k + 3) * 64 + cb4_0) >> 2];
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
    let e_i = (batch * 8 + r0) * 64 + c0; let e_a = acc0_0.x;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = (batch * 8 + r0) * 64 + c1; let e_a = acc0_0.y;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = (batch * 8 + r0) * 64 + c2; let e_a = acc0_0.z;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = (batch * 8 + r0) * 64 + c3; let e_a = acc0_0.w;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = (batch * 8 + r1) * 64 + c0; let e_a = acc1_0.x;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = (batch * 8 + r1) * 64 + c1; let e_a = acc1_0.y;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = (batch * 8 + r1) * 64 + c2; let e_a = acc1_0.z;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = (batch * 8 + r1) * 64 + c3; let e_a = acc1_0.w;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = (batch * 8 + r2) * 64 + c0; let e_a = acc2_0.x;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = (batch * 8 + r2) * 64 + c1; let e_a = acc2_0.y;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = (batch * 8 + r2) * 64 + c2; let e_a = acc2_0.z;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = (batch * 8 + r2) * 64 + c3; let e_a = acc2_0.w;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = (batch * 8 + r3) * 64 + c0; let e_a = acc3_0.x;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = (batch * 8 + r3) * 64 + c1; let e_a = acc3_0.y;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = (batch * 8 + r3) * 64 + c2; let e_a = acc3_0.z;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = (batch * 8 + r3) * 64 + c3; let e_a = acc3_0.w;
    let o0 = kf6(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 9: MatMul_/layers.0/ff2/MatMul
// kiln kernel: /layers.0/ff2/MatMul, /layers.0/ff2/Add, /layers.0/Add_2
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> in3: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> out0: array<f32>;
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

// Add /layers.0/ff2/Add
fn kf1(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (in0[c2] + acc);
}
// Add /layers.0/Add_2
fn kf2(i: i32, acc: f32) -> f32 {
  var c_rest = i;
  let c2 = c_rest % 32; c_rest = c_rest / 32;
  let c1 = c_rest % 8; c_rest = c_rest / 8;
  let c0 = c_rest;
  return (in1[c0 * 256 + c1 * 32 + c2] + kf1(c0 * 256 + c1 * 32 + c2, acc));
}

const M = 8; const N = 32; const K = 64;
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
  if (tile >= 2) { return; }
  let col0 = (tile % 1) * TILE_N;
  let row0 = ((tile / 1) % 1) * TILE_M;
  let batch = tile / 1;
  var bt_rest = batch;
  let bt0 = bt_rest;
  let aBase = 0 + bt0 * 512;
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
      let av0 = in2[(aBase + ra0 * 64 + k) >> 2];
      let av1 = in2[(aBase + ra1 * 64 + k) >> 2];
      let av2 = in2[(aBase + ra2 * 64 + k) >> 2];
      let av3 = in2[(aBase + ra3 * 64 + k) >> 2];
      let b0_0 = in3[(bBase + (k + 0) * 32 + cb4_0) >> 2];
      let b1_0 = in3[(bBase + (k + 1) * 32 + cb4_0) >> 2];
      let b2_0 = in3[(bBase + (k + 2) * 32 + cb4_0) >> 2];
      let b3_0 = in3[(bBase + (k + 3) * 32 + cb4_0) >> 2];
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
    let e_i = (batch * 8 + r0) * 32 + c0; let e_a = acc0_0.x;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c1; let e_a = acc0_0.y;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c2; let e_a = acc0_0.z;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = (batch * 8 + r0) * 32 + c3; let e_a = acc0_0.w;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c0; let e_a = acc1_0.x;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c1; let e_a = acc1_0.y;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c2; let e_a = acc1_0.z;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = (batch * 8 + r1) * 32 + c3; let e_a = acc1_0.w;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c0; let e_a = acc2_0.x;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c1; let e_a = acc2_0.y;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c2; let e_a = acc2_0.z;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = (batch * 8 + r2) * 32 + c3; let e_a = acc2_0.w;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c0; let e_a = acc3_0.x;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c1; let e_a = acc3_0.y;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c2; let e_a = acc3_0.z;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = (batch * 8 + r3) * 32 + c3; let e_a = acc3_0.w;
    let o0 = kf2(e_i, e_a);
    out0[e_i] = o0;
  } }
}

// ===== kernel 10: ReduceMean_/ReduceMean
// kiln kernel: /ReduceMean
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


fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 64) { return; }
  // ReduceMean: one invocation per output element folds its 8 reduced elements.
  var k_rest = idx;
  let k1 = k_rest % 32; k_rest = k_rest / 32;
  let k0 = k_rest;
  let base = k0 * 256 + k1;
  var acc: f32 = 0.0;
  for (var r = 0; r < 8; r += 1) {
    let roff = r * 32;
    acc = acc + in0[base + roff];
  }
  {
    let e_i = idx; let e_a = acc / 8.0;
    let o0 = e_a;
    out0[e_i] = o0;
  }
}

// ===== kernel 11: Gemm_/head/Gemm
// kiln kernel: /head/Gemm
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


const M = 2; const N = 5; const K = 32;
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
      let av0 = in0[(aBase + ra0 * 32 + k) >> 2];
      let av1 = in0[(aBase + ra1 * 32 + k) >> 2];
      let av2 = in0[(aBase + ra2 * 32 + k) >> 2];
      let av3 = in0[(aBase + ra3 * 32 + k) >> 2];
      let bk0 = in1[(bBase + k + cb0 * 32) >> 2];
      let bk1 = in1[(bBase + k + cb1 * 32) >> 2];
      let bk2 = in1[(bBase + k + cb2 * 32) >> 2];
      let bk3 = in1[(bBase + k + cb3 * 32) >> 2];
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
    let e_i = r0 * 5 + c0; let e_a = acc0_0 + in2[0 + c0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c1 < N) { {
    let e_i = r0 * 5 + c1; let e_a = acc0_1 + in2[0 + c1];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c2 < N) { {
    let e_i = r0 * 5 + c2; let e_a = acc0_2 + in2[0 + c2];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r0 < M && c3 < N) { {
    let e_i = r0 * 5 + c3; let e_a = acc0_3 + in2[0 + c3];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c0 < N) { {
    let e_i = r1 * 5 + c0; let e_a = acc1_0 + in2[0 + c0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c1 < N) { {
    let e_i = r1 * 5 + c1; let e_a = acc1_1 + in2[0 + c1];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c2 < N) { {
    let e_i = r1 * 5 + c2; let e_a = acc1_2 + in2[0 + c2];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r1 < M && c3 < N) { {
    let e_i = r1 * 5 + c3; let e_a = acc1_3 + in2[0 + c3];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c0 < N) { {
    let e_i = r2 * 5 + c0; let e_a = acc2_0 + in2[0 + c0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c1 < N) { {
    let e_i = r2 * 5 + c1; let e_a = acc2_1 + in2[0 + c1];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c2 < N) { {
    let e_i = r2 * 5 + c2; let e_a = acc2_2 + in2[0 + c2];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r2 < M && c3 < N) { {
    let e_i = r2 * 5 + c3; let e_a = acc2_3 + in2[0 + c3];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c0 < N) { {
    let e_i = r3 * 5 + c0; let e_a = acc3_0 + in2[0 + c0];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c1 < N) { {
    let e_i = r3 * 5 + c1; let e_a = acc3_1 + in2[0 + c1];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c2 < N) { {
    let e_i = r3 * 5 + c2; let e_a = acc3_2 + in2[0 + c2];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
  if (r3 < M && c3 < N) { {
    let e_i = r3 * 5 + c3; let e_a = acc3_3 + in2[0 + c3];
    let o0 = e_a;
    out0[e_i] = o0;
  } }
}

// ===== kernel 12: ReduceMax_/Softmax/ReduceMax_0
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
  let c1 = c_rest % 5; c_rest = c_rest / 5;
  let c0 = c_rest;
  return (in0[c0 * 5 + c1] - kf1(c0));
}
// Exp /Softmax/Exp_3
fn kf3(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 5; c_rest = c_rest / 5;
  let c0 = c_rest;
  return kiln_exp(kf2(c0 * 5 + c1));
}
// Div /Softmax/Div_5
fn kf5(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 5; c_rest = c_rest / 5;
  let c0 = c_rest;
  return (kf3(c0 * 5 + c1) / kr4);
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
  return k0 * 5 + q0 * 1;
}
fn kiln_row_in0(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 5; c_rest = c_rest / 5;
  let c0 = c_rest;
  return in0[c0 * 5 + c1];
}
fn kiln_row_in4(i: i32) -> f32 {
  var c_rest = i;
  let c1 = c_rest % 5; c_rest = c_rest / 5;
  let c0 = c_rest;
  return kf3(c0 * 5 + c1);
}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 2) { return; }
  // Row kernel: one invocation per row of 5 elements, 2 reduction phase(s), folded serially.
  let row = idx;
  { // phase: ReduceMax /Softmax/ReduceMax_0
    var acc: f32 = (-bitcast<f32>(kiln_inf_bits));
    for (var e = 0; e < 5; e++) {
      let x = kiln_row_in0(kiln_row_flat(row, e));
      acc = kiln_max_nan(acc, x);
    }
    kr0 = acc;
  }
  { // phase: ReduceSum /Softmax/ReduceSum_4
    var acc: f32 = 0.0;
    for (var e = 0; e < 5; e++) {
      let x = kiln_row_in4(kiln_row_flat(row, e));
      acc = acc + x;
    }
    kr4 = acc;
  }
  
  for (var e = 0; e < 5; e++) {
    let i = kiln_row_flat(row, e);
    out0[i] = kf5(i);
  }
}

// ===== dispatches
0 [1, 2, 0, 21, 20] (8, 1, 1) params [0]
1 [3, 20, 14, 15, 22, 23] (4, 1, 1)
2 [4, 20, 16, 24] (2, 1, 1)
3 [22, 23, 25] (8, 1, 1)
4 [25, 26] (1, 1, 1)
5 [26, 24, 27] (8, 1, 1)
6 [5, 20, 27, 17, 28] (2, 1, 1)
7 [28, 6, 7, 29] (1, 1, 1)
8 [8, 29, 18, 30] (4, 1, 1)
9 [9, 29, 30, 19, 31] (2, 1, 1)
7 [31, 10, 11, 32] (1, 1, 1)
10 [32, 33] (1, 1, 1)
11 [33, 12, 13, 34] (1, 1, 1)
12 [34, 35] (1, 1, 1)

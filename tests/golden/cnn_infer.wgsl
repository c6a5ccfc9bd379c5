// ===== kernel 0: Conv_/conv1/Conv
// kiln kernel: /conv1/Conv
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 32; const N = 784; const K = 9;
const WG_X = 8; const WG_Y = 8; const KT = 32;
const TILE_M = 32; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// X[n, g*C/group + ch, i...], zero outside the input (the padding).
fn conv_input_at(n: i32, grp: i32, ch: i32, i0: i32, i1: i32) -> f32 {
  if (i0 < 0 || i0 >= 28 || i1 < 0 || i1 >= 28) { return 0.0; }
  return in0[n * 784 + i0 * 28 + i1];
}
// The im2col matrix of image n, group g: element (k, col) = X[n, g*C/group + k / kernel, window position].
fn conv_input(n: i32, grp: i32, k: i32, col: i32) -> f32 {
  var k_rest = k % 9;
  let k1 = k_rest % 3; k_rest = k_rest / 3;
  let k0 = k_rest;
  var o_rest = col;
  let o1 = o_rest % 28; o_rest = o_rest / 28;
  let o0 = o_rest;
  return conv_input_at(n, grp, k / 9, o0 * 1 - 1 + k0 * 1, o1 * 1 - 1 + k1 * 1);
}
// Register-blocked matmul: 32x32 tile of C per workgroup, 4x4 registers per invocation, no workgroup memory.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 100) { return; }
  let col0 = (tile % 25) * TILE_N;
  let row0 = ((tile / 25) % 1) * TILE_M;
  let batch = tile / 25;
  let img = batch / 1;
  let grp = batch % 1;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty + 8; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty + 16; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty + 24; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx + 0; let cb0 = min(c0, N - 1);
  var o0x_rest = cb0;
  let o0x1 = o0x_rest % 28; o0x_rest = o0x_rest / 28;
  let o0x0 = o0x_rest;
  let w0x0 = o0x0 * 1 - 1; let w0x1 = o0x1 * 1 - 1;
  let c1 = col0 + tx + 8; let cb1 = min(c1, N - 1);
  var o1x_rest = cb1;
  let o1x1 = o1x_rest % 28; o1x_rest = o1x_rest / 28;
  let o1x0 = o1x_rest;
  let w1x0 = o1x0 * 1 - 1; let w1x1 = o1x1 * 1 - 1;
  let c2 = col0 + tx + 16; let cb2 = min(c2, N - 1);
  var o2x_rest = cb2;
  let o2x1 = o2x_rest % 28; o2x_rest = o2x_rest / 28;
  let o2x0 = o2x_rest;
  let w2x0 = o2x0 * 1 - 1; let w2x1 = o2x1 * 1 - 1;
  let c3 = col0 + tx + 24; let cb3 = min(c3, N - 1);
  var o3x_rest = cb3;
  let o3x1 = o3x_rest % 28; o3x_rest = o3x_rest / 28;
  let o3x0 = o3x_rest;
  let w3x0 = o3x0 * 1 - 1; let w3x1 = o3x1 * 1 - 1;
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
      let kch = k / 9;
      var kq_rest = k % 9;
  let kq1 = kq_rest % 3; kq_rest = kq_rest / 3;
  let kq0 = kq_rest;
      let a0 = in1[(grp * 32 + ra0) * 9 + k]; let a1 = in1[(grp * 32 + ra1) * 9 + k]; let a2 = in1[(grp * 32 + ra2) * 9 + k]; let a3 = in1[(grp * 32 + ra3) * 9 + k];
      let b0 = conv_input_at(img, grp, kch, w0x0 + kq0 * 1, w0x1 + kq1 * 1);
      let b1 = conv_input_at(img, grp, kch, w1x0 + kq0 * 1, w1x1 + kq1 * 1);
      let b2 = conv_input_at(img, grp, kch, w2x0 + kq0 * 1, w2x1 + kq1 * 1);
      let b3 = conv_input_at(img, grp, kch, w3x0 + kq0 * 1, w3x1 + kq1 * 1);
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
  if (r0 < M && c0 < N) { out0[((img * 32) + grp * 32 + r0) * 784 + c0] = acc00 + in2[grp * 32 + r0]; }
  if (r0 < M && c1 < N) { out0[((img * 32) + grp * 32 + r0) * 784 + c1] = acc01 + in2[grp * 32 + r0]; }
  if (r0 < M && c2 < N) { out0[((img * 32) + grp * 32 + r0) * 784 + c2] = acc02 + in2[grp * 32 + r0]; }
  if (r0 < M && c3 < N) { out0[((img * 32) + grp * 32 + r0) * 784 + c3] = acc03 + in2[grp * 32 + r0]; }
  if (r1 < M && c0 < N) { out0[((img * 32) + grp * 32 + r1) * 784 + c0] = acc10 + in2[grp * 32 + r1]; }
  if (r1 < M && c1 < N) { out0[((img * 32) + grp * 32 + r1) * 784 + c1] = acc11 + in2[grp * 32 + r1]; }
  if (r1 < M && c2 < N) { out0[((img * 32) + grp * 32 + r1) * 784 + c2] = acc12 + in2[grp * 32 + r1]; }
  if (r1 < M && c3 < N) { out0[((img * 32) + grp * 32 + r1) * 784 + c3] = acc13 + in2[grp * 32 + r1]; }
  if (r2 < M && c0 < N) { out0[((img * 32) + grp * 32 + r2) * 784 + c0] = acc20 + in2[grp * 32 + r2]; }
  if (r2 < M && c1 < N) { out0[((img * 32) + grp * 32 + r2) * 784 + c1] = acc21 + in2[grp * 32 + r2]; }
  if (r2 < M && c2 < N) { out0[((img * 32) + grp * 32 + r2) * 784 + c2] = acc22 + in2[grp * 32 + r2]; }
  if (r2 < M && c3 < N) { out0[((img * 32) + grp * 32 + r2) * 784 + c3] = acc23 + in2[grp * 32 + r2]; }
  if (r3 < M && c0 < N) { out0[((img * 32) + grp * 32 + r3) * 784 + c0] = acc30 + in2[grp * 32 + r3]; }
  if (r3 < M && c1 < N) { out0[((img * 32) + grp * 32 + r3) * 784 + c1] = acc31 + in2[grp * 32 + r3]; }
  if (r3 < M && c2 < N) { out0[((img * 32) + grp * 32 + r3) * 784 + c2] = acc32 + in2[grp * 32 + r3]; }
  if (r3 < M && c3 < N) { out0[((img * 32) + grp * 32 + r3) * 784 + c3] = acc33 + in2[grp * 32 + r3]; }
}

// ===== kernel 1: Relu_/Relu
// kiln kernel: /Relu
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
  if (idx >= 100352) { return; }
  var c_rest = idx;
  let c3 = c_rest % 28; c_rest = c_rest / 28;
  let c2 = c_rest % 28; c_rest = c_rest / 28;
  let c1 = c_rest % 32; c_rest = c_rest / 32;
  let c0 = c_rest;
  out0[idx] = max(in0[c0 * 25088 + c1 * 784 + c2 * 28 + c3], 0.0);
}

// ===== kernel 2: MaxPool_/pool1/MaxPool
// kiln kernel: /pool1/MaxPool
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 25088) { return; }
  // MaxPool 2x2 window: one invocation per output element.
  var m = (-bitcast<f32>(kiln_inf_bits));
  var arg = -1;
  var o_rest = idx;
  let o3 = o_rest % 14; o_rest = o_rest / 14;
  let o2 = o_rest % 14; o_rest = o_rest / 14;
  let o1 = o_rest % 32; o_rest = o_rest / 32;
  let o0 = o_rest;
  let plane = o0 * 25088 + o1 * 784;
  for (var t = 0; t < 4; t++) {
    var w_rest = t;
    let w1 = w_rest % 2; w_rest = w_rest / 2;
    let w0 = w_rest;
    let x0 = o2 * 2 + w0;
    let x1 = o3 * 2 + w1;
    let inside = x0 >= 0 && x0 < 28 && x1 >= 0 && x1 < 28;
    if (inside) {
      let v = in0[plane + x0 * 28 + x1];
      if (v > m || arg < 0) { m = v; arg = x0 * 28 + x1; }
    }
  }
  out0[idx] = m;
}

// ===== kernel 3: Conv_/conv2/Conv
// kiln kernel: /conv2/Conv
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 64; const N = 144; const K = 288;
const WG_X = 8; const WG_Y = 8; const KT = 32;
const TILE_M = 32; const TILE_N = 32;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// X[n, g*C/group + ch, i...], zero outside the input (the padding).
fn conv_input_at(n: i32, grp: i32, ch: i32, i0: i32, i1: i32) -> f32 {
  if (i0 < 0 || i0 >= 14 || i1 < 0 || i1 >= 14) { return 0.0; }
  return in0[n * 6272 + (grp * 32 + ch) * 196 + i0 * 14 + i1];
}
// The im2col matrix of image n, group g: element (k, col) = X[n, g*C/group + k / kernel, window position].
fn conv_input(n: i32, grp: i32, k: i32, col: i32) -> f32 {
  var k_rest = k % 9;
  let k1 = k_rest % 3; k_rest = k_rest / 3;
  let k0 = k_rest;
  var o_rest = col;
  let o1 = o_rest % 12; o_rest = o_rest / 12;
  let o0 = o_rest;
  return conv_input_at(n, grp, k / 9, o0 * 1 - 0 + k0 * 1, o1 * 1 - 0 + k1 * 1);
}
// Register-blocked matmul: 32x32 tile of C per workgroup, 4x4 registers per invocation, no workgroup memory.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 40) { return; }
  let col0 = (tile % 5) * TILE_N;
  let row0 = ((tile / 5) % 2) * TILE_M;
  let batch = tile / 10;
  let img = batch / 1;
  let grp = batch % 1;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  let r0 = row0 + ty + 0; let ra0 = min(r0, M - 1);
  let r1 = row0 + ty + 8; let ra1 = min(r1, M - 1);
  let r2 = row0 + ty + 16; let ra2 = min(r2, M - 1);
  let r3 = row0 + ty + 24; let ra3 = min(r3, M - 1);
  let c0 = col0 + tx + 0; let cb0 = min(c0, N - 1);
  var o0x_rest = cb0;
  let o0x1 = o0x_rest % 12; o0x_rest = o0x_rest / 12;
  let o0x0 = o0x_rest;
  let w0x0 = o0x0 * 1 - 0; let w0x1 = o0x1 * 1 - 0;
  let c1 = col0 + tx + 8; let cb1 = min(c1, N - 1);
  var o1x_rest = cb1;
  let o1x1 = o1x_rest % 12; o1x_rest = o1x_rest / 12;
  let o1x0 = o1x_rest;
  let w1x0 = o1x0 * 1 - 0; let w1x1 = o1x1 * 1 - 0;
  let c2 = col0 + tx + 16; let cb2 = min(c2, N - 1);
  var o2x_rest = cb2;
  let o2x1 = o2x_rest % 12; o2x_rest = o2x_rest / 12;
  let o2x0 = o2x_rest;
  let w2x0 = o2x0 * 1 - 0; let w2x1 = o2x1 * 1 - 0;
  let c3 = col0 + tx + 24; let cb3 = min(c3, N - 1);
  var o3x_rest = cb3;
  let o3x1 = o3x_rest % 12; o3x_rest = o3x_rest / 12;
  let o3x0 = o3x_rest;
  let w3x0 = o3x0 * 1 - 0; let w3x1 = o3x1 * 1 - 0;
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
      let kch = k / 9;
      var kq_rest = k % 9;
  let kq1 = kq_rest % 3; kq_rest = kq_rest / 3;
  let kq0 = kq_rest;
      let a0 = in1[(grp * 64 + ra0) * 288 + k]; let a1 = in1[(grp * 64 + ra1) * 288 + k]; let a2 = in1[(grp * 64 + ra2) * 288 + k]; let a3 = in1[(grp * 64 + ra3) * 288 + k];
      let b0 = conv_input_at(img, grp, kch, w0x0 + kq0 * 1, w0x1 + kq1 * 1);
      let b1 = conv_input_at(img, grp, kch, w1x0 + kq0 * 1, w1x1 + kq1 * 1);
      let b2 = conv_input_at(img, grp, kch, w2x0 + kq0 * 1, w2x1 + kq1 * 1);
      let b3 = conv_input_at(img, grp, kch, w3x0 + kq0 * 1, w3x1 + kq1 * 1);
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
  if (r0 < M && c0 < N) { out0[((img * 64) + grp * 64 + r0) * 144 + c0] = acc00 + in2[grp * 64 + r0]; }
  if (r0 < M && c1 < N) { out0[((img * 64) + grp * 64 + r0) * 144 + c1] = acc01 + in2[grp * 64 + r0]; }
  if (r0 < M && c2 < N) { out0[((img * 64) + grp * 64 + r0) * 144 + c2] = acc02 + in2[grp * 64 + r0]; }
  if (r0 < M && c3 < N) { out0[((img * 64) + grp * 64 + r0) * 144 + c3] = acc03 + in2[grp * 64 + r0]; }
  if (r1 < M && c0 < N) { out0[((img * 64) + grp * 64 + r1) * 144 + c0] = acc10 + in2[grp * 64 + r1]; }
  if (r1 < M && c1 < N) { out0[((img * 64) + grp * 64 + r1) * 144 + c1] = acc11 + in2[grp * 64 + r1]; }
  if (r1 < M && c2 < N) { out0[((img * 64) + grp * 64 + r1) * 144 + c2] = acc12 + in2[grp * 64 + r1]; }
  if (r1 < M && c3 < N) { out0[((img * 64) + grp * 64 + r1) * 144 + c3] = acc13 + in2[grp * 64 + r1]; }
  if (r2 < M && c0 < N) { out0[((img * 64) + grp * 64 + r2) * 144 + c0] = acc20 + in2[grp * 64 + r2]; }
  if (r2 < M && c1 < N) { out0[((img * 64) + grp * 64 + r2) * 144 + c1] = acc21 + in2[grp * 64 + r2]; }
  if (r2 < M && c2 < N) { out0[((img * 64) + grp * 64 + r2) * 144 + c2] = acc22 + in2[grp * 64 + r2]; }
  if (r2 < M && c3 < N) { out0[((img * 64) + grp * 64 + r2) * 144 + c3] = acc23 + in2[grp * 64 + r2]; }
  if (r3 < M && c0 < N) { out0[((img * 64) + grp * 64 + r3) * 144 + c0] = acc30 + in2[grp * 64 + r3]; }
  if (r3 < M && c1 < N) { out0[((img * 64) + grp * 64 + r3) * 144 + c1] = acc31 + in2[grp * 64 + r3]; }
  if (r3 < M && c2 < N) { out0[((img * 64) + grp * 64 + r3) * 144 + c2] = acc32 + in2[grp * 64 + r3]; }
  if (r3 < M && c3 < N) { out0[((img * 64) + grp * 64 + r3) * 144 + c3] = acc33 + in2[grp * 64 + r3]; }
}

// ===== kernel 4: Relu_/Relu_1
// kiln kernel: /Relu_1
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
  if (idx >= 36864) { return; }
  var c_rest = idx;
  let c3 = c_rest % 12; c_rest = c_rest / 12;
  let c2 = c_rest % 12; c_rest = c_rest / 12;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = max(in0[c0 * 9216 + c1 * 144 + c2 * 12 + c3], 0.0);
}

// ===== kernel 5: MaxPool_/pool2/MaxPool
// kiln kernel: /pool2/MaxPool
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 9216) { return; }
  // MaxPool 2x2 window: one invocation per output element.
  var m = (-bitcast<f32>(kiln_inf_bits));
  var arg = -1;
  var o_rest = idx;
  let o3 = o_rest % 6; o_rest = o_rest / 6;
  let o2 = o_rest % 6; o_rest = o_rest / 6;
  let o1 = o_rest % 64; o_rest = o_rest / 64;
  let o0 = o_rest;
  let plane = o0 * 9216 + o1 * 144;
  for (var t = 0; t < 4; t++) {
    var w_rest = t;
    let w1 = w_rest % 2; w_rest = w_rest / 2;
    let w0 = w_rest;
    let x0 = o2 * 2 + w0;
    let x1 = o3 * 2 + w1;
    let inside = x0 >= 0 && x0 < 12 && x1 >= 0 && x1 < 12;
    if (inside) {
      let v = in0[plane + x0 * 12 + x1];
      if (v > m || arg < 0) { m = v; arg = x0 * 12 + x1; }
    }
  }
  out0[idx] = m;
}

// ===== kernel 6: Gemm_/fc/Gemm
// kiln kernel: /fc/Gemm
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 4; const N = 10; const K = 2304;
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
      let av0 = in0[(aBase + ra0 * 2304 + k) >> 2];
      let av1 = in0[(aBase + ra1 * 2304 + k) >> 2];
      let av2 = in0[(aBase + ra2 * 2304 + k) >> 2];
      let av3 = in0[(aBase + ra3 * 2304 + k) >> 2];
      let bk0 = in1[(bBase + k + cb0 * 2304) >> 2];
      let bk1 = in1[(bBase + k + cb1 * 2304) >> 2];
      let bk2 = in1[(bBase + k + cb2 * 2304) >> 2];
      let bk3 = in1[(bBase + k + cb3 * 2304) >> 2];
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
  if (r0 < M && c0 < N) { out0[r0 * 10 + c0] = acc0_0 + in2[0 + c0]; }
  if (r0 < M && c1 < N) { out0[r0 * 10 + c1] = acc0_1 + in2[0 + c1]; }
  if (r0 < M && c2 < N) { out0[r0 * 10 + c2] = acc0_2 + in2[0 + c2]; }
  if (r0 < M && c3 < N) { out0[r0 * 10 + c3] = acc0_3 + in2[0 + c3]; }
  if (r1 < M && c0 < N) { out0[r1 * 10 + c0] = acc1_0 + in2[0 + c0]; }
  if (r1 < M && c1 < N) { out0[r1 * 10 + c1] = acc1_1 + in2[0 + c1]; }
  if (r1 < M && c2 < N) { out0[r1 * 10 + c2] = acc1_2 + in2[0 + c2]; }
  if (r1 < M && c3 < N) { out0[r1 * 10 + c3] = acc1_3 + in2[0 + c3]; }
  if (r2 < M && c0 < N) { out0[r2 * 10 + c0] = acc2_0 + in2[0 + c0]; }
  if (r2 < M && c1 < N) { out0[r2 * 10 + c1] = acc2_1 + in2[0 + c1]; }
  if (r2 < M && c2 < N) { out0[r2 * 10 + c2] = acc2_2 + in2[0 + c2]; }
  if (r2 < M && c3 < N) { out0[r2 * 10 + c3] = acc2_3 + in2[0 + c3]; }
  if (r3 < M && c0 < N) { out0[r3 * 10 + c0] = acc3_0 + in2[0 + c0]; }
  if (r3 < M && c1 < N) { out0[r3 * 10 + c1] = acc3_1 + in2[0 + c1]; }
  if (r3 < M && c2 < N) { out0[r3 * 10 + c2] = acc3_2 + in2[0 + c2]; }
  if (r3 < M && c3 < N) { out0[r3 * 10 + c3] = acc3_3 + in2[0 + c3]; }
}

// ===== dispatches
0 [0, 1, 2, 7] (100, 1, 1)
1 [7, 8] (1568, 1, 1)
2 [8, 9] (392, 1, 1)
3 [9, 3, 4, 10] (40, 1, 1)
4 [10, 11] (576, 1, 1)
5 [11, 12] (144, 1, 1)
6 [12, 5, 6, 13] (1, 1, 1)

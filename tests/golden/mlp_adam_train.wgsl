// ===== kernel 0: Gemm_/layers.0/Gemm
// kiln kernel: /layers.0/Gemm
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 16; const N = 128; const K = 784;
const WG_X = 8; const WG_Y = 8; const KT = 16;
const TILE_M = 16; const TILE_N = 16; const THREADS = 64;
var<workgroup> tileA: array<f32, 256>;
var<workgroup> tileB: array<f32, 256>;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Tiled matmul: 16x16 tile of C per workgroup, K staged 16 at a time, 2x2 registers per invocation.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 8) { return; }
  let col0 = (tile % 8) * TILE_N;
  let row0 = ((tile / 8) % 1) * TILE_M;
  let batch = tile / 8;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = 0.0;
      if (row < M && k < K) { v = in0[aBase + row * 784 + k]; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = 0.0;
      if (k < K && col < N) { v = in1[bBase + k + col * 784]; }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    var part00 = 0.0; var part01 = 0.0;
    var part10 = 0.0; var part11 = 0.0;
    for (var kk = 0; kk < kEnd; kk++) {
      let a0 = tileA[kk * TILE_M + ty + 0]; let a1 = tileA[kk * TILE_M + ty + 8];
      let b0 = tileB[kk * TILE_N + tx + 0]; let b1 = tileB[kk * TILE_N + tx + 8];
      part00 += a0 * b0; part01 += a0 * b1;
      part10 += a1 * b0; part11 += a1 * b1;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11);
    workgroupBarrier();
  }
  let r0 = row0 + ty + 0; let r1 = row0 + ty + 8; let c0 = col0 + tx + 0; let c1 = col0 + tx + 8;
  if (r0 < M && c0 < N) { out0[r0 * 128 + c0] = acc00 + in2[0 + c0]; }
  if (r0 < M && c1 < N) { out0[r0 * 128 + c1] = acc01 + in2[0 + c1]; }
  if (r1 < M && c0 < N) { out0[r1 * 128 + c0] = acc10 + in2[0 + c0]; }
  if (r1 < M && c1 < N) { out0[r1 * 128 + c1] = acc11 + in2[0 + c1]; }
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
  if (idx >= 2048) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = max(in0[c0 * 128 + c1], 0.0);
}

// ===== kernel 2: Gemm_/layers.1/Gemm
// kiln kernel: /layers.1/Gemm
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 16; const N = 64; const K = 128;
const WG_X = 8; const WG_Y = 8; const KT = 16;
const TILE_M = 16; const TILE_N = 16; const THREADS = 64;
var<workgroup> tileA: array<f32, 256>;
var<workgroup> tileB: array<f32, 256>;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Tiled matmul: 16x16 tile of C per workgroup, K staged 16 at a time, 2x2 registers per invocation.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
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
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = 0.0;
      if (row < M && k < K) { v = in0[aBase + row * 128 + k]; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = 0.0;
      if (k < K && col < N) { v = in1[bBase + k + col * 128]; }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    var part00 = 0.0; var part01 = 0.0;
    var part10 = 0.0; var part11 = 0.0;
    for (var kk = 0; kk < kEnd; kk++) {
      let a0 = tileA[kk * TILE_M + ty + 0]; let a1 = tileA[kk * TILE_M + ty + 8];
      let b0 = tileB[kk * TILE_N + tx + 0]; let b1 = tileB[kk * TILE_N + tx + 8];
      part00 += a0 * b0; part01 += a0 * b1;
      part10 += a1 * b0; part11 += a1 * b1;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11);
    workgroupBarrier();
  }
  let r0 = row0 + ty + 0; let r1 = row0 + ty + 8; let c0 = col0 + tx + 0; let c1 = col0 + tx + 8;
  if (r0 < M && c0 < N) { out0[r0 * 64 + c0] = acc00 + in2[0 + c0]; }
  if (r0 < M && c1 < N) { out0[r0 * 64 + c1] = acc01 + in2[0 + c1]; }
  if (r1 < M && c0 < N) { out0[r1 * 64 + c0] = acc10 + in2[0 + c0]; }
  if (r1 < M && c1 < N) { out0[r1 * 64 + c1] = acc11 + in2[0 + c1]; }
}

// ===== kernel 3: Relu_/Relu_1
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
  if (idx >= 1024) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = max(in0[c0 * 64 + c1], 0.0);
}

// ===== kernel 4: Gemm_/layers.2/Gemm
// kiln kernel: /layers.2/Gemm
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 16; const N = 10; const K = 64;
const WG_X = 8; const WG_Y = 8; const KT = 16;
const TILE_M = 16; const TILE_N = 16; const THREADS = 64;
var<workgroup> tileA: array<f32, 256>;
var<workgroup> tileB: array<f32, 256>;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Tiled matmul: 16x16 tile of C per workgroup, K staged 16 at a time, 2x2 registers per invocation.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
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
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = 0.0;
      if (row < M && k < K) { v = in0[aBase + row * 64 + k]; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = 0.0;
      if (k < K && col < N) { v = in1[bBase + k + col * 64]; }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    var part00 = 0.0; var part01 = 0.0;
    var part10 = 0.0; var part11 = 0.0;
    for (var kk = 0; kk < kEnd; kk++) {
      let a0 = tileA[kk * TILE_M + ty + 0]; let a1 = tileA[kk * TILE_M + ty + 8];
      let b0 = tileB[kk * TILE_N + tx + 0]; let b1 = tileB[kk * TILE_N + tx + 8];
      part00 += a0 * b0; part01 += a0 * b1;
      part10 += a1 * b0; part11 += a1 * b1;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11);
    workgroupBarrier();
  }
  let r0 = row0 + ty + 0; let r1 = row0 + ty + 8; let c0 = col0 + tx + 0; let c1 = col0 + tx + 8;
  if (r0 < M && c0 < N) { out0[r0 * 10 + c0] = acc00 + in2[0 + c0]; }
  if (r0 < M && c1 < N) { out0[r0 * 10 + c1] = acc01 + in2[0 + c1]; }
  if (r1 < M && c0 < N) { out0[r1 * 10 + c0] = acc10 + in2[0 + c0]; }
  if (r1 < M && c1 < N) { out0[r1 * 10 + c1] = acc11 + in2[0 + c1]; }
}

// ===== kernel 5: ReduceMax_train/SoftmaxCrossEntropyLoss_0/ReduceMax_0
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/ReduceMax_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16) { return; }
  // ReduceMax: one invocation per output element folds its 10 reduced elements.
  let base = idx * 10;
  var acc: f32 = (-bitcast<f32>(kiln_inf_bits));
  for (var r = 0; r < 10; r += 1) {
    let roff = r;
    acc = kiln_max_nan(acc, in0[base + roff]);
  }
  out0[idx] = acc;
}

// ===== kernel 6: StopGradient_train/SoftmaxCrossEntropyLoss_0/StopGradient_1
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/StopGradient_1
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
  if (idx >= 16) { return; }
  var c_rest = idx;
  let c1 = c_rest % 1; c_rest = c_rest / 1;
  let c0 = c_rest;
  out0[idx] = in0[c0];
}

// ===== kernel 7: Sub_train/SoftmaxCrossEntropyLoss_0/Sub_2
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/Sub_2
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
  if (idx >= 160) { return; }
  var c_rest = idx;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 10 + c1] - in1[c0]);
}

// ===== kernel 8: Exp_train/SoftmaxCrossEntropyLoss_0/Exp_3
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/Exp_3
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
  if (idx >= 160) { return; }
  var c_rest = idx;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  out0[idx] = kiln_exp(in0[c0 * 10 + c1]);
}

// ===== kernel 9: ReduceSum_train/SoftmaxCrossEntropyLoss_0/ReduceSum_4
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/ReduceSum_4
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

fn kiln_isnan_r(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn kiln_max_nan(a: f32, x: f32) -> f32 { if (x > a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_min_nan(a: f32, x: f32) -> f32 { if (x < a || kiln_isnan_r(x)) { return x; } return a; }
fn kiln_finite_or_zero(x: f32) -> f32 { if ((bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u) { return 0.0; } return x; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 16) { return; }
  // ReduceSum: one invocation per output element folds its 10 reduced elements.
  let base = idx * 10;
  var acc: f32 = 0.0;
  for (var r = 0; r < 10; r += 1) {
    let roff = r;
    acc = acc + in0[base + roff];
  }
  out0[idx] = acc;
}

// ===== kernel 10: Log_train/SoftmaxCrossEntropyLoss_0/Log_5
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/Log_5
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
  if (idx >= 16) { return; }
  var c_rest = idx;
  let c1 = c_rest % 1; c_rest = c_rest / 1;
  let c0 = c_rest;
  out0[idx] = log(in0[c0]);
}

// ===== kernel 11: Equal_train/SoftmaxCrossEntropyLoss_0/Equal_8
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/Equal_8
@group(0) @binding(0) var<storage, read_write> in0: array<i32>;
@group(0) @binding(1) var<storage, read_write> in1: array<i32>;
@group(0) @binding(2) var<storage, read_write> out0: array<u32>;
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
  if (idx >= 160) { return; }
  var c_rest = idx;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  out0[idx] = select(0u, 1u, in0[c1] == in1[c0]);
}

// ===== kernel 12: Where_train/SoftmaxCrossEntropyLoss_0/Where_10
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/Where_10
@group(0) @binding(0) var<storage, read_write> in0: array<u32>;
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 160) { return; }
  var c_rest = idx;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  out0[idx] = select(in2[0], in1[c0 * 10 + c1], in0[c0 * 10 + c1] != 0u);
}

// ===== kernel 13: Neg_train/SoftmaxCrossEntropyLoss_0/Neg_12
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/Neg_12
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
  if (idx >= 16) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (-in0[c0]);
}

// ===== kernel 14: ReduceSum_train/SoftmaxCrossEntropyLoss_0/ReduceSum_13
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/ReduceSum_13
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
  out0[idx] = acc;
}

// ===== kernel 15: Div_train/SoftmaxCrossEntropyLoss_0/Div_15
// kiln kernel: train/SoftmaxCrossEntropyLoss_0/Div_15
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
  if (idx >= 1) { return; }
  
  out0[idx] = (in0[0] / in1[0]);
}

// ===== kernel 16: Neg_grad/train/SoftmaxCrossEntropyLoss_0/Sub_6/Neg_0
// kiln kernel: grad/train/SoftmaxCrossEntropyLoss_0/Sub_6/Neg_0
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
  if (idx >= 160) { return; }
  var c_rest = idx;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  out0[idx] = (-in0[c0 * 10 + c1]);
}

// ===== kernel 17: Div_grad/train/SoftmaxCrossEntropyLoss_0/Log_5/Div_0
// kiln kernel: grad/train/SoftmaxCrossEntropyLoss_0/Log_5/Div_0
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
  if (idx >= 16) { return; }
  var c_rest = idx;
  let c1 = c_rest % 1; c_rest = c_rest / 1;
  let c0 = c_rest;
  out0[idx] = (in0[c0] / in1[c0]);
}

// ===== kernel 18: Mul_grad/train/SoftmaxCrossEntropyLoss_0/Exp_3/Mul_0
// kiln kernel: grad/train/SoftmaxCrossEntropyLoss_0/Exp_3/Mul_0
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
  if (idx >= 160) { return; }
  var c_rest = idx;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  out0[idx] = (in0[c0] * in1[c0 * 10 + c1]);
}

// ===== kernel 19: Add_grad/train/SoftmaxCrossEntropyLoss_0/Exp_3/accumulate
// kiln kernel: grad/train/SoftmaxCrossEntropyLoss_0/Exp_3/accumulate
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
  if (idx >= 160) { return; }
  var c_rest = idx;
  let c1 = c_rest % 10; c_rest = c_rest / 10;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 10 + c1] + in1[c0 * 10 + c1]);
}

// ===== kernel 20: Gemm_grad//layers.2/Gemm/Gemm_0
// kiln kernel: grad//layers.2/Gemm/Gemm_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 16; const N = 64; const K = 10;
const WG_X = 8; const WG_Y = 8; const KT = 16;
const TILE_M = 16; const TILE_N = 16; const THREADS = 64;
var<workgroup> tileA: array<f32, 256>;
var<workgroup> tileB: array<f32, 256>;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Tiled matmul: 16x16 tile of C per workgroup, K staged 16 at a time, 2x2 registers per invocation.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
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
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = 0.0;
      if (row < M && k < K) { v = in0[aBase + row * 10 + k]; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = 0.0;
      if (k < K && col < N) { v = in1[bBase + k * 64 + col]; }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    var part00 = 0.0; var part01 = 0.0;
    var part10 = 0.0; var part11 = 0.0;
    for (var kk = 0; kk < kEnd; kk++) {
      let a0 = tileA[kk * TILE_M + ty + 0]; let a1 = tileA[kk * TILE_M + ty + 8];
      let b0 = tileB[kk * TILE_N + tx + 0]; let b1 = tileB[kk * TILE_N + tx + 8];
      part00 += a0 * b0; part01 += a0 * b1;
      part10 += a1 * b0; part11 += a1 * b1;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11);
    workgroupBarrier();
  }
  let r0 = row0 + ty + 0; let r1 = row0 + ty + 8; let c0 = col0 + tx + 0; let c1 = col0 + tx + 8;
  if (r0 < M && c0 < N) { out0[r0 * 64 + c0] = acc00; }
  if (r0 < M && c1 < N) { out0[r0 * 64 + c1] = acc01; }
  if (r1 < M && c0 < N) { out0[r1 * 64 + c0] = acc10; }
  if (r1 < M && c1 < N) { out0[r1 * 64 + c1] = acc11; }
}

// ===== kernel 21: Gemm_grad//layers.2/Gemm/Gemm_1
// kiln kernel: grad//layers.2/Gemm/Gemm_1
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 10; const N = 64; const K = 16;
const WG_X = 8; const WG_Y = 8; const KT = 16;
const TILE_M = 16; const TILE_N = 16; const THREADS = 64;
var<workgroup> tileA: array<f32, 256>;
var<workgroup> tileB: array<f32, 256>;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Tiled matmul: 16x16 tile of C per workgroup, K staged 16 at a time, 2x2 registers per invocation.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
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
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = 0.0;
      if (row < M && k < K) { v = in0[aBase + row + k * 10]; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = 0.0;
      if (k < K && col < N) { v = in1[bBase + k * 64 + col]; }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    var part00 = 0.0; var part01 = 0.0;
    var part10 = 0.0; var part11 = 0.0;
    for (var kk = 0; kk < kEnd; kk++) {
      let a0 = tileA[kk * TILE_M + ty + 0]; let a1 = tileA[kk * TILE_M + ty + 8];
      let b0 = tileB[kk * TILE_N + tx + 0]; let b1 = tileB[kk * TILE_N + tx + 8];
      part00 += a0 * b0; part01 += a0 * b1;
      part10 += a1 * b0; part11 += a1 * b1;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11);
    workgroupBarrier();
  }
  let r0 = row0 + ty + 0; let r1 = row0 + ty + 8; let c0 = col0 + tx + 0; let c1 = col0 + tx + 8;
  if (r0 < M && c0 < N) { out0[r0 * 64 + c0] = acc00; }
  if (r0 < M && c1 < N) { out0[r0 * 64 + c1] = acc01; }
  if (r1 < M && c0 < N) { out0[r1 * 64 + c0] = acc10; }
  if (r1 < M && c1 < N) { out0[r1 * 64 + c1] = acc11; }
}

// ===== kernel 22: ReduceSum_grad//layers.2/Gemm/ReduceSum_2
// kiln kernel: grad//layers.2/Gemm/ReduceSum_2
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
    acc = acc + in0[base + roff];
  }
  out0[idx] = acc;
}

// ===== kernel 23: Greater_grad//Relu_1/Greater_0
// kiln kernel: grad//Relu_1/Greater_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<u32>;
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
  if (idx >= 1024) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = select(0u, 1u, in0[c0 * 64 + c1] > in1[0]);
}

// ===== kernel 24: Where_grad//Relu_1/Where_1
// kiln kernel: grad//Relu_1/Where_1
@group(0) @binding(0) var<storage, read_write> in0: array<u32>;
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 1024) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = select(in2[0], in1[c0 * 64 + c1], in0[c0 * 64 + c1] != 0u);
}

// ===== kernel 25: Gemm_grad//layers.1/Gemm/Gemm_0
// kiln kernel: grad//layers.1/Gemm/Gemm_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 16; const N = 128; const K = 64;
const WG_X = 8; const WG_Y = 8; const KT = 16;
const TILE_M = 16; const TILE_N = 16; const THREADS = 64;
var<workgroup> tileA: array<f32, 256>;
var<workgroup> tileB: array<f32, 256>;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Tiled matmul: 16x16 tile of C per workgroup, K staged 16 at a time, 2x2 registers per invocation.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 8) { return; }
  let col0 = (tile % 8) * TILE_N;
  let row0 = ((tile / 8) % 1) * TILE_M;
  let batch = tile / 8;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = 0.0;
      if (row < M && k < K) { v = in0[aBase + row * 64 + k]; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = 0.0;
      if (k < K && col < N) { v = in1[bBase + k * 128 + col]; }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    var part00 = 0.0; var part01 = 0.0;
    var part10 = 0.0; var part11 = 0.0;
    for (var kk = 0; kk < kEnd; kk++) {
      let a0 = tileA[kk * TILE_M + ty + 0]; let a1 = tileA[kk * TILE_M + ty + 8];
      let b0 = tileB[kk * TILE_N + tx + 0]; let b1 = tileB[kk * TILE_N + tx + 8];
      part00 += a0 * b0; part01 += a0 * b1;
      part10 += a1 * b0; part11 += a1 * b1;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11);
    workgroupBarrier();
  }
  let r0 = row0 + ty + 0; let r1 = row0 + ty + 8; let c0 = col0 + tx + 0; let c1 = col0 + tx + 8;
  if (r0 < M && c0 < N) { out0[r0 * 128 + c0] = acc00; }
  if (r0 < M && c1 < N) { out0[r0 * 128 + c1] = acc01; }
  if (r1 < M && c0 < N) { out0[r1 * 128 + c0] = acc10; }
  if (r1 < M && c1 < N) { out0[r1 * 128 + c1] = acc11; }
}

// ===== kernel 26: Gemm_grad//layers.1/Gemm/Gemm_1
// kiln kernel: grad//layers.1/Gemm/Gemm_1
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 64; const N = 128; const K = 16;
const WG_X = 16; const WG_Y = 16; const KT = 16;
const TILE_M = 64; const TILE_N = 64; const THREADS = 256;
var<workgroup> tileA: array<f32, 1024>;
var<workgroup> tileB: array<f32, 1024>;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Tiled matmul: 64x64 tile of C per workgroup, K staged 16 at a time, 4x4 registers per invocation.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
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
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0; var acc02 = 0.0; var comp02 = 0.0; var acc03 = 0.0; var comp03 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0; var acc12 = 0.0; var comp12 = 0.0; var acc13 = 0.0; var comp13 = 0.0;
  var acc20 = 0.0; var comp20 = 0.0; var acc21 = 0.0; var comp21 = 0.0; var acc22 = 0.0; var comp22 = 0.0; var acc23 = 0.0; var comp23 = 0.0;
  var acc30 = 0.0; var comp30 = 0.0; var acc31 = 0.0; var comp31 = 0.0; var acc32 = 0.0; var comp32 = 0.0; var acc33 = 0.0; var comp33 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = 0.0;
      if (row < M && k < K) { v = in0[aBase + row + k * 64]; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = 0.0;
      if (k < K && col < N) { v = in1[bBase + k * 128 + col]; }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    var part00 = 0.0; var part01 = 0.0; var part02 = 0.0; var part03 = 0.0;
    var part10 = 0.0; var part11 = 0.0; var part12 = 0.0; var part13 = 0.0;
    var part20 = 0.0; var part21 = 0.0; var part22 = 0.0; var part23 = 0.0;
    var part30 = 0.0; var part31 = 0.0; var part32 = 0.0; var part33 = 0.0;
    for (var kk = 0; kk < kEnd; kk++) {
      let a0 = tileA[kk * TILE_M + ty + 0]; let a1 = tileA[kk * TILE_M + ty + 16]; let a2 = tileA[kk * TILE_M + ty + 32]; let a3 = tileA[kk * TILE_M + ty + 48];
      let b0 = tileB[kk * TILE_N + tx + 0]; let b1 = tileB[kk * TILE_N + tx + 16]; let b2 = tileB[kk * TILE_N + tx + 32]; let b3 = tileB[kk * TILE_N + tx + 48];
      part00 += a0 * b0; part01 += a0 * b1; part02 += a0 * b2; part03 += a0 * b3;
      part10 += a1 * b0; part11 += a1 * b1; part12 += a1 * b2; part13 += a1 * b3;
      part20 += a2 * b0; part21 += a2 * b1; part22 += a2 * b2; part23 += a2 * b3;
      part30 += a3 * b0; part31 += a3 * b1; part32 += a3 * b2; part33 += a3 * b3;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01); kahan(&acc02, &comp02, part02); kahan(&acc03, &comp03, part03);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11); kahan(&acc12, &comp12, part12); kahan(&acc13, &comp13, part13);
    kahan(&acc20, &comp20, part20); kahan(&acc21, &comp21, part21); kahan(&acc22, &comp22, part22); kahan(&acc23, &comp23, part23);
    kahan(&acc30, &comp30, part30); kahan(&acc31, &comp31, part31); kahan(&acc32, &comp32, part32); kahan(&acc33, &comp33, part33);
    workgroupBarrier();
  }
  let r0 = row0 + ty + 0; let r1 = row0 + ty + 16; let r2 = row0 + ty + 32; let r3 = row0 + ty + 48; let c0 = col0 + tx + 0; let c1 = col0 + tx + 16; let c2 = col0 + tx + 32; let c3 = col0 + tx + 48;
  if (r0 < M && c0 < N) { out0[r0 * 128 + c0] = acc00; }
  if (r0 < M && c1 < N) { out0[r0 * 128 + c1] = acc01; }
  if (r0 < M && c2 < N) { out0[r0 * 128 + c2] = acc02; }
  if (r0 < M && c3 < N) { out0[r0 * 128 + c3] = acc03; }
  if (r1 < M && c0 < N) { out0[r1 * 128 + c0] = acc10; }
  if (r1 < M && c1 < N) { out0[r1 * 128 + c1] = acc11; }
  if (r1 < M && c2 < N) { out0[r1 * 128 + c2] = acc12; }
  if (r1 < M && c3 < N) { out0[r1 * 128 + c3] = acc13; }
  if (r2 < M && c0 < N) { out0[r2 * 128 + c0] = acc20; }
  if (r2 < M && c1 < N) { out0[r2 * 128 + c1] = acc21; }
  if (r2 < M && c2 < N) { out0[r2 * 128 + c2] = acc22; }
  if (r2 < M && c3 < N) { out0[r2 * 128 + c3] = acc23; }
  if (r3 < M && c0 < N) { out0[r3 * 128 + c0] = acc30; }
  if (r3 < M && c1 < N) { out0[r3 * 128 + c1] = acc31; }
  if (r3 < M && c2 < N) { out0[r3 * 128 + c2] = acc32; }
  if (r3 < M && c3 < N) { out0[r3 * 128 + c3] = acc33; }
}

// ===== kernel 27: ReduceSum_grad//layers.1/Gemm/ReduceSum_2
// kiln kernel: grad//layers.1/Gemm/ReduceSum_2
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
    acc = acc + in0[base + roff];
  }
  out0[idx] = acc;
}

// ===== kernel 28: Greater_grad//Relu/Greater_0
// kiln kernel: grad//Relu/Greater_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<u32>;
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
  if (idx >= 2048) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = select(0u, 1u, in0[c0 * 128 + c1] > in1[0]);
}

// ===== kernel 29: Where_grad//Relu/Where_1
// kiln kernel: grad//Relu/Where_1
@group(0) @binding(0) var<storage, read_write> in0: array<u32>;
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 2048) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = select(in2[0], in1[c0 * 128 + c1], in0[c0 * 128 + c1] != 0u);
}

// ===== kernel 30: Gemm_grad//layers.0/Gemm/Gemm_0
// kiln kernel: grad//layers.0/Gemm/Gemm_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

const M = 128; const N = 784; const K = 16;
const WG_X = 16; const WG_Y = 16; const KT = 16;
const TILE_M = 64; const TILE_N = 64; const THREADS = 256;
var<workgroup> tileA: array<f32, 1024>;
var<workgroup> tileB: array<f32, 1024>;
fn kahan(sum: ptr<function, f32>, comp: ptr<function, f32>, x: f32) {
  let y = x - *comp;
  let t = *sum + y;
  *comp = (t - *sum) - y;
  *sum = t;
}

// Tiled matmul: 64x64 tile of C per workgroup, K staged 16 at a time, 4x4 registers per invocation.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lidx: u32) {
  // The tile index is uniform over the workgroup, so this return keeps the barriers in uniform control flow.
  let tile = i32(wid.x + (wid.y + wid.z * nwg.y) * nwg.x);
  if (tile >= 26) { return; }
  let col0 = (tile % 13) * TILE_N;
  let row0 = ((tile / 13) % 2) * TILE_M;
  let batch = tile / 26;
  
  let aBase = 0;
  let bBase = 0;
  let lid = i32(lidx);
  let tx = lid % WG_X;
  let ty = lid / WG_X;
  var acc00 = 0.0; var comp00 = 0.0; var acc01 = 0.0; var comp01 = 0.0; var acc02 = 0.0; var comp02 = 0.0; var acc03 = 0.0; var comp03 = 0.0;
  var acc10 = 0.0; var comp10 = 0.0; var acc11 = 0.0; var comp11 = 0.0; var acc12 = 0.0; var comp12 = 0.0; var acc13 = 0.0; var comp13 = 0.0;
  var acc20 = 0.0; var comp20 = 0.0; var acc21 = 0.0; var comp21 = 0.0; var acc22 = 0.0; var comp22 = 0.0; var acc23 = 0.0; var comp23 = 0.0;
  var acc30 = 0.0; var comp30 = 0.0; var acc31 = 0.0; var comp31 = 0.0; var acc32 = 0.0; var comp32 = 0.0; var acc33 = 0.0; var comp33 = 0.0;
  for (var k0 = 0; k0 < K; k0 += KT) {
    for (var e = lid; e < KT * TILE_M; e += THREADS) {
      let row = row0 + e / KT;
      let k = k0 + e % KT;
      var v = 0.0;
      if (row < M && k < K) { v = in0[aBase + row + k * 128]; }
      tileA[(e % KT) * TILE_M + e / KT] = v;
    }
    for (var e = lid; e < KT * TILE_N; e += THREADS) {
      let k = k0 + e / TILE_N;
      let col = col0 + e % TILE_N;
      var v = 0.0;
      if (k < K && col < N) { v = in1[bBase + k * 784 + col]; }
      tileB[e] = v;
    }
    workgroupBarrier();
    // A variable trip count (the last slab may be short) also keeps shader compilers from unrolling KT times.
    let kEnd = min(KT, K - k0);
    var part00 = 0.0; var part01 = 0.0; var part02 = 0.0; var part03 = 0.0;
    var part10 = 0.0; var part11 = 0.0; var part12 = 0.0; var part13 = 0.0;
    var part20 = 0.0; var part21 = 0.0; var part22 = 0.0; var part23 = 0.0;
    var part30 = 0.0; var part31 = 0.0; var part32 = 0.0; var part33 = 0.0;
    for (var kk = 0; kk < kEnd; kk++) {
      let a0 = tileA[kk * TILE_M + ty + 0]; let a1 = tileA[kk * TILE_M + ty + 16]; let a2 = tileA[kk * TILE_M + ty + 32]; let a3 = tileA[kk * TILE_M + ty + 48];
      let b0 = tileB[kk * TILE_N + tx + 0]; let b1 = tileB[kk * TILE_N + tx + 16]; let b2 = tileB[kk * TILE_N + tx + 32]; let b3 = tileB[kk * TILE_N + tx + 48];
      part00 += a0 * b0; part01 += a0 * b1; part02 += a0 * b2; part03 += a0 * b3;
      part10 += a1 * b0; part11 += a1 * b1; part12 += a1 * b2; part13 += a1 * b3;
      part20 += a2 * b0; part21 += a2 * b1; part22 += a2 * b2; part23 += a2 * b3;
      part30 += a3 * b0; part31 += a3 * b1; part32 += a3 * b2; part33 += a3 * b3;
    }
    kahan(&acc00, &comp00, part00); kahan(&acc01, &comp01, part01); kahan(&acc02, &comp02, part02); kahan(&acc03, &comp03, part03);
    kahan(&acc10, &comp10, part10); kahan(&acc11, &comp11, part11); kahan(&acc12, &comp12, part12); kahan(&acc13, &comp13, part13);
    kahan(&acc20, &comp20, part20); kahan(&acc21, &comp21, part21); kahan(&acc22, &comp22, part22); kahan(&acc23, &comp23, part23);
    kahan(&acc30, &comp30, part30); kahan(&acc31, &comp31, part31); kahan(&acc32, &comp32, part32); kahan(&acc33, &comp33, part33);
    workgroupBarrier();
  }
  let r0 = row0 + ty + 0; let r1 = row0 + ty + 16; let r2 = row0 + ty + 32; let r3 = row0 + ty + 48; let c0 = col0 + tx + 0; let c1 = col0 + tx + 16; let c2 = col0 + tx + 32; let c3 = col0 + tx + 48;
  if (r0 < M && c0 < N) { out0[r0 * 784 + c0] = acc00; }
  if (r0 < M && c1 < N) { out0[r0 * 784 + c1] = acc01; }
  if (r0 < M && c2 < N) { out0[r0 * 784 + c2] = acc02; }
  if (r0 < M && c3 < N) { out0[r0 * 784 + c3] = acc03; }
  if (r1 < M && c0 < N) { out0[r1 * 784 + c0] = acc10; }
  if (r1 < M && c1 < N) { out0[r1 * 784 + c1] = acc11; }
  if (r1 < M && c2 < N) { out0[r1 * 784 + c2] = acc12; }
  if (r1 < M && c3 < N) { out0[r1 * 784 + c3] = acc13; }
  if (r2 < M && c0 < N) { out0[r2 * 784 + c0] = acc20; }
  if (r2 < M && c1 < N) { out0[r2 * 784 + c1] = acc21; }
  if (r2 < M && c2 < N) { out0[r2 * 784 + c2] = acc22; }
  if (r2 < M && c3 < N) { out0[r2 * 784 + c3] = acc23; }
  if (r3 < M && c0 < N) { out0[r3 * 784 + c0] = acc30; }
  if (r3 < M && c1 < N) { out0[r3 * 784 + c1] = acc31; }
  if (r3 < M && c2 < N) { out0[r3 * 784 + c2] = acc32; }
  if (r3 < M && c3 < N) { out0[r3 * 784 + c3] = acc33; }
}

// ===== kernel 31: ReduceSum_grad//layers.0/Gemm/ReduceSum_1
// kiln kernel: grad//layers.0/Gemm/ReduceSum_1
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
    acc = acc + in0[base + roff];
  }
  out0[idx] = acc;
}

// ===== kernel 32: Mul_update/Mul_1
// kiln kernel: update/Mul_1
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
  if (idx >= 100352) { return; }
  var c_rest = idx;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = (in0[0] * in1[c0 * 784 + c1]);
}

// ===== kernel 33: Add_update/Add_4
// kiln kernel: update/Add_4
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
  if (idx >= 100352) { return; }
  var c_rest = idx;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 784 + c1] + in1[c0 * 784 + c1]);
}

// ===== kernel 34: Mul_update/Mul_8
// kiln kernel: update/Mul_8
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
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 784 + c1] * in0[c0 * 784 + c1]);
}

// ===== kernel 35: Sqrt_update/Sqrt_11
// kiln kernel: update/Sqrt_11
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
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = sqrt(in0[c0 * 784 + c1]);
}

// ===== kernel 36: Sqrt_update/Sqrt_12
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 1) { return; }
  
  out0[idx] = sqrt(in0[0]);
}

// ===== kernel 37: Div_update/Div_13
// kiln kernel: update/Div_13
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
  if (idx >= 100352) { return; }
  var c_rest = idx;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 784 + c1] / in1[0]);
}

// ===== kernel 38: Add_update/Add_15
// kiln kernel: update/Add_15
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
  if (idx >= 100352) { return; }
  var c_rest = idx;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 784 + c1] + in1[0]);
}

// ===== kernel 39: Div_update/Div_17
// kiln kernel: update/Div_17
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
  if (idx >= 100352) { return; }
  var c_rest = idx;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 784 + c1] / in1[c0 * 784 + c1]);
}

// ===== kernel 40: Sub_update/Sub_19
// kiln kernel: update/Sub_19
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
  if (idx >= 100352) { return; }
  var c_rest = idx;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 784 + c1] - in1[c0 * 784 + c1]);
}

// ===== kernel 41: Mul_update/Mul_21
// kiln kernel: update/Mul_21
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
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[0] * in1[c0]);
}

// ===== kernel 42: Add_update/Add_24
// kiln kernel: update/Add_24
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
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] + in1[c0]);
}

// ===== kernel 43: Mul_update/Mul_28
// kiln kernel: update/Mul_28
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
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] * in0[c0]);
}

// ===== kernel 44: Sqrt_update/Sqrt_31
// kiln kernel: update/Sqrt_31
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
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = sqrt(in0[c0]);
}

// ===== kernel 45: Div_update/Div_33
// kiln kernel: update/Div_33
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
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] / in1[0]);
}

// ===== kernel 46: Add_update/Add_35
// kiln kernel: update/Add_35
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
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] + in1[0]);
}

// ===== kernel 47: Div_update/Div_37
// kiln kernel: update/Div_37
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
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] / in1[c0]);
}

// ===== kernel 48: Sub_update/Sub_39
// kiln kernel: update/Sub_39
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
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] - in1[c0]);
}

// ===== kernel 49: Mul_update/Mul_41
// kiln kernel: update/Mul_41
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
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = (in0[0] * in1[c0 * 128 + c1]);
}

// ===== kernel 50: Add_update/Add_44
// kiln kernel: update/Add_44
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
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 128 + c1] + in1[c0 * 128 + c1]);
}

// ===== kernel 51: Mul_update/Mul_48
// kiln kernel: update/Mul_48
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
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 128 + c1] * in0[c0 * 128 + c1]);
}

// ===== kernel 52: Sqrt_update/Sqrt_51
// kiln kernel: update/Sqrt_51
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
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = sqrt(in0[c0 * 128 + c1]);
}

// ===== kernel 53: Div_update/Div_53
// kiln kernel: update/Div_53
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
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 128 + c1] / in1[0]);
}

// ===== kernel 54: Add_update/Add_55
// kiln kernel: update/Add_55
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
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 128 + c1] + in1[0]);
}

// ===== kernel 55: Div_update/Div_57
// kiln kernel: update/Div_57
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
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 128 + c1] / in1[c0 * 128 + c1]);
}

// ===== kernel 56: Sub_update/Sub_59
// kiln kernel: update/Sub_59
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
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 128 + c1] - in1[c0 * 128 + c1]);
}

// ===== kernel 57: Mul_update/Mul_61
// kiln kernel: update/Mul_61
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
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[0] * in1[c0]);
}

// ===== kernel 58: Add_update/Add_64
// kiln kernel: update/Add_64
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
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] + in1[c0]);
}

// ===== kernel 59: Mul_update/Mul_68
// kiln kernel: update/Mul_68
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
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] * in0[c0]);
}

// ===== kernel 60: Sqrt_update/Sqrt_71
// kiln kernel: update/Sqrt_71
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
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = sqrt(in0[c0]);
}

// ===== kernel 61: Div_update/Div_73
// kiln kernel: update/Div_73
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
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] / in1[0]);
}

// ===== kernel 62: Add_update/Add_75
// kiln kernel: update/Add_75
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
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] + in1[0]);
}

// ===== kernel 63: Div_update/Div_77
// kiln kernel: update/Div_77
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
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] / in1[c0]);
}

// ===== kernel 64: Sub_update/Sub_79
// kiln kernel: update/Sub_79
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
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] - in1[c0]);
}

// ===== kernel 65: Mul_update/Mul_81
// kiln kernel: update/Mul_81
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
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = (in0[0] * in1[c0 * 64 + c1]);
}

// ===== kernel 66: Add_update/Add_84
// kiln kernel: update/Add_84
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
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 64 + c1] + in1[c0 * 64 + c1]);
}

// ===== kernel 67: Mul_update/Mul_88
// kiln kernel: update/Mul_88
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
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 64 + c1] * in0[c0 * 64 + c1]);
}

// ===== kernel 68: Sqrt_update/Sqrt_91
// kiln kernel: update/Sqrt_91
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
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = sqrt(in0[c0 * 64 + c1]);
}

// ===== kernel 69: Div_update/Div_93
// kiln kernel: update/Div_93
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
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 64 + c1] / in1[0]);
}

// ===== kernel 70: Add_update/Add_95
// kiln kernel: update/Add_95
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
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 64 + c1] + in1[0]);
}

// ===== kernel 71: Div_update/Div_97
// kiln kernel: update/Div_97
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
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 64 + c1] / in1[c0 * 64 + c1]);
}

// ===== kernel 72: Sub_update/Sub_99
// kiln kernel: update/Sub_99
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
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = (in0[c0 * 64 + c1] - in1[c0 * 64 + c1]);
}

// ===== kernel 73: Mul_update/Mul_101
// kiln kernel: update/Mul_101
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
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[0] * in1[c0]);
}

// ===== kernel 74: Add_update/Add_104
// kiln kernel: update/Add_104
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
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] + in1[c0]);
}

// ===== kernel 75: Mul_update/Mul_108
// kiln kernel: update/Mul_108
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
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] * in0[c0]);
}

// ===== kernel 76: Sqrt_update/Sqrt_111
// kiln kernel: update/Sqrt_111
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
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = sqrt(in0[c0]);
}

// ===== kernel 77: Div_update/Div_113
// kiln kernel: update/Div_113
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
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] / in1[0]);
}

// ===== kernel 78: Add_update/Add_115
// kiln kernel: update/Add_115
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
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] + in1[0]);
}

// ===== kernel 79: Div_update/Div_117
// kiln kernel: update/Div_117
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
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] / in1[c0]);
}

// ===== kernel 80: Sub_update/Sub_119
// kiln kernel: update/Sub_119
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
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = (in0[c0] - in1[c0]);
}

// ===== kernel 81: update_layers.0.weight.exp_avg
// kiln kernel: update layers.0.weight.exp_avg
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 100352) { return; }
  var c_rest = idx;
  let c1 = c_rest % 784; c_rest = c_rest / 784;
  let c0 = c_rest;
  out0[idx] = in0[c0 * 784 + c1];
}

// ===== kernel 82: update_layers.0.bias.exp_avg
// kiln kernel: update layers.0.bias.exp_avg
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 128) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = in0[c0];
}

// ===== kernel 83: update_layers.1.weight.exp_avg
// kiln kernel: update layers.1.weight.exp_avg
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 8192) { return; }
  var c_rest = idx;
  let c1 = c_rest % 128; c_rest = c_rest / 128;
  let c0 = c_rest;
  out0[idx] = in0[c0 * 128 + c1];
}

// ===== kernel 84: update_layers.1.bias.exp_avg
// kiln kernel: update layers.1.bias.exp_avg
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 64) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = in0[c0];
}

// ===== kernel 85: update_layers.2.weight.exp_avg
// kiln kernel: update layers.2.weight.exp_avg
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 640) { return; }
  var c_rest = idx;
  let c1 = c_rest % 64; c_rest = c_rest / 64;
  let c0 = c_rest;
  out0[idx] = in0[c0 * 64 + c1];
}

// ===== kernel 86: update_layers.2.bias.exp_avg
// kiln kernel: update layers.2.bias.exp_avg
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = i32(gid.x + (gid.y + gid.z * nwg.y) * nwg.x * 64u);
  if (idx >= 10) { return; }
  var c_rest = idx;
  let c0 = c_rest;
  out0[idx] = in0[c0];
}

// ===== dispatches
0 [0, 6, 7, 33] (8, 1, 1)
1 [33, 34] (32, 1, 1)
2 [34, 8, 9, 35] (4, 1, 1)
3 [35, 36] (16, 1, 1)
4 [36, 10, 11, 37] (1, 1, 1)
5 [37, 38] (1, 1, 1)
6 [38, 39] (1, 1, 1)
7 [37, 39, 40] (3, 1, 1)
8 [40, 41] (3, 1, 1)
9 [41, 42] (1, 1, 1)
10 [42, 43] (1, 1, 1)
7 [40, 43, 44] (3, 1, 1)
11 [12, 1, 45] (3, 1, 1)
12 [45, 44, 13, 46] (3, 1, 1)
9 [46, 47] (1, 1, 1)
13 [47, 48] (1, 1, 1)
14 [48, 49] (1, 1, 1)
15 [49, 14, 50] (1, 1, 1)
12 [45, 32, 13, 51] (3, 1, 1)
16 [51, 52] (3, 1, 1)
9 [52, 53] (1, 1, 1)
17 [53, 42, 54] (1, 1, 1)
18 [54, 41, 55] (3, 1, 1)
19 [51, 55, 56] (3, 1, 1)
20 [56, 10, 57] (4, 1, 1)
21 [56, 36, 58] (4, 1, 1)
22 [56, 59] (1, 1, 1)
23 [35, 13, 60] (16, 1, 1)
24 [60, 57, 13, 61] (16, 1, 1)
25 [61, 8, 62] (8, 1, 1)
26 [61, 34, 63] (2, 1, 1)
27 [61, 64] (1, 1, 1)
28 [33, 13, 65] (32, 1, 1)
29 [65, 62, 13, 66] (32, 1, 1)
30 [66, 0, 67] (26, 1, 1)
31 [66, 68] (2, 1, 1)
32 [17, 15, 69] (1568, 1, 1)
32 [18, 67, 70] (1568, 1, 1)
33 [69, 70, 71] (1568, 1, 1)
32 [19, 16, 72] (1568, 1, 1)
34 [67, 73] (1568, 1, 1)
32 [20, 73, 74] (1568, 1, 1)
33 [72, 74, 75] (1568, 1, 1)
35 [75, 76] (1568, 1, 1)
36 [5, 77] (1, 1, 1)
37 [76, 77, 78] (1568, 1, 1)
38 [78, 21, 79] (1568, 1, 1)
15 [2, 4, 80] (1, 1, 1)
39 [71, 79, 81] (1568, 1, 1)
32 [80, 81, 82] (1568, 1, 1)
40 [6, 82, 83] (1568, 1, 1)
41 [17, 22, 84] (2, 1, 1)
41 [18, 68, 85] (2, 1, 1)
42 [84, 85, 86] (2, 1, 1)
41 [19, 23, 87] (2, 1, 1)
43 [68, 88] (2, 1, 1)
41 [20, 88, 89] (2, 1, 1)
42 [87, 89, 90] (2, 1, 1)
44 [90, 91] (2, 1, 1)
45 [91, 77, 92] (2, 1, 1)
46 [92, 21, 93] (2, 1, 1)
47 [86, 93, 94] (2, 1, 1)
41 [80, 94, 95] (2, 1, 1)
48 [7, 95, 96] (2, 1, 1)
49 [17, 24, 97] (128, 1, 1)
49 [18, 63, 98] (128, 1, 1)
50 [97, 98, 99] (128, 1, 1)
49 [19, 25, 100] (128, 1, 1)
51 [63, 101] (128, 1, 1)
49 [20, 101, 102] (128, 1, 1)
50 [100, 102, 103] (128, 1, 1)
52 [103, 104] (128, 1, 1)
53 [104, 77, 105] (128, 1, 1)
54 [105, 21, 106] (128, 1, 1)
55 [99, 106, 107] (128, 1, 1)
49 [80, 107, 108] (128, 1, 1)
56 [8, 108, 109] (128, 1, 1)
57 [17, 26, 110] (1, 1, 1)
57 [18, 64, 111] (1, 1, 1)
58 [110, 111, 112] (1, 1, 1)
57 [19, 27, 113] (1, 1, 1)
59 [64, 114] (1, 1, 1)
57 [20, 114, 115] (1, 1, 1)
58 [113, 115, 116] (1, 1, 1)
60 [116, 117] (1, 1, 1)
61 [117, 77, 118] (1, 1, 1)
62 [118, 21, 119] (1, 1, 1)
63 [112, 119, 120] (1, 1, 1)
57 [80, 120, 121] (1, 1, 1)
64 [9, 121, 122] (1, 1, 1)
65 [17, 28, 123] (10, 1, 1)
65 [18, 58, 124] (10, 1, 1)
66 [123, 124, 125] (10, 1, 1)
65 [19, 29, 126] (10, 1, 1)
67 [58, 127] (10, 1, 1)
65 [20, 127, 128] (10, 1, 1)
66 [126, 128, 129] (10, 1, 1)
68 [129, 130] (10, 1, 1)
69 [130, 77, 131] (10, 1, 1)
70 [131, 21, 132] (10, 1, 1)
71 [125, 132, 133] (10, 1, 1)
65 [80, 133, 134] (10, 1, 1)
72 [10, 134, 135] (10, 1, 1)
73 [17, 30, 136] (1, 1, 1)
73 [18, 59, 137] (1, 1, 1)
74 [136, 137, 138] (1, 1, 1)
73 [19, 31, 139] (1, 1, 1)
75 [59, 140] (1, 1, 1)
73 [20, 140, 141] (1, 1, 1)
74 [139, 141, 142] (1, 1, 1)
76 [142, 143] (1, 1, 1)
77 [143, 77, 144] (1, 1, 1)
78 [144, 21, 145] (1, 1, 1)
79 [138, 145, 146] (1, 1, 1)
73 [80, 146, 147] (1, 1, 1)
80 [11, 147, 148] (1, 1, 1)
81 [71, 15] (1568, 1, 1)
81 [75, 16] (1568, 1, 1)
81 [83, 6] (1568, 1, 1)
82 [86, 22] (2, 1, 1)
82 [90, 23] (2, 1, 1)
82 [96, 7] (2, 1, 1)
83 [99, 24] (128, 1, 1)
83 [103, 25] (128, 1, 1)
83 [109, 8] (128, 1, 1)
84 [112, 26] (1, 1, 1)
84 [116, 27] (1, 1, 1)
84 [122, 9] (1, 1, 1)
85 [125, 28] (10, 1, 1)
85 [129, 29] (10, 1, 1)
85 [135, 10] (10, 1, 1)
86 [138, 30] (1, 1, 1)
86 [142, 31] (1, 1, 1)
86 [148, 11] (1, 1, 1)

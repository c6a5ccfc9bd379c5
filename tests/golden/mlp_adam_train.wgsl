// ===== kernel 0: Gemm_/layers.0/Gemm
// kiln kernel: /layers.0/Gemm
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
  if (r0 < M && c0 < N) { out0[r0 * 128 + c0] = acc0_0 + in2[0 + c0]; }
  if (r0 < M && c1 < N) { out0[r0 * 128 + c1] = acc0_1 + in2[0 + c1]; }
  if (r0 < M && c2 < N) { out0[r0 * 128 + c2] = acc0_2 + in2[0 + c2]; }
  if (r0 < M && c3 < N) { out0[r0 * 128 + c3] = acc0_3 + in2[0 + c3]; }
  if (r1 < M && c0 < N) { out0[r1 * 128 + c0] = acc1_0 + in2[0 + c0]; }
  if (r1 < M && c1 < N) { out0[r1 * 128 + c1] = acc1_1 + in2[0 + c1]; }
  if (r1 < M && c2 < N) { out0[r1 * 128 + c2] = acc1_2 + in2[0 + c2]; }
  if (r1 < M && c3 < N) { out0[r1 * 128 + c3] = acc1_3 + in2[0 + c3]; }
  if (r2 < M && c0 < N) { out0[r2 * 128 + c0] = acc2_0 + in2[0 + c0]; }
  if (r2 < M && c1 < N) { out0[r2 * 128 + c1] = acc2_1 + in2[0 + c1]; }
  if (r2 < M && c2 < N) { out0[r2 * 128 + c2] = acc2_2 + in2[0 + c2]; }
  if (r2 < M && c3 < N) { out0[r2 * 128 + c3] = acc2_3 + in2[0 + c3]; }
  if (r3 < M && c0 < N) { out0[r3 * 128 + c0] = acc3_0 + in2[0 + c0]; }
  if (r3 < M && c1 < N) { out0[r3 * 128 + c1] = acc3_1 + in2[0 + c1]; }
  if (r3 < M && c2 < N) { out0[r3 * 128 + c2] = acc3_2 + in2[0 + c2]; }
  if (r3 < M && c3 < N) { out0[r3 * 128 + c3] = acc3_3 + in2[0 + c3]; }
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
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
  if (r0 < M && c0 < N) { out0[r0 * 64 + c0] = acc0_0 + in2[0 + c0]; }
  if (r0 < M && c1 < N) { out0[r0 * 64 + c1] = acc0_1 + in2[0 + c1]; }
  if (r0 < M && c2 < N) { out0[r0 * 64 + c2] = acc0_2 + in2[0 + c2]; }
  if (r0 < M && c3 < N) { out0[r0 * 64 + c3] = acc0_3 + in2[0 + c3]; }
  if (r1 < M && c0 < N) { out0[r1 * 64 + c0] = acc1_0 + in2[0 + c0]; }
  if (r1 < M && c1 < N) { out0[r1 * 64 + c1] = acc1_1 + in2[0 + c1]; }
  if (r1 < M && c2 < N) { out0[r1 * 64 + c2] = acc1_2 + in2[0 + c2]; }
  if (r1 < M && c3 < N) { out0[r1 * 64 + c3] = acc1_3 + in2[0 + c3]; }
  if (r2 < M && c0 < N) { out0[r2 * 64 + c0] = acc2_0 + in2[0 + c0]; }
  if (r2 < M && c1 < N) { out0[r2 * 64 + c1] = acc2_1 + in2[0 + c1]; }
  if (r2 < M && c2 < N) { out0[r2 * 64 + c2] = acc2_2 + in2[0 + c2]; }
  if (r2 < M && c3 < N) { out0[r2 * 64 + c3] = acc2_3 + in2[0 + c3]; }
  if (r3 < M && c0 < N) { out0[r3 * 64 + c0] = acc3_0 + in2[0 + c0]; }
  if (r3 < M && c1 < N) { out0[r3 * 64 + c1] = acc3_1 + in2[0 + c1]; }
  if (r3 < M && c2 < N) { out0[r3 * 64 + c2] = acc3_2 + in2[0 + c2]; }
  if (r3 < M && c3 < N) { out0[r3 * 64 + c3] = acc3_3 + in2[0 + c3]; }
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
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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

// ===== kernel 5: ReduceMax_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceMax_0
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceMax_0
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

// ===== kernel 6: StopGradient_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/StopGradient_1
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/StopGradient_1
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

// ===== kernel 7: Sub_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_2
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_2
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

// ===== kernel 8: Exp_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3
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

// ===== kernel 9: ReduceSum_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_4
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_4
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

// ===== kernel 10: Log_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Log_5
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Log_5
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

// ===== kernel 11: Gather_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Gather_9
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Gather_9
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

// ===== kernel 12: Sub_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_11
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_11
@group(0) @binding(0) var<storage, read_write> in0: array<i32>;
@group(0) @binding(1) var<storage, read_write> in1: array<i32>;
@group(0) @binding(2) var<storage, read_write> out0: array<i32>;
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
  out0[idx] = (in0[c0] - in1[0]);
}

// ===== kernel 13: Add_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Add_13
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Add_13
@group(0) @binding(0) var<storage, read_write> in0: array<i32>;
@group(0) @binding(1) var<storage, read_write> in1: array<i32>;
@group(0) @binding(2) var<storage, read_write> out0: array<i32>;
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
  out0[idx] = (in0[c0] + in1[c0]);
}

// ===== kernel 14: Equal_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Equal_16
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Equal_16
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

// ===== kernel 15: Where_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Where_18
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Where_18
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

// ===== kernel 16: Neg_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Neg_20
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Neg_20
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

// ===== kernel 17: ReduceSum_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_21
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/ReduceSum_21
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

// ===== kernel 18: Div_train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Div_23
// kiln kernel: train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Div_23
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

// ===== kernel 19: Neg_grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6/Neg_0
// kiln kernel: grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Sub_6/Neg_0
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

// ===== kernel 20: Div_grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Log_5/Div_0
// kiln kernel: grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Log_5/Div_0
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

// ===== kernel 21: Mul_grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3/Mul_0
// kiln kernel: grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3/Mul_0
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

// ===== kernel 22: Add_grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3/accumulate
// kiln kernel: grad/train/CrossEntropyLoss/SoftmaxCrossEntropyLoss_5/Exp_3/accumulate
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

// ===== kernel 23: Gemm_grad//layers.2/Gemm/Gemm_0
// kiln kernel: grad//layers.2/Gemm/Gemm_0
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
      let a0 = in0[aBase + ra0 * 10 + k]; let a1 = in0[aBase + ra1 * 10 + k]; let a2 = in0[aBase + ra2 * 10 + k]; let a3 = in0[aBase + ra3 * 10 + k];
      let b0 = in1[(bBase + k * 64 + cb0) >> 2][(bBase + k * 64 + cb0) & 3];
      let b1 = in1[(bBase + k * 64 + cb1) >> 2][(bBase + k * 64 + cb1) & 3];
      let b2 = in1[(bBase + k * 64 + cb2) >> 2][(bBase + k * 64 + cb2) & 3];
      let b3 = in1[(bBase + k * 64 + cb3) >> 2][(bBase + k * 64 + cb3) & 3];
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
  if (r0 < M && c0 < N) { out0[r0 * 64 + c0] = acc00; }
  if (r0 < M && c1 < N) { out0[r0 * 64 + c1] = acc01; }
  if (r0 < M && c2 < N) { out0[r0 * 64 + c2] = acc02; }
  if (r0 < M && c3 < N) { out0[r0 * 64 + c3] = acc03; }
  if (r1 < M && c0 < N) { out0[r1 * 64 + c0] = acc10; }
  if (r1 < M && c1 < N) { out0[r1 * 64 + c1] = acc11; }
  if (r1 < M && c2 < N) { out0[r1 * 64 + c2] = acc12; }
  if (r1 < M && c3 < N) { out0[r1 * 64 + c3] = acc13; }
  if (r2 < M && c0 < N) { out0[r2 * 64 + c0] = acc20; }
  if (r2 < M && c1 < N) { out0[r2 * 64 + c1] = acc21; }
  if (r2 < M && c2 < N) { out0[r2 * 64 + c2] = acc22; }
  if (r2 < M && c3 < N) { out0[r2 * 64 + c3] = acc23; }
  if (r3 < M && c0 < N) { out0[r3 * 64 + c0] = acc30; }
  if (r3 < M && c1 < N) { out0[r3 * 64 + c1] = acc31; }
  if (r3 < M && c2 < N) { out0[r3 * 64 + c2] = acc32; }
  if (r3 < M && c3 < N) { out0[r3 * 64 + c3] = acc33; }
}

// ===== kernel 24: Gemm_grad//layers.2/Gemm/Gemm_1
// kiln kernel: grad//layers.2/Gemm/Gemm_1
@group(0) @binding(0) var<storage, read_write> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
      let a0_0 = in0[aBase + ra0 + (k + 0) * 10];
      let a0_1 = in0[aBase + ra0 + (k + 1) * 10];
      let a0_2 = in0[aBase + ra0 + (k + 2) * 10];
      let a0_3 = in0[aBase + ra0 + (k + 3) * 10];
      let a1_0 = in0[aBase + ra1 + (k + 0) * 10];
      let a1_1 = in0[aBase + ra1 + (k + 1) * 10];
      let a1_2 = in0[aBase + ra1 + (k + 2) * 10];
      let a1_3 = in0[aBase + ra1 + (k + 3) * 10];
      let a2_0 = in0[aBase + ra2 + (k + 0) * 10];
      let a2_1 = in0[aBase + ra2 + (k + 1) * 10];
      let a2_2 = in0[aBase + ra2 + (k + 2) * 10];
      let a2_3 = in0[aBase + ra2 + (k + 3) * 10];
      let a3_0 = in0[aBase + ra3 + (k + 0) * 10];
      let a3_1 = in0[aBase + ra3 + (k + 1) * 10];
      let a3_2 = in0[aBase + ra3 + (k + 2) * 10];
      let a3_3 = in0[aBase + ra3 + (k + 3) * 10];
      let b0_0 = in1[(bBase + (k + 0) * 64 + cb4_0) >> 2];
      let b1_0 = in1[(bBase + (k + 1) * 64 + cb4_0) >> 2];
      let b2_0 = in1[(bBase + (k + 2) * 64 + cb4_0) >> 2];
      let b3_0 = in1[(bBase + (k + 3) * 64 + cb4_0) >> 2];
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
  if (r0 < M && c0 < N) { out0[r0 * 64 + c0] = acc0_0.x; }
  if (r0 < M && c1 < N) { out0[r0 * 64 + c1] = acc0_0.y; }
  if (r0 < M && c2 < N) { out0[r0 * 64 + c2] = acc0_0.z; }
  if (r0 < M && c3 < N) { out0[r0 * 64 + c3] = acc0_0.w; }
  if (r1 < M && c0 < N) { out0[r1 * 64 + c0] = acc1_0.x; }
  if (r1 < M && c1 < N) { out0[r1 * 64 + c1] = acc1_0.y; }
  if (r1 < M && c2 < N) { out0[r1 * 64 + c2] = acc1_0.z; }
  if (r1 < M && c3 < N) { out0[r1 * 64 + c3] = acc1_0.w; }
  if (r2 < M && c0 < N) { out0[r2 * 64 + c0] = acc2_0.x; }
  if (r2 < M && c1 < N) { out0[r2 * 64 + c1] = acc2_0.y; }
  if (r2 < M && c2 < N) { out0[r2 * 64 + c2] = acc2_0.z; }
  if (r2 < M && c3 < N) { out0[r2 * 64 + c3] = acc2_0.w; }
  if (r3 < M && c0 < N) { out0[r3 * 64 + c0] = acc3_0.x; }
  if (r3 < M && c1 < N) { out0[r3 * 64 + c1] = acc3_0.y; }
  if (r3 < M && c2 < N) { out0[r3 * 64 + c2] = acc3_0.z; }
  if (r3 < M && c3 < N) { out0[r3 * 64 + c3] = acc3_0.w; }
}

// ===== kernel 25: ReduceSum_grad//layers.2/Gemm/ReduceSum_2
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

// ===== kernel 26: Greater_grad//Relu_1/Greater_0
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

// ===== kernel 27: Where_grad//Relu_1/Where_1
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

// ===== kernel 28: Gemm_grad//layers.1/Gemm/Gemm_0
// kiln kernel: grad//layers.1/Gemm/Gemm_0
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
      let av0 = in0[(aBase + ra0 * 64 + k) >> 2];
      let av1 = in0[(aBase + ra1 * 64 + k) >> 2];
      let av2 = in0[(aBase + ra2 * 64 + k) >> 2];
      let av3 = in0[(aBase + ra3 * 64 + k) >> 2];
      let b0_0 = in1[(bBase + (k + 0) * 128 + cb4_0) >> 2];
      let b1_0 = in1[(bBase + (k + 1) * 128 + cb4_0) >> 2];
      let b2_0 = in1[(bBase + (k + 2) * 128 + cb4_0) >> 2];
      let b3_0 = in1[(bBase + (k + 3) * 128 + cb4_0) >> 2];
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
  if (r0 < M && c0 < N) { out0[r0 * 128 + c0] = acc0_0.x; }
  if (r0 < M && c1 < N) { out0[r0 * 128 + c1] = acc0_0.y; }
  if (r0 < M && c2 < N) { out0[r0 * 128 + c2] = acc0_0.z; }
  if (r0 < M && c3 < N) { out0[r0 * 128 + c3] = acc0_0.w; }
  if (r1 < M && c0 < N) { out0[r1 * 128 + c0] = acc1_0.x; }
  if (r1 < M && c1 < N) { out0[r1 * 128 + c1] = acc1_0.y; }
  if (r1 < M && c2 < N) { out0[r1 * 128 + c2] = acc1_0.z; }
  if (r1 < M && c3 < N) { out0[r1 * 128 + c3] = acc1_0.w; }
  if (r2 < M && c0 < N) { out0[r2 * 128 + c0] = acc2_0.x; }
  if (r2 < M && c1 < N) { out0[r2 * 128 + c1] = acc2_0.y; }
  if (r2 < M && c2 < N) { out0[r2 * 128 + c2] = acc2_0.z; }
  if (r2 < M && c3 < N) { out0[r2 * 128 + c3] = acc2_0.w; }
  if (r3 < M && c0 < N) { out0[r3 * 128 + c0] = acc3_0.x; }
  if (r3 < M && c1 < N) { out0[r3 * 128 + c1] = acc3_0.y; }
  if (r3 < M && c2 < N) { out0[r3 * 128 + c2] = acc3_0.z; }
  if (r3 < M && c3 < N) { out0[r3 * 128 + c3] = acc3_0.w; }
}

// ===== kernel 29: Gemm_grad//layers.1/Gemm/Gemm_1
// kiln kernel: grad//layers.1/Gemm/Gemm_1
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
      let ar0_0 = in0[(aBase + ra4_0 + (k + 0) * 64) >> 2];
      let ar0_1 = in0[(aBase + ra4_0 + (k + 1) * 64) >> 2];
      let ar0_2 = in0[(aBase + ra4_0 + (k + 2) * 64) >> 2];
      let ar0_3 = in0[(aBase + ra4_0 + (k + 3) * 64) >> 2];
      let b0_0 = in1[(bBase + (k + 0) * 128 + cb4_0) >> 2];
      let b1_0 = in1[(bBase + (k + 1) * 128 + cb4_0) >> 2];
      let b2_0 = in1[(bBase + (k + 2) * 128 + cb4_0) >> 2];
      let b3_0 = in1[(bBase + (k + 3) * 128 + cb4_0) >> 2];
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
  if (r0 < M && c0 < N) { out0[r0 * 128 + c0] = acc0_0.x; }
  if (r0 < M && c1 < N) { out0[r0 * 128 + c1] = acc0_0.y; }
  if (r0 < M && c2 < N) { out0[r0 * 128 + c2] = acc0_0.z; }
  if (r0 < M && c3 < N) { out0[r0 * 128 + c3] = acc0_0.w; }
  if (r1 < M && c0 < N) { out0[r1 * 128 + c0] = acc1_0.x; }
  if (r1 < M && c1 < N) { out0[r1 * 128 + c1] = acc1_0.y; }
  if (r1 < M && c2 < N) { out0[r1 * 128 + c2] = acc1_0.z; }
  if (r1 < M && c3 < N) { out0[r1 * 128 + c3] = acc1_0.w; }
  if (r2 < M && c0 < N) { out0[r2 * 128 + c0] = acc2_0.x; }
  if (r2 < M && c1 < N) { out0[r2 * 128 + c1] = acc2_0.y; }
  if (r2 < M && c2 < N) { out0[r2 * 128 + c2] = acc2_0.z; }
  if (r2 < M && c3 < N) { out0[r2 * 128 + c3] = acc2_0.w; }
  if (r3 < M && c0 < N) { out0[r3 * 128 + c0] = acc3_0.x; }
  if (r3 < M && c1 < N) { out0[r3 * 128 + c1] = acc3_0.y; }
  if (r3 < M && c2 < N) { out0[r3 * 128 + c2] = acc3_0.z; }
  if (r3 < M && c3 < N) { out0[r3 * 128 + c3] = acc3_0.w; }
}

// ===== kernel 30: ReduceSum_grad//layers.1/Gemm/ReduceSum_2
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

// ===== kernel 31: Greater_grad//Relu/Greater_0
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

// ===== kernel 32: Where_grad//Relu/Where_1
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

// ===== kernel 33: Gemm_grad//layers.0/Gemm/Gemm_0
// kiln kernel: grad//layers.0/Gemm/Gemm_0
@group(0) @binding(0) var<storage, read_write> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out0: array<f32>;
var<private> kiln_inf_bits: u32 = 0x7f800000u;
var<private> kiln_nan_bits: u32 = 0x7fc00000u;

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
      let ar0_0 = in0[(aBase + ra4_0 + (k + 0) * 128) >> 2];
      let ar0_1 = in0[(aBase + ra4_0 + (k + 1) * 128) >> 2];
      let ar0_2 = in0[(aBase + ra4_0 + (k + 2) * 128) >> 2];
      let ar0_3 = in0[(aBase + ra4_0 + (k + 3) * 128) >> 2];
      let b0_0 = in1[(bBase + (k + 0) * 784 + cb4_0) >> 2];
      let b1_0 = in1[(bBase + (k + 1) * 784 + cb4_0) >> 2];
      let b2_0 = in1[(bBase + (k + 2) * 784 + cb4_0) >> 2];
      let b3_0 = in1[(bBase + (k + 3) * 784 + cb4_0) >> 2];
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
  if (r0 < M && c0 < N) { out0[r0 * 784 + c0] = acc0_0.x; }
  if (r0 < M && c1 < N) { out0[r0 * 784 + c1] = acc0_0.y; }
  if (r0 < M && c2 < N) { out0[r0 * 784 + c2] = acc0_0.z; }
  if (r0 < M && c3 < N) { out0[r0 * 784 + c3] = acc0_0.w; }
  if (r1 < M && c0 < N) { out0[r1 * 784 + c0] = acc1_0.x; }
  if (r1 < M && c1 < N) { out0[r1 * 784 + c1] = acc1_0.y; }
  if (r1 < M && c2 < N) { out0[r1 * 784 + c2] = acc1_0.z; }
  if (r1 < M && c3 < N) { out0[r1 * 784 + c3] = acc1_0.w; }
  if (r2 < M && c0 < N) { out0[r2 * 784 + c0] = acc2_0.x; }
  if (r2 < M && c1 < N) { out0[r2 * 784 + c1] = acc2_0.y; }
  if (r2 < M && c2 < N) { out0[r2 * 784 + c2] = acc2_0.z; }
  if (r2 < M && c3 < N) { out0[r2 * 784 + c3] = acc2_0.w; }
  if (r3 < M && c0 < N) { out0[r3 * 784 + c0] = acc3_0.x; }
  if (r3 < M && c1 < N) { out0[r3 * 784 + c1] = acc3_0.y; }
  if (r3 < M && c2 < N) { out0[r3 * 784 + c2] = acc3_0.z; }
  if (r3 < M && c3 < N) { out0[r3 * 784 + c3] = acc3_0.w; }
}

// ===== kernel 34: ReduceSum_grad//layers.0/Gemm/ReduceSum_1
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

// ===== kernel 35: Mul_update/Mul_1
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

// ===== kernel 36: Add_update/Add_4
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

// ===== kernel 37: Mul_update/Mul_8
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

// ===== kernel 38: Sqrt_update/Sqrt_11
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

// ===== kernel 39: Sqrt_update/Sqrt_12
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

// ===== kernel 40: Div_update/Div_13
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

// ===== kernel 41: Add_update/Add_15
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

// ===== kernel 42: Div_update/Div_17
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

// ===== kernel 43: Sub_update/Sub_19
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

// ===== kernel 44: Mul_update/Mul_21
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

// ===== kernel 45: Add_update/Add_24
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

// ===== kernel 46: Mul_update/Mul_28
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

// ===== kernel 47: Sqrt_update/Sqrt_31
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

// ===== kernel 48: Div_update/Div_33
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

// ===== kernel 49: Add_update/Add_35
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

// ===== kernel 50: Div_update/Div_37
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

// ===== kernel 51: Sub_update/Sub_39
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

// ===== kernel 52: Mul_update/Mul_41
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

// ===== kernel 53: Add_update/Add_44
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

// ===== kernel 54: Mul_update/Mul_48
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

// ===== kernel 55: Sqrt_update/Sqrt_51
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

// ===== kernel 56: Div_update/Div_53
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

// ===== kernel 57: Add_update/Add_55
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

// ===== kernel 58: Div_update/Div_57
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

// ===== kernel 59: Sub_update/Sub_59
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

// ===== kernel 60: Mul_update/Mul_61
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

// ===== kernel 61: Add_update/Add_64
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

// ===== kernel 62: Mul_update/Mul_68
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

// ===== kernel 63: Sqrt_update/Sqrt_71
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

// ===== kernel 64: Div_update/Div_73
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

// ===== kernel 65: Add_update/Add_75
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

// ===== kernel 66: Div_update/Div_77
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

// ===== kernel 67: Sub_update/Sub_79
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

// ===== kernel 68: Mul_update/Mul_81
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

// ===== kernel 69: Add_update/Add_84
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

// ===== kernel 70: Mul_update/Mul_88
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

// ===== kernel 71: Sqrt_update/Sqrt_91
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

// ===== kernel 72: Div_update/Div_93
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

// ===== kernel 73: Add_update/Add_95
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

// ===== kernel 74: Div_update/Div_97
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

// ===== kernel 75: Sub_update/Sub_99
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

// ===== kernel 76: Mul_update/Mul_101
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

// ===== kernel 77: Add_update/Add_104
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

// ===== kernel 78: Mul_update/Mul_108
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

// ===== kernel 79: Sqrt_update/Sqrt_111
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

// ===== kernel 80: Div_update/Div_113
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

// ===== kernel 81: Add_update/Add_115
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

// ===== kernel 82: Div_update/Div_117
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

// ===== kernel 83: Sub_update/Sub_119
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

// ===== kernel 84: update_layers.0.weight.exp_avg
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

// ===== kernel 85: update_layers.0.bias.exp_avg
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

// ===== kernel 86: update_layers.1.weight.exp_avg
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

// ===== kernel 87: update_layers.1.bias.exp_avg
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

// ===== kernel 88: update_layers.2.weight.exp_avg
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

// ===== kernel 89: update_layers.2.bias.exp_avg
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
0 [0, 6, 7, 35] (4, 1, 1)
1 [35, 36] (32, 1, 1)
2 [36, 8, 9, 37] (2, 1, 1)
3 [37, 38] (16, 1, 1)
4 [38, 10, 11, 39] (1, 1, 1)
5 [39, 40] (1, 1, 1)
6 [40, 41] (1, 1, 1)
7 [39, 41, 42] (3, 1, 1)
8 [42, 43] (3, 1, 1)
9 [43, 44] (1, 1, 1)
10 [44, 45] (1, 1, 1)
7 [42, 45, 46] (3, 1, 1)
11 [33, 1, 48, 47] (1, 1, 1) params [0]
12 [1, 12, 49] (1, 1, 1)
11 [33, 49, 48, 50] (1, 1, 1) params [1]
13 [47, 50, 51] (1, 1, 1)
13 [1, 51, 52] (1, 1, 1)
14 [13, 52, 53] (3, 1, 1)
15 [53, 46, 14, 54] (3, 1, 1)
9 [54, 55] (1, 1, 1)
16 [55, 56] (1, 1, 1)
17 [56, 57] (1, 1, 1)
18 [57, 15, 58] (1, 1, 1)
15 [53, 34, 14, 59] (3, 1, 1)
19 [59, 60] (3, 1, 1)
9 [60, 61] (1, 1, 1)
20 [61, 44, 62] (1, 1, 1)
21 [62, 43, 63] (3, 1, 1)
22 [59, 63, 64] (3, 1, 1)
23 [64, 10, 65] (2, 1, 1)
24 [64, 38, 66] (2, 1, 1)
25 [64, 67] (1, 1, 1)
26 [37, 14, 68] (16, 1, 1)
27 [68, 65, 14, 69] (16, 1, 1)
28 [69, 8, 70] (4, 1, 1)
29 [69, 36, 71] (16, 1, 1)
30 [69, 72] (1, 1, 1)
31 [35, 14, 73] (32, 1, 1)
32 [73, 70, 14, 74] (32, 1, 1)
33 [74, 0, 75] (100, 1, 1)
34 [74, 76] (2, 1, 1)
35 [18, 16, 77] (1568, 1, 1)
35 [19, 75, 78] (1568, 1, 1)
36 [77, 78, 79] (1568, 1, 1)
35 [20, 17, 80] (1568, 1, 1)
37 [75, 81] (1568, 1, 1)
35 [21, 81, 82] (1568, 1, 1)
36 [80, 82, 83] (1568, 1, 1)
38 [83, 84] (1568, 1, 1)
39 [5, 85] (1, 1, 1)
40 [84, 85, 86] (1568, 1, 1)
41 [86, 22, 87] (1568, 1, 1)
18 [2, 4, 88] (1, 1, 1)
42 [79, 87, 89] (1568, 1, 1)
35 [88, 89, 90] (1568, 1, 1)
43 [6, 90, 91] (1568, 1, 1)
44 [18, 23, 92] (2, 1, 1)
44 [19, 76, 93] (2, 1, 1)
45 [92, 93, 94] (2, 1, 1)
44 [20, 24, 95] (2, 1, 1)
46 [76, 96] (2, 1, 1)
44 [21, 96, 97] (2, 1, 1)
45 [95, 97, 98] (2, 1, 1)
47 [98, 99] (2, 1, 1)
48 [99, 85, 100] (2, 1, 1)
49 [100, 22, 101] (2, 1, 1)
50 [94, 101, 102] (2, 1, 1)
44 [88, 102, 103] (2, 1, 1)
51 [7, 103, 104] (2, 1, 1)
52 [18, 25, 105] (128, 1, 1)
52 [19, 71, 106] (128, 1, 1)
53 [105, 106, 107] (128, 1, 1)
52 [20, 26, 108] (128, 1, 1)
54 [71, 109] (128, 1, 1)
52 [21, 109, 110] (128, 1, 1)
53 [108, 110, 111] (128, 1, 1)
55 [111, 112] (128, 1, 1)
56 [112, 85, 113] (128, 1, 1)
57 [113, 22, 114] (128, 1, 1)
58 [107, 114, 115] (128, 1, 1)
52 [88, 115, 116] (128, 1, 1)
59 [8, 116, 117] (128, 1, 1)
60 [18, 27, 118] (1, 1, 1)
60 [19, 72, 119] (1, 1, 1)
61 [118, 119, 120] (1, 1, 1)
60 [20, 28, 121] (1, 1, 1)
62 [72, 122] (1, 1, 1)
60 [21, 122, 123] (1, 1, 1)
61 [121, 123, 124] (1, 1, 1)
63 [124, 125] (1, 1, 1)
64 [125, 85, 126] (1, 1, 1)
65 [126, 22, 127] (1, 1, 1)
66 [120, 127, 128] (1, 1, 1)
60 [88, 128, 129] (1, 1, 1)
67 [9, 129, 130] (1, 1, 1)
68 [18, 29, 131] (10, 1, 1)
68 [19, 66, 132] (10, 1, 1)
69 [131, 132, 133] (10, 1, 1)
68 [20, 30, 134] (10, 1, 1)
70 [66, 135] (10, 1, 1)
68 [21, 135, 136] (10, 1, 1)
69 [134, 136, 137] (10, 1, 1)
71 [137, 138] (10, 1, 1)
72 [138, 85, 139] (10, 1, 1)
73 [139, 22, 140] (10, 1, 1)
74 [133, 140, 141] (10, 1, 1)
68 [88, 141, 142] (10, 1, 1)
75 [10, 142, 143] (10, 1, 1)
76 [18, 31, 144] (1, 1, 1)
76 [19, 67, 145] (1, 1, 1)
77 [144, 145, 146] (1, 1, 1)
76 [20, 32, 147] (1, 1, 1)
78 [67, 148] (1, 1, 1)
76 [21, 148, 149] (1, 1, 1)
77 [147, 149, 150] (1, 1, 1)
79 [150, 151] (1, 1, 1)
80 [151, 85, 152] (1, 1, 1)
81 [152, 22, 153] (1, 1, 1)
82 [146, 153, 154] (1, 1, 1)
76 [88, 154, 155] (1, 1, 1)
83 [11, 155, 156] (1, 1, 1)
84 [79, 16] (1568, 1, 1)
84 [83, 17] (1568, 1, 1)
84 [91, 6] (1568, 1, 1)
85 [94, 23] (2, 1, 1)
85 [98, 24] (2, 1, 1)
85 [104, 7] (2, 1, 1)
86 [107, 25] (128, 1, 1)
86 [111, 26] (128, 1, 1)
86 [117, 8] (128, 1, 1)
87 [120, 27] (1, 1, 1)
87 [124, 28] (1, 1, 1)
87 [130, 9] (1, 1, 1)
88 [133, 29] (10, 1, 1)
88 [137, 30] (10, 1, 1)
88 [143, 10] (10, 1, 1)
89 [146, 31] (1, 1, 1)
89 [150, 32] (1, 1, 1)
89 [156, 11] (1, 1, 1)

// `kiln profile`: on the fixture MLP (784-128-64-10, batch 8) the profile has one row per kernel of the
// compiled program, positive times whose shares sum to 100%, and FLOPs that are exactly 2·M·N·K for each
// Gemm (plus one per element of a fused Relu), timed by replay on kiln's device and by timestamp queries on
// a device that has them; the FLOP table counts convolutions, batched matmuls and einsums by hand-checked
// formulas; the CLI prints one JSON line, its help and misuse; and without an adapter (getGpu mocked to find
// none, as on a machine without WebGPU) profiling is a KilnError.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formatProfile, loadProfileSource, profilePath, type Profile } from '../compiler/profile.ts';
import { nodeFlops } from '../compiler/profile-cost.ts';
import { KilnError } from '../ir/errors.ts';
import { Graph } from '../ir/graph.ts';
import type { GpuContext } from '../runtime/webgpu/device.ts';
import { FIXTURES, webgpuOrSkip } from './support/env.ts';

// A switch that makes getGpu find no adapter, for everything that asks it (the profiler and the executor).
const inject = vi.hoisted(() => ({ noAdapter: false }));
vi.mock('../runtime/webgpu/device.ts', async (original) => {
  const m = await original<typeof import('../runtime/webgpu/device.ts')>();
  return { ...m, getGpu: () => (inject.noAdapter ? Promise.resolve(undefined) : m.getGpu()) };
});

const MLP = join(FIXTURES, 'mlp_fmnist_infer', 'model.onnx');
const kiln = (...args: string[]) => spawnSync(process.execPath, ['bin/kiln.js', 'profile', ...args], { encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' } });

let gpu: GpuContext | undefined;
/** A second Dawn instance, kept referenced while its device lives (see runtime/webgpu/device.ts). */
let dawn: GPU | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

/** The checks every profile of the fixture MLP passes, whichever way it was made. */
async function checkMlp(p: Profile): Promise<void> {
  const { program } = await loadProfileSource(MLP);
  expect(p.kernels.map((k) => k.name)).toEqual(program.kernels.map((k) => k.name));
  expect(p.dispatches).toBe(program.dispatches.length);
  expect(p.kernels.map((k) => k.dispatches)).toEqual(program.kernels.map((_, i) => program.dispatches.filter((d) => d.kernel === i).length));
  for (const k of p.kernels) expect(k.ms).toBeGreaterThan(0);
  expect(p.kernels.reduce((s, k) => s + k.share, 0)).toBeCloseTo(1, 9);
  expect(p.kernels.reduce((s, k) => s + k.ms, 0)).toBeCloseTo(p.totalMs, 9);
  const byNodes = new Map(p.kernels.map((k) => [k.nodes.join(', '), k]));
  expect(byNodes.get('/layers.0/Gemm, /Relu')!.flops).toBe(2 * 8 * 784 * 128 + 8 * 128);
  expect(byNodes.get('/layers.1/Gemm, /Relu_1')!.flops).toBe(2 * 8 * 128 * 64 + 8 * 64);
  expect(byNodes.get('/layers.2/Gemm')!.flops).toBe(2 * 8 * 64 * 10);
  // Bytes moved: x [8,784], W [128,784], b [128] in, h [8,128] out, as f32.
  expect(byNodes.get('/layers.0/Gemm, /Relu')!.bytes).toBe(4 * (8 * 784 + 128 * 784 + 128 + 8 * 128));
  for (const k of p.kernels) {
    expect(k.gflops).toBeCloseTo(k.flops / (k.ms * 1e6), 9);
    expect(['memory', 'compute', 'launch', 'latency']).toContain(k.bound);
    if (k.bound === 'memory') expect(k.ofCopyBandwidth).toBeGreaterThanOrEqual(Math.max(0.1, k.ofPeakFlops));
    if (k.bound === 'compute') expect(k.ofPeakFlops).toBeGreaterThan(Math.max(0.1, k.ofCopyBandwidth));
  }
  expect(p.roofline.copyGBps).toBeGreaterThan(0);
  expect(p.roofline.matmulGflops).toBeGreaterThan(0);
}

describe('kiln profile', () => {
  it('profiles the fixture MLP: a row per kernel, shares summing to 100%, exact Gemm FLOPs', async (t) => {
    if (!gpu) return t.skip();
    const p = await profilePath(MLP, { reps: 2, matmulSizes: [128] });
    expect(p.method).toBe(gpu.device.features.has('timestamp-query') ? 'timestamp-query' : 'replay');
    await checkMlp(p);
    expect(p.roofline.matmulSize).toBe(128);
    const lines = formatProfile(p).split('\n');
    for (const k of p.kernels) expect(lines.filter((l) => l.startsWith(`k${k.kernel} `))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^total\s+4\s+\d+\.\d{3}\s+100\.0%/);
  });

  it('times with timestamp queries on a device that has them', async (t) => {
    if (!gpu) return t.skip();
    // kiln's shared device asks for no features; a device of its own with 'timestamp-query', where the adapter has it.
    const { create } = (await import('webgpu')) as { create: (o: string[]) => GPU };
    dawn = create([]);
    const adapter = await dawn.requestAdapter();
    if (!adapter?.features.has('timestamp-query')) return t.skip('the adapter has no timestamp-query');
    const l = adapter.limits;
    const device = await adapter.requestDevice({ requiredFeatures: ['timestamp-query'], requiredLimits: { maxStorageBufferBindingSize: l.maxStorageBufferBindingSize, maxBufferSize: l.maxBufferSize } });
    try {
      const p = await profilePath(MLP, { reps: 2, matmulSizes: [128], gpu: { device, adapterName: 'timestamps' } });
      expect(p.method).toBe('timestamp-query');
      expect(p.roofline.submitMs).toBe(0);
      await checkMlp(p);
    } finally {
      device.destroy();
    }
  });

  it('prints one JSON line from the CLI', (t) => {
    if (!gpu) return t.skip();
    const r = kiln(MLP, '--json', '--reps', '1');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const p = JSON.parse(lines[0]) as Profile;
    expect(p.what).toBe('inference');
    expect(p.reps).toBe(1);
    expect([256, 512]).toContain(p.roofline.matmulSize);
    return checkMlp(p);
  });

  it('without a WebGPU adapter is a KilnError, not a CPU run', async () => {
    inject.noAdapter = true;
    try {
      const e = await profilePath(MLP, { reps: 1 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(KilnError);
      expect((e as KilnError).code).toBe('BACKEND');
      expect((e as KilnError).message).toMatch(/needs a WebGPU adapter and none is available/);
    } finally {
      inject.noAdapter = false;
    }
  });

  it('prints its help, and refuses misuse with a KilnError naming the problem', async () => {
    const help = execFileSync(process.execPath, ['bin/kiln.js', 'profile', '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/^usage: kiln profile MODEL\.onnx\|ARTIFACT_DIR \[--train\] \[--json\] \[--reps N\]/);
    expect(help).toMatch(/--train/);
    const none = kiln();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/\[USAGE\] profile takes one model path or artifact folder/);
    const reps = kiln(MLP, '--reps', '0');
    expect(reps.status).toBe(2);
    expect(reps.stderr).toMatch(/\[USAGE\] --reps must be a positive integer, got '0'/);
    const missing = kiln(join(tmpdir(), 'kiln-no-such-model.onnx'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/\[USAGE\] no such model file or artifact folder/);
    await expect(loadProfileSource(mkdtempSync(join(tmpdir(), 'kiln-profile-')), { train: true })).rejects.toThrow(/--train needs an ONNX model/);
  });
});

describe('FLOP estimates', () => {
  it('counts contractions as 2 per multiply-add, reductions per input, views as nothing', () => {
    const g = new Graph('cost');
    const x = g.addInput('x', { dtype: 'f32', shape: [2, 3, 8, 8] });
    const w = g.addInput('w', { dtype: 'f32', shape: [4, 3, 3, 3] });
    const [conv] = g.addNode('Conv', [x, w], { pads: [1, 1, 1, 1] }, 'conv');
    const [grouped] = g.addNode('Conv', [conv, g.addInput('wg', { dtype: 'f32', shape: [4, 2, 3, 3] })], { group: 2, strides: [2, 2] }, 'grouped');
    const a = g.addInput('a', { dtype: 'f32', shape: [5, 6, 7] });
    const b = g.addInput('b', { dtype: 'f32', shape: [5, 7, 9] });
    g.addNode('MatMul', [a, b], {}, 'bmm');
    g.addNode('Einsum', [a, b], { equation: 'bik,bkj->bij' }, 'einsum');
    g.addNode('ReduceSum', [a], { axes: [2] }, 'sum');
    g.addNode('Transpose', [a], { perm: [0, 2, 1] }, 'view');
    g.addNode('Relu', [a], {}, 'relu');
    const flops = new Map(g.nodes.map((n) => [n.name, nodeFlops(n)]));
    expect(grouped.type.shape).toEqual([2, 4, 3, 3]);
    expect(Object.fromEntries(flops)).toEqual({
      conv: 2 * (2 * 4 * 8 * 8) * (3 * 3 * 3),
      grouped: 2 * (2 * 4 * 3 * 3) * (2 * 3 * 3),
      bmm: 2 * 5 * 6 * 9 * 7,
      einsum: 2 * 5 * 6 * 9 * 7,
      sum: 5 * 6 * 7,
      view: 0,
      relu: 5 * 6 * 7,
    });
  });
});

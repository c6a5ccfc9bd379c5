// The WebGPU executor on memory-planned programs (format version 2): temps are ranges of arena
// buffers, results match the CPU interpreter, runs started before the previous one resolves each get
// their own inputs' results, temps read back from their arena offset, and programs the device cannot
// hold (alignment, arena size, broken layout) are refused with a KilnError at load.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForWebGpu } from '../../compiler/compile.ts';
import { applyPlan } from '../../compiler/wgsl/apply-plan.ts';
import { Graph } from '../../ir/graph.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import type { Program } from '../../runtime/program.ts';
import type { GpuContext } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import { webgpuOrSkip } from '../support/env.ts';

let gpu: GpuContext | undefined;
beforeAll(async () => {
  gpu = await webgpuOrSkip();
});

const N = 300; // 1200 bytes per value: several 256-byte granules, so overlapping ranges would show

/** Unfused, so the diamond's intermediates are temps for the plan to place (fused, it is one kernel). */
const compile = (g: Graph) => compileForWebGpu(g, { fuse: false });

/** A diamond of exact ops (no rounding): a = relu(x), b = -a, c = a * x, d = b + c, e = d * d, out = e - a. */
function diamond(): Graph {
  const g = new Graph('diamond');
  const x = g.addInput('x', { dtype: 'f32', shape: [N] });
  const [a] = g.addNode('Relu', [x], {}, 'a');
  const [b] = g.addNode('Neg', [a], {}, 'b');
  const [c] = g.addNode('Mul', [a, x], {}, 'c');
  const [d] = g.addNode('Add', [b, c], {}, 'd');
  const [e] = g.addNode('Mul', [d, d], {}, 'e');
  const [f] = g.addNode('Sub', [e, a], {}, 'f');
  g.outputs = [f];
  return g;
}

const input = (seed: number): Tensor => tensor('f32', [N], Array.from({ length: N }, (_, i) => ((i * 7 + seed * 13) % 23) - 11));
const values = (t: Tensor) => Array.from(t.data);

describe('WebGPU executor with arenas', () => {
  it('places the temps in an arena with reused bytes and matches the interpreter', async () => {
    if (!gpu) return;
    const g = diamond();
    const { program, data } = compile(g);
    const temps = program.buffers.filter((b) => b.role === 'temp');
    expect(temps.length).toBeGreaterThanOrEqual(4);
    expect(temps.every((b) => b.arena !== undefined)).toBe(true);
    const arenaBytes = program.arenas!.reduce((s, a) => s + a.bytes, 0);
    expect(arenaBytes).toBeLessThan(temps.reduce((s, b) => s + b.bytes, 0));
    const exe = await WebGpuExecutor.load(program, data, gpu);
    for (const seed of [1, 2]) {
      const x = input(seed);
      const out = await exe.run(new Map([['x', x]]));
      expect(values(out.get('f')!)).toEqual(values(interpret(g, new Map([['x', x]]))[0]));
    }
    exe.dispose();
  });

  it('serializes runs started before the previous one resolves', async () => {
    if (!gpu) return;
    const g = diamond();
    const { program, data } = compile(g);
    const exe = await WebGpuExecutor.load(program, data, gpu);
    const xs = [3, 4, 5, 6].map(input);
    const outs = await Promise.all(xs.map((x) => exe.run(new Map([['x', x]]))));
    outs.forEach((o, i) => expect(values(o.get('f')!)).toEqual(values(interpret(g, new Map([['x', xs[i]]]))[0])));
    // A failed run (bad input) does not stall the queue.
    const bad = exe.run(new Map([['x', tensor('f32', [2])]]));
    const good = exe.run(new Map([['x', xs[0]]]));
    await expect(bad).rejects.toThrow(/input 'x' must be f32\[300\]/);
    expect(values((await good).get('f')!)).toEqual(values(outs[0].get('f')!));
    expect(exe.stats.submits).toBe(5);
    exe.dispose();
  });

  it('reads temps back from their arena offset', async () => {
    if (!gpu) return;
    const g = diamond();
    const { program, data } = compile(g);
    const exe = await WebGpuExecutor.load(program, data, gpu);
    const x = input(7);
    await exe.run(new Map([['x', x]]), { outputs: [] });
    // The last temp written (e) is still intact after the run; reference: e = (x*relu(x) - relu(x))^2.
    const e = program.buffers.findIndex((b) => b.name === 'e');
    expect(program.buffers[e].arena).toBeDefined();
    const [got] = await exe.readBuffers([e]);
    const want = values(x).map((v) => {
      const a = Math.max(v, 0);
      return (a * v - a) ** 2;
    });
    expect(values(got)).toEqual(want);
    expect(() => exe.buffer('e')).toThrow(/range of arena/);
    exe.dispose();
  });

  it('refuses plans the device cannot hold, and broken layouts', async () => {
    if (!gpu) return;
    const { program, data } = compile(diamond());
    const lim = gpu.device.limits;
    const refuse = (p: Program, why: RegExp) => expect(WebGpuExecutor.load(p, data, gpu)).rejects.toThrow(why);
    if (lim.minStorageBufferOffsetAlignment >= 8) {
      const loose = applyPlan(program, { alignment: lim.minStorageBufferOffsetAlignment / 2 }).program;
      await refuse(loose, /aligns offsets to \d+ bytes, which this device's minStorageBufferOffsetAlignment \d+ does not divide/);
    }
    const big = { ...program, arenas: [{ bytes: lim.maxBufferSize + 256 }, ...program.arenas!.slice(1)] };
    await refuse(big, /arena 0 needs \d+ bytes, over this device's/);
    const t = program.buffers.findIndex((b) => b.arena !== undefined);
    const shifted = { ...program, buffers: program.buffers.map((b, i) => (i === t ? { ...b, offset: 4 } : b)) };
    await refuse(shifted, new RegExp(`program memory layout: buffers\\[${t}\\] \\('\\w+'\\)\\.offset 4 is not a multiple`));
    const outOfRange = { ...program, buffers: program.buffers.map((b, i) => (i === t ? { ...b, arena: 9 } : b)) };
    await expect(WebGpuExecutor.load(outOfRange, data, gpu)).rejects.toBeInstanceOf(KilnError);
  });
});

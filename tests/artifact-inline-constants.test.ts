// Constants the kernels inline into their WGSL (LayerNorm's epsilon, a literal factor) get no buffer, so
// the artifact's graph carries their values itself: a traced model with LayerNorm and `mul(0.5)` compiles
// to an artifact whose CPU session (the deserialized graph) and WebGPU session both equal the interpreter
// on the traced graph; a constant carrying the wrong number of values is refused with a KilnError.
import { describe, expect, it } from 'vitest';
import { buildArtifact } from '../compiler/artifact/write.ts';
import { LayerNorm, Linear, manualSeed, Module, type SymTensor, trace } from '../compiler/nn/index.ts';
import { KilnError } from '../ir/errors.ts';
import { tensor } from '../ir/tensor.ts';
import { loadArtifact } from '../runtime/artifact.ts';
import type { SerializedGraph } from '../runtime/artifact-format.ts';
import { deserializeGraph } from '../runtime/artifact-graph.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { createCpuSession } from '../runtime/cpu/session.ts';
import { getGpu } from '../runtime/webgpu/device.ts';
import { webgpuOrSkip } from './support/env.ts';
import { rand } from './support/tiny-mlp.ts';

class Normed extends Module {
  fc = this.module('fc', new Linear(4, 6));
  norm = this.module('norm', new LayerNorm([6]));
  forward(x: SymTensor) { return this.norm.call(this.fc.call(x)).mul(0.5).add(0.25); }
}

manualSeed(4);
const graph = trace(new Normed(), { x: { dtype: 'f32', shape: [3, 4] } });
const x = tensor('f32', [3, 4], rand(12, 9));
const [want] = interpret(graph, new Map([['x', x]]));
const built = buildArtifact(graph, { name: 'normed' });

describe('artifact constants without a buffer', () => {
  it('carries their values in the graph, and the CPU session matches the interpreter', async () => {
    const inline = built.manifest.graph.constants.filter((c) => c.data !== undefined);
    expect(inline.length).toBeGreaterThan(0);
    expect(inline.every((c) => c.weight === undefined)).toBe(true);
    const a = await loadArtifact({ manifest: built.manifest, weights: built.weights });
    const out = await createCpuSession(a).run({ x: x.data as Float32Array });
    Array.from(Object.values(out)[0]).forEach((v, i) => expect(v).toBeCloseTo(want.data[i], 5));
  });

  it('on WebGPU too', async (t) => {
    if (!(await webgpuOrSkip())) return t.skip();
    const a = await loadArtifact({ manifest: built.manifest, weights: built.weights });
    const s = await a.createSession((await getGpu())!);
    const out = await s.run({ x: x.data as Float32Array });
    Array.from(Object.values(out)[0]).forEach((v, i) => expect(v).toBeCloseTo(want.data[i], 4));
    s.dispose();
  });

  it('refuses a constant whose values do not fill its shape', () => {
    const g = built.manifest.graph;
    const at = g.constants.findIndex((c) => c.data !== undefined);
    const broken: SerializedGraph = { ...g, constants: g.constants.map((c, i) => (i === at ? { ...c, data: [...c.data!, 1] } : c)) };
    const e = (() => { try { deserializeGraph(broken, () => new Float32Array(1000)); } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).message).toMatch(/must carry \d+ numbers as its data/);
  });
});

// `kiln inspect` on the fixture MLP: the summary numbers agree with the compiled program and with a
// lower bound recomputed here step by step from the dispatch list; the CLI prints one JSON line, reads
// an artifact folder to the same numbers, inspects the train step, and writes DOT and SVG.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileOnnxArtifact } from '../compiler/artifact/write.ts';
import { compileForWebGpu } from '../compiler/compile.ts';
import { formatInspection, inspectPath } from '../compiler/inspect.ts';
import { importOnnxFile } from '../compiler/onnx/importer.ts';
import { OPS } from '../ir/ops/index.ts';
import type { Program } from '../runtime/program.ts';
import { FIXTURES } from './support/env.ts';

const MLP = join(FIXTURES, 'mlp_fmnist_infer', 'model.onnx');
const tmp = () => mkdtempSync(join(tmpdir(), 'kiln-inspect-'));
const kiln = (...args: string[]) => execFileSync(process.execPath, ['bin/kiln.js', 'inspect', ...args], { encoding: 'utf8' });

/** Bytes of temps live at each dispatch, each temp alive from the first dispatch binding it (its writer) to the last. */
function liveBytesPerStep(p: Program): number[] {
  const span = new Map<number, [number, number]>();
  p.dispatches.forEach((d, s) => {
    for (const b of d.bindings) {
      if (p.buffers[b].role !== 'temp') continue;
      const r = span.get(b);
      if (!r) span.set(b, [s, s]);
      else r[1] = s;
    }
  });
  return p.dispatches.map((_, s) => [...span].filter(([, [a, z]]) => a <= s && s <= z).reduce((t, [b]) => t + p.buffers[b].bytes, 0));
}

describe('kiln inspect', () => {
  it('reports consistent numbers for the fixture MLP', () => {
    const ins = inspectPath(MLP);
    const s = ins.summary;
    const { program, graph } = compileForWebGpu(importOnnxFile(MLP).graph);
    expect(s.nodes).toBe(graph.nodes.filter((n) => OPS[n.op].kind !== 'view').length);
    expect(s.kernels).toBe(program.kernels.length);
    expect(s.dispatches).toBe(program.dispatches.length);
    expect(s.dispatches).toBeGreaterThanOrEqual(s.kernels);
    const temps = program.buffers.filter((b) => b.role === 'temp');
    expect(s.naiveBytes).toBe(temps.reduce((t, b) => t + b.bytes, 0));
    expect(s.peakBytes).toBe(program.arenas!.reduce((t, a) => t + a.bytes, 0));
    expect(s.peakBytes).toBeLessThanOrEqual(s.naiveBytes);
    expect(s.lowerBoundBytes).toBeLessThanOrEqual(s.peakBytes);
    // The bound pads live temps to the plan's alignment (all but the top one), so it is at least the plain live maximum.
    const plain = Math.max(...liveBytesPerStep(program));
    expect(s.lowerBoundBytes).toBeGreaterThanOrEqual(plain);
    expect(s.peakBytes).toBeLessThanOrEqual(1.25 * s.lowerBoundBytes);
    const text = formatInspection(ins);
    expect(text).toContain('fusion groups');
    for (const k of program.kernels) expect(text).toContain(k.nodes.join(', '));
    expect(text).toMatch(/arena 0: \d+ bytes/);
  });

  it('prints one JSON line from the CLI, the same for the model and its compiled artifact', () => {
    const lines = kiln(MLP, '--json').trimEnd().split('\n');
    expect(lines.length).toBe(1);
    const json = JSON.parse(lines[0]);
    expect(Object.keys(json)).toEqual(['nodes', 'kernels', 'dispatches', 'peakBytes', 'naiveBytes', 'lowerBoundBytes']);
    expect(json).toEqual(inspectPath(MLP).summary);
    const dir = join(tmp(), 'artifact');
    compileOnnxArtifact(MLP, dir);
    expect(JSON.parse(kiln(dir, '--json'))).toEqual(json);
  });

  it('inspects the train step: more dispatches, planned within the bounds', () => {
    const infer = inspectPath(MLP).summary;
    const train = inspectPath(join(FIXTURES, 'mlp_fmnist_adam', 'model.onnx'), { train: true });
    const s = train.summary;
    expect(train.what).toBe('train step');
    expect(s.dispatches).toBeGreaterThan(infer.dispatches);
    expect(s.lowerBoundBytes).toBeLessThanOrEqual(s.peakBytes);
    expect(s.peakBytes).toBeLessThanOrEqual(s.naiveBytes);
    expect(s.peakBytes).toBeLessThanOrEqual(1.25 * s.lowerBoundBytes);
    expect(Math.max(...liveBytesPerStep(train.program))).toBeLessThanOrEqual(s.lowerBoundBytes);
  });

  it('writes Graphviz DOT with a cluster per kernel, and SVG', () => {
    const d = tmp();
    kiln(MLP, '--dot', join(d, 'g.dot'));
    const dot = readFileSync(join(d, 'g.dot'), 'utf8');
    expect(dot).toContain('digraph');
    const kernels = inspectPath(MLP).program.kernels.length;
    expect(dot.match(/subgraph cluster_/g)!.length).toBe(kernels);
    expect(dot).toMatch(/"n:\/layers\.0\/Gemm" -> "n:\/Relu"/);
    kiln(MLP, '--dot', join(d, 'g.svg'), '--json');
    expect(readFileSync(join(d, 'g.svg'), 'utf8')).toMatch(/<svg[\s\S]*\/layers\.0\/Gemm/);
  });

  it('prints its usage with --help and refuses a missing path', () => {
    expect(kiln('--help')).toMatch(/usage: kiln inspect MODEL\.onnx\|ARTIFACT_DIR/);
    expect(() => execFileSync(process.execPath, ['bin/kiln.js', 'inspect', '/no/such/model.onnx'], { stdio: 'pipe' })).toThrow(/no such model file/);
  });
});

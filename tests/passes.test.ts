import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Graph } from '../ir/graph.ts';
import { printGraph } from '../ir/print.ts';
import { tensor } from '../ir/tensor.ts';
import { deadCodeElimination } from '../passes/dce.ts';
import { runPasses } from '../passes/pass.ts';

describe('dce', () => {
  it('removes nodes and constants the outputs do not reach', () => {
    const g = new Graph('g');
    const x = g.addInput('x', { dtype: 'f32', shape: [2] });
    const unused = g.addConstant(tensor('f32', [2], [1, 2]), 'unused');
    g.addNode('Add', [x, unused], {}, 'dead');
    const [y] = g.addNode('Relu', [x], {}, 'y');
    g.outputs = [y];
    const dump = mkdtempSync(join(tmpdir(), 'kiln-dump-'));
    runPasses(g, [deadCodeElimination], { dumpDir: dump });
    expect(printGraph(g)).toBe(['graph g(%x: f32[2]) {', '  %y = Relu(%x) : f32[2]', '  return %y', '}'].join('\n'));
    expect(readdirSync(dump).sort()).toEqual(['00-input.ir', '01-dce.ir']);
    expect(readFileSync(join(dump, '00-input.ir'), 'utf8')).toContain('%dead = Add(%x, @unused)');
  });
});

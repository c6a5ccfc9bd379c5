// docs/onnx-coverage.md is generated from kiln's tables (compiler/onnx/coverage-doc.ts): regenerated here in
// memory, it must equal the committed file, so a converter, kernel, lowering or gradient rule added without
// regenerating the page fails this test. The table's claims are checked against the importer too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { onnxCoverage, type RefusedRow } from '../compiler/onnx/coverage.ts';
import { COVERAGE_DOC_COMMAND, COVERAGE_DOC_PATH, coverageDoc } from '../compiler/onnx/coverage-doc.ts';
import { importOnnx, MAX_OPSET, MIN_OPSET } from '../compiler/onnx/importer.ts';
import { ONNX_DEPRECATED, ONNX_OPS } from '../compiler/onnx/onnx-ops.ts';
import { refusalReason } from '../compiler/onnx/refusals.ts';
import { gpuGap, notOnGpu } from '../compiler/wgsl/kernel.ts';
import { LOWERINGS } from '../compiler/wgsl/lower/index.ts';
import { buildModel, f32Info } from './support/onnx-builder.ts';
import { kilnError } from './support/kiln-error.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('docs/onnx-coverage.md', () => {
  it('is what the tables give now', () => {
    const committed = readFileSync(join(ROOT, COVERAGE_DOC_PATH), 'utf8');
    const fresh = coverageDoc();
    if (committed !== fresh) {
      const a = committed.split('\n'), b = fresh.split('\n');
      const at = b.findIndex((line, i) => line !== a[i]);
      expect.fail(`${COVERAGE_DOC_PATH} is stale: regenerate it with \`${COVERAGE_DOC_COMMAND}\` and commit it.\nFirst difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end of file)'}\n  now:       ${b[at] ?? '(end of file)'}`);
    }
  });

  it('lists each ONNX op once with versions ascending within the opsets the importer takes', () => {
    for (const [op, versions] of Object.entries(ONNX_OPS)) {
      expect(versions.length, op).toBeGreaterThan(0);
      expect([...versions].sort((x, y) => x - y), op).toEqual(versions);
      expect(versions[0] >= MIN_OPSET && versions[versions.length - 1] <= MAX_OPSET, `${op} ${versions}`).toBe(true);
    }
    expect(onnxCoverage().map((r) => r.op)).toEqual(Object.keys(ONNX_OPS).sort());
    for (const [op, since] of Object.entries(ONNX_DEPRECATED)) expect(ONNX_OPS[op]?.at(-1), op).toBe(since);
  });

  it('every op the table calls not supported is refused at import with its reason', () => {
    const refused = onnxCoverage().filter((r): r is RefusedRow => !r.supported);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const bytes = buildModel({
        opset: MAX_OPSET,
        nodes: [{ op: r.op, inputs: ['x'], outputs: ['y'], name: `the_${r.op}` }],
        inputs: [f32Info('x', [2])],
        outputs: [f32Info('y', [2])],
      });
      const e = kilnError(() => importOnnx(bytes));
      expect(e.code, r.op).toBe('ONNX_UNSUPPORTED');
      expect(e.message, r.op).toContain(`${r.op} (the_${r.op}): ${refusalReason(r.op)}`);
    }
  });

  it('while an IR op has no WebGPU path, ops converted into other IR ops say their WebGPU support depends on it', () => {
    const doc = coverageDoc(undefined, [{ op: 'Frob', why: 'not written yet' }]);
    expect(doc).toContain('IR ops without a WebGPU path today: Frob (not written yet)');
    expect(doc).toMatch(/\| Shape \|[^\n]*\| yes† \| depends† \|/);
    expect(coverageDoc(undefined, [])).toMatch(/\| Shape \|[^\n]*\| yes† \| yes† \|/);
  });

  it('tells a notOnGpu gap from a real WGSL lowering', () => {
    expect(gpuGap(notOnGpu('not written yet'))).toBe('not written yet');
    expect(gpuGap(LOWERINGS.Add)).toBeUndefined();
    expect(gpuGap(LOWERINGS.MatMul)).toBeUndefined();
  });
});

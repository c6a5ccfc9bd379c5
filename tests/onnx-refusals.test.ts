// Ops kiln refuses at import say why, per op, in the one error that names every offending node: an op
// whose output size depends on the data (NonMaxSuppression, Unique) is refused because a static compiler
// cannot size its output, not as a bare "unsupported op". The ONNX node tests of those ops fail the same way.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../compiler/onnx/importer.ts';
import { CONVERTERS } from '../compiler/onnx/ops/index.ts';
import { DOMAIN_REASONS, REASONS, REFUSALS, refusalReason } from '../compiler/onnx/refusals.ts';
import { ONNX_OPS } from '../compiler/onnx/onnx-ops.ts';
import { f32Info, buildModel } from './support/onnx-builder.ts';
import { kilnError } from './support/kiln-error.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_TESTS = '/usr/share/libonnx-testdata/data/node';
const i64Info = (name: string, dims: number[]) => ({ name, type: { tensor_type: { elem_type: 7, shape: { dim: dims.map((d) => ({ dim_value: d })) } } } });

describe('import refusals', () => {
  it('NonMaxSuppression is refused because its output size depends on the values, naming the node', () => {
    const bytes = buildModel({
      opset: 11,
      nodes: [{ op: 'NonMaxSuppression', inputs: ['boxes', 'scores'], outputs: ['selected'], name: 'nms' }],
      inputs: [f32Info('boxes', [1, 6, 4]), f32Info('scores', [1, 1, 6])],
      outputs: [i64Info('selected', [-1, 3])],
    });
    const e = kilnError(() => importOnnx(bytes));
    expect(e.code).toBe('ONNX_UNSUPPORTED');
    expect(e.message).toContain('NonMaxSuppression (nms): its output shape depends on the input values');
    expect(e.message).toContain('static-shape compiler');
  });

  it('one error names every refused node, each op with its own reason', () => {
    const bytes = buildModel({
      opset: 11,
      nodes: [
        { op: 'Unique', inputs: ['x'], outputs: ['u'], name: 'uniq' },
        { op: 'RandomNormalLike', inputs: ['x'], outputs: ['r'], name: 'noise' },
        { op: 'Frobnicate', inputs: ['x'], outputs: ['f'], name: 'frob' },
      ],
      inputs: [f32Info('x', [4])],
      outputs: [f32Info('u', [4]), f32Info('r', [4]), f32Info('f', [4])],
    });
    const e = kilnError(() => importOnnx(bytes));
    expect(e.code).toBe('ONNX_UNSUPPORTED');
    expect(e.message).toContain(`Unique (uniq): ${REASONS['data-dependent']}`);
    expect(e.message).toContain(`RandomNormalLike (noise): ${REASONS.random}`);
    expect(e.message).toContain(`Frobnicate (frob): ${REASONS['not-implemented']}`);
  });

  it('ops of other domains are refused with the domain\'s reason: training-only for ai.onnx.preview.training', () => {
    const bytes = buildModel({
      nodes: [
        { op: 'Adam', inputs: ['x'], outputs: ['a'], name: 'opt', domain: 'ai.onnx.preview.training' },
        { op: 'Fancy', inputs: ['x'], outputs: ['f'], name: 'vendor', domain: 'com.example' },
      ],
      inputs: [f32Info('x', [4])],
      outputs: [f32Info('a', [4]), f32Info('f', [4])],
    });
    const e = kilnError(() => importOnnx(bytes));
    expect(e.code).toBe('ONNX_UNSUPPORTED');
    expect(e.message).toContain(`ai.onnx.preview.training::Adam (opt): ${DOMAIN_REASONS['ai.onnx.preview.training']}`);
    expect(e.message).toContain('com.example::Fancy (vendor): not in the default ONNX domain');
  });

  it('the reasons table names only ONNX ops, and an op with a converter is supported whatever it says', () => {
    expect(Object.keys(REFUSALS).filter((op) => !(op in ONNX_OPS))).toEqual([]);
    expect(refusalReason('NonMaxSuppression')).toBe(REASONS['data-dependent']);
    expect(refusalReason('NoSuchOp')).toBe(REASONS['not-implemented']);
    // NonZero is data-dependent but imported where its input is a constant (folded at import).
    expect(Object.prototype.hasOwnProperty.call(CONVERTERS, 'NonZero')).toBe(true);
  });

  it('NonZero and Compress, imported where their inputs are constants, say why a run-time input is refused', () => {
    const nonzero = buildModel({ opset: 13, nodes: [{ op: 'NonZero', inputs: ['x'], outputs: ['y'], name: 'nz' }], inputs: [f32Info('x', [4])], outputs: [] });
    const e = kilnError(() => importOnnx(nonzero));
    expect(e.code).toBe('STATIC_INPUT');
    expect(e.message).toContain('its values fix the output size');
    expect(e.context.node).toBe('nz');
    const bool = (name: string, dims: number[]) => ({ name, type: { tensor_type: { elem_type: 9, shape: { dim: dims.map((d) => ({ dim_value: d })) } } } });
    const compress = buildModel({ opset: 11, nodes: [{ op: 'Compress', inputs: ['x', 'c'], outputs: ['y'], name: 'pick' }], inputs: [f32Info('x', [4]), bool('c', [4])], outputs: [] });
    const c = kilnError(() => importOnnx(compress));
    expect(c.code).toBe('STATIC_INPUT');
    expect(c.message).toContain('condition (its values fix the output size)');
  });

  const cases = existsSync(NODE_TESTS) ? readdirSync(NODE_TESTS).filter((t) => /^test_(nonmaxsuppression|unique)_/.test(t)).map((t) => join(NODE_TESTS, t)) : [];
  it.skipIf(cases.length === 0)('the ONNX node tests of NonMaxSuppression and Unique fail with that reason', { timeout: 120_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'kiln-refusals-'));
    try {
      try {
        execFileSync(process.execPath, [join(ROOT, 'bin', 'kiln.js'), 'onnx-test', ...cases, '--out', out, '--backend', 'cpu'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' } });
      } catch {
        // exit status 1: some tests failed, as expected; the error files say why
      }
      expect(cases.length).toBeGreaterThanOrEqual(2);
      for (const dir of cases) {
        const test = dir.split('/').pop()!;
        const op = test.startsWith('test_unique_') ? 'Unique' : 'NonMaxSuppression';
        const err = readFileSync(join(out, test, 'error.txt'), 'utf8');
        expect(err).toContain('ONNX_UNSUPPORTED');
        expect(err).toContain(`${op} (`);
        expect(err).toContain(REASONS['data-dependent']);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

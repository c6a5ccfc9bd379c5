// Artifacts in program format version 2: the manifest carries the memory plan (arenas, limits, each
// temp's arena and offset) and the loader refuses layouts that do not hold together, naming the field.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileOnnxArtifact, sealManifest, type BuiltArtifact } from '../compiler/artifact/write.ts';
import { KilnError } from '../ir/errors.ts';
import type { Manifest } from '../runtime/artifact-format.ts';
import { loadArtifact } from '../runtime/artifact.ts';
import { PROGRAM_VERSION } from '../runtime/program.ts';
import { FIXTURES } from './support/env.ts';

let built: BuiltArtifact;
beforeAll(() => {
  built = compileOnnxArtifact(join(FIXTURES, 'mlp_fmnist_infer', 'model.onnx'), join(mkdtempSync(join(tmpdir(), 'kiln-layout-')), 'a'));
});

const editBuffer = (m: Manifest, i: number, patch: object): Manifest => ({ ...m, buffers: m.buffers.map((b, k) => (k === i ? { ...b, ...patch } : b)) });
/** Resealed (a fresh digest), so that the layout check, not the digest, is what refuses. */
const refuse = async (manifest: Manifest, why: RegExp) => {
  const p = loadArtifact({ manifest: sealManifest(manifest), weights: built.weights });
  await expect(p).rejects.toBeInstanceOf(KilnError);
  await expect(p).rejects.toThrow(why);
};

describe('artifact memory layout (format version 2 and later)', () => {
  it('writes the plan: temps in arenas at aligned offsets, everything else in buffers of its own', async () => {
    const m = built.manifest;
    expect(m.version).toBe(PROGRAM_VERSION);
    expect(PROGRAM_VERSION).toBe(4); // 2: the memory plan; 3: kernel parameters (view offsets); 4: every i8/u8 buffer packed
    expect(m.limits).toEqual({ minStorageBufferOffsetAlignment: 256, maxStorageBufferBindingSize: 134217728 });
    expect(m.arenas!.length).toBe(1);
    for (const b of m.buffers) {
      if (b.role !== 'temp') expect(b.arena).toBeUndefined();
      else {
        expect(b.offset! % 256).toBe(0);
        expect(b.offset! + b.bytes).toBeLessThanOrEqual(m.arenas![b.arena!].bytes);
      }
    }
    const loaded = await loadArtifact({ manifest: JSON.parse(JSON.stringify(m)), weights: built.weights });
    expect(loaded.program.arenas).toEqual(m.arenas);
  });

  it('refuses an arena index out of range, a misaligned offset and a range past its arena', async () => {
    const m = built.manifest;
    const t = m.buffers.findIndex((b) => b.arena !== undefined);
    const name = m.buffers[t].name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    await refuse(editBuffer(m, t, { arena: 3 }), new RegExp(`buffers\\[${t}\\] \\('${name}'\\)\\.arena 3 is not one of the 1 arenas`));
    await refuse(editBuffer(m, t, { offset: 128 }), new RegExp(`buffers\\[${t}\\] \\('${name}'\\)\\.offset 128 is not a multiple of the alignment 256`));
    await refuse(editBuffer(m, t, { offset: m.arenas![0].bytes }), /runs past arena 0/);
    await refuse({ ...m, arenas: [{ bytes: -1 }] }, /arenas\[0\]\.bytes must be a positive integer/);
    await refuse({ ...m, limits: undefined }, /limits\.minStorageBufferOffsetAlignment must be a positive integer/);
  });

  it('refuses an arena slot on a buffer that is not a temp', async () => {
    const m = built.manifest;
    const p = m.buffers.findIndex((b) => b.role === 'param');
    await refuse(editBuffer(m, p, { arena: 0, offset: 0 }), /only temp buffers are placed in arenas, this one is param/);
  });
});

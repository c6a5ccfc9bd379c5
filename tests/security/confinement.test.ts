// Hostile files, as a user who downloads a model or an artifact might get them: every case must be
// refused with a KilnError (never a TypeError, a hang or a read of a file outside the folder) within 1 s.
// ONNX external data: symlinks out of the model folder, special files (/dev/zero, a FIFO, a directory, a
// socket), traversal and absolute paths, ranges past the file or of another size than the shape needs.
// Artifacts: weights.file outside the folder (traversal, absolute, subfolder, links, special files) and
// manifests changed after `kiln compile` (workgroups, WGSL, buffer sizes, weights hash) or without digest.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOnnxArtifact, sealManifest, type BuiltArtifact } from '../../compiler/artifact/write.ts';
import { importOnnxFile } from '../../compiler/onnx/importer.ts';
import { KilnError } from '../../ir/errors.ts';
import { tensor } from '../../ir/tensor.ts';
import type { Manifest } from '../../runtime/artifact-format.ts';
import { loadArtifact } from '../../runtime/artifact.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { writeElementwiseModel } from '../browser/elementwise-model.ts';
import { buildModel, f32Info } from '../support/onnx-builder.ts';

const LIMIT_MS = 1000;
const tmp = (tag: string) => mkdtempSync(join(tmpdir(), `kiln-sec-${tag}-`));

/** Runs f, which must fail with a KilnError within LIMIT_MS; returns the error. */
async function refused(f: () => unknown, code?: string): Promise<KilnError> {
  const t0 = performance.now();
  let err: unknown;
  try {
    await f();
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - t0;
  if (err === undefined) throw new Error('expected a KilnError, nothing was thrown');
  if (!(err instanceof KilnError)) throw new Error(`expected a KilnError, got ${(err as Error)?.stack ?? String(err)}`);
  expect(ms, 'refused within 1 s').toBeLessThan(LIMIT_MS);
  if (code) expect(err.code).toBe(code);
  return err;
}

/** `mkfifo` from the system (Node has no fs.mkfifo); false when there is none. */
function mkfifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAVE_MKFIFO = mkfifo(join(tmp('probe'), 'fifo'));
if (!HAVE_MKFIFO) console.warn('SKIPPED: no `mkfifo` on this system, the FIFO cases of tests/security/confinement.test.ts do not run');

/** A unix socket file at `path`, listening until the suite ends. */
const servers: Server[] = [];
const socketAt = (path: string) =>
  new Promise<void>((res, rej) => {
    const s = createServer();
    servers.push(s);
    s.once('error', rej).listen(path, () => res());
  });
afterAll(() => servers.forEach((s) => s.close()));

describe('ONNX external data stays inside the model folder', () => {
  const W = new Float32Array([1, -2, 3]); // the tensor: f32[3], 12 bytes
  let root: string, dir: string, secret: string;
  const model = (ext: { key: string; value: string }[], opts: { constantNode?: boolean } = {}) =>
    opts.constantNode
      ? buildModel({
          nodes: [
            { op: 'Constant', inputs: [], outputs: ['w'], attrs: [{ name: 'value', type: 4, t: { name: 'c', dims: [3], data_type: 1, data_location: 1, external_data: ext } }] },
            { op: 'Add', inputs: ['x', 'w'], outputs: ['y'] },
          ],
          inputs: [f32Info('x', [3])],
          outputs: [f32Info('y', [3])],
        })
      : buildModel({
          nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
          inputs: [f32Info('x', [3])],
          outputs: [f32Info('y', [3])],
          initializers: [{ name: 'w', dims: [3], data_type: 1, data_location: 1, external_data: ext }],
        });
  let n = 0;
  /** Writes a model whose tensor's external data is at `location` (plus offset/length) and imports it. */
  const importWith = (location: string, extra: Record<string, string> = {}, opts: { constantNode?: boolean } = {}) => {
    const path = join(dir, `m${n++}.onnx`);
    writeFileSync(path, model([{ key: 'location', value: location }, ...Object.entries(extra).map(([key, value]) => ({ key, value }))], opts));
    return importOnnxFile(path);
  };
  const refuse = async (location: string, why: RegExp, extra: Record<string, string> = {}, opts: { constantNode?: boolean } = {}) => {
    const e = await refused(() => importWith(location, extra, opts), 'EXTERNAL_DATA');
    expect(e.message).toContain(`tensor '${opts.constantNode ? 'c' : 'w'}'`);
    expect(e.message).toContain(location.replace(/\0/g, '\\x00'));
    expect(e.message).toMatch(why);
    return e;
  };

  beforeAll(() => {
    root = tmp('onnx');
    dir = join(root, 'model');
    mkdirSync(dir);
    writeFileSync(join(dir, 'w.bin'), new Uint8Array(W.buffer));
    writeFileSync(join(dir, 'big.bin'), new Uint8Array(64));
    secret = join(root, 'secret.bin');
    writeFileSync(secret, new Uint8Array(W.buffer));
    symlinkSync(secret, join(dir, 'link.bin'));
    symlinkSync('/dev/zero', join(dir, 'zero.bin'));
    symlinkSync(root, join(dir, 'up')); // a directory link out of the folder
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'w.bin'), join(dir, 'sub', 'inside-link.bin')); // a link that stays inside
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    if (HAVE_MKFIFO) mkfifo(join(dir, 'fifo.bin'));
  });

  it('reads external data inside the folder, through a link that stays inside too (control)', () => {
    for (const loc of ['w.bin', 'sub/inside-link.bin']) {
      const { graph } = importWith(loc);
      const [y] = interpret(graph, new Map([['x', tensor('f32', [3], [1, 1, 1])]]));
      expect(Array.from(y.data)).toEqual([2, -1, 4]);
    }
    const { graph } = importWith('big.bin', { offset: '16', length: '12' });
    expect(Array.from(interpret(graph, new Map([['x', tensor('f32', [3], [1, 1, 1])]]))[0].data)).toEqual([1, 1, 1]);
  });

  it('refuses a symlink to a file outside the folder', async () => {
    await refuse('link.bin', /outside the model folder/);
  });
  it('refuses a path through a directory link that leaves the folder', async () => {
    await refuse('up/secret.bin', /outside the model folder/);
  });
  it('refuses a symlink to /dev/zero (never reads it)', async () => {
    await refuse('zero.bin', /outside the model folder/);
  });
  it.skipIf(!HAVE_MKFIFO)('refuses a FIFO without opening it (no hang)', async () => {
    await refuse('fifo.bin', /not a regular file/);
  });
  it('refuses a directory', async () => {
    await refuse('sub', /not a regular file/);
    await refuse('.', /not a regular file/);
  });
  it('refuses a unix socket', async () => {
    await socketAt(join(dir, 'sock.bin'));
    await refuse('sock.bin', /not a regular file/);
  });
  it('refuses `..` traversal', async () => {
    await refuse('../secret.bin', /leaves the model folder/);
    await refuse('sub/../../secret.bin', /leaves the model folder/);
  });
  it('refuses absolute paths', async () => {
    await refuse(secret, /leaves the model folder/);
    await refuse('/dev/zero', /leaves the model folder/);
    await refuse('/etc/passwd', /leaves the model folder/);
  });
  it('refuses a missing file and a symlink loop', async () => {
    await refuse('nothing.bin', /does not exist/);
    await refuse('loop-a', /does not exist or cannot be resolved/);
  });
  it('refuses a NUL character in the path (a KilnError, not a TypeError)', async () => {
    await refuse('w.bin\0.txt', /NUL/);
  });
  it('refuses an offset past the end of the file', async () => {
    await refuse('w.bin', /runs past the end of the file/, { offset: '100', length: '12' });
    await refuse('w.bin', /runs past the end of the file/, { offset: '100' });
  });
  it('refuses offset + length past the end of the file', async () => {
    await refuse('big.bin', /runs past the end of the file/, { offset: '60', length: '12' });
  });
  it('refuses a length larger than the shape needs', async () => {
    await refuse('big.bin', /length 16 does not match the 12 bytes/, { length: '16' });
    await refuse('big.bin', /length 64 does not match the 12 bytes/); // no length: the rest of the file
  });
  it('refuses a length smaller than the shape needs', async () => {
    await refuse('big.bin', /length 8 does not match the 12 bytes/, { length: '8' });
  });
  it('refuses a huge length without allocating it', async () => {
    await refuse('big.bin', /runs past the end of the file/, { length: String(2 ** 52) });
  });
  it('refuses offsets and lengths that are not non-negative integers', async () => {
    await refuse('w.bin', /offset '-4' is not a non-negative integer/, { offset: '-4' });
    await refuse('w.bin', /length '1e3' is not a non-negative integer/, { length: '1e3' });
    await refuse('w.bin', /offset 'abc' is not a non-negative integer/, { offset: 'abc' });
  });
  it('confines external data of a tensor attribute (Constant) the same way', async () => {
    await refuse('link.bin', /outside the model folder/, {}, { constantNode: true });
    await refuse('../secret.bin', /leaves the model folder/, {}, { constantNode: true });
  });
});

describe('artifact weights.file stays inside the artifact folder', () => {
  let base: string, built: BuiltArtifact, outside: string, outsideBytes: Uint8Array;
  let n = 0;
  /** An artifact folder holding the real weights and a manifest (resealed) naming `file`. */
  const folderWith = (file: unknown, setup?: (dir: string) => void) => {
    const dir = join(base, `a${n++}`);
    mkdirSync(dir);
    copyFileSync(join(base, 'art', 'weights.safetensors'), join(dir, 'weights.safetensors'));
    setup?.(dir);
    const manifest = sealManifest({ ...built.manifest, weights: { ...built.manifest.weights, file: file as string } });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    return dir;
  };
  const refuse = async (file: unknown, why: RegExp, setup?: (dir: string) => void) => {
    const dir = folderWith(file, setup);
    const e = await refused(() => loadArtifact(dir), 'ARTIFACT');
    expect(e.message).toMatch(why);
    // Nothing about the file that was refused leaks: not its size, not its hash.
    expect(e.message).not.toContain(String(outsideBytes.byteLength));
    expect(e.message).not.toContain(createHash('sha256').update(outsideBytes).digest('hex'));
    return e;
  };

  beforeAll(() => {
    base = tmp('art');
    built = compileOnnxArtifact(writeElementwiseModel(base), join(base, 'art'));
    // A file outside every artifact folder, of a size no message would otherwise hold.
    outside = join(base, 'outside.safetensors');
    outsideBytes = new Uint8Array(built.weights.byteLength + 1001).fill(7);
    writeFileSync(outside, outsideBytes);
  });

  it('loads the artifact as written (control)', async () => {
    await expect(loadArtifact(folderWith('weights.safetensors'))).resolves.toBeDefined();
  });
  it("refuses '../x' traversal", async () => {
    await refuse('../outside.safetensors', /not a plain file name/);
    await refuse('..', /not a plain file name/);
  });
  it('refuses absolute paths', async () => {
    await refuse('/etc/passwd', /not a plain file name/);
    await refuse(outside, /not a plain file name/);
  });
  it('refuses a subfolder path', async () => {
    await refuse('sub/weights.safetensors', /not a plain file name/, (d) => {
      mkdirSync(join(d, 'sub'));
      copyFileSync(join(d, 'weights.safetensors'), join(d, 'sub', 'weights.safetensors'));
    });
    await refuse('sub\\weights.safetensors', /not a plain file name/);
  });
  it('refuses URL-ish and drive names, empty and non-string names', async () => {
    await refuse('%2e%2e', /not a plain file name/);
    await refuse('C:weights', /not a plain file name/);
    await refuse('file:weights', /not a plain file name/);
    await refuse('', /not a plain file name/);
    await refuse(42, /not a plain file name/);
  });
  it('refuses a symlink to a file outside the folder, without revealing its size or hash', async () => {
    await refuse('link.safetensors', /outside the artifact folder/, (d) => symlinkSync(outside, join(d, 'link.safetensors')));
  });
  it('refuses a symlink to /dev/zero', async () => {
    await refuse('zero.safetensors', /outside the artifact folder/, (d) => symlinkSync('/dev/zero', join(d, 'zero.safetensors')));
  });
  it.skipIf(!HAVE_MKFIFO)('refuses a FIFO without opening it (no hang)', async () => {
    await refuse('fifo.safetensors', /not a regular file/, (d) => mkfifo(join(d, 'fifo.safetensors')));
  });
  it('refuses a directory', async () => {
    await refuse('dir.safetensors', /not a regular file/, (d) => mkdirSync(join(d, 'dir.safetensors')));
  });
  it('refuses a weights file of another size than declared without reading it', async () => {
    await refuse('other.safetensors', /does not have the \d+ bytes the manifest declares/, (d) => writeFileSync(join(d, 'other.safetensors'), new Uint8Array(3)));
  });
  it('refuses a manifest.json that links outside the folder', async () => {
    const dir = join(base, 'linked-manifest');
    mkdirSync(dir);
    copyFileSync(join(base, 'art', 'weights.safetensors'), join(dir, 'weights.safetensors'));
    symlinkSync(join(base, 'art', 'manifest.json'), join(dir, 'manifest.json'));
    const e = await refused(() => loadArtifact(dir), 'ARTIFACT');
    expect(e.message).toMatch(/'manifest.json' resolves \(through a link\) to a file outside the artifact folder/);
  });
});

describe('the manifest digest refuses a manifest changed after kiln compile', () => {
  let built: BuiltArtifact, dir: string;
  beforeAll(() => {
    const base = tmp('digest');
    dir = join(base, 'art');
    built = compileOnnxArtifact(writeElementwiseModel(base), dir);
  });
  const refuse = async (manifest: unknown, why = /manifest digest does not match its content/, weights = built.weights) => {
    const e = await refused(() => loadArtifact({ manifest: manifest as Manifest, weights }), 'ARTIFACT');
    expect(e.message).toMatch(why);
  };
  const m = () => built.manifest;

  it('accepts the manifest as written, re-read with other formatting and key order (control)', async () => {
    const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
    const reordered = Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse());
    await expect(loadArtifact({ manifest: JSON.stringify(reordered, null, 4), weights: built.weights })).resolves.toBeDefined();
    await expect(loadArtifact(dir)).resolves.toBeDefined();
  });
  it('refuses a changed workgroup count', async () => {
    const [x, y, z] = m().dispatches[0].workgroups;
    await refuse({ ...m(), dispatches: m().dispatches.map((d, i) => (i === 0 ? { ...d, workgroups: [x + 1, y, z] } : d)) });
  });
  it('refuses a changed kernel WGSL', async () => {
    await refuse({ ...m(), kernels: m().kernels.map((k, i) => (i === 0 ? { ...k, wgsl: k.wgsl.replace('@compute', '@compute ') } : k)) });
  });
  it('refuses a changed buffer size', async () => {
    await refuse({ ...m(), buffers: m().buffers.map((b, i) => (i === 0 ? { ...b, bytes: b.bytes * 2 } : b)) });
  });
  it('refuses changed weights together with their declared hash and size', async () => {
    const weights = built.weights.slice();
    weights[weights.length - 1] ^= 1;
    const sha256 = createHash('sha256').update(weights).digest('hex');
    await refuse({ ...m(), weights: { ...m().weights, sha256 } }, undefined, weights);
  });
  it('refuses a changed graph, name and an added field', async () => {
    await refuse({ ...m(), graph: { ...m().graph, nodes: m().graph.nodes.slice(1) } });
    await refuse({ ...m(), name: 'other' });
    await refuse({ ...m(), extra: true });
  });
  it('refuses a tampered manifest.json in a folder before reading the weights', async () => {
    const base = tmp('digest-folder');
    const manifest = { ...m(), dispatches: m().dispatches.map((d) => ({ ...d, workgroups: [65535, 65535, 65535] })) };
    writeFileSync(join(base, 'manifest.json'), JSON.stringify(manifest));
    const e = await refused(() => loadArtifact(base), 'ARTIFACT'); // no weights file there: the digest refuses first
    expect(e.message).toMatch(/manifest digest does not match/);
  });
  it('refuses a manifest with the digest removed or malformed', async () => {
    const { digest: _d, ...stripped } = m();
    await refuse(stripped, /manifest has no digest/);
    await refuse({ ...m(), digest: 42 }, /manifest has no digest/);
    await refuse({ ...m(), digest: m().digest.toUpperCase() }, /manifest has no digest/);
    await refuse({ ...m(), digest: '0'.repeat(64) });
  });
});

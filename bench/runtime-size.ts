// Size of the runtime an app ships: runtime/index.ts (artifact loader + WebGPU executor, no CPU
// interpreter) bundled by esbuild for the browser as a minified ES module. Prints raw and gzipped
// bytes. Run: npx tsx bench/runtime-size.ts [--out FILE]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const RUNTIME_ENTRY = fileURLToPath(new URL('../runtime/index.ts', import.meta.url));

/** The minified browser ESM bundle of runtime/index.ts, and the source files it took in. */
export async function bundleRuntime(): Promise<{ code: string; inputs: string[] }> {
  const r = await build({
    entryPoints: [RUNTIME_ENTRY],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  return { code: r.outputFiles[0].text, inputs: Object.keys(r.metafile.inputs) };
}

export function sizes(code: string): { raw: number; gzip: number } {
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).byteLength };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { code, inputs } = await bundleRuntime();
  const out = process.argv.indexOf('--out');
  if (out > 0) writeFileSync(process.argv[out + 1], code);
  const { raw, gzip } = sizes(code);
  console.log(`runtime bundle (runtime/index.ts: loader + WebGPU executor, esbuild minified ESM, browser): ${raw} bytes raw, ${gzip} bytes gzipped (${(gzip / 1024).toFixed(1)} KiB; goal < 15 KiB)`);
  console.log(`${inputs.length} source files: ${inputs.join(' ')}`);
}

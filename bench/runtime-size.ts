// Size of the runtime an app ships, bundled by esbuild for the browser as minified ES modules:
// runtime/index.ts (kiln/runtime: artifact loader + WebGPU executor, no CPU interpreter; goal < 15 KiB
// gzipped) and runtime/cpu/index.ts (kiln/runtime/cpu, the CPU fallback a model loads only without an
// adapter: op table, IR deserializer, interpreter; goal < 64 KiB gzipped). Prints raw and gzipped bytes.
// Run: npx tsx bench/runtime-size.ts [--out FILE]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const RUNTIME_ENTRY = fileURLToPath(new URL('../runtime/index.ts', import.meta.url));
export const CPU_RUNTIME_ENTRY = fileURLToPath(new URL('../runtime/cpu/index.ts', import.meta.url));

/** Gzipped-size goals of the two entries, in bytes. */
export const BUDGET = { runtime: 15 * 1024, cpu: 64 * 1024 } as const;

/** The minified browser ESM bundle of a runtime entry (default runtime/index.ts), and the source files it took in. */
export async function bundleRuntime(entry = RUNTIME_ENTRY): Promise<{ code: string; inputs: string[] }> {
  const r = await build({
    entryPoints: [entry],
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
  console.log(`runtime bundle (runtime/index.ts: loader + WebGPU executor, esbuild minified ESM, browser): ${raw} bytes raw, ${gzip} bytes gzipped (${(gzip / 1024).toFixed(1)} KiB; goal < ${BUDGET.runtime / 1024} KiB)`);
  console.log(`${inputs.length} source files: ${inputs.join(' ')}`);
  const cpu = sizes((await bundleRuntime(CPU_RUNTIME_ENTRY)).code);
  console.log(`CPU fallback bundle (runtime/cpu/index.ts): ${cpu.raw} bytes raw, ${cpu.gzip} bytes gzipped (${(cpu.gzip / 1024).toFixed(1)} KiB; goal < ${BUDGET.cpu / 1024} KiB)`);
}

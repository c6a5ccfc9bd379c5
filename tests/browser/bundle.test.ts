// The runtime an app ships (runtime/index.ts bundled by esbuild, minified, browser ESM) stays small and
// free of compiler code: no compiler/, passes/, CPU interpreter, ts-morph or protobuf.
import { expect, it } from 'vitest';
import { BUDGET, bundleRuntime, CPU_RUNTIME_ENTRY, sizes } from '../../bench/runtime-size.ts';

it('bundles the runtime under 15 KiB gzipped without compiler code', async () => {
  const { code, inputs } = await bundleRuntime();
  const { raw, gzip } = sizes(code);
  console.log(`runtime bundle: ${raw} bytes raw, ${gzip} bytes gzipped`);
  expect(gzip).toBeLessThan(BUDGET.runtime);
  expect(inputs.filter((f) => /^(compiler|passes)\/|runtime\/cpu\/|node_modules\//.test(f))).toEqual([]);
  expect(code).not.toMatch(/ts-morph|protobuf/);
});

it('bundles the CPU fallback entry under its own budget (64 KiB gzipped) without compiler code', async () => {
  const { code, inputs } = await bundleRuntime(CPU_RUNTIME_ENTRY);
  const { raw, gzip } = sizes(code);
  console.log(`CPU fallback bundle: ${raw} bytes raw, ${gzip} bytes gzipped`);
  expect(gzip).toBeLessThan(BUDGET.cpu);
  expect(inputs.filter((f) => /^(compiler|passes)\/|node_modules\//.test(f))).toEqual([]);
  expect(code).not.toMatch(/ts-morph|protobuf/);
});

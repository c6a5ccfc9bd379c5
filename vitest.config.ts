import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `kiln`, `kiln/runtime` and `kiln/runtime/cpu` (package self-references, as samples and generated
  // model modules import them) resolve to the TypeScript sources, not to a possibly stale dist/.
  resolve: { conditions: ['kiln-source'] },
  ssr: { resolve: { conditions: ['kiln-source'], externalConditions: ['kiln-source'] } },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['tests/support/setup.ts'],
    globalSetup: ['tests/support/build-dist.ts'],
  },
});

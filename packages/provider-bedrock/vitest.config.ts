import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests also use @codex/client (to build transport errors) and the private @codex/testkit. They
// are not declared dependencies of this package, so tests resolve them by path; nothing in src/
// imports them. @codex/client is built before this package (through @codex/api), so its dist is
// used; the test kit is not in this package's build graph, so its sources are used.
const sibling = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@codex/client': sibling('client/dist/index.js'),
      '@codex/testkit': sibling('testkit/src/index.ts'),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // Tests run on a shared 2-core machine: keep the pool small and never assert on wall time.
    maxWorkers: 2,
    // Under CI each package also writes a JSON report that .ci/run sums into one closing line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results.json' }]]
      : ['default'],
  },
});

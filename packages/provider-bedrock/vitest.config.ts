import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests also use @codex/client (to build transport errors and a transport) and the private
// @codex/testkit. They are not dependencies of this package, so tests resolve their built output
// (dist/) directly; nothing in src/ imports them.
const sibling = (name: string): string =>
  fileURLToPath(new URL(`../${name}/dist/index.js`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@codex/client': sibling('client'),
      '@codex/testkit': sibling('testkit'),
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

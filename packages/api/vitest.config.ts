import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// As in tsup.config.ts: the sources see the package version as a constant.
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  define: { __CODEX_API_VERSION__: JSON.stringify(version) },
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

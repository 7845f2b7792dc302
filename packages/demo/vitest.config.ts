import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 40_000,
    // Tests run on a shared 2-core machine: keep the pool small and never assert on wall time.
    maxWorkers: 2,
    // Under CI each package also writes a JSON report that .ci/run sums into one closing line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results.json' }]]
      : ['default'],
  },
});

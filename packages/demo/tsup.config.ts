import { defineConfig } from 'tsup';

export default defineConfig({
  // A program, not a library: one ESM entry, no declarations. The `#!/usr/bin/env node` line of
  // src/main.ts is kept by esbuild.
  entry: ['src/main.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});

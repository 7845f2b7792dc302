import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Only the version string of package.json goes into the build (for the User-Agent).
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
  define: { __CODEX_API_VERSION__: JSON.stringify(version) },
});

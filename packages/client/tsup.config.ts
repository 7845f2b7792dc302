import { defineConfig } from 'tsup';

// ky is published as ESM only. The ESM build imports it; the CJS build bundles it, so that
// `require('@codex/client')` works on every Node >= 20 (require(esm) needs 20.19+ / 22.12+).
const shared = {
  entry: ['src/index.ts'],
  dts: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
} as const;

export default defineConfig([
  { ...shared, format: ['esm'], clean: false },
  { ...shared, format: ['cjs'], noExternal: ['ky'] },
]);

import { packageBuild } from '../../tsup.preset.js';

// A program, not a library: one ESM entry, no declarations. The `#!/usr/bin/env node` line of
// src/main.ts is kept in dist/main.js.
export default packageBuild({ entry: ['src/main.ts'], format: ['esm'], dts: false });

import { packageBuild } from '../../tsup.preset.js';

// ky is published as ESM only. The ESM build imports it; the CJS build bundles it, so that
// `require('@codex/client')` works on every Node >= 20 (require(esm) needs 20.19+ / 22.12+).
export default packageBuild({ bundleIntoCjs: ['ky'] });

import { packageBuild } from '../../tsup.preset.js';

// Private: ESM only.
export default packageBuild({ format: ['esm'] });

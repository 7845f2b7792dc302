// @codex/testkit is not (yet) a devDependency of @codex/api, and dependencies are not ours to
// change: the test kit is loaded from its sources in the workspace. Once the dependency exists,
// this file becomes `export * from '@codex/testkit';`.
export * from '../../../testkit/src/index.js';

// @codex/testkit is not (yet) a devDependency of @codex/api and dependencies are frozen for this
// change, so the tests reach its built output by path. When the devDependency is added, replace
// this path with '@codex/testkit'; nothing else changes.
export * from '../../../testkit/dist/index.js';

// One import path for the test kit in this package's colocated tests.
export * from '@codex/testkit';

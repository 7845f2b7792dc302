// The test kit, for tests that share this import path.
export * from '@codex/testkit';

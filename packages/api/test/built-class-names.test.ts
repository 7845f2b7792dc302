// Every class of the built packages keeps its own name (`constructor.name`, inspect output):
// esbuild renames a class that refers to itself inside its body (`var ApiError = class _ApiError`).
// Runs against the built `dist/` of @codex/protocol, @codex/client and this package, ESM and CJS.
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

const builds: Record<string, () => Promise<Record<string, unknown>>> = {
  '@codex/protocol (ESM)': () => import('@codex/protocol'),
  '@codex/protocol (CJS)': async () => require('@codex/protocol'),
  '@codex/client (ESM)': () => import('@codex/client'),
  '@codex/client (CJS)': async () => require('@codex/client'),
  '@codex/api (ESM)': () =>
    import(/* @vite-ignore */ new URL('../dist/index.js', import.meta.url).href),
  '@codex/api (CJS)': async () => require('../dist/index.cjs'),
};

/**
 * The exported classes that are not exported under their own `name` (an alias such as
 * `CodexErrorBase` is fine as long as the class is exported under its name too).
 */
function renamedClasses(exports: Record<string, unknown>): string[] {
  return Object.entries(exports)
    .filter(([, value]) => typeof value === 'function' && /^class\b/.test(String(value)))
    .filter(([, value]) => exports[(value as { name: string }).name] !== value)
    .map(([name, value]) => `${name} is named ${(value as { name: string }).name}`);
}

describe.each(Object.keys(builds))('%s', (build) => {
  it('every exported class keeps its name', async () => {
    const exports = await builds[build]!();
    const classes = Object.values(exports).filter(
      (value) => typeof value === 'function' && /^class\b/.test(String(value)),
    );
    expect(classes.length).toBeGreaterThan(0);
    expect(renamedClasses(exports)).toEqual([]);
  });
});

it('an ApiError and an UnexpectedStatusError show their names in inspect output', async () => {
  const api = require('../dist/index.cjs') as typeof import('../src/index.js');
  const protocol = await import('@codex/protocol');
  const apiError = api.ApiError.stream('broken');
  expect(apiError.constructor.name).toBe('ApiError');
  expect(inspect(apiError)).toMatch(/^ApiError: stream error: broken/);
  const statusError = new protocol.UnexpectedStatusError({ status: 401, body: 'x' });
  expect(statusError.withUserMessage('Log in again').constructor.name).toBe(
    'UnexpectedStatusError',
  );
  expect(inspect(statusError)).toMatch(/^UnexpectedStatusError: unexpected status 401/);
});

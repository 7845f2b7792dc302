import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the family error shape', () => {
  it('is the same file in @codex/protocol and @codex/client (the two do not depend on each other)', () => {
    const here = readFileSync(new URL('./error-shape.ts', import.meta.url), 'utf8');
    const client = readFileSync(
      new URL('../../../client/src/errors/error-shape.ts', import.meta.url),
      'utf8',
    );
    expect(here).toBe(client);
  });

  it('the status reason tables of both packages agree', async () => {
    const { canonicalReason } = await import('../status-text.js');
    const source = readFileSync(
      new URL('../../../client/src/errors/status-reason.ts', import.meta.url),
      'utf8',
    );
    const pairs = [...source.matchAll(/\[(\d{3}), (['"])(.*?)\2\]/g)].map(
      ([, code, , reason]) => [Number(code), reason] as const,
    );
    expect(pairs.length).toBeGreaterThan(50);
    for (const [code, reason] of pairs) expect(canonicalReason(code)).toBe(reason);
    for (let code = 100; code < 600; code++) {
      const inClient = pairs.find(([candidate]) => candidate === code)?.[1];
      expect(canonicalReason(code)).toBe(inClient);
    }
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The rooms of `src/`, lowest first. A file may import from its own room and from lower ones,
// never from a higher one; `index.ts` (the list of public names) is above all of them.
const ROOMS = [
  '.', // what everything shares: header helpers
  'logging',
  'errors',
  'settings',
  'auth',
  'rate-limits',
  'endpoints',
  'responses',
  'responses/websocket', // the WebSocket transport, built on the responses room
  'provider',
  'model-client',
] as const;

const source = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function roomOf(file: string): string {
  const parts = relative(source, file).split('/');
  if (parts.length > 2 && parts[0] === 'responses' && parts[1] === 'websocket') {
    return 'responses/websocket';
  }
  return parts.length === 1 ? '.' : parts[0]!;
}

describe('@codex/api is organised in rooms', () => {
  const files = sourceFiles(source).filter((file) => !file.includes('/test-support/'));

  it('every source file lives in a known room (no grab bag)', () => {
    for (const file of files) {
      if (relative(source, file) === 'index.ts') continue;
      expect(ROOMS as readonly string[]).toContain(roomOf(file));
    }
    const loose = files
      .filter((file) => roomOf(file) === '.')
      .map((file) => relative(source, file));
    expect(loose.length).toBeLessThanOrEqual(4);
  });

  it('no import runs from a lower room to a higher one', () => {
    const violations: string[] = [];
    for (const file of files) {
      if (relative(source, file) === 'index.ts') continue;
      const from = ROOMS.indexOf(roomOf(file) as (typeof ROOMS)[number]);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from '(\.[^']+)'/g)) {
        const target = resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts'));
        if (relative(source, target) === 'index.ts') {
          violations.push(`${relative(source, file)} imports the package index`);
          continue;
        }
        const to = ROOMS.indexOf(roomOf(target) as (typeof ROOMS)[number]);
        if (to > from) violations.push(`${relative(source, file)} → ${relative(source, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });
});

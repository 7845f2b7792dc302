import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSettled } from '@codex/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { streamFromFixture } from './stream-from-fixture.js';

const directory = mkdtempSync(join(tmpdir(), 'codex-api-fixture-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function fixture(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

describe('streamFromFixture (§4.6)', () => {
  it('each line is one event; event: lines are ignored; no header phase', async () => {
    const path = fixture(
      'turn.sse',
      [
        'event: response.created',
        'data: {"type":"response.created","response":{}}',
        'data: {"type":"response.output_text.delta","delta":"hi"}\r',
        'data: {"type":"response.completed","response":{"id":"r1"}}',
      ].join('\n'),
    );
    const { items: events, error } = await collectSettled(
      await streamFromFixture(path, { idleTimeoutMs: 1000 }),
    );
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'created' },
      { type: 'outputTextDelta', delta: 'hi' },
      { type: 'completed', responseId: 'r1' },
    ]);
  });

  it('runs the same state machine: a deferred failure ends the replay', async () => {
    const path = fixture(
      'failed.sse',
      'data: {"type":"response.failed","response":{"error":{"code":"insufficient_quota"}}}\n',
    );
    const { error } = await collectSettled(await streamFromFixture(path));
    expect((error as ApiError).details).toEqual({ kind: 'quotaExceeded' });
  });

  it('an unreadable file rejects with a stream error', async () => {
    const error = await streamFromFixture(join(directory, 'missing.sse')).catch(
      (caught: unknown) => caught,
    );
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).details.kind).toBe('stream');
    expect((error as ApiError).message).toContain('ENOENT');
  });
});

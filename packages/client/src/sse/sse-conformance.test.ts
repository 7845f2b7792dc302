// Runs the third-party SSE conformance corpus (WHATWG expectations) when it is present beside the
// clone; see ../shared/conformance/README.md. Nothing from it is copied into the project.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { byteByByte, bytesOf, collect, randomChunks, streamOf } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import type { SseEvent } from './sse-event.js';
import { sseStream } from './sse-stream.js';

/** Every event of `chunks` read through `sseStream`. */
function collectEvents(chunks: readonly Uint8Array[]): Promise<SseEvent[]> {
  return collect(sseStream(streamOf(chunks)));
}

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const directory =
  process.env.CODEX_CONFORMANCE_DIR ?? join(repositoryRoot, '..', 'shared', 'conformance');
const file = join(directory, 'sse-cases.json');

interface ConformanceCase {
  id: string;
  level: 'event' | 'line';
  input: string | null;
  input_b64?: string;
  chunks?: string[];
  chunks_b64?: string[];
  expected: Array<{ event: string; data: string; id: string }>;
  retry?: number[];
}

const cases: ConformanceCase[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function inputBytes(entry: ConformanceCase): Uint8Array {
  if (entry.input_b64 !== undefined) return fromBase64(entry.input_b64);
  return bytesOf(entry.input ?? '');
}

function givenChunks(entry: ConformanceCase): Uint8Array[] | undefined {
  if (entry.chunks_b64 !== undefined) return entry.chunks_b64.map(fromBase64);
  if (entry.chunks !== undefined) return entry.chunks.map(bytesOf);
  return undefined;
}

/** `expected` without `id_field` (the per-block id, informational for per-block parsers). */
function expectedEvents(
  entry: ConformanceCase,
): Array<{ event: string; data: string; id: string }> {
  return entry.expected.map(({ event, data, id }) => ({ event, data, id }));
}

function withoutRetry(events: SseEvent[]): Array<{ event: string; data: string; id: string }> {
  return events.map(({ event, data, id }) => ({ event, data, id }));
}

/**
 * `retry` on our events is the reconnection time in force at dispatch, so the values seen must
 * follow the case's accepted `retry:` values in order, and the last event carries the last one.
 */
function expectRetry(entry: ConformanceCase, events: SseEvent[]): void {
  const accepted = entry.retry ?? [];
  const seen = events.map((event) => event.retry);
  if (accepted.length === 0) {
    expect(seen.every((retry) => retry === undefined)).toBe(true);
    return;
  }
  let position = -1;
  for (const retry of seen) {
    if (retry === undefined) {
      expect(position).toBe(-1); // once set, it stays set
      continue;
    }
    const next = accepted.indexOf(retry, Math.max(position, 0));
    expect(next).toBeGreaterThanOrEqual(0);
    position = next;
  }
  if (events.length > 0) expect(seen.at(-1)).toBe(accepted.at(-1));
}

describe.skipIf(cases.length === 0)(`SSE conformance corpus (${file})`, () => {
  it('has both levels of cases', () => {
    expect(cases.some((entry) => entry.level === 'event')).toBe(true);
    expect(cases.some((entry) => entry.level === 'line')).toBe(true);
  });

  // `line` cases test a line splitter's flush behaviour; their `expected` is the SSE reading of
  // the same bytes, which is what sseStream produces (an unterminated line is never an event).
  describe.each(cases.map((entry) => [`${entry.level}: ${entry.id}`, entry] as const))(
    '%s',
    (_, entry) => {
      const bytes = inputBytes(entry);

      it('whole stream', async () => {
        const events = await collectEvents([bytes]);
        expect(withoutRetry(events)).toEqual(expectedEvents(entry));
        expectRetry(entry, events);
      });

      const chunks = givenChunks(entry);
      it.runIf(chunks !== undefined)('in the case’s own chunks', async () => {
        const joined = Buffer.concat(chunks!);
        expect(new Uint8Array(joined)).toEqual(bytes);
        const events = await collectEvents(chunks!);
        expect(withoutRetry(events)).toEqual(expectedEvents(entry));
        expectRetry(entry, events);
      });

      it('byte by byte and in random chunkings', async () => {
        expect(withoutRetry(await collectEvents(byteByByte(bytes)))).toEqual(expectedEvents(entry));
        for (let seed = 1; seed <= 5; seed++) {
          expect(withoutRetry(await collectEvents(randomChunks(bytes, seed)))).toEqual(
            expectedEvents(entry),
          );
        }
      });
    },
  );
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Names of the recorded transcripts shipped in `fixtures/` (without the `.sse` extension). */
export type TranscriptName = 'turn' | 'failed-rate-limit' | 'incomplete';

/**
 * The transcripts shipped with the kit:
 * - `turn`: a realistic turn — reasoning with summary deltas, an assistant message streamed as 35
 *   text deltas, a `shell` function call, `response.completed` with usage;
 * - `failed-rate-limit`: `response.failed` with code `rate_limit_exceeded` and
 *   "Please try again in 1.5s.";
 * - `incomplete`: some text deltas, then `response.incomplete` with reason `max_output_tokens`.
 */
export const TRANSCRIPT_NAMES: readonly TranscriptName[] = [
  'turn',
  'failed-rate-limit',
  'incomplete',
];

// Both `src/fixture-path.ts` and the bundled `dist/index.js` sit one level below the package root.
const FIXTURES_DIRECTORY = new URL('../fixtures/', import.meta.url);

/**
 * The absolute path of a file in the kit's `fixtures/` directory (e.g. `turn.sse`,
 * `models.json`). Works from the sources and from the built package.
 *
 * @example
 * ```ts
 * const path = fixturePath('turn.sse'); // feed it to a `streamFromFixture`-style reader
 * ```
 */
export function fixturePath(name: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.includes('..') || name.startsWith('/'))
    throw new TypeError('`name` must be a file name inside the fixtures directory');
  return fileURLToPath(new URL(name, FIXTURES_DIRECTORY));
}

/**
 * Reads a shipped transcript as raw SSE bytes. The `.sse` extension may be omitted.
 *
 * @example
 * ```ts
 * server.enqueue(sseResponse(loadTranscript('failed-rate-limit')));
 * ```
 */
export function loadTranscript(name: TranscriptName | (string & {})): Buffer {
  return readFileSync(fixturePath(name.endsWith('.sse') ? name : `${name}.sse`));
}

/** Reads and parses a shipped JSON fixture (`compact.json`, `memories.json`, `models.json`). */
export function loadJsonFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}

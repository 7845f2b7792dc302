import { ApiError } from '../errors/api-error.js';
import { ResponseStream } from './response-stream.js';
import { ResponsesSseDecoder } from './responses-sse-decoder.js';

/** Options of {@link streamFromFixture}. */
export interface StreamFromFixtureOptions {
  /**
   * Longest wait for the next event, in milliseconds.
   * @default 300000
   */
  readonly idleTimeoutMs?: number | undefined;
  /** Aborting it stops the stream; its reason is thrown as it is. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Replays a recorded transcript file through the same state machine as a live stream (the
 * upstream `stream_from_fixture`): every line of the file becomes one SSE event (put one
 * `data: {json}` per line; `event:` lines become empty events and are ignored). There is no
 * header phase. Node-only in practice: `node:fs/promises` is imported when called, so bundlers
 * for browsers can still include this package.
 *
 * @throws ApiError `stream error: <io error>` when the file cannot be read.
 * @example
 * for await (const event of await streamFromFixture('fixtures/turn.jsonl')) console.log(event.type);
 */
export async function streamFromFixture(
  path: string,
  options: StreamFromFixtureOptions = {},
): Promise<ResponseStream> {
  if (typeof path !== 'string') throw new TypeError('streamFromFixture: `path` must be a string');
  let text: string;
  try {
    const { readFile } = await import('node:fs/promises');
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw ApiError.stream(error instanceof Error ? error.message : String(error), error);
  }
  // Lines as Rust's `BufRead::lines` reads them: split on LF, one trailing CR dropped.
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let body = '';
  for (const line of lines) body += `${line.endsWith('\r') ? line.slice(0, -1) : line}\n\n`;
  const bytes = new TextEncoder().encode(body);
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const { signal } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? 300_000;
  return new ResponseStream({
    source,
    decoder: new ResponsesSseDecoder(),
    idleTimeoutMs,
    idleTimeoutMessage: 'idle timeout waiting for SSE',
    signal,
  });
}

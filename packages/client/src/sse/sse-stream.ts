import { TransportError } from '../transport-error.js';
import { type EventDecoder, EventStream } from './event-stream.js';
import type { SseEvent } from './sse-event.js';
import { SseParser, type SseSink } from './sse-parser.js';

/** Options of {@link sseStream} and {@link sseDataStream}. */
export interface SseStreamOptions {
  /**
   * Longest wait, in milliseconds, for the next complete event. The timer restarts each time an
   * event is dispatched; comments, keep-alive bytes and incomplete events do not restart it, and
   * time the consumer spends between reads is not counted. On expiry the iteration throws a
   * `TransportError` of kind `idleTimeout` (message `timeout`) and the body is cancelled.
   * `Infinity` disables it.
   *
   * @default 300000
   */
  idleTimeoutMs?: number;
  /** Aborting it cancels the body; the iteration then throws the signal's reason, unwrapped. */
  signal?: AbortSignal;
  /**
   * Most characters one event may hold while it is assembled; more fails the iteration with a
   * `TransportError` of kind `stream` that names the limit.
   * @default 67108864 (64 Mi)
   */
  maxEventSize?: number;
  /** Called once when the body is no longer needed (e.g. `StreamResponse.close`). */
  onRelease?: () => void;
}

/** The bytes of a `text/event-stream` body: a web `ReadableStream` or any async iterable. */
export type SseBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Reads a `text/event-stream` body as server-sent events, by the WHATWG event-stream rules.
 *
 * CR, LF and CRLF end lines (also split across chunks); one leading BOM is stripped; bytes are
 * decoded as UTF-8 across chunks (invalid sequences become U+FFFD); comments and unknown fields
 * are ignored; blocks without `data` are not dispatched; an unterminated last block is discarded
 * at the end of the stream. How the bytes are split into chunks never changes the events.
 *
 * The result can be iterated once. The stream ends normally at the end of the body. A read error
 * throws a `TransportError` of kind `stream` (`stream failed: {error}`, the error as `cause`); the
 * idle timeout throws one of kind `idleTimeout` (`timeout`); aborting `signal` throws its reason.
 * Leaving the loop early (`break`, `return`, a throw in the loop body) cancels the body, which
 * releases the connection.
 *
 * @example
 * const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
 * for await (const event of sseStream(response.body!, { idleTimeoutMs: 60_000 })) {
 *   if (event.event === 'message') console.log(JSON.parse(event.data));
 * }
 */
export function sseStream(body: SseBody, options: SseStreamOptions = {}): EventStream<SseEvent> {
  return openSseStream('sseStream', body, options, new SseEventDecoder(options));
}

/**
 * The upstream `codex-client` SSE helper (`sse_stream`), faithfully: yields only the `data` of
 * each event (the event name is ignored) and never ends quietly.
 *
 * Framing and options are those of {@link sseStream}. Endings, as upstream:
 * - the body ends cleanly → `TransportError` kind `stream`,
 *   message `stream failed: stream closed before completion`;
 * - a read error → kind `stream`, `stream failed: {error}`, the error kept as `cause`;
 * - no event within `idleTimeoutMs` → kind `idleTimeout`, message `timeout`;
 * - `signal` aborted → its reason, unwrapped; leaving the loop early cancels the body.
 *
 * Use it when the caller decides completion from the data itself (a terminal event in the
 * payload), so that an early end of the body is an error.
 *
 * @example
 * for await (const data of sseDataStream(response.body!, { idleTimeoutMs: 300_000 })) {
 *   if (JSON.parse(data).type === 'done') break;
 * }
 */
export function sseDataStream(body: SseBody, options: SseStreamOptions = {}): EventStream<string> {
  return openSseStream('sseDataStream', body, options, new SseDataDecoder(options));
}

function openSseStream<T>(
  caller: string,
  body: SseBody,
  options: SseStreamOptions,
  decoder: EventDecoder<Uint8Array, T>,
): EventStream<T> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${caller}: options must be an object`);
  }
  try {
    return new EventStream({
      source: body,
      decoder,
      idleTimeoutMs: options.idleTimeoutMs,
      signal: options.signal,
      onRelease: options.onRelease,
    });
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace(/^EventStream/, caller);
    throw error;
  }
}

/** Decodes SSE bytes into {@link SseEvent}s. */
class SseEventDecoder implements EventDecoder<Uint8Array, SseEvent>, SseSink {
  readonly finished = false;
  readonly #parser: SseParser;
  #out: SseEvent[] = [];

  constructor(options: SseStreamOptions) {
    this.#parser = new SseParser({ maxEventSize: options.maxEventSize });
  }

  decode(chunk: Uint8Array, out: SseEvent[]): number {
    this.#out = out;
    return this.#parser.push(chunk, this);
  }

  onEvent(data: string, type: string, id: string, retry: number | undefined): void {
    const event = type === '' ? 'message' : type;
    this.#out.push(retry === undefined ? { event, data, id } : { event, data, id, retry });
  }

  end(): unknown {
    return undefined;
  }
}

/** Decodes SSE bytes into each event's `data`; a clean end is an error, as upstream. */
class SseDataDecoder implements EventDecoder<Uint8Array, string>, SseSink {
  readonly finished = false;
  readonly #parser: SseParser;
  #out: string[] = [];

  constructor(options: SseStreamOptions) {
    this.#parser = new SseParser({ maxEventSize: options.maxEventSize });
  }

  decode(chunk: Uint8Array, out: string[]): number {
    this.#out = out;
    return this.#parser.push(chunk, this);
  }

  onEvent(data: string): void {
    this.#out.push(data);
  }

  end(): unknown {
    return new TransportError({ kind: 'stream', detail: 'stream closed before completion' });
  }
}

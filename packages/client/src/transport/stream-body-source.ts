import type { StreamResponse } from '../http-transport.js';

/** What {@link streamBodySource} returns: the bytes to read, and what a failed read becomes. */
export interface StreamBodySource {
  /** The body's bytes. */
  readonly source: ReadableStream<Uint8Array>;
  /**
   * What a read failure of `source` must become before anyone sees it (the call's secrets
   * removed, the call's abort reason or deadline kept); `undefined` when failures need no
   * mapping. Pass it to `EventStream` as `mapReadError`.
   */
  readonly mapReadError?: ((error: unknown) => unknown) | undefined;
}

// Filled by `createKyTransport` for the responses whose `body` is guarded lazily.
const SOURCES = new WeakMap<StreamResponse, StreamBodySource>();

/** @internal Records the unguarded source of a response whose `body` getter guards lazily. */
export function setStreamBodySource(response: StreamResponse, source: StreamBodySource): void {
  SOURCES.set(response, source);
}

/** @internal Forgets it once `body` was read (and so guarded): the body is then the one source. */
export function deleteStreamBodySource(response: StreamResponse): void {
  SOURCES.delete(response);
}

/**
 * The body of a streamed response for a reader that maps read failures itself, as `EventStream`
 * does with `mapReadError`. A body from a custom `fetch` is otherwise wrapped in a second stream
 * on first access of `response.body`, only so that a failed read cannot show the call's secrets
 * (a custom `fetch` may fail with text that quotes a request header); that wrapper costs a
 * `ReadableStream` per request and a promise per chunk. From any other transport, or once
 * `response.body` was read, this is `{ source: response.body }`.
 *
 * @example
 * const response = await transport.stream(request);
 * const { source, mapReadError } = streamBodySource(response);
 * const events = new EventStream({ source, mapReadError, decoder, onRelease: () => response.close() });
 */
export function streamBodySource(response: StreamResponse): StreamBodySource {
  return SOURCES.get(response) ?? { source: response.body };
}

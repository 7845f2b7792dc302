import type { CodexError, ResponseEvent } from '@codex/protocol';
import { ApiError, toApiError } from './api-error.js';
import type { ResponseStream } from './response-stream.js';

/** @internal What a {@link ModelResponseStream} is built from. */
export interface ModelResponseStreamSource {
  /** The endpoint stream. */
  readonly stream: ResponseStream;
  /** The provider's mapping (guarded). */
  readonly mapApiError: (error: ApiError) => CodexError;
  /** The caller's signal: its reason is thrown as it is. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A streamed Responses answer from `ModelClient.stream`: the same events, end and cancellation
 * as a `ResponseStream` (consumed once; ends after `completed` or with exactly one thrown error;
 * leaving the loop early or `cancel()` frees the connection), except that the terminal error is
 * the provider's `mapApiError(apiError)` — a `CodexError` with the `ApiError` as `cause`. An
 * aborted signal is thrown as its reason, unmapped.
 *
 * @example
 * const stream = await client.stream({ model: 'gpt-5.1-codex', input });
 * for await (const event of stream) {
 *   if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
 * }
 */
export class ModelResponseStream implements AsyncIterableIterator<ResponseEvent, undefined> {
  /** The `x-request-id` response header, when the server sent one. */
  readonly upstreamRequestId: string | undefined;
  readonly #stream: ResponseStream;
  readonly #mapApiError: (error: ApiError) => CodexError;
  readonly #signal: AbortSignal | undefined;

  /** @internal Built by `ModelClient.stream`. */
  constructor(source: ModelResponseStreamSource) {
    this.#stream = source.stream;
    this.#mapApiError = source.mapApiError;
    this.#signal = source.signal;
    this.upstreamRequestId = source.stream.upstreamRequestId;
  }

  /** Returns this stream itself: events are consumed once. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next event; rejects once with the mapped terminal error, then reports done. */
  async next(): Promise<IteratorResult<ResponseEvent, undefined>> {
    try {
      return await this.#stream.next();
    } catch (error) {
      const apiError = toApiError(error, this.#signal);
      if (!ApiError.isInstance(apiError)) throw apiError; // a user abort
      throw this.#mapApiError(apiError);
    }
  }

  /** Stops the stream and cancels the HTTP body; called by `for await` on an early exit. */
  return(): Promise<IteratorResult<ResponseEvent, undefined>> {
    return this.#stream.return();
  }

  /** Stops reading and cancels the HTTP body. Safe to call more than once. */
  cancel(): Promise<void> {
    return this.#stream.cancel();
  }
}

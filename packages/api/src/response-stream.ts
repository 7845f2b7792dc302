import { type SseEvent, StreamError } from '@codex/client';
import type { ResponseEvent } from '@codex/protocol';
import { ApiError } from './api-error.js';
import { ResponsesSseProcessor } from './responses-sse-processor.js';

/** @internal What a {@link ResponseStream} is built from. */
export interface ResponseStreamSource {
  /** SSE events of the body (`sseStream(…)`); its `return()` cancels the body. */
  readonly events: AsyncIterator<SseEvent, unknown>;
  /** Events to yield before any SSE-derived one (the header phase). */
  readonly initialEvents?: readonly ResponseEvent[] | undefined;
  /** The `x-request-id` of the response. */
  readonly upstreamRequestId?: string | undefined;
  /** The caller's signal: when it aborts, its reason is thrown as it is. */
  readonly signal?: AbortSignal | undefined;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
const STREAM_CLOSED = 'stream closed before response.completed';
const IDLE_TIMEOUT = 'idle timeout waiting for SSE';

/**
 * A streamed Responses API answer: an `AsyncIterable<ResponseEvent>` that can be consumed once.
 *
 * It yields the header-derived events first (`serverModel`, `rateLimits`…), then the events of
 * the body, and ends either right after `completed` (the HTTP body is released at once) or by
 * throwing exactly one `ApiError`: the deferred `response.failed` / `response.incomplete`
 * failure, `stream error: stream closed before response.completed`, `stream error: idle timeout
 * waiting for SSE`, or the read error of a dropped connection. An aborted signal is thrown as
 * its reason, unwrapped. Leaving the loop early (`break`, `return`, a throw) or calling
 * {@link ResponseStream.cancel} cancels the HTTP body and frees the connection.
 *
 * Pull-based: nothing is read from the network until the consumer asks, so a slow consumer
 * applies back-pressure and an abandoned stream reads nothing more. Call `cancel()` if you
 * drop a stream without iterating it.
 *
 * @example
 * const stream = await client.streamRequest(request);
 * for await (const event of stream) {
 *   if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
 * }
 */
export class ResponseStream implements AsyncIterableIterator<ResponseEvent, undefined> {
  /** The `x-request-id` response header, when the server sent one. */
  readonly upstreamRequestId: string | undefined;
  readonly #events: AsyncIterator<SseEvent, unknown>;
  readonly #signal: AbortSignal | undefined;
  readonly #processor = new ResponsesSseProcessor();
  #queue: ResponseEvent[];
  #head = 0;
  // 'open': reading; 'completed': `completed` queued, body released; 'done': nothing more.
  #state: 'open' | 'completed' | 'done' = 'open';
  #failure: { error: unknown } | undefined;
  #reading: Promise<IteratorResult<ResponseEvent, undefined>> | undefined;
  #released = false;

  /** @internal Built by `ResponsesClient` and `streamFromFixture`. */
  constructor(source: ResponseStreamSource) {
    this.#events = source.events;
    this.#queue = source.initialEvents === undefined ? [] : [...source.initialEvents];
    this.upstreamRequestId = source.upstreamRequestId;
    this.#signal = source.signal;
  }

  /** Returns this stream itself: events are consumed once, a second loop sees what is left. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next event. Rejects once with the terminal error, then reports done. */
  next(): Promise<IteratorResult<ResponseEvent, undefined>> {
    const signal = this.#signal;
    if (signal?.aborted && this.#state !== 'done') return Promise.reject(this.#abort(signal));
    const queue = this.#queue;
    if (this.#head < queue.length) {
      return Promise.resolve({ value: queue[this.#head++]!, done: false });
    }
    if (this.#reading !== undefined) {
      // Calls made without awaiting the previous one are answered in order.
      const after = this.#reading.then(this.#nextAfter, this.#nextAfter);
      this.#reading = after;
      return after;
    }
    if (this.#state !== 'open') return this.#end();
    if (this.#head !== 0) {
      queue.length = 0;
      this.#head = 0;
    }
    // Plain promise chaining rather than an async function: this runs once per event.
    const reading = this.#events.next().then(this.#onResult, this.#onError);
    this.#reading = reading;
    return reading;
  }

  /** Stops the stream (as `cancel()`); called by `for await` when the loop is left early. */
  async return(): Promise<IteratorResult<ResponseEvent, undefined>> {
    await this.cancel();
    return DONE;
  }

  /**
   * Stops reading and cancels the HTTP body, releasing the connection. Later calls of `next()`
   * report done. Safe to call more than once.
   */
  async cancel(): Promise<void> {
    this.#state = 'done';
    this.#failure = undefined;
    this.#queue = [];
    this.#head = 0;
    await this.#release();
  }

  readonly #nextAfter = (): Promise<IteratorResult<ResponseEvent, undefined>> => this.next();

  readonly #onResult = (
    result: IteratorResult<SseEvent, unknown>,
  ):
    | IteratorResult<ResponseEvent, undefined>
    | Promise<IteratorResult<ResponseEvent, undefined>> => {
    if (this.#state === 'done') return this.#settle(DONE); // cancelled while reading
    if (result.done === true) {
      this.#released = true; // the body ended by itself
      this.#fail(this.#processor.pendingError ?? ApiError.stream(STREAM_CLOSED));
      return this.#settle(this.#end());
    }
    const queue = this.#queue;
    const event = this.#processor.handle(result.value.data, queue);
    if (event !== undefined && event.type === 'completed') {
      // Stop at once, whether or not the server closes the body.
      this.#state = 'completed';
      void this.#release();
    }
    if (this.#head < queue.length) {
      // Events that precede this one (a server model, verifications) go out first.
      if (event !== undefined) queue.push(event);
      this.#reading = undefined;
      return { value: queue[this.#head++]!, done: false };
    }
    if (event !== undefined) {
      this.#reading = undefined;
      return { value: event, done: false };
    }
    // Nothing to hand out (a skipped or ignored event): read on.
    return this.#events.next().then(this.#onResult, this.#onError);
  };

  readonly #onError = (error: unknown): Promise<IteratorResult<ResponseEvent, undefined>> => {
    if (this.#state === 'done') return this.#settle(Promise.resolve(DONE));
    this.#fail(this.#readFailure(error));
    return this.#settle(this.#end());
  };

  #settle<T>(value: T): T {
    this.#reading = undefined;
    return value;
  }

  #readFailure(error: unknown): unknown {
    const signal = this.#signal;
    if (signal?.aborted) return signal.reason;
    if (StreamError.isInstance(error)) {
      return error.kind === 'timeout'
        ? ApiError.stream(IDLE_TIMEOUT, error)
        : ApiError.stream(error.detail ?? error.message, error);
    }
    if (ApiError.isInstance(error)) return error;
    return ApiError.stream(error instanceof Error ? error.message : String(error), error);
  }

  #fail(error: unknown): void {
    this.#state = 'done';
    this.#failure = { error };
    void this.#release();
  }

  #abort(signal: AbortSignal): unknown {
    this.#state = 'done';
    this.#failure = undefined;
    this.#queue = [];
    this.#head = 0;
    void this.#release();
    return signal.reason;
  }

  #end(): Promise<IteratorResult<ResponseEvent, undefined>> {
    this.#state = 'done';
    const failure = this.#failure;
    if (failure === undefined) return Promise.resolve(DONE);
    this.#failure = undefined;
    return Promise.reject(failure.error);
  }

  #release(): Promise<void> {
    if (this.#released) return Promise.resolve();
    this.#released = true;
    const events = this.#events;
    if (events.return === undefined) return Promise.resolve();
    return events.return().then(
      () => undefined,
      () => undefined,
    );
  }
}

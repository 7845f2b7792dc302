import type { SseEvent } from './sse-event.js';
import { SseParser } from './sse-parser.js';
import { StreamError } from './stream-error.js';

/** Options of {@link sseStream} and {@link sseDataStream}. */
export interface SseStreamOptions {
  /**
   * Longest wait, in milliseconds, for the next complete event. The timer restarts each time an
   * event is dispatched; comments, keep-alive bytes and incomplete events do not restart it, and
   * time the consumer spends between reads is not counted. On expiry the iteration throws a
   * `StreamError` of kind `timeout` and the body is cancelled. `Infinity` disables it.
   *
   * @default 300000
   */
  idleTimeoutMs?: number;
  /** Aborting it cancels the body; the iteration then throws the signal's reason, unwrapped. */
  signal?: AbortSignal;
}

/** The bytes of a `text/event-stream` body: a web `ReadableStream` or any async iterable. */
export type SseBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

const DEFAULT_IDLE_TIMEOUT_MS = 300_000;
// setTimeout fires at once for larger delays.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Reads a `text/event-stream` body as server-sent events, by the WHATWG event-stream rules.
 *
 * CR, LF and CRLF end lines (also split across chunks); one leading BOM is stripped; bytes are
 * decoded as UTF-8 in stream mode (invalid sequences become U+FFFD); comments and unknown fields
 * are ignored; blocks without `data` are not dispatched; an unterminated last block is discarded
 * at the end of the stream. How the bytes are split into chunks never changes the events.
 *
 * The result can be iterated once. The stream ends normally at the end of the body. A read error
 * throws a `StreamError` of kind `stream` (`stream failed: {error}`, with the error as `cause`);
 * the idle timeout throws a `StreamError` of kind `timeout`; aborting `signal` throws its reason.
 * Leaving the loop early (`break`, `return`, a throw in the loop body) cancels the body, which
 * releases the connection.
 *
 * @example
 * const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
 * for await (const event of sseStream(response.body!, { idleTimeoutMs: 60_000 })) {
 *   if (event.event === 'message') console.log(JSON.parse(event.data));
 * }
 */
export function sseStream(
  body: SseBody,
  options: SseStreamOptions = {},
): AsyncIterableIterator<SseEvent> {
  return new SseEventIterator(body, resolveOptions('sseStream', body, options), undefined);
}

/** @internal */
export interface ResolvedSseStreamOptions {
  idleTimeoutMs: number;
  signal: AbortSignal | undefined;
}

/** @internal Validates what the caller passed; throws `TypeError`/`RangeError` naming the option. */
export function resolveOptions(
  caller: string,
  body: unknown,
  options: SseStreamOptions,
): ResolvedSseStreamOptions {
  if (!isReadableStream(body) && !isAsyncIterable(body)) {
    throw new TypeError(
      `${caller}: body must be a ReadableStream<Uint8Array> or an AsyncIterable<Uint8Array>`,
    );
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${caller}: options must be an object`);
  }
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (
    typeof idleTimeoutMs !== 'number' ||
    Number.isNaN(idleTimeoutMs) ||
    idleTimeoutMs <= 0 ||
    (Number.isFinite(idleTimeoutMs) && idleTimeoutMs > MAX_TIMER_MS)
  ) {
    throw new RangeError(
      `${caller}: idleTimeoutMs must be a number of milliseconds in (0, ${MAX_TIMER_MS}] or Infinity, got ${String(idleTimeoutMs)}`,
    );
  }
  const signal = options.signal;
  if (
    signal !== undefined &&
    (typeof signal !== 'object' ||
      signal === null ||
      typeof signal.addEventListener !== 'function' ||
      typeof signal.aborted !== 'boolean')
  ) {
    throw new TypeError(`${caller}: signal must be an AbortSignal`);
  }
  return { idleTimeoutMs, signal };
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReadableStream).getReader === 'function'
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function'
  );
}

interface ChunkSource {
  read(): Promise<IteratorResult<Uint8Array, unknown>>;
  cancel(reason: unknown): Promise<unknown>;
}

function openSource(body: SseBody): ChunkSource {
  if (isReadableStream(body)) {
    const reader = body.getReader();
    return {
      read: () => reader.read() as Promise<IteratorResult<Uint8Array, unknown>>,
      cancel: (reason) => reader.cancel(reason),
    };
  }
  const iterator = body[Symbol.asyncIterator]();
  return {
    read: () => iterator.next(),
    cancel: async () => iterator.return?.(),
  };
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * @internal The iterator behind `sseStream`. Hand-written rather than an async generator: events
 * already parsed from a chunk are handed out with one resolved promise each, which keeps the
 * per-event cost of this hot path low.
 */
export class SseEventIterator implements AsyncIterableIterator<SseEvent> {
  readonly #body: SseBody;
  readonly #idleTimeoutMs: number;
  readonly #signal: AbortSignal | undefined;
  // What to throw when the body ends cleanly; undefined means "end the iteration".
  readonly #endOfStreamError: (() => unknown) | undefined;
  readonly #parser = new SseParser();
  #queue: SseEvent[] = [];
  #head = 0;
  #source: ChunkSource | undefined;
  #started = false;
  #released = false;
  #done = false;
  // An error waiting to be thrown by the next call to next(), before any queued event.
  #failure: { error: unknown } | undefined;
  #pending: Promise<IteratorResult<SseEvent, undefined>> | undefined;
  #rejectRead: ((error: unknown) => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    body: SseBody,
    options: ResolvedSseStreamOptions,
    endOfStreamError: (() => unknown) | undefined,
  ) {
    this.#body = body;
    this.#idleTimeoutMs = options.idleTimeoutMs;
    this.#signal = options.signal;
    this.#endOfStreamError = endOfStreamError;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<SseEvent, undefined>> {
    if (this.#failure !== undefined) return Promise.reject(this.#takeFailure());
    if (this.#head < this.#queue.length) {
      const value = this.#queue[this.#head++]!;
      return Promise.resolve({ value, done: false });
    }
    if (this.#done) return Promise.resolve(DONE);
    if (this.#pending !== undefined) {
      // Calls made without awaiting the previous one run in order.
      const after = (): Promise<IteratorResult<SseEvent, undefined>> => this.next();
      return this.#pending.then(after, after);
    }
    const pending = this.#pull();
    this.#pending = pending;
    const clear = (): void => {
      if (this.#pending === pending) this.#pending = undefined;
    };
    pending.then(clear, clear);
    return pending;
  }

  async return(): Promise<IteratorResult<SseEvent, undefined>> {
    if (!this.#started) this.#start();
    this.#done = true;
    this.#failure = undefined;
    this.#queue = [];
    this.#head = 0;
    await this.#release(true, undefined);
    return DONE;
  }

  #start(): void {
    this.#started = true;
    this.#source = openSource(this.#body);
    const signal = this.#signal;
    if (signal === undefined) return;
    if (signal.aborted) this.#fail(signal.reason);
    else signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  async #pull(): Promise<IteratorResult<SseEvent, undefined>> {
    if (!this.#started) this.#start();
    if (this.#failure !== undefined) throw this.#takeFailure();
    const source = this.#source!;
    this.#queue.length = 0;
    this.#head = 0;
    while (true) {
      this.#armTimer();
      let result: IteratorResult<Uint8Array, unknown>;
      try {
        result = await this.#read(source);
      } catch (error) {
        if (this.#failure === undefined) this.#fail(this.#readFailure(error));
        throw this.#takeFailure();
      }
      if (this.#failure !== undefined) throw this.#takeFailure();
      if (this.#done) return DONE; // return() was called while reading
      if (result.done) {
        if (this.#endOfStreamError !== undefined) {
          await this.#release(false, undefined);
          this.#fail(this.#endOfStreamError());
          throw this.#takeFailure();
        }
        this.#done = true;
        await this.#release(false, undefined);
        return DONE;
      }
      this.#parser.push(result.value, this.#queue);
      if (this.#queue.length > 0) {
        this.#disarmTimer();
        return { value: this.#queue[this.#head++]!, done: false };
      }
    }
  }

  // Like Promise.race(read, interruption), without leaving a reaction behind on every read.
  #read(source: ChunkSource): Promise<IteratorResult<Uint8Array, unknown>> {
    return new Promise((resolve, reject) => {
      this.#rejectRead = reject;
      source.read().then(
        (result) => {
          this.#rejectRead = undefined;
          resolve(result);
        },
        (error: unknown) => {
          this.#rejectRead = undefined;
          reject(error);
        },
      );
    });
  }

  #readFailure(error: unknown): unknown {
    // The body may fail because the same signal aborted the request: surface the abort.
    const signal = this.#signal;
    if (signal?.aborted) return signal.reason;
    return new StreamError({
      kind: 'stream',
      detail: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }

  #fail(error: unknown): void {
    if (this.#done || this.#failure !== undefined) return;
    this.#failure = { error };
    void this.#release(true, error);
    const rejectRead = this.#rejectRead;
    this.#rejectRead = undefined;
    rejectRead?.(error);
  }

  #takeFailure(): unknown {
    const error = this.#failure?.error;
    this.#failure = undefined;
    this.#done = true;
    this.#queue = [];
    this.#head = 0;
    return error;
  }

  readonly #onAbort = (): void => {
    this.#fail(this.#signal?.reason);
  };

  readonly #onTimeout = (): void => {
    this.#timer = undefined;
    this.#fail(new StreamError({ kind: 'timeout' }));
  };

  #armTimer(): void {
    if (this.#timer === undefined && this.#idleTimeoutMs !== Number.POSITIVE_INFINITY) {
      this.#timer = setTimeout(this.#onTimeout, this.#idleTimeoutMs);
    }
  }

  #disarmTimer(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Stops the timer, removes the abort listener and, when asked, cancels the body. */
  #release(cancel: boolean, reason: unknown): Promise<void> {
    if (this.#released) return Promise.resolve();
    this.#released = true;
    this.#disarmTimer();
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const source = this.#source;
    if (!cancel || source === undefined) return Promise.resolve();
    const cancelled = source.cancel(reason).then(
      () => undefined,
      () => undefined,
    );
    // A source stalled in read() may not settle a cancel until that read does: never wait then.
    return this.#rejectRead === undefined ? cancelled : Promise.resolve();
  }
}

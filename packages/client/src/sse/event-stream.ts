import { TransportError } from '../transport-error.js';

/**
 * Turns the chunks of a source (bytes of an SSE body, frames of a WebSocket) into items. The one
 * place a stream's protocol lives; everything else — reading, the idle timer, abort, the queue,
 * cancellation, the single terminal error — is {@link EventStream}'s.
 */
export interface EventDecoder<C, T> {
  /**
   * Decodes one chunk and appends the items it yields to `out`. Returns how many protocol events
   * it completed (each restarts the idle timer, whether or not it yielded an item). Throwing fails
   * the stream with that error.
   */
  decode(chunk: C, out: T[]): number;
  /**
   * True once the decoder has yielded its last item (e.g. `response.completed`): the stream hands
   * out what is queued and stops reading at once, whether or not the source ends.
   */
  readonly finished: boolean;
  /** The source ended: the error to fail with, or `undefined` to end normally. */
  end(): unknown;
  /**
   * True when `decode` (or `resume`) stopped before the end of its chunk — typically right after
   * the chunk's first item, so that it is handed out without waiting for the rest of a large
   * chunk to be decoded. The stream then calls `resume` instead of reading the source.
   */
  readonly pending?: boolean | undefined;
  /** Decodes more of the chunk held back (see `pending`); returns as `decode` does. */
  resume?(out: T[]): number;
}

/**
 * What a stream reports for each wait for a protocol event (upstream `SseTelemetry.on_sse_poll`,
 * `WebsocketTelemetry.on_ws_event`): an event arrived, the source ended, the stream failed (the
 * idle timeout included), measured from the moment the consumer started waiting.
 */
export interface StreamEventTelemetry {
  /** `event`: a protocol event was decoded; `end`: the source ended; `error`: the stream failed. */
  readonly outcome: 'event' | 'end' | 'error';
  /** For `error`: the failure (before `mapError`; the idle timeout is a `TransportError` of kind `idleTimeout`). */
  readonly error?: unknown;
  /**
   * Milliseconds the consumer waited for this outcome. Several events decoded from one chunk:
   * the first carries the wait, the others `0`.
   */
  readonly durationMs: number;
}

/** Where an {@link EventStream} reads chunks from. */
export type EventSource<C> = ReadableStream<C> | AsyncIterable<C>;

/** Named arguments of {@link EventStream}. */
export interface EventStreamOptions<C, T> {
  /** The chunks. Cancelled when the stream stops early. */
  readonly source: EventSource<C>;
  /** Turns chunks into items. */
  readonly decoder: EventDecoder<C, T>;
  /**
   * Longest wait, in milliseconds, for the next protocol event while the consumer waits.
   * `Infinity` disables it. Expiry fails the stream with a `TransportError` of kind `idleTimeout`
   * (passed through `mapError`).
   * @default 300000
   */
  readonly idleTimeoutMs?: number | undefined;
  /** Aborting it stops the stream, which then throws the signal's reason as it is. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Maps the terminal failure — the idle timeout, a read error (a `TransportError` of kind
   * `stream` unless the source failed with a `TransportError`), what `decode` threw or `end`
   * returned — to what the consumer sees. Never called for the caller's abort.
   * @default the failure as it is
   */
  readonly mapError?: ((error: unknown) => unknown) | undefined;
  /**
   * What a read failure of the source becomes first, before it is wrapped and passed to
   * `mapError`: e.g. the call's secrets removed from a custom `fetch`'s failure text. Take it,
   * with the source, from `streamBodySource(response)`. Not called when `signal` aborted.
   * @default the failure as it is
   */
  readonly mapReadError?: ((error: unknown) => unknown) | undefined;
  /** Items handed out before any decoded one. */
  readonly initialItems?: readonly T[] | undefined;
  /** Called once when the source is no longer needed (ended, failed, cancelled or finished). */
  readonly onRelease?: (() => void) | undefined;
  /** Called for every protocol event, the end and the failure, with how long it was waited for. */
  readonly onEventTelemetry?: ((telemetry: StreamEventTelemetry) => void) | undefined;
}

interface ChunkReader<C> {
  read(): Promise<IteratorResult<C, unknown>>;
  cancel(reason: unknown): Promise<unknown>;
}

const DEFAULT_IDLE_TIMEOUT_MS = 300_000;
// setTimeout fires at once for larger delays.
const MAX_TIMER_MS = 2_147_483_647;
const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * A pull-based stream of items decoded from a source of chunks: an `AsyncIterable` that can be
 * consumed once. It owns everything a stream needs besides its protocol — the reader, the idle
 * timer, the abort wiring, the queue, cancellation — so that a protocol (SSE events, Responses
 * events over SSE or WebSocket) is only an {@link EventDecoder} and a `mapError` applied to it.
 *
 * It ends normally when the source ends without an error from the decoder, or right after the
 * decoder finished; otherwise it throws exactly one error. Leaving a `for await` loop early
 * (`break`, `return`, a throw) or calling {@link EventStream.cancel} cancels the source. Nothing is
 * read until the consumer asks, so a slow consumer applies back-pressure. No timer or listener
 * outlives the stream.
 *
 * @example
 * const stream = new EventStream({ source: response.body!, decoder, idleTimeoutMs: 60_000 });
 * for await (const item of stream) console.log(item);
 */
export class EventStream<T, C = Uint8Array> implements AsyncIterableIterator<T, undefined> {
  readonly #source: EventSource<C>;
  readonly #decoder: EventDecoder<C, T>;
  readonly #idleTimeoutMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #mapError: ((error: unknown) => unknown) | undefined;
  readonly #mapReadError: ((error: unknown) => unknown) | undefined;
  readonly #onRelease: (() => void) | undefined;
  readonly #onEventTelemetry: ((telemetry: StreamEventTelemetry) => void) | undefined;
  // When the consumer started waiting for the next event (telemetry only).
  #waitStarted = 0;
  #queue: T[];
  #head = 0;
  #reader: ChunkReader<C> | undefined;
  #started = false;
  #released = false;
  #done = false;
  // An error waiting to be thrown by the next call to next(), before any queued item.
  #failure: { error: unknown } | undefined;
  // The pull under way (`#pulling`): calls of next() made meanwhile wait for it, in order.
  #pending: Promise<IteratorResult<T, undefined>> | undefined;
  #pulling = false;
  #rejectRead: ((error: unknown) => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  // The timer is kept between waits, unreferenced (see #pauseTimer).
  #timerIdle = false;
  // When the consumer's current wait for an event began; undefined while it is not waiting.
  #waitSince: number | undefined;

  constructor(options: EventStreamOptions<C, T>) {
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    if (
      typeof idleTimeoutMs !== 'number' ||
      Number.isNaN(idleTimeoutMs) ||
      idleTimeoutMs <= 0 ||
      (Number.isFinite(idleTimeoutMs) && idleTimeoutMs > MAX_TIMER_MS)
    ) {
      throw new RangeError(
        `EventStream: idleTimeoutMs must be a number of milliseconds in (0, ${MAX_TIMER_MS}] or Infinity, got ${String(idleTimeoutMs)}`,
      );
    }
    if (!isReadableStream(options.source) && !isAsyncIterable(options.source)) {
      throw new TypeError('EventStream: `source` must be a ReadableStream or an AsyncIterable');
    }
    const signal = options.signal;
    if (
      signal !== undefined &&
      (typeof signal !== 'object' ||
        signal === null ||
        typeof signal.addEventListener !== 'function' ||
        typeof signal.aborted !== 'boolean')
    ) {
      throw new TypeError('EventStream: `signal` must be an AbortSignal');
    }
    for (const name of ['mapError', 'mapReadError', 'onRelease', 'onEventTelemetry'] as const) {
      const value = options[name];
      if (value !== undefined && typeof value !== 'function') {
        throw new TypeError(`EventStream: \`${name}\` must be a function`);
      }
    }
    this.#source = options.source;
    this.#decoder = options.decoder;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#signal = signal;
    this.#mapError = options.mapError;
    this.#mapReadError = options.mapReadError;
    this.#onRelease = options.onRelease;
    this.#onEventTelemetry = options.onEventTelemetry;
    this.#queue = options.initialItems === undefined ? [] : [...options.initialItems];
  }

  /** Returns this stream itself: items are consumed once; a second loop sees what is left. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next item. Rejects once with the terminal error, then reports done. */
  next(): Promise<IteratorResult<T, undefined>> {
    // The common case first, small enough for the caller's loop to inline: an item is queued.
    const head = this.#head;
    const queue = this.#queue;
    if (head < queue.length && this.#failure === undefined) {
      this.#head = head + 1;
      return Promise.resolve({ value: queue[head]!, done: false });
    }
    return this.#nextSlow();
  }

  #nextSlow(): Promise<IteratorResult<T, undefined>> {
    if (this.#failure !== undefined) return Promise.reject(this.#takeFailure());
    if (this.#head < this.#queue.length) {
      return Promise.resolve({ value: this.#queue[this.#head++]!, done: false });
    }
    if (this.#done) return Promise.resolve(DONE);
    if (this.#pulling) {
      // Calls made without awaiting the previous one are answered in order.
      const after = (): Promise<IteratorResult<T, undefined>> => this.next();
      return this.#pending!.then(after, after);
    }
    this.#pulling = true;
    // A pull that needs no wait has already ended here (`#pulling` is false again).
    const pending = this.#pull();
    this.#pending = pending;
    return pending;
  }

  /** Stops the stream (as {@link EventStream.cancel}); called by `for await` when a loop is left early. */
  async return(): Promise<IteratorResult<T, undefined>> {
    await this.cancel();
    return DONE;
  }

  /**
   * Stops reading and cancels the source, releasing the connection. Later calls of `next()`
   * report done. Safe to call more than once.
   */
  async cancel(): Promise<void> {
    if (!this.#started) this.#start();
    this.#done = true;
    this.#failure = undefined;
    this.#queue = [];
    this.#head = 0;
    await this.#release(true, undefined);
  }

  #start(): void {
    this.#started = true;
    this.#reader = openReader(this.#source);
    const signal = this.#signal;
    if (signal === undefined) return;
    if (signal.aborted) this.#fail(signal.reason, false);
    else signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  async #pull(): Promise<IteratorResult<T, undefined>> {
    try {
      if (!this.#started) this.#start();
      if (this.#failure !== undefined) throw this.#takeFailure();
      const reader = this.#reader!;
      const decoder = this.#decoder;
      const queue = this.#queue;
      queue.length = 0;
      this.#head = 0;
      if (decoder.finished) return this.#finish();
      if (this.#onEventTelemetry !== undefined) this.#waitStarted = performance.now();
      while (true) {
        let events: number;
        if (decoder.pending === true) {
          // The rest of a chunk already read: no wait, no timer.
          try {
            events = decoder.resume!(queue);
          } catch (error) {
            this.#fail(error, true);
            throw this.#takeFailure();
          }
          const next = this.#afterDecode(events);
          if (next !== undefined) return next;
          continue;
        }
        this.#armTimer();
        let result: IteratorResult<C, unknown>;
        try {
          result = await this.#read(reader);
        } catch (error) {
          if (this.#failure === undefined) this.#fail(this.#readFailure(error), true);
          throw this.#takeFailure();
        }
        if (this.#failure !== undefined) throw this.#takeFailure();
        if (this.#done) return DONE; // cancelled while reading
        if (result.done === true) {
          this.#disarmTimer();
          await this.#release(false, undefined);
          let ending: unknown;
          try {
            ending = decoder.end();
          } catch (error) {
            ending = error;
          }
          if (ending !== undefined) {
            this.#fail(ending, true);
            throw this.#takeFailure();
          }
          this.#report('end', undefined);
          this.#done = true;
          return DONE;
        }
        try {
          events = decoder.decode(result.value, queue);
        } catch (error) {
          this.#fail(error, true);
          throw this.#takeFailure();
        }
        const next = this.#afterDecode(events);
        if (next !== undefined) return next;
      }
    } finally {
      this.#pulling = false;
    }
  }

  // After a decode: telemetry, then the first item, the end (the decoder finished), or nothing
  // yet (`undefined`: read on).
  #afterDecode(events: number): IteratorResult<T, undefined> | undefined {
    if (events > 0) {
      this.#pauseTimer();
      if (this.#onEventTelemetry !== undefined) {
        this.#report('event', undefined);
        for (let index = 1; index < events; index++) this.#report('event', undefined, 0);
        this.#waitStarted = performance.now();
      }
    }
    if (this.#decoder.finished) {
      this.#disarmTimer();
      void this.#release(true, undefined);
      return this.#finish();
    }
    const queue = this.#queue;
    if (queue.length > 0) {
      this.#pauseTimer();
      return { value: queue[this.#head++]!, done: false };
    }
    return undefined;
  }

  // The decoder finished: hand out what is queued, then done.
  #finish(): IteratorResult<T, undefined> {
    const queue = this.#queue;
    if (this.#head < queue.length) return { value: queue[this.#head++]!, done: false };
    this.#done = true;
    return DONE;
  }

  // Like Promise.race(read, interruption), without leaving a reaction behind on every read.
  #read(reader: ChunkReader<C>): Promise<IteratorResult<C, unknown>> {
    return new Promise((resolve, reject) => {
      this.#rejectRead = reject;
      reader.read().then(
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
    // The source may fail because the same signal aborted the request: surface the abort.
    const signal = this.#signal;
    if (signal?.aborted) return signal.reason;
    if (this.#mapReadError !== undefined) error = this.#mapReadError(error);
    if (TransportError.isInstance(error)) return error;
    return new TransportError({
      kind: 'stream',
      detail: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }

  /** Records the terminal failure (mapped unless it is the caller's abort) and releases. */
  #report(outcome: StreamEventTelemetry['outcome'], error: unknown, durationMs?: number): void {
    const onEventTelemetry = this.#onEventTelemetry;
    if (onEventTelemetry === undefined) return;
    const telemetry: StreamEventTelemetry = {
      outcome,
      durationMs: durationMs ?? performance.now() - this.#waitStarted,
      ...(outcome === 'error' ? { error } : {}),
    };
    try {
      onEventTelemetry(telemetry);
    } catch {
      // Telemetry must never change how a stream ends.
    }
  }

  #fail(error: unknown, map: boolean): void {
    if (this.#done || this.#failure !== undefined) return;
    const aborted = this.#signal?.aborted === true && error === this.#signal.reason;
    if (this.#started && !aborted) this.#report('error', error);
    let failure = error;
    if (map && !aborted && this.#mapError !== undefined) {
      try {
        failure = this.#mapError(error);
      } catch (mappingError) {
        failure = mappingError;
      }
    }
    this.#failure = { error: failure };
    void this.#release(true, error);
    const rejectRead = this.#rejectRead;
    this.#rejectRead = undefined;
    rejectRead?.(failure);
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
    this.#fail(this.#signal?.reason, false);
  };

  readonly #onTimeout = (): void => {
    this.#timer = undefined;
    this.#timerIdle = false;
    const since = this.#waitSince;
    // Fired between waits: the next wait arms a timer of its own.
    if (since === undefined) return;
    const left = this.#idleTimeoutMs - (performance.now() - since);
    if (left >= 1) {
      // A timer kept from an earlier wait: this wait has time left.
      this.#timer = setTimeout(this.#onTimeout, left);
      return;
    }
    this.#fail(new TransportError({ kind: 'idleTimeout' }), true);
  };

  // A wait for the next event begins (or goes on after a chunk without a complete event).
  #armTimer(): void {
    if (this.#idleTimeoutMs === Number.POSITIVE_INFINITY) return;
    this.#waitSince ??= performance.now();
    const timer = this.#timer;
    if (timer === undefined) {
      this.#timer = setTimeout(this.#onTimeout, this.#idleTimeoutMs);
    } else if (this.#timerIdle) {
      (timer as { ref(): unknown }).ref();
      this.#timerIdle = false;
    }
  }

  // An event arrived: the wait is over. Where timers can be unreferenced (Node, Bun) the timer is
  // kept, unreferenced, and the next wait reuses it — no setTimeout/clearTimeout pair per chunk;
  // if it fires between waits it does nothing, and one that fires during a later wait re-arms
  // for what is left of that wait. Elsewhere it is cleared.
  #pauseTimer(): void {
    this.#waitSince = undefined;
    const timer = this.#timer;
    if (timer === undefined || this.#timerIdle) return;
    if (typeof (timer as { unref?: unknown }).unref === 'function') {
      (timer as { unref(): unknown }).unref();
      this.#timerIdle = true;
    } else {
      clearTimeout(timer);
      this.#timer = undefined;
    }
  }

  #disarmTimer(): void {
    this.#waitSince = undefined;
    this.#timerIdle = false;
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Stops the timer, removes the abort listener and, when asked, cancels the source. */
  #release(cancel: boolean, reason: unknown): Promise<void> {
    if (this.#released) return Promise.resolve();
    this.#released = true;
    this.#disarmTimer();
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const reader = this.#reader;
    let cancelled: Promise<void> = Promise.resolve();
    if (cancel && reader !== undefined) {
      cancelled = reader.cancel(reason).then(
        () => undefined,
        () => undefined,
      );
    }
    try {
      this.#onRelease?.();
    } catch {
      // A release callback must not change how the stream ends.
    }
    // A source stalled in read() may not settle a cancel until that read does: never wait then.
    return this.#rejectRead === undefined ? cancelled : Promise.resolve();
  }
}

function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReadableStream).getReader === 'function'
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  );
}

function openReader<C>(source: EventSource<C>): ChunkReader<C> {
  if (isReadableStream(source)) {
    const reader = source.getReader();
    return {
      read: () => reader.read() as Promise<IteratorResult<C, unknown>>,
      cancel: (reason) => reader.cancel(reason),
    };
  }
  const iterator = source[Symbol.asyncIterator]();
  return {
    read: () => iterator.next(),
    cancel: async () => iterator.return?.(),
  };
}

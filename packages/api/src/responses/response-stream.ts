import {
  type EventDecoder,
  type EventSource,
  EventStream,
  type StreamEventTelemetry,
  TransportError,
} from '@codex/client';
import type { ResponseEvent } from '@codex/protocol';
import { ApiError } from '../errors/api-error.js';
import { TurnAccumulator, type TurnResult } from './turn-result.js';

/** What a {@link ResponseStream} is built from. */
export interface ResponseStreamOptions<C> {
  /** The chunks of the answer (an SSE body, WebSocket frames). */
  readonly source: EventSource<C>;
  /** Turns chunks into events. */
  readonly decoder: EventDecoder<C, ResponseEvent>;
  /** Longest wait for the next event, in milliseconds. */
  readonly idleTimeoutMs: number;
  /** The message of an idle timeout, e.g. `idle timeout waiting for SSE`. */
  readonly idleTimeoutMessage: string;
  /** The caller's signal: when it aborts, its reason is thrown as it is. */
  readonly signal?: AbortSignal | undefined;
  /** Events to yield before any decoded one (the header phase). */
  readonly initialEvents?: readonly ResponseEvent[] | undefined;
  /** The `x-request-id` of the response. */
  readonly upstreamRequestId?: string | undefined;
  /** Maps the terminal `ApiError` to what the consumer sees (e.g. a provider's `mapApiError`). */
  readonly mapError?: ((error: ApiError) => unknown) | undefined;
  /** What a read failure of the source becomes first (the call's secrets removed). */
  readonly mapReadError?: ((error: unknown) => unknown) | undefined;
  /** Called once when the source is no longer needed. */
  readonly onRelease?: (() => void) | undefined;
  /**
   * Called for every protocol event (an SSE event, a WebSocket frame), for the end of the source
   * and for the failure, with how long the consumer waited for it (upstream `SseTelemetry`
   * `on_sse_poll`, `WebsocketTelemetry` `on_ws_event`). A failure is reported as the `ApiError`
   * the stream ends with, before any provider mapping; a user abort is not reported.
   */
  readonly onStreamEvent?: ((telemetry: StreamEventTelemetry) => void) | undefined;
}

/**
 * A streamed Responses API answer: an `AsyncIterable<ResponseEvent>` that can be consumed once.
 *
 * It yields the header-derived events first (`serverModel`, `rateLimits`…), then the events of
 * the answer, and ends either right after `completed` (the connection is released at once) or by
 * throwing exactly one error: an `ApiError` from `ResponsesClient` (the deferred
 * `response.failed` / `response.incomplete` failure, `stream error: stream closed before
 * response.completed`, `stream error: idle timeout waiting for SSE`, a dropped connection), or
 * that error mapped by the provider (a `CodexError`) from `ModelClient.stream`. An aborted signal
 * is thrown as its reason, unwrapped. Leaving the loop early (`break`, `return`, a throw) or
 * calling `cancel()` cancels the request and frees the connection.
 *
 * Pull-based: nothing is read from the network until the consumer asks, so a slow consumer
 * applies back-pressure and an abandoned stream reads nothing more. Call `cancel()` if you drop a
 * stream without iterating it.
 *
 * @example
 * const stream = await client.streamRequest({ model: 'gpt-5.1-codex', input });
 * for await (const event of stream) {
 *   if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
 * }
 */
export class ResponseStream<C = Uint8Array> extends EventStream<ResponseEvent, C> {
  /** The `x-request-id` response header, when the server sent one. */
  readonly upstreamRequestId: string | undefined;
  readonly #turn: TurnAccumulator;
  // The terminal failure, kept for `finalResponse()` calls after the stream ended.
  #failure: { readonly error: unknown } | undefined;

  /** @internal Built by `ResponsesClient`, `ModelClient` and `streamFromFixture`. */
  constructor(options: ResponseStreamOptions<C>) {
    const { idleTimeoutMessage, mapError, onStreamEvent } = options;
    const turn = new TurnAccumulator();
    for (const event of options.initialEvents ?? []) turn.record(event);
    super({
      source: options.source,
      decoder: new RecordingDecoder(options.decoder, turn),
      idleTimeoutMs: options.idleTimeoutMs,
      signal: options.signal,
      initialItems: options.initialEvents,
      onRelease: options.onRelease,
      mapReadError: options.mapReadError,
      onEventTelemetry:
        onStreamEvent === undefined
          ? undefined
          : (telemetry) =>
              onStreamEvent(
                telemetry.outcome === 'error'
                  ? { ...telemetry, error: toStreamApiError(telemetry.error, idleTimeoutMessage) }
                  : telemetry,
              ),
      mapError: (error) => {
        const apiError = toStreamApiError(error, idleTimeoutMessage);
        const mapped = mapError === undefined ? apiError : mapError(apiError);
        this.#failure = { error: mapped };
        return mapped;
      },
    });
    this.#turn = turn;
    this.upstreamRequestId = options.upstreamRequestId;
  }

  /**
   * Reads the stream to its end and resolves with what the turn produced: the response id, the
   * output text (every text delta joined), the completed output items, usage and the rate-limit
   * snapshots. Works whether or not the stream was iterated first (events already handed out
   * are included). Rejects with the stream's terminal error; a stream that was cancelled before
   * `completed` rejects with an `ApiError` saying so.
   *
   * @example
   * const { text, usage } = await (await client.stream({ model, input })).finalResponse();
   */
  async finalResponse(): Promise<TurnResult> {
    if (this.#failure !== undefined) throw this.#failure.error;
    for (;;) {
      const { done } = await this.next();
      if (done === true) break;
    }
    const result = this.#turn.result();
    if (result !== undefined) return result;
    const failure = this.#failure as { readonly error: unknown } | undefined;
    if (failure !== undefined) throw failure.error;
    throw ApiError.stream('the stream ended without response.completed (it was cancelled)');
  }

  /**
   * The output text as it arrives: an async iterable of the `outputTextDelta` strings, reading
   * this stream (other events are skipped; a failure is thrown as the stream's terminal error).
   * Leaving the loop early cancels the stream.
   *
   * @example
   * for await (const text of stream.textStream()) process.stdout.write(text);
   */
  textStream(): AsyncIterableIterator<string, undefined> {
    const stream = this;
    const iterator: AsyncIterableIterator<string, undefined> = {
      async next(): Promise<IteratorResult<string, undefined>> {
        for (;;) {
          const result = await stream.next();
          if (result.done === true) return result;
          if (result.value.type === 'outputTextDelta')
            return { value: result.value.delta, done: false };
        }
      },
      async return(): Promise<IteratorResult<string, undefined>> {
        await stream.cancel();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}

/**
 * Records every decoded event on its way to the queue (one switch per event), so that
 * `finalResponse()` can answer whether or not the caller iterated first.
 */
class RecordingDecoder<C> implements EventDecoder<C, ResponseEvent> {
  readonly #inner: EventDecoder<C, ResponseEvent>;
  readonly #turn: TurnAccumulator;

  constructor(inner: EventDecoder<C, ResponseEvent>, turn: TurnAccumulator) {
    this.#inner = inner;
    this.#turn = turn;
  }

  get finished(): boolean {
    return this.#inner.finished;
  }

  decode(chunk: C, out: ResponseEvent[]): number {
    const start = out.length;
    const events = this.#inner.decode(chunk, out);
    for (let index = start; index < out.length; index++) this.#turn.record(out[index]!);
    return events;
  }

  end(): unknown {
    return this.#inner.end();
  }

  get pending(): boolean {
    return this.#inner.pending === true;
  }

  resume(out: ResponseEvent[]): number {
    const start = out.length;
    const events = this.#inner.resume!(out);
    for (let index = start; index < out.length; index++) this.#turn.record(out[index]!);
    return events;
  }
}

/** The `ApiError` a stream's failure stands for (upstream: every stream failure is `Stream(…)`). */
function toStreamApiError(error: unknown, idleTimeoutMessage: string): ApiError {
  if (ApiError.isInstance(error)) return error;
  if (TransportError.isInstance(error)) {
    if (error.kind === 'idleTimeout') return ApiError.stream(idleTimeoutMessage, error);
    if (error.kind === 'stream') return ApiError.stream(error.detail ?? error.message, error);
    return ApiError.transport(error);
  }
  return ApiError.stream(error instanceof Error ? error.message : String(error), error);
}
